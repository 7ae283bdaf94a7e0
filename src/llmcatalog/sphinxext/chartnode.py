"""Live charts: a chart's Vega-Lite spec beside its static SVG images.

`llmcatalog-charts.js` draws the spec with Vega (served by the site itself) once the figure
nears the screen, and then hides the SVG images, which stay for readers without scripts.
Each point's `card` id becomes a link to the card's page when the page is written, like the
lineage diagrams' links.
"""

from __future__ import annotations

import json

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from .hrefs import Hrefs
from .htmlout import add_html_node, json_script, tag


class live_chart(nodes.General, nodes.Element):  # type: ignore[misc]
    """A Vega-Lite spec (``spec``) whose data points may name a model ``card``."""


def visit_live_chart_html(self: HTML5Translator, node: live_chart) -> None:
    cards = Hrefs(self.builder)
    spec = node["spec"]
    layers = []
    for layer in spec["layer"]:
        values = []
        for value in layer["data"]["values"]:
            if "card" in value:
                value = {**value, "href": cards.url("model", value["card"])}
            values.append(value)
        layers.append({**layer, "data": {"values": values}})
    text = json.dumps({**spec, "layer": layers}, ensure_ascii=False, separators=(",", ":"))
    self.body.append(
        tag(self, "div", "llm-vega", hidden="hidden")
        + "</div>"
        + json_script(self, "llm-vega-spec", text)
    )
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    add_html_node(app, live_chart, visit_live_chart_html)
