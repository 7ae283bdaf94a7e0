"""CSV tables of the catalog and the Frictionless Data Package that describes them.

Every column comes from the card types, not from a list kept here, so a field added to the
schema appears in the CSV (and in `datapackage.json`) without a change to this module:

- nested blocks flatten to ``<field>_<subfield>`` columns (``spec_moe_experts``); a block's
  ``value`` takes the block's own name (``parameters_total``, ``context_length``);
- a date becomes an ISO date holding the first day it can mean (``2019-02`` -> ``2019-02-01``,
  which every CSV reader parses) plus ``<field>_precision`` (year, month or day);
- a list is a JSON array in one cell, so it round-trips; a list of records (``sources``,
  ``derived_from``, ``variants``, ``results``...) also gets a long table
  ``<kind>_<field>.csv`` with one row per record, keyed by ``<kind>_id`` and ``position``;
- text is plain text: card references read as the card's name, Markdown loses its markers.
"""

from __future__ import annotations

import csv
import io
import json
import types
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..catalog.store import Catalog
from ..schema import CARD_TYPES, KIND_FOLDERS, KINDS, PartialDate
from ..schema.types import TEXT_PATTERN
from .plaintext import plain_text, roles_only

Role = Literal["value", "date", "precision", "json"]
Markup = Literal["none", "roles", "markdown"]


