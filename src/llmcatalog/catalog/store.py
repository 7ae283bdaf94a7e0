"""The validated catalog as a whole: indexes, the lineage graph, technique adoption, figures.

Everything that pages, tables, exports and the CLI compute over many cards lives here, so
that they all agree. No Sphinx, no docutils.
"""

from __future__ import annotations

import datetime as _dt
import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from ..diagnostics import Problem
from ..reading.loader import LoadedCard, iter_card_files, load_paths
from ..schema import (
    KINDS,
    Benchmark,
    Card,
    Dataset,
    Model,
    Organization,
    Result,
    Technique,
)
from . import derived
from .crosscheck import cross_check

C = TypeVar("C", bound=Card)


@dataclass(frozen=True, slots=True)
class Edge:
    """A lineage edge: ``child`` derives from ``parent`` by ``relation``."""

    child: str
    parent: str
    relation: str
    source: str | None = None


@dataclass
class Catalog:
    """Every valid card, by kind and id, with the indexes other layers query."""

    root: Path
    entries: dict[str, dict[str, LoadedCard]]
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._build_indexes()

    # --- access ------------------------------------------------------------------------------

    def cards(self, kind: str) -> dict[str, LoadedCard]:
        return self.entries.get(kind, {})

    def get(self, kind: str, card_id: str) -> Card | None:
        entry = self.entries.get(kind, {}).get(card_id)
        return entry.card if entry else None

    def entry(self, kind: str, card_id: str) -> LoadedCard | None:
        return self.entries.get(kind, {}).get(card_id)

    def _typed(self, kind: str, cls: type[C]) -> dict[str, C]:
        return {k: v.card for k, v in self.cards(kind).items() if isinstance(v.card, cls)}

    @property
    def models(self) -> dict[str, Model]:
        return self._models

    @property
    def techniques(self) -> dict[str, Technique]:
        return self._techniques

    @property
    def organizations(self) -> dict[str, Organization]:
        return self._typed("organization", Organization)

    @property
    def benchmarks(self) -> dict[str, Benchmark]:
        return self._typed("benchmark", Benchmark)

    @property
    def datasets(self) -> dict[str, Dataset]:
        return self._typed("dataset", Dataset)

    def __len__(self) -> int:
        return sum(len(v) for v in self.entries.values())

    def all_entries(self) -> Iterator[LoadedCard]:
        for kind in KINDS:
            yield from (self.cards(kind)[k] for k in sorted(self.cards(kind)))

    # --- indexes -----------------------------------------------------------------------------

    def _build_indexes(self) -> None:
        self._neighbours: dict[str, dict[str, tuple[str | None, str | None]]] = {}
        self._models = self._typed("model", Model)
        self._techniques = self._typed("technique", Technique)
        self.parents: dict[str, list[Edge]] = defaultdict(list)
        self.children: dict[str, list[Edge]] = defaultdict(list)
        self.adoption: dict[str, list[str]] = defaultdict(list)
        self.technique_children: dict[str, list[str]] = defaultdict(list)
        self.by_organization: dict[str, list[str]] = defaultdict(list)
        self.by_family: dict[str, list[str]] = defaultdict(list)
        self.by_dataset: dict[str, list[str]] = defaultdict(list)
        self.by_benchmark: dict[str, list[str]] = defaultdict(list)
        self.results_by_benchmark: dict[str, list[tuple[str, Result]]] = defaultdict(list)
        for model_id in self.models_by_date():
            model = self._models[model_id]
            for link in model.derived_from:
                edge = Edge(model_id, link.model, link.relation, link.source)
                self.parents[model_id].append(edge)
                if link.model in self._models:
                    self.children[link.model].append(edge)
            for technique in dict.fromkeys([*model.objectives, *model.techniques]):
                self.adoption[technique].append(model_id)
            for org in model.organizations:
                self.by_organization[org].append(model_id)
            if model.family:
                self.by_family[model.family].append(model_id)
            for dataset in model.datasets:
                self.by_dataset[dataset].append(model_id)
            for benchmark in model.benchmarks:
                self.by_benchmark[benchmark].append(model_id)
            for result in model.results:
                self.results_by_benchmark[result.benchmark].append((model_id, result))
                if result.benchmark not in model.benchmarks:
                    self.by_benchmark[result.benchmark].append(model_id)
        for tech_id in sorted(self._techniques):
            for parent in self._techniques[tech_id].parents:
                self.technique_children[parent].append(tech_id)

    def neighbours(self, kind: str) -> dict[str, tuple[str | None, str | None]]:
        """Each card's previous and next card in its kind index's default order."""
        cached = self._neighbours.get(kind)
        if cached is None:
            from .query import FILTER_FIELDS, sort_cards

            cards = [entry.card for entry in self.cards(kind).values()]
            ids = [c.id for c in sort_cards(cards, kind, None, FILTER_FIELDS[kind])]
            cached = {
                card_id: (ids[i - 1] if i else None, ids[i + 1] if i + 1 < len(ids) else None)
                for i, card_id in enumerate(ids)
            }
            self._neighbours[kind] = cached
        return cached

    def models_by_date(self, ids: Iterable[str] | None = None) -> list[str]:
        """Model ids oldest first; ties by id, so every listing has one stable order."""
        chosen = self._models if ids is None else {i: self._models[i] for i in ids}
        return sorted(chosen, key=lambda i: (chosen[i].released.sort_key(), i))

    def first_adopter(self, technique_id: str) -> str | None:
        users = self.adoption.get(technique_id, [])
        return users[0] if users else None

    def ancestors(self, model_id: str, depth: int | None = None) -> set[str]:
        """Models it derives from, within `depth` steps (parents without a card left out)."""
        found = self._walk(model_id, self.parents, lambda e: e.parent, depth)
        return {m for m in found if m in self.models}

    def descendants(self, model_id: str, depth: int | None = None) -> set[str]:
        return self._walk(model_id, self.children, lambda e: e.child, depth)

    @staticmethod
    def _walk(start: str, graph: dict[str, list[Edge]], step: Any, depth: int | None) -> set[str]:
        seen: set[str] = set()
        frontier = [start]
        level = 0
        while frontier and (depth is None or level < depth):
            nxt = []
            for node in frontier:
                for edge in graph.get(node, []):
                    target = step(edge)
                    if target not in seen and target != start:
                        seen.add(target)
                        nxt.append(target)
            frontier = nxt
            level += 1
        return seen

    def edges_among(self, ids: set[str]) -> list[Edge]:
        """Lineage edges whose two ends are both in ``ids``, in a stable order."""
        found = [e for child in sorted(ids) for e in self.parents.get(child, []) if e.parent in ids]
        return found

    def family_members(self, model_id: str) -> list[str]:
        model = self._models[model_id]
        if not model.family:
            return []
        return [m for m in self.by_family[model.family] if m != model_id]

    # --- derived figures ---------------------------------------------------------------------

    def tokens_per_parameter(self, model_id: str, *, active: bool = False) -> float | None:
        """Training tokens per total (or, with `active`, per active) parameter."""
        return derived.tokens_per_parameter(self._models[model_id], active=active)

    def training_compute(self, model_id: str) -> derived.ComputeFigure | None:
        """Stated training compute, else 6·N·D from the card's figures, with its status."""
        return derived.training_compute(self._models[model_id])

    def results_for(self, benchmark_id: str) -> list[tuple[str, Result]]:
        """(model id, result) for every reported score on a benchmark, oldest model first."""
        return self.results_by_benchmark.get(benchmark_id, [])


