"""`llm:downloads`: the catalog's data files, produced in this build from the validated cards."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx import addnodes

from ...catalog.reads import ANY
from ...render.tables import definition_table
from ...render.text import text_node
from ...schema import KINDS
from ..config import LLMConfig
from ..generated import DATA_DIR, download_names
from .base import CatalogDirective

DESCRIPTIONS = {
    "catalog.json": "Every card of every kind, as validated data (counts as integers).",
    "datapackage.json": "Frictionless Data description of the CSV files: every column's type, "
    "format and meaning, and the keys that join them.",
    "schema.json": "JSON Schema of one card kind, for editors and validators.",
    "_sources.csv": "One row per source of each card (joined on the card's id).",
    "_variants.csv": "One row per variant of each model.",
    "_derived_from.csv": "One row per lineage relation.",
    "_results.csv": "One row per reported benchmark result, with its setting.",
    ".csv": "One row per card of one kind; list cells hold JSON arrays, dates have a "
    "precision column.",
}


class DownloadsDirective(CatalogDirective):
    def run(self) -> list[nodes.Node]:
        # The files hold every field of every card (their sizes are on this page); they were
        # written at builder-inited, only if a card or the export code changed.
        self.catalog.reads.update((kind, ANY) for kind in KINDS)
        pages = LLMConfig.of(self.env.config).pages_dir
        folder = Path(self.env.srcdir) / pages / DATA_DIR
        rows = []
        for name in download_names():
            link = addnodes.download_reference(
                "", "", reftarget=f"/{pages}/{DATA_DIR}/{name}", refexplicit=True
            )
            link += nodes.literal(name, name)
            about = next(v for k, v in DESCRIPTIONS.items() if name.endswith(k))
            size = f"{(folder / name).stat().st_size / 1024:,.0f} KiB"
            rows.append((name, [link, text_node(f" — {about} ({size})")]))
        table = definition_table(rows, ["llm-downloads"])
        # The file names in the first column repeat the links: keep only the links.
        for entry in list(table.findall(nodes.entry)):
            if "llm-field" in entry.get("classes", []):
                entry.parent.remove(entry)
        return [self.container(table)]
