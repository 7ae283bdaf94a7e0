"""`llm:field-tree`: every model card in one evolutionary tree, drawn in the browser.

The page carries the tree as JSON (names, dates, architecture, weights, family, relations);
`llmcatalog-fieldtree.js` lays it out with ELK and draws it as SVG with zoom and pan. Card
links are resolved when the page is written, like the lineage diagrams' links, so a card
moving to another page never leaves the tree pointing at the old one.
"""

from __future__ import annotations

import json
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from ..render.fieldtree import ARCHITECTURE_ORDER, field_tree
from ..render.format import title_name
from .directives.base import CatalogDirective
from .graphnode import add_html_node, legend_items
from .hrefs import Hrefs


class field_tree_node(nodes.General, nodes.Element):  # type: ignore[misc]
    """The tree's data (`field_tree`), written as JSON beside an empty drawing box."""


class FieldTreeDirective(CatalogDirective):
    """The whole catalog as one tree: rows by release month, branches by lineage."""

    def run(self) -> list[nodes.Node]:
        data = field_tree(self.catalog)
        if not data["nodes"]:
            return [self.container(nodes.paragraph("", "No model cards yet."))]
        node = field_tree_node()
        node["data"] = data
        count = len(data["nodes"])
        status = nodes.paragraph(
            "",
            f"The tree of {count} models is drawn by a script in your browser. Without it, "
            "the family trees and the timeline show the same relations and dates.",
            classes=["llm-fieldtree-status"],
        )
        used = {n["architecture"] for n in data["nodes"]}
        architectures = [a for a in ARCHITECTURE_ORDER if a in used]
        key = nodes.paragraph(classes=["llm-legend", "llm-fieldtree-legend"])
        key["support_smartquotes"] = False
        key += nodes.strong("", "Fill: architecture")
        for arch in architectures:
            key += nodes.Text(" · ")
            key += nodes.inline("", "", classes=["llm-swatch", f"llm-arch-{arch}"])
            key += nodes.Text(f" {arch}")
        key += nodes.Text(". ")
        key += nodes.strong("", "Outline: weights")
        for weights in ("open", "gated", "closed"):
            key += nodes.Text(" · ")
            key += nodes.inline("", "", classes=["llm-swatch", f"llm-w-{weights}"])
            key += nodes.Text(f" {weights}")
        key += nodes.Text(". ")
        key += nodes.strong("", "Lines")
        for cls, label in legend_items(set(), {"-->", "-.->", "==>"}):
            key += nodes.Text(" · ")
            key += nodes.inline("", "", classes=cls.split())
            key += nodes.Text(f" {label}")
        box = self.container(status, node, classes=["llm-fieldtree"])
        return [key, box]


def visit_field_tree_html(self: HTML5Translator, node: field_tree_node) -> None:
    domain: Any = self.builder.env.domains["llm"]
    data = node["data"]
    cards = Hrefs(self.builder)
    links = [cards.url("model", item["card"]) or "" for item in data["nodes"]]
    families = {}
    for family in sorted({n["family"] for n in data["nodes"] if n["family"]}):
        tree = domain.family_tree(family)
        families[family] = tree[2] if tree else title_name(family)
    payload = {**data, "links": links, "families": families}
    # Inside <script>: '<' is escaped so no card text can close the element.
    text = json.dumps(payload, sort_keys=True, separators=(",", ":")).replace("<", "\\u003c")
    self.body.append(
        f'<div class="llm-fieldtree-draw"></div>'
        f'<script type="application/json" class="llm-fieldtree-data">{text}</script>'
    )
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    add_html_node(app, field_tree_node, visit_field_tree_html)
