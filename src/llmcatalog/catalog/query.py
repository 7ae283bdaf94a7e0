"""A small declarative filter language over cards, parsed and checked, never evaluated.

    architecture: decoder-only; released: 2020..2022; techniques: rope, alibi; access: open

Clauses are separated by `;` and all must hold. A value `a..b` is an inclusive range (either
end may be empty) over years, dates or counts; `a, b` means any of them. For list fields
(techniques, organizations, ...) a clause holds when any element matches.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..schema import Card, Figure, PartialDate, parse_count
from .derived import some_spec, spec_of


class QueryError(ValueError):
    """A filter or sort that does not parse or names an unknown field."""


Getter = Callable[[Any], Any]  # takes the card kind it is registered for


def _figure_value(fig: Figure | None) -> int | None:
    return fig.value if fig is not None else None


def _spec(card: Any, field: str) -> Any:
    """A figure of the spec describing the card's main model (see `derived.headline_spec`)."""
    spec = spec_of(card)
    return getattr(spec, field) if spec is not None else None


def _year(card: Card) -> int | None:
    date = getattr(card, "released", None) or getattr(card, "introduced", None)
    return date.year if date is not None else None


# Fields a filter may name, per kind: field -> getter. Ranges apply to numbers and dates.
_COMMON: dict[str, Getter] = {
    "id": lambda c: c.id,
    "name": lambda c: c.name,
    "year": _year,
}
FILTER_FIELDS: dict[str, dict[str, Getter]] = {
    "model": {
        **_COMMON,
        "released": lambda c: c.released,
        "architecture": lambda c: c.architecture,
        "organizations": lambda c: c.organizations,
        "techniques": lambda c: [*c.objectives, *c.techniques],
        "objectives": lambda c: c.objectives,
        "family": lambda c: c.family,
        "access": lambda c: c.access.weights,
        "weights": lambda c: c.access.weights,
        "api": lambda c: c.access.api,
        "modalities": lambda c: c.modalities,
        "datasets": lambda c: c.datasets,
        "benchmarks": lambda c: c.benchmarks,
        "parameters": lambda c: _figure_value(c.parameters.total) if c.parameters else None,
        "active_parameters": lambda c: _figure_value(c.parameters.active) if c.parameters else None,
        "context_length": lambda c: _figure_value(c.context_length),
        "training_tokens": lambda c: _figure_value(c.training_tokens),
        "moe": lambda c: bool(c.parameters and c.parameters.active),
        "layers": lambda c: _spec(c, "layers"),
        "attention_heads": lambda c: _spec(c, "attention_heads"),
        "kv_heads": lambda c: _spec(c, "kv_heads"),
        "experts": lambda c: spec.moe.experts if (spec := spec_of(c)) and spec.moe else None,
        "attention_layout": lambda c: (
            spec.attention.layout if (spec := spec_of(c)) and spec.attention else None
        ),
        "has_spec": lambda c: some_spec(c) is not None,
    },
    "technique": {
        **_COMMON,
        "category": lambda c: c.category,
        "introduced": lambda c: c.introduced,
        "parents": lambda c: c.parents,
    },
    "organization": {**_COMMON, "kind": lambda c: c.kind, "country": lambda c: c.country},
    "benchmark": {
        **_COMMON,
        "category": lambda c: c.category,
        "introduced": lambda c: c.introduced,
        "organizations": lambda c: c.organizations,
    },
    "dataset": {
        **_COMMON,
        "introduced": lambda c: c.introduced,
        "organizations": lambda c: c.organizations,
        "open": lambda c: c.open,
    },
}


@dataclass(frozen=True)
class Clause:
    field: str
    choices: tuple[str, ...] = ()
    low: Any = None
    high: Any = None
    is_range: bool = False

    def matches(self, value: Any) -> bool:
        values = value if isinstance(value, list) else [value]
        return any(self._one(v) for v in values)

    def _one(self, value: Any) -> bool:
        if value is None:
            return False
        if self.is_range:
            key = _comparable(value)
            if key is None:
                return False
            low = _comparable(self.low) if self.low is not None else None
            high = _comparable(self.high, upper=True) if self.high is not None else None
            return (low is None or key >= low) and (high is None or key <= high)
        text = str(value).lower()
        return text in self.choices


