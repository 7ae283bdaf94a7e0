"""`llm:table` and `llm:index`: filtered, sorted tables of cards."""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives

from ...catalog.query import FILTER_FIELDS, QueryError, parse_filter, sort_cards
from ...render.format import counted
from ...render.tables import (
    DEFAULT_COLUMNS,
    INDEX_COLUMNS,
    INDEX_OPTIONAL,
    ColumnError,
    check_columns,
)
from ...schema import KINDS, Card
from ..comparepage import compare_sentence
from ..tablenode import table_node
from .base import CatalogDirective


def _kind(value: str) -> str:
    return str(directives.choice(value.strip(), KINDS))


class TableDirective(CatalogDirective):
    """A table of cards: columns by field name, a declarative filter, a sort order."""

    has_content = False
    option_spec = {
        "kind": _kind,
        "columns": directives.unchanged,
        "filter": directives.unchanged,
        "sort": directives.unchanged,
        "limit": directives.positive_int,
        "caption": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        kind = self.options.get("kind", "model")
        columns = [c.strip() for c in self.options.get("columns", "").split(",") if c.strip()]
        columns = columns or DEFAULT_COLUMNS[kind]
        try:
            check_columns(columns)
            query = parse_filter(kind, self.options.get("filter", ""))
            cards: list[Card] = [e.card for e in self.catalog.cards(kind).values()]
            chosen = [c for c in cards if query(c)]
            ordered = sort_cards(chosen, kind, self.options.get("sort"), FILTER_FIELDS[kind])
        except (QueryError, ColumnError) as exc:
            return self.problem(f"llm:table: {exc}")
        if "limit" in self.options:
            ordered = ordered[: self.options["limit"]]
        if not ordered:
            return [self.container(nodes.paragraph("", "No cards match this filter."))]
        table = table_node(self.catalog, ordered, columns, self.options.get("caption"))
        count = nodes.paragraph("", f"{len(ordered)} {kind}s", classes=["llm-count"])
        return [self.container(table, count, classes=["llm-table-box"])]


class KindIndexDirective(CatalogDirective):
    """Every card of one kind, in the default columns (the kind's index page)."""

    required_arguments = 1
    option_spec: dict[str, object] = {}

    def run(self) -> list[nodes.Node]:
        kind = _kind(self.arguments[0])
        cards = [e.card for e in self.catalog.cards(kind).values()]
        ordered = sort_cards(cards, kind, None, FILTER_FIELDS[kind])
        intro = nodes.paragraph(
            "",
            f"All {counted(len(ordered), f'{kind} card')}. Click a column heading to sort; "
            "type words in the box, or use the menus and ranges, to filter; the page's "
            "address keeps your choices, so the view can be shared.",
        )
        if kind == "model":
            # Written with the page, where the site's pages are known; without a compare
            # page there is no sentence (see `comparepage.compare_sentence`).
            intro += compare_sentence()
        columns = INDEX_COLUMNS.get(kind, DEFAULT_COLUMNS[kind])
        optional = INDEX_OPTIONAL.get(kind, [])
        table = table_node(self.catalog, ordered, [*columns, *optional], optional=optional)
        return [self.container(intro, table, classes=["llm-table-box"])]
