"""`llm:timeline`, `llm:card`, `llm:compare`, `llm:adoption` and `llm:overview`."""

from __future__ import annotations

from typing import get_args

from docutils import nodes
from docutils.parsers.rst import directives

from ...catalog.query import QueryError, parse_filter
from ...render import cards as parts
from ...render.format import counted
from ...render.inline import part_nodes, parts_text
from ...render.tables import definition_table
from ...render.text import text_node, xref
from ...schema import KINDS, Card, Model, Technique
from ...schema.cards import TechniqueCategory
from .base import CatalogDirective


def _years(text: str) -> tuple[int, int]:
    low, _, high = text.partition("..")
    try:
        start = int(low) if low.strip() else 1900
        end = int(high) if high.strip() else (start if not _ else 9999)
    except ValueError as exc:
        raise ValueError(f"'{text}' is not a year or a range such as 2018..2020") from exc
    return start, end


class TimelineDirective(CatalogDirective):
    """Models and techniques by year, month by month."""

    option_spec = {
        "years": directives.unchanged,
        "kinds": directives.unchanged,
        "filter": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        try:
            start, end = _years(self.options.get("years", ".."))
        except ValueError as exc:
            return self.problem(f"llm:timeline: {exc}")
        kinds = [k.strip() for k in self.options.get("kinds", "model, technique").split(",")]
        bad = [k for k in kinds if k not in ("model", "technique")]
        if bad:
            return self.problem(f"llm:timeline: kinds must be model and/or technique, not {bad}")
        events: list[tuple[tuple[int, int, int], str, Card]] = []
        try:
            query = parse_filter("model", self.options.get("filter", ""))
        except QueryError as exc:
            return self.problem(f"llm:timeline: {exc}")
        if "model" in kinds:
            for model in self.catalog.models.values():
                if start <= model.released.year <= end and query(model):
                    events.append((model.released.sort_key(), "model", model))
        if "technique" in kinds:
            for tech in self.catalog.techniques.values():
                if tech.introduced and start <= tech.introduced.year <= end:
                    events.append((tech.introduced.sort_key(), "technique", tech))
        events.sort(key=lambda e: (e[0], e[1], e[2].id))
        if not events:
            return [self.container(nodes.paragraph("", "Nothing in the catalog for these years."))]
        timeline = nodes.definition_list(classes=["llm-timeline"])
        by_year: dict[int, list[tuple[str, Card]]] = {}
        for key, kind, card in events:
            by_year.setdefault(key[0], []).append((kind, card))
        for year, items in sorted(by_year.items()):
            item = nodes.definition_list_item()
            item += nodes.term("", str(year))
            listing = nodes.bullet_list()
            for kind, card in items:
                date = getattr(card, "released", None) or getattr(card, "introduced", None)
                para = nodes.paragraph()
                para += nodes.inline("", str(date), classes=["llm-date"])
                para += text_node(" ")
                para += xref(kind, card.id)
                para += nodes.inline("", f" {kind}", classes=["llm-kind-badge", f"llm-{kind}"])
                para += text_node(f" — {card.summary}")
                listing += nodes.list_item("", para)
            item += nodes.definition("", listing)
            timeline += item
        return [self.container(timeline)]


class CardDirective(CatalogDirective):
    """The infobox of one card inside an essay."""

    required_arguments = 1
    option_spec = {"kind": lambda v: directives.choice(v, KINDS)}

    def run(self) -> list[nodes.Node]:
        kind = self.options.get("kind", "model")
        card_id = self.arguments[0]
        card = self.catalog.get(kind, card_id)
        if card is None:
            return self.problem(f"llm:card: unknown {kind} '{card_id}'")
        title = nodes.paragraph("", "", xref(kind, card_id), classes=["llm-card-title"])
        summary = nodes.paragraph("", "", text_node(card.summary))
        if isinstance(card, Model):
            box = parts.model_infobox(self.catalog, card)
        elif isinstance(card, Technique):
            box = parts.technique_infobox(self.catalog, card)
        else:
            box = definition_table([("Summary", [text_node(card.summary)])], ["llm-infobox"])
        # Citations [n] point at the card page's sources, not at this essay.
        for cite in list(box.findall(nodes.superscript)):
            if any("llm-cite" in r.get("classes", []) for r in cite.findall(nodes.reference)):
                cite.parent.remove(cite)
        return [self.container(title, summary, box, classes=["llm-card"])]


COMPARE_ROWS: list[tuple[str, str]] = [
    ("Organizations", "organizations"),
    ("Released", "released"),
    ("Architecture", "architecture"),
    ("Parameters", "parameters"),
    ("Active parameters", "active_parameters"),
    ("Context length", "context_length"),
    ("Training tokens", "training_tokens"),
    ("Tokens per parameter", "tokens_per_parameter"),
    ("Weights", "access"),
    ("License", "license"),
    ("Objectives", "objectives"),
    ("Techniques", "techniques"),
]


class CompareDirective(CatalogDirective):
    """2 to 4 models side by side; rows where they differ are highlighted."""

    required_arguments = 2
    optional_arguments = 2

    def run(self) -> list[nodes.Node]:
        from ...render.tables import COLUMNS

        ids = self.arguments
        missing = [i for i in ids if i not in self.catalog.models]
        if missing:
            return self.problem(f"llm:compare: unknown model(s) {', '.join(missing)}")
        models = [self.catalog.models[i] for i in ids]
        table = nodes.table(classes=["llm-compare"])
        group = nodes.tgroup(cols=len(models) + 1)
        table += group
        # Widths in characters (the text writer takes them as they are; 1 would wrap every
        # value one character to a line, which is also very slow).
        for width in (20, *([30] * len(models))):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        group += head
        row = nodes.row()
        row += nodes.entry("", nodes.paragraph("", "", text_node("Field")))
        for model in models:
            row += nodes.entry("", nodes.paragraph("", "", xref("model", model.id)))
        head += row
        body = nodes.tbody()
        group += body
        for label, column in COMPARE_ROWS:
            cells = [COLUMNS[column].cell(self.catalog, m) for m in models]
            texts = {parts_text(cell) for cell in cells}
            differs = len(texts) > 1
            row = nodes.row(classes=["llm-diff"] if differs else [])
            label_text = f"{label} (differs)" if differs else label
            row += nodes.entry("", nodes.paragraph("", "", nodes.strong(label_text, label_text)))
            for cell in cells:
                row += nodes.entry("", nodes.paragraph("", "", *part_nodes(cell)))
            body += row
        return [self.container(table, classes=["llm-table-box"])]


_CATEGORIES = get_args(TechniqueCategory)


class AdoptionDirective(CatalogDirective):
    """Which models use which techniques of one category, oldest model first."""

    option_spec = {
        "category": lambda v: directives.choice(v, _CATEGORIES),
        "filter": directives.unchanged,
        "limit": directives.positive_int,
    }

    def run(self) -> list[nodes.Node]:
        if "category" not in self.options:
            return self.problem("llm:adoption needs :category:")
        category = self.options["category"]
        catalog = self.catalog
        try:
            query = parse_filter("model", self.options.get("filter", ""))
        except QueryError as exc:
            return self.problem(f"llm:adoption: {exc}")
        techniques = sorted(
            (t for t in catalog.techniques.values() if t.category == category),
            key=lambda t: (t.introduced.sort_key() if t.introduced else (9999, 0, 0), t.id),
        )
        techniques = [t for t in techniques if catalog.adoption.get(t.id)]
        if not techniques:
            return [
                self.container(
                    nodes.paragraph(
                        "", f"No model in the catalog lists a {category} technique yet."
                    )
                )
            ]
        tech_ids = {t.id for t in techniques}
        models = [
            catalog.models[m]
            for m in catalog.models_by_date()
            if query(catalog.models[m])
            and tech_ids & {*catalog.models[m].techniques, *catalog.models[m].objectives}
        ]
        if "limit" in self.options:
            models = models[-self.options["limit"] :]
        firsts = {t.id: catalog.first_adopter(t.id) for t in techniques}
        table = nodes.table(classes=["llm-adoption"])
        group = nodes.tgroup(cols=len(techniques) + 2)
        table += group
        for width in (24, 12, *([12] * len(techniques))):  # characters, as above
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        row = nodes.row()
        for title in ("Model", "Released"):
            row += nodes.entry("", nodes.paragraph("", "", text_node(title)))
        for tech in techniques:
            row += nodes.entry("", nodes.paragraph("", "", xref("technique", tech.id)))
        head += row
        group += head
        body = nodes.tbody()
        group += body
        for model in models:
            used = {*model.techniques, *model.objectives}
            row = nodes.row()
            row += nodes.entry("", nodes.paragraph("", "", xref("model", model.id)))
            row += nodes.entry("", nodes.paragraph("", "", text_node(str(model.released))))
            for tech in techniques:
                if tech.id in used:
                    mark = "★ first" if firsts[tech.id] == model.id else "●"
                    label = "yes, first adopter" if firsts[tech.id] == model.id else "yes"
                    # The mark is for the eye; the label (hidden visually) is what is read out.
                    cell = nodes.inline("", "", classes=["llm-yes"])
                    cell += nodes.inline("", mark)
                    cell += nodes.inline("", f" {label}", classes=["llm-visually-hidden"])
                else:
                    cell = nodes.inline("", "", classes=["llm-no"])
                row += nodes.entry("", nodes.paragraph("", "", cell))
            body += row
        legend = nodes.paragraph(
            "",
            f"● uses the technique; ★ first model in the catalog to use it. "
            f"{counted(len(models), 'model')}.",
        )
        return [self.container(table, legend, classes=["llm-table-box"])]


class OverviewDirective(CatalogDirective):
    """Counts per kind, for the catalog's front page."""

    def run(self) -> list[nodes.Node]:
        listing = nodes.bullet_list()
        for kind in KINDS:
            count = len(self.catalog.cards(kind))
            para = nodes.paragraph("", "", text_node(counted(count, f"{kind} card")))
            listing += nodes.list_item("", para)
        edges = sum(len(m.derived_from) for m in self.catalog.models.values())
        listing += nodes.list_item("", nodes.paragraph("", f"{edges} lineage relations"))
        return [self.container(listing)]


__all__ = [
    "AdoptionDirective",
    "CardDirective",
    "CompareDirective",
    "OverviewDirective",
    "TimelineDirective",
]
