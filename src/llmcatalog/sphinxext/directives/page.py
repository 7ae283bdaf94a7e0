"""`llm:page`: the body of a generated card page (its stub supplies the title)."""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes

from ...catalog.query import FILTER_FIELDS, sort_cards
from ...render import cards as parts
from ...render import depth
from ...render.charts import find_chart, scores_chart_name
from ...render.graph import lineage_graph
from ...render.tables import DEFAULT_COLUMNS, definition_table
from ...render.text import text_node, xref
from ...schema import KIND_FOLDERS, KINDS, Benchmark, Card, Dataset, Model, Organization, Technique
from ..comparepage import card_link
from ..config import LLMConfig
from ..graphnode import NO_SEARCH, diagram
from ..linklist import Item, link_list_node
from ..pages import KIND_TITLES
from ..tablenode import table_node
from .base import CatalogDirective
from .lineage import direct_relatives, neighbourhood, relation_list

NEIGHBOURHOOD_DEPTH = 2
ADOPTION_COLUMNS = [
    "name",
    "released",
    "organizations",
    "architecture",
    "parameters",
    "attention_type",
    "kv_heads",
    "experts",
]
# One more spec column where a technique's category is about it, to filter adopters by it.
ADOPTION_SPEC_COLUMN = {
    "attention": "attention_layout",
    "architecture": "attention_layout",
    "position-encoding": "positions",
    "normalization": "norm",
    "activation": "ffn",
}
USED_BY_COLUMNS = ["name", "released", "organizations", "parameters"]


def section(title: str, ident: str, *children: nodes.Node) -> nodes.section:
    """A real section (outside the page's box), so the theme lists it under "On this page"."""
    sec = nodes.section(ids=[ident])
    sec["support_smartquotes"] = False  # generated text is data, as in the box
    sec += nodes.title(title, title)
    sec.extend(children)
    return sec


