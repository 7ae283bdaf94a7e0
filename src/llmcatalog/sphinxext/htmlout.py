"""Writing the extension's own nodes through the HTML translator.

Tags come from the active translator's `starttag` (which escapes attribute values and lets a
theme's translator add what it adds), tables from its `visit_table`/`depart_table` (so a theme
such as pydata-sphinx-theme wraps and classes them as it does its own). Data for the page's
scripts travels in `<script type="application/json">`, written here only.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator


def tag(self: HTML5Translator, name: str, classes: str, **attributes: str) -> str:
    """An opening tag with these classes and attributes, escaped by the translator (a
    boolean attribute is written with its own name as value: `hidden="hidden"`). A fresh
    element, so no node's ids are repeated."""
    return str(self.starttag(nodes.Element(), name, "", CLASS=classes, **attributes))


def json_script(self: HTML5Translator, classes: str, text: str) -> str:
    """A JSON payload for a page script. Every '<' is escaped: no card text inside it can
    end the element."""
    opening = tag(self, "script", classes, type="application/json")
    return opening + text.replace("<", "\\u003c") + "</script>"


def open_table(self: HTML5Translator, stand_in: nodes.table) -> None:
    """The translator's own opening of a table (and the theme's wrapper, if any)."""
    self.visit_table(stand_in)


def close_table(self: HTML5Translator, stand_in: nodes.table) -> None:
    self.depart_table(stand_in)


def skip(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


def add_html_node(app: Sphinx, node: type[nodes.Element], visit: Any) -> None:
    """Register a node the extension writes as HTML only; the other writers leave it out
    (what it shows is in the page in another form, or replaced before they run)."""
    skipped = (skip, None)
    app.add_node(node, html=(visit, None), latex=skipped, text=skipped, man=skipped,
                 texinfo=skipped)  # fmt: skip
