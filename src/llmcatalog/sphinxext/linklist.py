"""Lists of links as one node each, written to HTML in one pass.

A model page carries several lists that are mostly links to other cards: where the page sits,
the previous and next card, the direct relatives, the diagram's edges as text and the other
models of the family. As docutils lists of references they were about a third of the page's
nodes and most of its references, which every transform, the reference resolver, the search
indexer and the writer walked on every card page. Here each list is one node holding its
items as parts (see `render.inline`); the HTML writer resolves the links and writes the list
as Sphinx writes a compact bullet list. Other builders get a real bullet list from the same
parts, before references are resolved, so their output is unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from ..render.inline import Part, part_nodes
from .hrefs import Hrefs
from .htmlout import add_html_node, data_node, parts_html, tag

Item = tuple[str, list[Part]]
"""One list item: its classes (space-separated, may be empty) and its parts."""


class link_list(data_node):
    """A bullet list of parts: ``items`` [(classes, parts)]; the list's classes as usual."""

    def as_docutils(self) -> nodes.Element:
        listing = nodes.bullet_list(classes=self["classes"], ids=self["ids"])
        for classes, parts in self["items"]:
            para = nodes.paragraph("", "", *part_nodes(parts))
            listing += nodes.list_item("", para, classes=classes.split())
        return listing


def link_list_node(classes: Sequence[str], items: Sequence[Item]) -> link_list:
    node = link_list(classes=list(classes))
    node["items"] = [(item_classes, list(parts)) for item_classes, parts in items]
    return node


def visit_link_list_html(self: HTML5Translator, node: link_list) -> None:
    hrefs = Hrefs(self.builder)
    out = [self.starttag(node, "ul", CLASS="simple")]
    for classes, parts in node["items"]:
        opening = tag(self, "li", classes) if classes else "<li>"
        out.append(f"{opening}<p>{parts_html(hrefs, parts, node.line)}</p></li>\n")
    out.append("</ul>\n")
    self.body.append("".join(out))
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    add_html_node(app, link_list, visit_link_list_html)
