"""Checks that need more than one card: references, lineage cycles, dates, duplicates."""

from __future__ import annotations

import datetime as _dt
import difflib
from collections.abc import Iterator
from functools import cache
from typing import Any

from ..diagnostics import FieldPath, Problem, Severity, format_field
from ..reading.loader import LoadedCard, locate
from ..schema import Benchmark, Card, Model, Technique
from .derived import six_nd

Entries = dict[str, dict[str, LoadedCard]]


class _Reporter:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(
        self,
        entry: LoadedCard,
        field: FieldPath,
        message: str,
        code: str,
        severity: Severity = "error",
    ) -> None:
        try:
            line, column = locate(entry.file, field)
        except OSError:
            line, column = 1, 1
        self.problems.append(
            Problem(entry.path, line, column, format_field(field), message, severity, code)
        )


def cross_check(entries: Entries, today: _dt.date) -> list[Problem]:
    report = _Reporter()
    for cards in entries.values():
        for entry in cards.values():
            card = entry.card
            _check_duplicates(report, entry, card)
            _check_dates(report, entry, card, today)
            _check_figure_sources(report, entry, card)
            for field, target_kind, target in card.references():
                if target not in entries.get(target_kind, {}):
                    hint = _closest(target, entries.get(target_kind, {}))
                    report.add(
                        entry,
                        field,
                        f"unknown {target_kind} '{target}'{hint}",
                        "unknown-reference",
                    )
            if isinstance(card, Model):
                _check_lineage(report, entry, card, entries)
                _check_results(report, entry, card, entries)
                _check_compute(report, entry, card)
            if isinstance(card, Technique):
                _check_technique(report, entry, card, entries)
    _check_cycles(report, entries, "model")
    _check_cycles(report, entries, "technique")
    return report.problems


