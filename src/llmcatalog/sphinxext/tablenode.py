"""Catalog tables as one node each, written to HTML in one pass.

A kind index lists every card: at 10,000 models a docutils table of it holds about 300,000
nodes, which every transform, the search indexer and the writer walk again. Here a table is
a single node holding its cells as plain data (see render.tables). The HTML writer resolves
its links through the `llm` domain and writes the markup in one pass, escaping all card
text. Other builders (LaTeX, text, single-page HTML, ...) get a real docutils table from the
same data, before references are resolved, so their output is unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.writers.html5 import HTML5Translator

from ..catalog import Catalog
from ..render.tables import Part, table_from_rows, table_header, table_rows
from ..schema import Card
from .graphnode import skip

logger = logging.getLogger(__name__)

# Builders whose page URLs make plain relative links; the rest get docutils tables.
DIRECT_BUILDERS = frozenset({"html", "dirhtml"})


class catalog_table(nodes.General, nodes.Element):  # type: ignore[misc]
    """A table of cards: ``header`` [(title, sort)], ``rows`` of cells of parts, ``caption``."""


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
    domain: Any = self.builder.env.domains["llm"]
    here = self.builder.current_docname
    uris: dict[str, str] = {}  # docname -> relative URI, once per target page

    def link(part: Part) -> str:
        _, kind, card_id, label = part
        found = domain.objects.get((kind, card_id))
        if found is None:
            logger.warning(
                "unknown %s '%s'",
                kind,
                card_id,
                location=(here, node.line),  # the table has no source line of its own
                type="llmcatalog",
                subtype="ref",
            )
            return escape(label or card_id)
        docname, anchor, name = found
        if docname == here:
            href = f"#{anchor}"
        else:
            if docname not in uris:
                uris[docname] = self.builder.get_relative_uri(here, docname)
            href = f"{uris[docname]}#{anchor}"
        return (
            f'<a class="reference internal" href="{escape(href)}" title="{escape(name)}">'
            f'<span class="xref llm llm-{kind}">{escape(label or name)}</span></a>'
        )

    out = [
        '<div class="llm-table-scroll pst-scrollable-table-container">'
        '<table class="llm-table table docutils align-default">'
    ]
    if node["caption"]:
        out.append(f"<caption>{escape(node['caption'])}</caption>")
    out.append('<thead>\n<tr class="row-odd">')
    for title, classes in node["header"]:
        out.append(f'<th class="head {escape(classes)}"><p>{escape(title)}</p></th>')
    out.append("</tr>\n</thead>\n<tbody>")
    for number, cells in enumerate(node["rows"]):
        out.append(f'<tr class="row-{"odd" if number % 2 else "even"}">')
        for parts in cells:
            text = "".join(
                link(p)
                if p[0] == "ref"
                else (
                    f'<code class="docutils literal notranslate">{escape(p[1])}</code>'
                    if p[0] == "code"
                    else escape(p[1])
                )
                for p in parts
            )
            out.append(f"<td><p>{text}</p></td>")
        out.append("</tr>")
    out.append("</tbody>\n</table></div>\n")
    self.body.append("\n".join(out))
    raise nodes.SkipNode


class TableFallback(SphinxPostTransform):
    """For builders that do not write plain HTML pages: a docutils table instead. Runs
    before references are resolved, so the table's links resolve like any other."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        # Sphinx 9 names the builder class on the environment (``app`` is deprecated there).
        builder = getattr(self.env, "_builder_cls", None) or self.app.builder
        if builder.name in DIRECT_BUILDERS:
            return
        for node in list(self.document.findall(catalog_table)):
            table = table_from_rows(node["header"], node["rows"], node["caption"] or None)
            node.replace_self(table)


def setup(app: Sphinx) -> None:
    app.add_node(
        catalog_table,
        html=(visit_table_html, None),
        # TableFallback replaces the node before these writers see it.
        latex=(skip, None),
        text=(skip, None),
        man=(skip, None),
        texinfo=(skip, None),
    )
    app.add_post_transform(TableFallback)
