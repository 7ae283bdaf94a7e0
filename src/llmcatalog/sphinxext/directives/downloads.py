"""`llm:downloads`: the catalog's data files, produced in this build from the validated cards."""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes

from ...render.tables import definition_table
from ...render.text import text_node
from ..events import DATA_DIR, download_files
from .base import CatalogDirective

DESCRIPTIONS = {
    "catalog.json": "Every card of every kind, as validated data (counts as integers).",
    "schema.json": "JSON Schema of one card kind, for editors and validators.",
    ".csv": "One row per card of one kind; lists joined with '; '.",
}


class DownloadsDirective(CatalogDirective):
    def run(self) -> list[nodes.Node]:
        # The files hold every field of every card (their sizes are on this page).
        self.env.note_reread()
        pages = self.env.config.llmcatalog_pages_dir
        rows = []
        for name, text in download_files(self.catalog).items():
            link = addnodes.download_reference(
                "", "", reftarget=f"/{pages}/{DATA_DIR}/{name}", refexplicit=True
            )
            link += nodes.literal(name, name)
            about = next(v for k, v in DESCRIPTIONS.items() if name.endswith(k))
            size = f"{len(text.encode('utf-8')) / 1024:,.0f} KiB"
            rows.append((name, [link, text_node(f" — {about} ({size})")]))
        table = definition_table(rows, ["llm-downloads"])
        # The file names in the first column repeat the links: keep only the links.
        for entry in list(table.findall(nodes.entry)):
            if "llm-field" in entry.get("classes", []):
                entry.parent.remove(entry)
        return [self.container(table)]
