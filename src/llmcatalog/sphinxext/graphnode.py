"""A Mermaid diagram whose nodes link to card pages.

sphinxcontrib-mermaid draws the diagram (its script loads only on pages with one). Mermaid's
strict security level turns `click` lines off, so the links ride beside the diagram as JSON
(card keys resolved to page URLs at write time) and a small script of ours attaches them.
"""

from __future__ import annotations

import json
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator
from sphinxcontrib.mermaid import mermaid

from ..render.graph import Graph, to_mermaid


class graph_links(nodes.General, nodes.Element):  # type: ignore[misc]
    """Mermaid node id -> (kind, card id); written as JSON by the HTML writer."""


def diagram(graph: Graph, kind: str, alt: str) -> list[nodes.Node]:
    code, ids = to_mermaid(graph)
    node = mermaid()
    node["code"] = code
    node["options"] = {}
    node["alt"] = alt
    links = graph_links()
    links["links"] = {mid: [kind, key] for mid, key in ids.items()}
    box = nodes.container(classes=["llm-graph"])
    box["support_smartquotes"] = False
    box += node
    box += links
    return [box]


def visit_graph_links_html(self: HTML5Translator, node: graph_links) -> None:
    domain: Any = self.builder.env.domains["llm"]
    here = self.builder.current_docname
    urls = {}
    for mid, (kind, key) in node["links"].items():
        found = domain.objects.get((kind, key))
        if found:
            urls[mid] = f"{self.builder.get_relative_uri(here, found[0])}#{found[1]}"
    # Ids are n0..nN and URLs come from docnames, but escape '<' anyway: this is inside <script>.
    payload = json.dumps(urls, sort_keys=True).replace("<", "\\u003c")
    self.body.append(f'<script type="application/json" class="llm-graph-links">{payload}</script>')
    raise nodes.SkipNode


def skip(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    app.add_node(
        graph_links,
        html=(visit_graph_links_html, None),
        latex=(skip, None),
        text=(skip, None),
        man=(skip, None),
        texinfo=(skip, None),
    )
