"""Data downloads: the whole catalog as JSON, and one flat CSV per card kind.

Both are deterministic (sorted by id, stable key order) so that diffs of exports are
meaningful, and the JSON is exactly each card's pydantic dump, so it re-imports losslessly.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .catalog import Catalog
from .schema import CARD_TYPES, KIND_FOLDERS, KINDS, Card, Dataset, DatasetSize

# Flat columns per kind: (header, getter). Lists are joined with "; ".
_LIST_SEP = "; "


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


def _flat(card: Card) -> dict[str, str]:
    row: dict[str, str] = {}
    for name, value in card.model_dump(mode="json").items():
        if name == "sources":
            row["sources"] = _LIST_SEP.join(s["url"] for s in value)
        elif name == "derived_from":
            row[name] = _LIST_SEP.join(f"{d['model']} ({d['relation']})" for d in value)
        elif name == "variants":
            row[name] = _LIST_SEP.join(v["name"] for v in value)
        elif name == "parameters":
            for part in ("total", "active"):
                fig = (value or {}).get(part)
                row[f"parameters_{part}"] = str(fig["value"]) if fig else ""
                row[f"parameters_{part}_status"] = (
                    ("estimated" if fig["estimated"] else "disclosed") if fig else ""
                )
        elif name in {"context_length", "training_tokens"}:
            row[name] = str(value["value"]) if value else ""
            row[f"{name}_status"] = (
                ("estimated" if value["estimated"] else "disclosed") if value else ""
            )
        elif name == "access":
            for key, item in value.items():
                row[f"access_{key}"] = "" if item is None else str(item).lower()
        elif name == "size" and isinstance(card, Dataset):
            for key in DatasetSize.model_fields:
                item = (value or {}).get(key)
                row[f"size_{key}"] = str(item["value"]) if item else ""
        elif isinstance(value, list):
            row[name] = _LIST_SEP.join(str(v) for v in value)
        elif value is None:
            row[name] = ""
        elif isinstance(value, bool):
            row[name] = str(value).lower()
        else:
            row[name] = str(value)
    return row


# Spreadsheets run a cell that starts with one of these as a formula; a leading apostrophe
# keeps it text (the OWASP advice for CSV exports). JSON keeps every value as it is.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def to_csv(catalog: Catalog, kind: str) -> str:
    rows = [
        {k: _inert(v) for k, v in _flat(catalog.cards(kind)[i].card).items()}
        for i in sorted(catalog.cards(kind))
    ]
    header: list[str] = []
    for row in rows:
        header.extend(k for k in row if k not in header)
    if not rows:
        header = list(CARD_TYPES[kind].model_fields)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n", extrasaction="raise")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()
