"""Catalog tables as one node each, written to HTML in one pass.

A kind index lists every card: at 10,000 models a docutils table of it holds about 300,000
nodes, which every transform, the search indexer and the writer walk again. Here a table is
a single node holding its cells as plain data (see render.tables). The HTML writer resolves
its links through the `llm` domain and writes the markup in one pass, escaping all card
text. Other builders (LaTeX, text, single-page HTML, ...) get a real docutils table from the
same data, before references are resolved, so their output is unchanged.

A table longer than two pages of the browser's pager ships its rows as data: the page holds
the first page as HTML (what readers without scripts get) and every row as JSON, which the
table script renders a page at a time. A 10,000-row index then costs the browser one JSON
parse instead of building and reading 10,000 rows of markup.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from html import escape

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.writers.html5 import HTML5Translator

from ..catalog.store import Catalog
from ..render.inline import Part
from ..render.tables import table_from_rows, table_header, table_rows
from ..schema import Card
from .hrefs import Hrefs
from .htmlout import (
    Found,
    add_html_node,
    close_table,
    data_node,
    find_card,
    json_script,
    open_table,
    part_html,
)

logger = logging.getLogger(__name__)

# Rows per page of the browser's pager (llmcatalog-tables.js uses the same number); tables
# longer than two pages ship their rows as data.
PAGE_ROWS = 100


class catalog_table(data_node):
    """A table of cards: ``header`` [(title, sort)], ``rows`` of cells of parts, ``caption``."""

    def as_docutils(self) -> nodes.Element:
        return table_from_rows(self["header"], self["rows"], self["caption"] or None)


def table_node(
    catalog: Catalog,
    cards: Sequence[Card],
    columns: Sequence[str],
    caption: str | None = None,
    *,
    optional: Sequence[str] = (),
) -> catalog_table:
    """`optional` columns start hidden in the browser, which offers to show them."""
    node = catalog_table()
    node["header"] = [
        (title, f"{classes} llm-optional" if name in optional else classes)
        for name, (title, classes) in zip(columns, table_header(columns), strict=True)
    ]
    node["rows"] = table_rows(catalog, cards, columns)
    node["caption"] = caption or ""
    return node


def visit_table_html(self: HTML5Translator, node: catalog_table) -> None:
    cards = Hrefs(self.builder)

    def target(part: Part) -> Found:
        # The table has no source line of its own.
        return find_card(cards, part, node.line)

    def data(part: Part, found: tuple[str, str] | None) -> object:
        """One part as JSON: text, ["c", code] or ["a", label, href, title, kind]."""
        if part[0] == "code":
            return ["c", part[1]]
        if part[0] != "ref":
            return part[1]
        _, kind, card_id, label = part
        if found is None:
            return label or card_id
        href, name = found
        return ["a", label or name, href, name, kind]

    rows = node["rows"]
    as_data = len(rows) > 2 * PAGE_ROWS
    # The table itself opens and closes as the translator (and the theme's) opens any table;
    # the rows, thousands in a kind index, are written here in one pass.
    stand_in = nodes.table(classes=["llm-table"])
    open_table(self, stand_in)
    out = []
    if node["caption"]:
        out.append(f"<caption>{escape(node['caption'])}</caption>")
    out.append('<thead>\n<tr class="row-odd">')
    for title, classes in node["header"]:
        out.append(f'<th class="head {escape(classes)}"><p>{escape(title)}</p></th>')
    out.append("</tr>\n</thead>\n<tbody>")
    payload = []
    for number, cells in enumerate(rows):
        resolved = [[(p, target(p) if p[0] == "ref" else None) for p in parts] for parts in cells]
        if as_data:
            payload.append([[data(p, f) for p, f in parts] for parts in resolved])
            if number >= PAGE_ROWS:
                continue
        out.append(f'<tr class="row-{"odd" if number % 2 else "even"}">')
        for parts in resolved:
            out.append(f"<td><p>{''.join(part_html(p, f, cards.page) for p, f in parts)}</p></td>")
        out.append("</tr>")
    out.append("</tbody>")
    self.body.append("\n".join(out))
    close_table(self, stand_in)
    out = []
    if as_data:
        out.append(
            f'<p class="llm-table-note">The first {PAGE_ROWS} of {len(rows):,} rows. With '
            "scripts on, this table pages through all of them, and sorts and filters them; "
            "every row is also in the downloads.</p>"
        )
        text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        out.append(json_script(self, "llm-table-rows", text))
    self.body.append("\n".join(out))
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    add_html_node(app, catalog_table, visit_table_html)
