"""`llm:page`: the body of a generated card page (its stub supplies the title)."""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes

from ...query import FILTER_FIELDS, sort_cards
from ...render import cards as parts
from ...render.graph import lineage_graph
from ...render.tables import DEFAULT_COLUMNS
from ...render.text import text_node, xref
from ...schema import KINDS, Benchmark, Card, Dataset, Model, Organization, Technique
from ..graphnode import diagram
from ..state import build_data, references
from ..tablenode import table_node
from .base import CatalogDirective
from .lineage import neighbourhood, relation_list

NEIGHBOURHOOD_DEPTH = 2
# What card pages show of other models: a change elsewhere re-reads the page only when it
# touches one of these fields.
LINEAGE_FIELDS = ("name", "released", "access", "derived_from")
ADOPTION_COLUMNS = ["name", "released", "organizations", "architecture"]
USED_BY_COLUMNS = ["name", "released", "organizations", "parameters"]


def section(title: str, ident: str, *children: nodes.Node) -> nodes.section:
    sec = nodes.section(ids=[ident])
    sec += nodes.title(title, title)
    sec.extend(children)
    return sec


class PageDirective(CatalogDirective):
    required_arguments = 2

    def run(self) -> list[nodes.Node]:
        kind, card_id = self.arguments
        if kind not in KINDS:
            return self.problem(f"llm:page: unknown kind '{kind}'")
        entry = self.catalog.entry(kind, card_id)
        if entry is None:
            return self.problem(f"llm:page: no {kind} card '{card_id}'")
        card = entry.card
        # A card page is all data: skip docutils' smart-quotes pass, which would walk every
        # text node of the page only to leave data alone.
        self.state.document.settings.smart_quotes = False
        self.env.note_dependency(str(entry.file))
        self.uses([(kind, card_id)])
        # Names of the cards it links to (a renamed lab shows in every card that names it).
        for ref_kind, ref_id in references(card):
            if ref_kind in KINDS:
                self.uses_fields(ref_kind, [ref_id])
        anchor = self.domain.note_card(kind, card_id, card.name, self.env.docname)
        target = nodes.target("", "", ids=[anchor])
        index = addnodes.index(entries=[("single", f"{card.name} ({kind})", anchor, "", None)])
        for alias in card.aliases:
            index["entries"].append(("single", f"{alias} ({kind})", anchor, "", None))
        summary = nodes.paragraph("", "", text_node(card.summary), classes=["llm-summary", "lead"])
        body: list[nodes.Node] = [target, index, summary]
        if isinstance(card, Model):
            body += self.model(card)
        elif isinstance(card, Technique):
            body += self.technique(card)
        elif isinstance(card, Organization):
            body += self.organization(card)
        elif isinstance(card, (Benchmark, Dataset)):
            body += self.used_by(card)
        body.append(section("Sources", "sources", parts.sources_list(card)))
        body.append(self.edit_links(entry.file, kind, card_id))
        return [self.container(*body, classes=["llm-page", f"llm-page-{kind}"])]

    # --- per kind ------------------------------------------------------------------------------

    def model(self, model: Model) -> list[nodes.Node]:
        catalog = self.catalog
        out: list[nodes.Node] = [parts.model_infobox(catalog, model)]
        about = parts.description(model) + parts.highlights(model.highlights)
        if about:
            out.append(section("About", "about", *about))
        tech = nodes.bullet_list()
        for label, kind, ids in (
            ("Objectives", "technique", model.objectives),
            ("Techniques", "technique", model.techniques),
            ("Trained on", "dataset", model.datasets),
            ("Evaluated on", "benchmark", model.benchmarks),
        ):
            if ids:
                tech += nodes.list_item("", parts.labelled_links(label, kind, ids))
        if tech.children:
            out.append(section("How it was built", "techniques", tech))
        near = neighbourhood(catalog, model.id, NEIGHBOURHOOD_DEPTH)
        if len(near) > 1:
            self.uses_fields("model", near, LINEAGE_FIELDS)
            graph = lineage_graph(catalog, near, focus=model.id)
            alt = f"Lineage of {model.name}: ancestors and descendants within two steps."
            relations = relation_list(catalog, near)
            out.append(section("Lineage", "lineage", *diagram(graph, "model", alt), relations))
        siblings = catalog.family_members(model.id)
        if siblings:
            self.uses_fields("model", siblings, ("name", "released", "family"))
            self.uses([("family", model.family or "")])
            listing = nodes.bullet_list()
            for sid in siblings:
                sib = catalog.models[sid]
                para = nodes.paragraph("", "", xref("model", sid), text_node(f" ({sib.released})"))
                listing += nodes.list_item("", para)
            out.append(section(f"Family: {model.family}", "family", listing))
        return out

    def technique(self, technique: Technique) -> list[nodes.Node]:
        catalog = self.catalog
        out: list[nodes.Node] = [parts.technique_infobox(catalog, technique)]
        out += parts.description(technique)
        children = catalog.technique_children.get(technique.id, [])
        self.uses_fields("technique", children)
        if technique.parents or children:
            listing = nodes.bullet_list()
            for label, ids in (("Builds on", technique.parents), ("Built upon by", children)):
                if ids:
                    listing += nodes.list_item("", parts.labelled_links(label, "technique", ids))
            out.append(section("Related techniques", "related", listing))
        adopters = catalog.adoption.get(technique.id, [])
        self.uses_rows("model", adopters, ADOPTION_COLUMNS)
        if adopters:
            cards = [catalog.models[m] for m in adopters]
            table = table_node(catalog, cards, ADOPTION_COLUMNS)
            first = catalog.models[adopters[0]]
            note = nodes.paragraph(
                "",
                "",
                text_node("First model in the catalog to use it: "),
                xref("model", first.id),
                text_node(f" ({first.released})."),
            )
            out.append(
                section(
                    "Adoption", "adoption", note, self.container(table, classes=["llm-table-box"])
                )
            )
        return out

    def organization(self, org: Organization) -> list[nodes.Node]:
        catalog = self.catalog
        out: list[nodes.Node] = [parts.organization_infobox(catalog, org)]
        out += parts.description(org)
        models = catalog.by_organization.get(org.id, [])
        self.uses_rows("model", models, DEFAULT_COLUMNS["model"])
        if models:
            cards = [catalog.models[m] for m in models]
            table = table_node(catalog, cards, DEFAULT_COLUMNS["model"])
            out.append(
                section("Models", "models", self.container(table, classes=["llm-table-box"]))
            )
            years: dict[int, list[Model]] = {}
            for card in cards:
                years.setdefault(card.released.year, []).append(card)
            timeline = nodes.definition_list(classes=["llm-timeline"])
            for year in sorted(years):
                item = nodes.definition_list_item()
                item += nodes.term("", str(year))
                para = nodes.paragraph()
                for i, card in enumerate(years[year]):
                    if i:
                        para += text_node(", ")
                    para += xref("model", card.id)
                item += nodes.definition("", para)
                timeline += item
            out.append(section("Timeline", "timeline", timeline))
        return out

    def used_by(self, card: Benchmark | Dataset) -> list[nodes.Node]:
        catalog = self.catalog
        if isinstance(card, Benchmark):
            fields = [
                ("Category", card.category),
                ("Introduced", str(card.introduced)),
                ("Measures", card.measures),
                ("Metric", card.metric),
                ("Items", f"{card.size:,}" if card.size else None),
            ]
            users = catalog.by_benchmark.get(card.id, [])
            heading = "Models reporting results on it"
        else:
            size = build_size(card)
            fields = [
                ("Introduced", str(card.introduced)),
                ("Size", size),
                (
                    "Data downloadable",
                    None if card.open is None else ("yes" if card.open else "no"),
                ),
                ("License", card.license),
            ]
            users = catalog.by_dataset.get(card.id, [])
            heading = "Models trained on it"
        out: list[nodes.Node] = [parts.generic_infobox(fields)]
        if card.organizations:
            out.append(parts.labelled_links("Made by", "organization", card.organizations))
        out += parts.description(card)
        self.uses_rows("model", users, USED_BY_COLUMNS)
        if users:
            cards: list[Card] = [catalog.models[m] for m in users]
            ordered = sort_cards(cards, "model", None, FILTER_FIELDS["model"])
            table = table_node(catalog, ordered, USED_BY_COLUMNS)
            out.append(
                section(heading, "used-by", self.container(table, classes=["llm-table-box"]))
            )
        return out

    def edit_links(self, file: object, kind: str, card_id: str) -> nodes.Node:
        config = self.env.config
        repo = config.llmcatalog_repo_url.rstrip("/")
        para = nodes.paragraph(classes=["llm-edit"])
        if repo:
            path = f"{config.llmcatalog_repo_catalog_path}/{_folder(kind)}/{card_id}.yaml"
            branch = config.llmcatalog_repo_branch
            para += nodes.reference("", "Edit this card", refuri=f"{repo}/edit/{branch}/{path}")
            para += text_node(" · ")
            para += nodes.reference("", "History", refuri=f"{repo}/commits/{branch}/{path}")
        changed = build_data(self.env.srcdir).changed.get((kind, card_id))
        if changed:
            para += text_node(f" · Card last changed {changed}")
        return para


def _folder(kind: str) -> str:
    from ...schema import KIND_FOLDERS

    return KIND_FOLDERS[kind]


def build_size(card: Dataset) -> str | None:
    from ...render.tables import _dataset_size

    return _dataset_size(card)