@contextmanager
def _no_gc_pauses() -> Iterator[None]:
    """Loading creates many objects and frees few: the cyclic collector would scan the growing
    heap again and again (a third of the time at 10,000 cards) to find nothing to free."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_catalog(
    root: Path | str, *, today: _dt.date | None = None, extra_files: Iterable[Path] = ()
) -> Catalog:
    """Load, validate and cross-check every card under ``root``.

    Cards with errors are left out of the catalog and reported in ``problems``; the rest of the
    catalog is still usable, so one bad card never hides the others' problems.
    """
    with _no_gc_pauses():
        return _load_catalog(Path(root), today or _dt.date.today(), extra_files)


def _load_catalog(root: Path, today: _dt.date, extra_files: Iterable[Path]) -> Catalog:
    files = [*iter_card_files(root), *extra_files]
    result = load_paths(files)
    entries: dict[str, dict[str, LoadedCard]] = {kind: {} for kind in KINDS}
    problems = list(result.problems)
    for loaded in result.cards:
        kind = loaded.card.card_kind
        previous = entries[kind].get(loaded.card.id)
        if previous is not None:
            problems.append(
                Problem(
                    loaded.path,
                    1,
                    1,
                    "id",
                    f"duplicate {kind} id '{loaded.card.id}' (also in {previous.path})",
                    code="duplicate-id",
                )
            )
            continue
        entries[kind][loaded.card.id] = loaded
    problems.extend(cross_check(entries, today))
    # Cards that failed a cross-check stay in the catalog: their own data is valid.
    return Catalog(root, entries, sorted(set(problems)))
