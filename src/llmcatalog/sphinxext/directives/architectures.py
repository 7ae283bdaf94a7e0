"""`llm:architectures`: models' architecture specs side by side (layers, width, heads, KV
heads, attention, positions, norm, feed-forward, experts, context)."""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives

from ...catalog.derived import some_spec
from ...catalog.query import FILTER_FIELDS, QueryError, parse_filter, sort_cards
from ...render.depth import architecture_table
from ...render.text import text_node
from ...schema import Card, Model
from .base import CatalogDirective


class ArchitecturesDirective(CatalogDirective):
    """Either `:models: a, b, c` (in that order) or a `:filter:`; only models with a spec,
    unless `:all:` is given (their spec columns then show a dash)."""

    option_spec = {
        "models": directives.unchanged,
        "filter": directives.unchanged,
        "sort": directives.unchanged,
        "limit": directives.positive_int,
        "all": directives.flag,
        "caption": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        catalog = self.catalog
        chosen: list[Card]
        if "models" in self.options:
            ids = [i.strip() for i in self.options["models"].split(",") if i.strip()]
            unknown = [i for i in ids if i not in catalog.models]
            if unknown:
                return self.problem(f"llm:architectures: unknown model(s) {', '.join(unknown)}")
            chosen = [catalog.models[i] for i in ids]
        else:
            try:
                query = parse_filter("model", self.options.get("filter", ""))
                cards: list[Card] = list(catalog.models.values())
                picked = [c for c in cards if query(c)]
                chosen = sort_cards(
                    picked, "model", self.options.get("sort"), FILTER_FIELDS["model"]
                )
            except QueryError as exc:
                return self.problem(f"llm:architectures: {exc}")
        if "all" not in self.options:
            chosen = [c for c in chosen if isinstance(c, Model) and some_spec(c) is not None]
        if "limit" in self.options:
            chosen = chosen[: self.options["limit"]]
        if not chosen:
            return [
                self.container(nodes.paragraph("", "No model here has an architecture spec yet."))
            ]
        table = architecture_table(catalog, [c.id for c in chosen])
        if "caption" in self.options:
            table.insert(0, nodes.title("", "", text_node(self.options["caption"])))
        note = nodes.paragraph(
            "",
            "",
            text_node(
                "Figures from each model's config.json or paper, as cited on its card. "
                "Heads (KV): query heads, with key-value heads in brackets. A card whose "
                "figures are given per size is shown by the size named in brackets."
            ),
            classes=["llm-note"],
        )
        return [self.container(self.container(table, classes=["llm-scroll"]), note)]
