"""`llm:settings`: every `llmcatalog_*` setting of conf.py, its default and what it does,
generated from the typed configuration so the documentation cannot drift from the code."""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ...render.tables import definition_table
from ...render.text import inline_literal, text_node
from ..config import settings_reference


class SettingsDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        rows = [
            (name, [text_node(f"{help_text} Default: "), inline_literal(default), text_node(".")])
            for name, default, help_text in settings_reference()
        ]
        box = nodes.container(classes=["llm", "llm-settings"])
        box["support_smartquotes"] = False
        box += definition_table(rows, ["llm-settings-table"])
        return [box]