def _closest(target: str, known: dict[str, Any]) -> str:
    close = difflib.get_close_matches(target, list(known), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


_UNIQUE_LISTS = (
    "aliases",
    "organizations",
    "objectives",
    "techniques",
    "datasets",
    "benchmarks",
    "highlights",
    "parents",
    "introduced_by",
    "modalities",
)


@cache
def _present(card_type: type[Card], names: tuple[str, ...]) -> tuple[str, ...]:
    """The fields among ``names`` that a card kind has (asking a card for a field it does not
    have costs a raised and caught error on every card)."""
    return tuple(name for name in names if name in card_type.model_fields)


def _check_duplicates(report: _Reporter, entry: LoadedCard, card: Card) -> None:
    for name in _present(type(card), _UNIQUE_LISTS):
        values = getattr(card, name)
        if len(values) < 2 or len(set(values)) == len(values):
            continue
        seen: dict[Any, int] = {}
        for i, value in enumerate(values):
            if value in seen:
                report.add(
                    entry,
                    (name, i),
                    f"'{value}' is listed twice (also at {name}[{seen[value]}])",
                    "duplicate-entry",
                )
            else:
                seen[value] = i
    urls: dict[str, int] = {}
    for i, source in enumerate(card.sources):
        if source.url in urls:
            report.add(
                entry,
                ("sources", i, "url"),
                f"the same link is already sources[{urls[source.url]}]",
                "duplicate-entry",
            )
        urls.setdefault(source.url, i)
    if isinstance(card, Model):
        parents: dict[tuple[str, str], int] = {}
        for i, link in enumerate(card.derived_from):
            key = (link.model, link.relation)
            if key in parents:
                report.add(
                    entry,
                    ("derived_from", i),
                    f"'{link.model}' ({link.relation}) is listed twice",
                    "duplicate-entry",
                )
            parents.setdefault(key, i)
        names: dict[str, int] = {}
        for i, variant in enumerate(card.variants):
            if variant.name in names:
                report.add(
                    entry,
                    ("variants", i, "name"),
                    "two variants share this name",
                    "duplicate-entry",
                )
            names.setdefault(variant.name, i)


def _check_dates(report: _Reporter, entry: LoadedCard, card: Card, today: _dt.date) -> None:
    for field, value in card.dates():
        if value.earliest() > today:
            report.add(
                entry, field, f"{value} is in the future (today is {today.isoformat()})", "future"
            )


def _check_figure_sources(report: _Reporter, entry: LoadedCard, card: Card) -> None:
    keys = card.source_keys()
    for field, fig in card.figures():
        if fig.source is not None and fig.source not in keys:
            report.add(
                entry,
                (*field, "source"),
                f"no source has the key '{fig.source}'{_closest(fig.source, dict.fromkeys(keys))}",
                "unknown-source",
            )
        if fig.estimated and fig.source is None:
            report.add(
                entry,
                field,
                "an estimated figure must name the source of the estimate (source: <key>)",
                "estimate-source",
            )
    if isinstance(card, Model):
        for field, key in _block_sources(card):
            if key is not None and key not in keys:
                report.add(
                    entry,
                    (*field, "source"),
                    f"no source has the key '{key}'{_closest(key, dict.fromkeys(keys))}",
                    "unknown-source",
                )
        compute = card.training_compute
        if compute is not None and compute.estimated and compute.source is None:
            report.add(
                entry,
                ("training_compute",),
                "an estimated figure must name the source of the estimate (source: <key>)",
                "estimate-source",
            )
    if isinstance(card, Technique):
        for i, key in enumerate(card.introduced_by):
            if key not in keys:
                report.add(
                    entry, ("introduced_by", i), f"no source has the key '{key}'", "unknown-source"
                )


def _block_sources(card: Model) -> Iterator[tuple[FieldPath, str | None]]:
    """(field, source key) of every block on a model card that names its source."""
    for i, link in enumerate(card.derived_from):
        yield ("derived_from", i), link.source
    for name in ("spec", "training_compute", "hardware"):
        block = getattr(card, name)
        if block is not None:
            yield (name,), block.source
    for i, variant in enumerate(card.variants):
        if variant.spec is not None:
            yield ("variants", i, "spec"), variant.spec.source
    for i, result in enumerate(card.results):
        yield ("results", i), result.source


def _check_results(report: _Reporter, entry: LoadedCard, card: Model, entries: Entries) -> None:
    benchmarks = entries.get("benchmark", {})
    for i, result in enumerate(card.results):
        bench = benchmarks.get(result.benchmark)
        if bench is None or not isinstance(bench.card, Benchmark) or result.metric is not None:
            continue  # unknown benchmarks are reported as references; other metrics unchecked
        low, high = bench.card.score_min, bench.card.score_max
        if result.score < low or (high is not None and result.score > high):
            upper = "" if high is None else f" to {high:g}"
            report.add(
                entry,
                ("results", i, "score"),
                f"{result.score:g} is outside {result.benchmark}'s range {low:g}{upper}; "
                "write percentages as 88.5, not 0.885",
                "score-range",
            )


def _check_compute(report: _Reporter, entry: LoadedCard, card: Model) -> None:
    """Warn when a stated compute is far from 6·N·D: a unit slip or a wrong token count."""
    compute = card.training_compute
    derived = six_nd(card)
    if compute is None or derived is None:
        return
    ratio = compute.value / derived
    if ratio > 10 or ratio < 0.1:
        report.add(
            entry,
            ("training_compute",),
            f"{compute.value:.3g} FLOP is {ratio:.3g} times 6 x parameters x tokens "
            f"({derived:.3g}); check the figure, its unit and the token count",
            "compute-mismatch",
            "warning",
        )


def _check_lineage(report: _Reporter, entry: LoadedCard, card: Model, entries: Entries) -> None:
    models = entries.get("model", {})
    for i, link in enumerate(card.derived_from):
        if link.model == card.id:
            report.add(
                entry, ("derived_from", i, "model"), "a model cannot derive from itself", "self"
            )
            continue
        parent = models.get(link.model)
        if parent is None or not isinstance(parent.card, Model):
            continue
        # Warn only when no reading of the two dates puts the parent first.
        if card.released.latest() < parent.card.released.earliest():
            report.add(
                entry,
                ("derived_from", i, "model"),
                f"released {card.released}, before its parent '{link.model}' "
                f"({parent.card.released}); check both dates",
                "date-order",
                "warning",
            )
    techniques = entries.get("technique", {})
    for i, ref in enumerate(card.objectives):
        tech = techniques.get(ref)
        if (
            tech is not None
            and isinstance(tech.card, Technique)
            and tech.card.category != "pretraining-objective"
        ):
            report.add(
                entry,
                ("objectives", i),
                f"'{ref}' is a {tech.card.category} technique, not a pretraining objective; "
                "list it under techniques",
                "objective-category",
            )


def _check_technique(
    report: _Reporter, entry: LoadedCard, card: Technique, entries: Entries
) -> None:
    for i, parent in enumerate(card.parents):
        if parent == card.id:
            report.add(entry, ("parents", i), "a technique cannot be its own parent", "self")


def _check_cycles(report: _Reporter, entries: Entries, kind: str) -> None:
    """Report each lineage cycle once, at the card where the cycle is first entered."""
    cards = entries.get(kind, {})

    def parents_of(card_id: str) -> list[str]:
        parents = cards[card_id].card.lineage_parents()
        return [p for p in parents if p in cards and p != card_id]

    white, grey, black = 0, 1, 2
    colour = dict.fromkeys(cards, white)
    reported: set[frozenset[str]] = set()
    for start in sorted(cards):
        if colour[start] != white:
            continue
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(parents_of(start)))]
        path = [start]
        colour[start] = grey
        while stack:
            node, children = stack[-1]
            nxt = next(children, None)
            if nxt is None:
                colour[node] = black
                stack.pop()
                path.pop()
            elif colour[nxt] == grey:
                cycle = [*path[path.index(nxt) :], nxt]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    field = "derived_from" if kind == "model" else "parents"
                    report.add(
                        cards[cycle[0]],
                        (field,),
                        "lineage cycle: " + " -> ".join(cycle),
                        "cycle",
                    )
            elif colour[nxt] == white:
                colour[nxt] = grey
                path.append(nxt)
                stack.append((nxt, iter(parents_of(nxt))))
