"""Lineage diagrams whose nodes link to card pages.

Card pages are many, so their diagrams do not go through sphinxcontrib-mermaid, whose
per-page script template costs ~13 ms a page to compile. The node below is written as a
plain `<div class="llm-mermaid">` (HTML-escaped) and one static module of ours,
`llmcatalog-graph.js`, draws it with the same pinned Mermaid (strict security level, dark
theme when the page is dark) and attaches the links. Mermaid's strict level turns `click`
lines off, so the links ride beside the diagram as JSON, resolved to page URLs at write time.
"""

from __future__ import annotations

import json

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from ..render.graph import RELATION_STYLE, Graph, to_mermaid
from .hrefs import Hrefs
from .htmlout import add_html_node, json_script, tag

# Sphinx's search index skips elements with this class. Lists of other cards' names
# (relatives, relations, neighbours, trails) would make every page that names a model match
# a search for it, and make up a sixth of a card page's words to index.
NO_SEARCH = "no-search"


class lineage_diagram(nodes.General, nodes.Element):  # type: ignore[misc]
    """Mermaid text plus Mermaid node id -> (kind, card id)."""


def diagram(graph: Graph, kind: str, alt: str) -> list[nodes.Node]:
    code, ids = to_mermaid(graph)
    node = lineage_diagram()
    node["code"] = code
    node["alt"] = alt
    node["links"] = {mid: [kind, key] for mid, key in ids.items()}
    # The first view of a model's diagram shows the model and its direct relatives.
    mids = {key: mid for mid, key in ids.items()}
    focus = next((n.key for n in graph.nodes if "llm-focus" in n.classes), None)
    node["focus"] = mids.get(focus, "") if focus else ""
    near = [e.target for e in graph.edges if e.source == focus]
    near += [e.source for e in graph.edges if e.target == focus]
    node["near"] = " ".join(sorted({mids[k] for k in near if k in mids}))
    box = nodes.container(classes=["llm-graph"])
    box["support_smartquotes"] = False
    box += node
    return [box, legend(graph)]


# What each of the diagram's line styles (`RELATION_STYLE`) stands for, in the legend.
_EDGE_LEGEND = {
    "-->": ("llm-edge-solid", "successor"),
    "-.->": (
        "llm-edge-dotted",
        "weights carried over: fine-tuned, instruction-tuned, distilled, further pretrained, "
        "merged or quantized",
    ),
    "==>": ("llm-edge-thick", "same architecture, or upcycled"),
}
_WEIGHTS = (("open", "open weights"), ("gated", "gated weights"), ("closed", "closed weights"))


def legend_items(classes: set[str], styles: set[str]) -> list[tuple[str, str]]:
    """(swatch classes, words) for the node classes and line styles a drawing uses."""
    items: list[tuple[str, str]] = [
        (f"llm-swatch llm-swatch-{kind}", label)
        for kind, label in _WEIGHTS
        if f"llm-{kind}" in classes
    ]
    if "llm-focus" in classes:
        items.append(("llm-swatch llm-swatch-focus", "this model"))
    items += [legend for style, legend in _EDGE_LEGEND.items() if style in styles]
    return items


LegendGroup = tuple[str | None, list[tuple[str, str]]]
"""A heading (or none) and its (swatch classes, words) items."""


def legend_paragraph(groups: list[LegendGroup], classes: tuple[str, ...] = ()) -> nodes.paragraph:
    """Swatches with their words, separated by dots; groups by full stops."""
    para = nodes.paragraph(classes=["llm-legend", NO_SEARCH, *classes])
    para["support_smartquotes"] = False
    for g, (heading, items) in enumerate(groups):
        if g:
            para += nodes.Text(". ")
        if heading:
            para += nodes.strong("", heading)
        for i, (cls, label) in enumerate(items):
            if heading or i:
                para += nodes.Text(" · ")
            para += nodes.inline("", "", classes=cls.split())
            para += nodes.Text(f" {label}")
    return para


def legend(graph: Graph) -> nodes.paragraph:
    """What the colours and line styles of this diagram mean (only those it uses)."""
    classes = {cls for node in graph.nodes for cls in node.classes}
    styles = {RELATION_STYLE.get(edge.label, "-->") for edge in graph.edges}
    return legend_paragraph([(None, legend_items(classes, styles))])


def visit_lineage_html(self: HTML5Translator, node: lineage_diagram) -> None:
    links = Hrefs(self.builder)
    urls = {}
    for mid, (kind, key) in node["links"].items():
        url = links.url(kind, key)
        if url:
            urls[mid] = url
    # A <div>, not a <pre> the theme makes focusable, and no role="img": the drawn nodes are
    # links, which neither may contain. Screen readers get the relation list that follows.
    attributes = {"data-focus": node.get("focus", ""), "data-near": node.get("near", "")}
    self.body.append(
        tag(self, "div", "llm-mermaid", **attributes)
        + f"{self.encode(node['code'])}</div>"
        + json_script(self, "llm-graph-links", json.dumps(urls, sort_keys=True))
    )
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    add_html_node(app, lineage_diagram, visit_lineage_html)