class explained_in(nodes.General, nodes.Element):  # type: ignore[misc]
    """Where "Explained in: <pages>" goes; filled when the page is written, once every
    essay's references are known (see `events.fill_explained_in`)."""


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
        self.env.note_dependency(str(entry.file))
        pages = LLMConfig.of(self.env.config).pages_dir
        if self.env.docname == f"{pages}/{KIND_FOLDERS[kind]}/{card_id}":
            self.skip_smart_quotes()
        anchor = self.domain.note_card(
            kind, card_id, card.name, self.env.docname, self.get_location()
        )
        target = nodes.target("", "", ids=[anchor])
        # Name and aliases as main index entries, as they are written: the search page ranks
        # an entry matching the query ahead of pages that only mention it ("GQA" finds its
        # card first), which a suffix such as " (technique)" would prevent.
        index = addnodes.index(
            entries=[
                ("single", name, anchor, "main", None)
                for name in dict.fromkeys([card.name, *card.aliases])
                if ";" not in name  # a ';' would split the entry in two
            ]
        )
        summary = nodes.paragraph("", "", text_node(card.summary), classes=["llm-summary", "lead"])
        body = [target, index, self.trail(kind, card.name), self.pager(kind, card_id), summary]
        body += self.kind_body(card)
        body.append(section("Sources", "sources", parts.sources_list(card)))
        body.append(self.edit_links(entry.file, kind, card_id))
        # The page's own box holds what comes before the first section; the sections follow
        # it, because Sphinx's table of contents does not look for sections inside a box.
        lead = [n for n in body if not isinstance(n, nodes.section)]
        sections = [n for n in body if isinstance(n, nodes.section)]
        return [self.container(*lead, classes=["llm-page", f"llm-page-{kind}"]), *sections]

    def skip_smart_quotes(self) -> None:
        """A generated card page is all card text, shown as written: skip docutils' smart
        quotes pass for the whole page (it walks every text node, and was the costliest
        transform of a card page). Sphinx shares one settings object across documents, so
        this page gets its own copy (Sphinx copies it again when it stores the page)."""
        document = self.state.document
        if document.settings.smart_quotes:
            document.settings = document.settings.copy()
            document.settings.smart_quotes = False

    def kind_body(self, card: Card) -> list[nodes.Node]:
        if isinstance(card, Model):
            return self.model(card)
        if isinstance(card, Technique):
            return self.technique(card)
        if isinstance(card, Organization):
            return self.organization(card)
        if isinstance(card, (Benchmark, Dataset)):
            return self.used_by(card)
        return []

    # --- where the page sits -------------------------------------------------------------------

    def trail(self, kind: str, name: str) -> nodes.Node:
        """Home > The catalog > Models > this card: card pages are orphans, so the theme's
        breadcrumbs (drawn from the toctree) have no parents to show."""
        pages = LLMConfig.of(self.env.config).pages_dir
        steps: list[Item] = [
            ("", [("doc", self.env.config.root_doc, "Home")]),
            ("", [("doc", f"{pages}/index", "The catalog")]),
            ("", [("doc", f"{pages}/{KIND_FOLDERS[kind]}/index", KIND_TITLES[kind])]),
            ("", [("text", name)]),
        ]
        return link_list_node(["llm-breadcrumbs", NO_SEARCH], steps)

    def pager(self, kind: str, card_id: str) -> nodes.Node:
        """Previous and next card in the order of the kind's index. The page depends on
        who its neighbours are (and their names, through the links), not on the whole
        order: adding a card re-reads only the pages next to it."""
        before, after = self.catalog.neighbours_of(kind, card_id)
        steps: list[Item] = []
        if before is not None:
            steps.append(("", [("text", "Previous: "), ("ref", kind, before, "")]))
        if after is not None:
            steps.append(("", [("text", "Next: "), ("ref", kind, after, "")]))
        return link_list_node(["llm-pager-links", NO_SEARCH], steps)

    # --- per kind ------------------------------------------------------------------------------

    def model(self, model: Model) -> list[nodes.Node]:
        catalog = self.catalog
        out: list[nodes.Node] = [parts.model_infobox(catalog, model), card_link(model.id)]
        out += parts.description(model) + parts.highlights(model.highlights)
        out += self.depth(model)
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
            graph = lineage_graph(catalog, near, focus=model.id)
            alt = f"Lineage of {model.name}: ancestors and descendants within two steps."
            relations = relation_list(catalog, near)
            kin = direct_relatives(catalog, model.id)
            out.append(section("Lineage", "lineage", kin, *diagram(graph, "model", alt), relations))
        siblings = catalog.family_members(model.id)
        if siblings:
            items: list[Item] = [
                ("", [("ref", "model", sid, ""), ("text", f" ({catalog.models[sid].released})")])
                for sid in siblings
            ]
            listing = link_list_node([NO_SEARCH], items)
            out.append(section("Other models in this family", "family", listing))
        return out

    def depth(self, model: Model) -> list[nodes.Node]:
        """Architecture, compute and results: what practitioners put side by side."""
        out: list[nodes.Node] = []
        if model.spec is not None:
            blocks: list[nodes.Node] = [depth.spec_table(model, model.spec)]
            for variant in model.variants:
                if variant.spec is not None:
                    title = nodes.paragraph("", "", nodes.strong("", variant.name))
                    blocks += [title, depth.spec_table(model, variant.spec)]
            out.append(section("Architecture", "architecture", *blocks))
        compute = self.catalog.training_compute(model.id)
        if compute is not None or model.hardware is not None:
            rows = [
                ("Training compute", depth.compute_nodes(model, compute)),
                ("Hardware", depth.hardware_nodes(model)),
            ]
            out.append(
                section("Training compute", "compute", definition_table(rows, ["llm-infobox"]))
            )
        if model.results:
            note = nodes.paragraph(
                "",
                "",
                text_node(
                    "Scores as reported by the cited source, with the setting it states. "
                    "Scores in different settings are not comparable."
                ),
                classes=["llm-note"],
            )
            out.append(section("Results", "results", note, depth.results_table(model)))
        return out

    def technique(self, technique: Technique) -> list[nodes.Node]:
        catalog = self.catalog
        out: list[nodes.Node] = [parts.technique_infobox(catalog, technique)]
        out += parts.description(technique)
        out.append(explained_in(card_key=("technique", technique.id)))
        children = catalog.technique_children.get(technique.id, [])
        if technique.parents or children:
            listing = nodes.bullet_list()
            for label, ids in (("Builds on", technique.parents), ("Built upon by", children)):
                if ids:
                    listing += nodes.list_item("", parts.labelled_links(label, "technique", ids))
            out.append(section("Related techniques", "related", listing))
        adopters = catalog.adoption.get(technique.id, [])
        if adopters:
            cards = [catalog.models[m] for m in adopters]
            extra = ADOPTION_SPEC_COLUMN.get(technique.category)
            columns = ADOPTION_COLUMNS + ([extra] if extra else [])
            table = table_node(catalog, cards, columns)
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
        if isinstance(card, Benchmark):
            results = catalog.results_for(card.id)
            if results:
                out.append(
                    section(
                        "Reported results",
                        "results",
                        nodes.paragraph(
                            "",
                            "",
                            text_node(
                                "Each table holds scores reported in one setting; scores in "
                                "different settings are not comparable."
                            ),
                        ),
                        *depth.benchmark_results(catalog, card.id, results),
                        self.scores_chart(card),
                    )
                )
        if users:
            cards: list[Card] = [catalog.models[m] for m in users]
            ordered = sort_cards(cards, "model", None, FILTER_FIELDS["model"])
            table = table_node(catalog, ordered, USED_BY_COLUMNS)
            out.append(
                section(heading, "used-by", self.container(table, classes=["llm-table-box"]))
            )
        return out

    def scores_chart(self, card: Benchmark) -> nodes.Node:
        chart = find_chart(self.catalog, scores_chart_name(card.id))
        assert chart is not None  # the card exists: this is its page
        figure = self.chart_figure(chart)
        figure += nodes.caption(
            "",
            "",
            text_node(
                "Reported scores over time, one colour and marker per setting; each step line "
                "is the best score so far in its setting, the dashed line the highest possible "
                "score. The data is the tables above."
            ),
        )
        return self.container(figure)

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
        changed = self.catalog.last_changed(kind, card_id)
        if changed:
            para += text_node(f" · Card last changed {changed}")
        return para


def _folder(kind: str) -> str:
    return KIND_FOLDERS[kind]


def build_size(card: Dataset) -> str | None:
    from ...render.tables import _dataset_size

    return _dataset_size(card)