@dataclass(frozen=True)
class Column:
    name: str
    path: tuple[str, ...]  # keys from the record's JSON dump to the value
    type: str  # a Table Schema type
    description: str
    role: Role = "value"
    markup: Markup = "none"
    enum: tuple[str, ...] = ()
    required: bool = False

    def field(self) -> dict[str, Any]:
        """This column as a Table Schema field descriptor."""
        out: dict[str, Any] = {"name": self.name, "type": self.type}
        if self.type in {"date", "array", "object"}:
            out["format"] = "default"
        if self.description:
            out["description"] = self.description
        constraints: dict[str, Any] = {}
        if self.required:
            constraints["required"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if constraints:
            out["constraints"] = constraints
        return out


@dataclass(frozen=True)
class Table:
    name: str  # resource name and file stem
    kind: str
    list_field: str | None  # None for the kind's main table
    columns: tuple[Column, ...]
    description: str

    @property
    def path(self) -> str:
        return f"{self.name}.csv"

    @property
    def key(self) -> list[str]:
        return ["id"] if self.list_field is None else [f"{self.kind}_id", "position"]


# --- columns from the card types ----------------------------------------------------------------


def _unwrap(annotation: Any) -> tuple[Any, list[Any], bool]:
    """(bare type, Annotated metadata, whether None is allowed)."""
    metadata: list[Any] = []
    optional = False
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation, *extra = get_args(annotation)
            metadata.extend(extra)
        elif origin in (Union, types.UnionType):
            members = [a for a in get_args(annotation) if a is not type(None)]
            optional = optional or len(members) < len(get_args(annotation))
            if len(members) != 1:
                return annotation, metadata, optional
            annotation = members[0]
        else:
            return annotation, metadata, optional


def _is_record(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def record_list(info: FieldInfo) -> type[BaseModel] | None:
    """The record type of a list-of-records field, such as `sources` or `results`."""
    bare, _, _ = _unwrap(info.annotation)
    if get_origin(bare) is not list:
        return None
    item, _, _ = _unwrap(get_args(bare)[0])
    return item if _is_record(item) else None


def columns(
    record: type[BaseModel],
    prefix: tuple[str, ...] = (),
    *,
    required: bool = True,
    parent_description: str = "",
) -> list[Column]:
    """The flat columns of one record type; nested blocks are flattened recursively."""
    out: list[Column] = []
    for name, info in record.model_fields.items():
        bare, metadata, optional = _unwrap(info.annotation)
        metadata += info.metadata  # pydantic lifts a field's own Annotated metadata here
        path = (*prefix, name)
        description = info.description or ""
        column_name = "_".join(path)
        if name == "value" and prefix:  # a figure's number takes the figure's name
            column_name = "_".join(prefix)
            description = parent_description or description
        needed = required and info.is_required() and not optional
        if _is_record(bare):
            out += columns(bare, path, required=needed, parent_description=description)
            continue
        if bare is PartialDate:
            out.append(Column(column_name, path, "date", description, "date", required=needed))
            out.append(
                Column(
                    f"{column_name}_precision",
                    path,
                    "string",
                    f"How precisely `{column_name}` is known: year, month or day. "
                    f"`{column_name}` holds the first day of that year or month.",
                    "precision",
                    enum=("year", "month", "day"),
                    required=needed,
                )
            )
        elif get_origin(bare) in (list, tuple, set, frozenset):
            out.append(Column(column_name, path, "array", description, "json", required=needed))
        elif get_origin(bare) is dict or bare is dict:
            out.append(Column(column_name, path, "object", description, "json", required=needed))
        else:
            kind, enum = _scalar(bare)
            markup: Markup = "none"
            if kind == "string" and not enum:
                markdown = any(getattr(m, "pattern", None) == TEXT_PATTERN for m in metadata)
                markup = "markdown" if markdown else "roles"
            out.append(Column(column_name, path, kind, description, "value", markup, enum, needed))
    return out


def _scalar(bare: Any) -> tuple[str, tuple[str, ...]]:
    if get_origin(bare) in (Union, types.UnionType):  # `int | float` is a number
        kinds = {_scalar(m)[0] for m in get_args(bare) if m is not type(None)}
        if kinds <= {"integer", "number"}:
            return ("number" if "number" in kinds else "integer"), ()
        return "string", ()
    if get_origin(bare) is Literal and all(isinstance(v, str) for v in get_args(bare)):
        return "string", tuple(get_args(bare))
    if bare is bool:
        return "boolean", ()
    if isinstance(bare, type) and issubclass(bare, int):
        return "integer", ()
    if isinstance(bare, type) and issubclass(bare, float):
        return "number", ()
    return "string", ()


def tables() -> list[Table]:
    """Every table of the export: per kind, its main table, then one per list of records."""
    out: list[Table] = []
    for kind in KINDS:
        card_type = CARD_TYPES[kind]
        folder = KIND_FOLDERS[kind]
        out.append(
            Table(folder, kind, None, tuple(columns(card_type)), _doc(card_type, f"{folder}"))
        )
        for name, info in card_type.model_fields.items():
            record = record_list(info)
            if record is None:
                continue
            keys = (
                Column(f"{kind}_id", (), "string", f"Id of the {kind} card.", required=True),
                Column(
                    "position",
                    (),
                    "integer",
                    f"Position in the card's `{name}` list, from 1.",
                    required=True,
                ),
            )
            description = f"One row per entry of each {kind} card's `{name}`. {_doc(record)}"
            out.append(
                Table(f"{kind}_{name}", kind, name, keys + tuple(columns(record)), description)
            )
    for table in out:  # `spec.attention.heads` and `spec.attention_heads` would share a name
        names = [c.name for c in table.columns]
        clash = sorted({n for n in names if names.count(n) > 1})
        if clash:
            raise ValueError(f"{table.path}: two fields flatten to {', '.join(clash)}")
    return out


def _doc(cls: type, fallback: str = "") -> str:
    return (cls.__doc__ or fallback).strip().split("\n\n")[0].replace("\n", " ")


# --- cells --------------------------------------------------------------------------------------

# Spreadsheets run a cell that starts with one of these as a formula; a leading apostrophe
# keeps it text (the OWASP advice for CSV exports). Only text columns can hold one.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def _cell(column: Column, data: Any, catalog: Catalog) -> str:
    value = data
    for key in column.path:
        value = value.get(key) if isinstance(value, dict) else None
    if value is None:
        return ""
    if column.role == "json":
        return json.dumps(value, ensure_ascii=False)
    if column.role in {"date", "precision"}:
        date = PartialDate.parse(str(value))
        return date.earliest().isoformat() if column.role == "date" else date.precision
    if column.type == "boolean":
        return "true" if value else "false"
    if column.type in {"integer", "number"}:
        return json.dumps(value)
    text = str(value)
    if column.markup != "none":

        def name_of(kind: str, card_id: str) -> str | None:
            card = catalog.get(kind, card_id)
            return card.name if card is not None else None

        if column.markup == "markdown":  # a YAML block scalar's final newline is no text
            text = plain_text(text, name_of).strip()
        else:
            text = roles_only(text, name_of)
    return _inert(text)


def rows(table: Table, catalog: Catalog) -> Iterator[list[str]]:
    cards = catalog.cards(table.kind)
    for card_id in sorted(cards):
        data = cards[card_id].card.model_dump(mode="json")
        if table.list_field is None:
            yield [_cell(c, data, catalog) for c in table.columns]
            continue
        for position, item in enumerate(data.get(table.list_field) or [], start=1):
            cells = [_cell(c, item, catalog) for c in table.columns[2:]]
            yield [card_id, str(position), *cells]


def table_csv(table: Table, catalog: Catalog) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(c.name for c in table.columns)
    writer.writerows(rows(table, catalog))
    return buffer.getvalue()


def csv_files(catalog: Catalog) -> dict[str, str]:
    """File name -> CSV text for every table, main tables first."""
    return {t.path: table_csv(t, catalog) for t in tables()}


# --- the data package ---------------------------------------------------------------------------


def datapackage() -> dict[str, Any]:
    """The Frictionless Data Package (Table Schema per file) of :func:`csv_files`."""
    resources = []
    for table in tables():
        schema: dict[str, Any] = {
            "fields": [c.field() for c in table.columns],
            "missingValues": [""],
            "primaryKey": table.key,
        }
        if table.list_field is not None:
            schema["foreignKeys"] = [
                {
                    "fields": [f"{table.kind}_id"],
                    "reference": {"resource": KIND_FOLDERS[table.kind], "fields": ["id"]},
                }
            ]
        resources.append(
            {
                "name": table.name,
                "path": table.path,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": table.description,
                "schema": schema,
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "llmcatalog",
        "title": "llmcatalog: a sourced catalog of large language models",
        "description": "Every card of the catalog as CSV tables. Lists are JSON arrays in one "
        "cell; dates hold the first day they can mean, with a `_precision` column beside; "
        "lists of records also have a long table keyed by card id and position.",
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "title": "Creative Commons Attribution 4.0 International",
                "path": "https://creativecommons.org/licenses/by/4.0/",
            }
        ],
        "resources": resources,
    }


def datapackage_json() -> str:
    return json.dumps(datapackage(), indent=2, ensure_ascii=False) + "\n"