def _comparable(value: Any, upper: bool = False) -> tuple[int, ...] | None:
    """Years, partial dates and counts compare on one scale; a year range bound covers the
    whole year (2022 as an upper bound means up to 2022-12-31)."""
    if isinstance(value, PartialDate):
        return value.sort_key()
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return (value,) if value > 9999 else (value, 13 if upper else 0, 32 if upper else 0)
    return None


@dataclass(frozen=True)
class Query:
    kind: str
    clauses: tuple[Clause, ...]

    def __call__(self, card: Card) -> bool:
        fields = FILTER_FIELDS[self.kind]
        return all(c.matches(fields[c.field](card)) for c in self.clauses)


def parse_filter(kind: str, text: str) -> Query:
    fields = FILTER_FIELDS.get(kind)
    if fields is None:
        raise QueryError(f"unknown card kind '{kind}'")
    clauses = []
    for raw in text.split(";"):
        raw = raw.strip()
        if not raw:
            continue
        name, sep, value = raw.partition(":")
        name = name.strip()
        if not sep or not value.strip():
            raise QueryError(f"'{raw}' is not a clause; write field: value")
        if name not in fields:
            close = difflib.get_close_matches(name, list(fields), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise QueryError(
                f"cannot filter {kind}s on '{name}'{hint} (fields: {', '.join(sorted(fields))})"
            )
        clauses.append(_parse_value(name, value.strip()))
    return Query(kind, tuple(clauses))


def _parse_bound(text: str) -> Any:
    text = text.strip()
    if not text:
        return None
    if text.isdigit() and len(text) == 4:
        return int(text)
    try:
        return PartialDate.parse(text)
    except ValueError:
        pass
    try:
        return parse_count(text)
    except Exception as exc:  # pydantic's error type: the message is what matters
        raise QueryError(f"'{text}' is neither a year, a date nor a count") from exc


def _parse_value(name: str, value: str) -> Clause:
    if ".." in value:
        low, _, high = value.partition("..")
        if ".." in high:
            raise QueryError(f"'{value}' has more than one '..'")
        return Clause(name, low=_parse_bound(low), high=_parse_bound(high), is_range=True)
    choices = tuple(v.strip().lower() for v in value.split(",") if v.strip())
    if name == "year" and len(choices) == 1 and choices[0].isdigit():
        year = int(choices[0])  # `year: 2019` is the range 2019..2019
        return Clause(name, low=year, high=year, is_range=True)
    return Clause(name, choices=choices)


# The field each kind's tables are sorted by unless a sort is given.
DEFAULT_SORT = {
    "model": "released",
    "technique": "introduced",
    "organization": "name",
    "benchmark": "introduced",
    "dataset": "introduced",
}


def sort_cards(
    cards: Sequence[Card], kind: str, spec: str | None, getters: dict[str, Getter]
) -> list[Card]:
    """Sort by a column (prefix `-` for descending); missing values always sort last."""
    if not spec:
        spec = DEFAULT_SORT[kind]
    descending = spec.startswith("-")
    name = spec.lstrip("-")
    getter = getters.get(name) or FILTER_FIELDS[kind].get(name)
    if getter is None:
        raise QueryError(f"cannot sort {kind}s by '{name}'")
    present: list[tuple[Any, Card]] = []
    missing: list[tuple[Any, Card]] = []
    for card in cards:
        value = getter(card)
        (missing if value is None or value == [] else present).append((value, card))
    present.sort(key=lambda pair: (_sort_key(pair[0]), pair[1].id), reverse=descending)
    missing.sort(key=lambda pair: pair[1].id)
    return [card for _, card in present] + [card for _, card in missing]


def _sort_key(value: Any) -> Any:
    if isinstance(value, PartialDate):
        return (0, value.sort_key(), "")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (1, (value,), "")
    if isinstance(value, list):
        return (2, (), ", ".join(map(str, value)).lower())
    return (2, (), str(value).lower())
