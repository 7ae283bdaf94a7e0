"""Data downloads: the whole catalog as JSON, and CSV tables with their `datapackage.json`.

Both are deterministic (sorted by id, stable key order) so that diffs of exports are
meaningful, and the JSON is exactly each card's pydantic dump, so it re-imports losslessly.
The CSV layout is derived from the card types in :mod:`llmcatalog.commands.csvexport`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..catalog.store import Catalog
from ..schema import CARD_TYPES, KIND_FOLDERS, KINDS, Card
from .csvexport import csv_files, datapackage_json, table_csv, tables


def catalog_dict(catalog: Catalog) -> dict[str, list[dict[str, Any]]]:
    return {
        KIND_FOLDERS[kind]: [
            catalog.cards(kind)[card_id].card.model_dump(mode="json")
            for card_id in sorted(catalog.cards(kind))
        ]
        for kind in KINDS
    }


def to_json(catalog: Catalog) -> str:
    return json.dumps(catalog_dict(catalog), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def from_json(text: str) -> dict[str, list[Card]]:
    """Re-import an export: the inverse of :func:`to_json`."""
    data = json.loads(text)
    return {
        folder: [CARD_TYPES[kind].model_validate(item) for item in data.get(folder, [])]
        for kind, folder in KIND_FOLDERS.items()
    }


def to_csv(catalog: Catalog, kind: str) -> str:
    """The main CSV table of one kind (see :mod:`llmcatalog.commands.csvexport` for every table)."""
    (table,) = [t for t in tables() if t.kind == kind and t.list_field is None]
    return table_csv(table, catalog)


def write_csv_export(catalog: Catalog, folder: Path) -> list[Path]:
    """Every CSV table and `datapackage.json` into `folder` (created if missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {**csv_files(catalog), "datapackage.json": datapackage_json()}
    written = []
    for name, text in files.items():
        path = folder / name
        path.write_text(text, encoding="utf-8", newline="")
        written.append(path)
    return written
