"""`llm:field-tree`: every model card in one evolutionary tree, drawn in the browser.

The page carries the tree as JSON (names, dates, architecture, weights, family, relations);
`llmcatalog-fieldtree.js` lays it out with ELK and draws it as SVG with zoom and pan. Card
links are resolved when the page is written, like the lineage diagrams' links, so a card
moving to another page never leaves the tree pointing at the old one.
"""

from __future__ import annotations

import json
from typing import Any, get_args

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from ..render.fieldtree import field_tree
from ..render.format import title_name
from ..render.graph import RELATION_STYLE
from ..schema.cards import Architecture, Weights
from .directives.base import CatalogDirective
from .graphnode import legend_items, legend_paragraph
from .hrefs import Hrefs
from .htmlout import add_html_node, json_script, tag


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
        key = legend_paragraph(
            [
                (
                    "Fill: architecture",
                    [(f"llm-swatch llm-arch-{a}", a) for a in get_args(Architecture) if a in used],
                ),
                ("Outline: weights", [(f"llm-swatch llm-w-{w}", w) for w in get_args(Weights)]),
                ("Lines", legend_items(set(), set(RELATION_STYLE.values()))),
            ],
            classes=("llm-fieldtree-legend",),
        )
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
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    self.body.append(
        tag(self, "div", "llm-fieldtree-draw")
        + "</div>"
        + json_script(self, "llm-fieldtree-data", text)
    )
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    add_html_node(app, field_tree_node, visit_field_tree_html)
