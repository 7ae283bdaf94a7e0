"""A view of the catalog that records what it is asked, so pages depend on what they read.

Whatever renders card data for a page reads the catalog through a `RecordingCatalog`. Each
card field read is noted as a `Read`: ``("model.name", "llama-2")``. A page's reads are what
make it stale: when an edit changes one of them, the page is read again, and only then. There
is no list of "fields this view shows" kept by hand beside the code that shows them.

Keys, all of the form ``(f"{kind}.{what}", card_id)``:

- ``(kind.field, id)``: that field of that card (``kind.id`` means the card exists);
- ``(kind.field, "*")``: that field of any card of the kind (``kind.id``: which cards exist);
- ``(kind.field<-, target)``: which cards of `kind` name `target` in `field` (the reverse
  index behind "models using this technique" or "children of this model");
- ``(kind, id)``: anything about that card (a read through a method, e.g. `model_dump`).

Reverse indexes are ordered by date, so reading one also reads the members' release dates
(per member for short lists; for long ones the date of any card, which is cheaper to store).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TypeVar, cast

from ..reading.loader import LoadedCard
from ..schema import CARD_TYPES, Benchmark, Card, Dataset, Model, Organization, Result, Technique
from .derived import ComputeFigure
from .store import Catalog, Edge

Read = tuple[str, str]
ANY = "*"
BACKLINK = "<-"
# A reverse-index list longer than this records "any card's date" instead of each member's.
SHORT_LIST = 50
GIT = "_git"  # the pseudo-field of a card's last-changed date from git
NEIGHBOURS = "_neighbours"  # the pseudo-field of a card's previous and next in its index

_FIELDS: dict[type[Card], frozenset[str]] = {
    cls: frozenset(cls.model_fields) for cls in CARD_TYPES.values()
}
T = TypeVar("T")
V = TypeVar("V")
C = TypeVar("C", bound=Card)


def read_key(kind: str, what: str, card_id: str = ANY) -> Read:
    # Interned: the environment is pickled whole for each chunk of a parallel read, and
    # pickle writes a string object once however many keys share it.
    return (sys.intern(f"{kind}.{what}"), card_id)


def backlink(kind: str, field: str, target: str = ANY) -> Read:
    return read_key(kind, field + BACKLINK, target)


class CardReader:
    """A card that notes each field read. `isinstance` sees the card's own class."""

    __slots__ = ("_card", "_kind", "_reads")

    def __init__(self, card: Card, reads: set[Read]) -> None:
        object.__setattr__(self, "_card", card)
        object.__setattr__(self, "_kind", card.card_kind)
        object.__setattr__(self, "_reads", reads)

    @property  # type: ignore[misc]
    def __class__(self) -> type[Card]:  # type: ignore[override]  # isinstance() asks this
        return type(self._card)

    def __getattr__(self, name: str) -> Any:
        card = self._card
        value = getattr(card, name)
        if name in _FIELDS[type(card)]:
            self._reads.add(read_key(self._kind, name, card.id))
        elif name != "card_kind":
            self._reads.add((self._kind, card.id))  # a method may read anything
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("cards are read-only")

    def __eq__(self, other: object) -> bool:
        other_card = other._card if isinstance(other, CardReader) else other
        self._reads.add((self._kind, self._card.id))
        return bool(self._card == other_card)

    def __hash__(self) -> int:
        return hash((self._kind, self._card.id))

    def __repr__(self) -> str:
        return f"CardReader({self._kind}:{self._card.id})"


def unwrap(card: Card) -> Card:
    """The plain card behind a reader (for code that must not record, e.g. exports)."""
    return cast(Card, card._card) if isinstance(card, CardReader) else card


class _Listing(dict[str, V]):
    """A dict stand-in whose listing (iteration, length, keys, items, values) is a read of
    the whole set: `_all` says what that read is. Lookups are the subclasses' own."""

    _base: Mapping[str, Any]

    def _all(self) -> None:
        raise NotImplementedError

    def __iter__(self) -> Iterator[str]:
        self._all()
        return iter(self._base)

    def __len__(self) -> int:
        self._all()
        return len(self._base)

    def keys(self) -> Any:
        self._all()
        return self._base.keys()

    def items(self) -> Any:
        self._all()
        return self._base.items()

    def values(self) -> Any:
        self._all()
        return self._base.values()


class _Index(_Listing[list[str]]):
    """A reverse index (``technique id -> models using it``) that notes each lookup."""

    def __init__(
        self, base: Mapping[str, list[str]], key: Callable[[str], Read], view: RecordingCatalog
    ) -> None:
        super().__init__()
        self._base = base
        self._key = key
        self._view = view

    def _members(self, name: str, members: list[str]) -> list[str]:
        self._view.reads.add(self._key(name))
        self._view.note_order(members)
        return members

    def __getitem__(self, name: str) -> list[str]:
        return self._members(name, self._base[name])

    def get(self, name: str, default: Any = None) -> Any:
        if name in self._base:
            return self._members(name, self._base[name])
        self._view.reads.add(self._key(name))
        return default

    def __contains__(self, name: object) -> bool:
        if isinstance(name, str):
            self._view.reads.add(self._key(name))
        return name in self._base

    def _all(self) -> None:
        self._view.reads.add(self._key(ANY))
        self._view.reads.add(read_key("model", "released"))


class _Cards(_Listing[T]):
    """Cards of one kind by id: reading one notes that card; listing them notes the set."""

    def __init__(self, kind: str, base: Mapping[str, Any], wrap: Callable[[Any], T]) -> None:
        super().__init__()
        self._kind = kind
        self._base = base
        self._wrap = wrap
        self._reads: set[Read] = set()

    def bind(self, reads: set[Read]) -> _Cards[T]:
        self._reads = reads
        return self

    def __getitem__(self, card_id: str) -> T:
        self._reads.add(read_key(self._kind, "id", card_id))
        return self._wrap(self._base[card_id])

    def get(self, card_id: str, default: Any = None) -> Any:
        self._reads.add(read_key(self._kind, "id", card_id))
        found = self._base.get(card_id)
        return default if found is None else self._wrap(found)

    def __contains__(self, card_id: object) -> bool:
        if isinstance(card_id, str):
            self._reads.add(read_key(self._kind, "id", card_id))
        return card_id in self._base

    def _all(self) -> None:
        self._reads.add(read_key(self._kind, "id"))

    def items(self) -> Any:
        self._all()
        return [(k, self._wrap(v)) for k, v in self._base.items()]

    def values(self) -> Any:
        self._all()
        return [self._wrap(v) for v in self._base.values()]


class _EntryReader:
    """A loaded card whose `card` is a reader; its file and digest count as the whole card."""

    __slots__ = ("_entry", "_reads", "card")

    def __init__(self, entry: LoadedCard, reads: set[Read]) -> None:
        self._entry = entry
        self._reads = reads
        self.card = cast(Card, CardReader(entry.card, reads))

    def __getattr__(self, name: str) -> Any:
        self._reads.add((self._entry.card.card_kind, self._entry.card.id))
        return getattr(self._entry, name)


class RecordingCatalog(Catalog):
    """The catalog as a page sees it: every answer is noted in `reads`.

    It overrides every public member of `Catalog` (a test checks that none is left out), so
    no read can slip past the record.
    """

    def __init__(
        self,
        base: Catalog,
        reads: set[Read] | None = None,
        *,
        changed: Mapping[tuple[str, str], str] | None = None,
        added: Mapping[tuple[str, str], str] | None = None,
    ) -> None:
        self.base = base
        self.reads: set[Read] = set() if reads is None else reads
        self._changed = changed or {}
        self._added = added or {}
        self.root = base.root
        self.problems = base.problems
        self.entries = {kind: self.cards(kind) for kind in base.entries}
        self.parents = cast(dict[str, list[Edge]], _Edges(self, base.parents, outgoing=True))
        self.children = cast(dict[str, list[Edge]], _Edges(self, base.children, outgoing=False))
        self.adoption = self._index(base.adoption, "model", "techniques", "objectives")
        self.technique_children = self._index(base.technique_children, "technique", "parents")
        self.by_organization = self._index(base.by_organization, "model", "organizations")
        self.by_family = self._index(base.by_family, "model", "family")
        self.by_dataset = self._index(base.by_dataset, "model", "datasets")
        self.by_benchmark = self._index(base.by_benchmark, "model", "benchmarks", "results")
        self.results_by_benchmark = cast(dict[str, list[tuple[str, Result]]], _Results(self))

    # --- plumbing -----------------------------------------------------------------------------

    def wrap(self, card: C) -> C:
        return cast("C", CardReader(card, self.reads))

    def note_order(self, model_ids: list[str]) -> None:
        """A date-ordered list of models depends on the members' dates."""
        if len(model_ids) > SHORT_LIST:
            self.reads.add(read_key("model", "released"))
        else:
            self.reads.update(read_key("model", "released", m) for m in model_ids)

    def _index(self, base: Mapping[str, list[str]], kind: str, *fields: str) -> _Index:
        def key(name: str) -> Read:
            for field in fields[1:]:
                self.reads.add(backlink(kind, field, name))
            return backlink(kind, fields[0], name)

        return _Index(base, key, self)

    # --- the members of Catalog ---------------------------------------------------------------

    def cards(self, kind: str) -> dict[str, LoadedCard]:
        wrap = cast(Callable[[LoadedCard], LoadedCard], lambda e: _EntryReader(e, self.reads))
        return _Cards(kind, self.base.cards(kind), wrap).bind(self.reads)

    def get(self, kind: str, card_id: str) -> Card | None:
        self.reads.add(read_key(kind, "id", card_id))
        card = self.base.get(kind, card_id)
        return None if card is None else self.wrap(card)

    def entry(self, kind: str, card_id: str) -> LoadedCard | None:
        self.reads.add(read_key(kind, "id", card_id))
        found = self.base.entry(kind, card_id)
        return None if found is None else cast(LoadedCard, _EntryReader(found, self.reads))

    def _typed_view(self, kind: str, base: Mapping[str, C]) -> dict[str, C]:
        return _Cards(kind, base, self.wrap).bind(self.reads)

    @property
    def models(self) -> dict[str, Model]:
        return self._typed_view("model", self.base.models)

    @property
    def techniques(self) -> dict[str, Technique]:
        return self._typed_view("technique", self.base.techniques)

    @property
    def organizations(self) -> dict[str, Organization]:
        return self._typed_view("organization", self.base.organizations)

    @property
    def benchmarks(self) -> dict[str, Benchmark]:
        return self._typed_view("benchmark", self.base.benchmarks)

    @property
    def datasets(self) -> dict[str, Dataset]:
        return self._typed_view("dataset", self.base.datasets)

    def __len__(self) -> int:
        for kind in self.base.entries:
            self.reads.add(read_key(kind, "id"))
        return len(self.base)

    def all_entries(self) -> Iterator[LoadedCard]:
        for kind in self.base.entries:
            self.reads.add(read_key(kind, "id"))
        for entry in self.base.all_entries():
            yield cast(LoadedCard, _EntryReader(entry, self.reads))

    # Reverse indexes: each lookup notes which cards' field it inverts.

    def results_for(self, benchmark_id: str) -> list[tuple[str, Result]]:
        return self.results_by_benchmark.get(benchmark_id, [])

    def neighbours(self, kind: str) -> dict[str, tuple[str | None, str | None]]:
        """Previous/next of every card: the whole order, so it depends on every card."""
        self.reads.update({read_key(kind, "id"), (kind, ANY)})
        return self.base.neighbours(kind)

    def neighbours_of(self, kind: str, card_id: str) -> tuple[str | None, str | None]:
        """One card's previous and next. Reading the whole order would make every page of
        the kind depend on every card; this notes only "the neighbours of this card", a key
        the build touches when they change (see sphinxext.events)."""
        self.reads.add(read_key(kind, NEIGHBOURS, card_id))
        return self.base.neighbours(kind).get(card_id, (None, None))

    def models_by_date(self, ids: Iterable[str] | None = None) -> list[str]:
        if ids is None:
            self.reads.update({read_key("model", "id"), read_key("model", "released")})
            return self.base.models_by_date()
        chosen = list(ids)
        self.reads.update(read_key("model", "released", i) for i in chosen)
        return self.base.models_by_date(chosen)

    def first_adopter(self, technique_id: str) -> str | None:
        users = self.adoption.get(technique_id, [])
        return users[0] if users else None

    def ancestors(self, model_id: str, depth: int | None = None) -> set[str]:
        found = self._walk(model_id, self.parents, lambda e: e.parent, depth)
        models = self.models
        return {m for m in found if m in models}

    def descendants(self, model_id: str, depth: int | None = None) -> set[str]:
        return self._walk(model_id, self.children, lambda e: e.child, depth)

    def edges_among(self, ids: set[str]) -> list[Edge]:
        parents = self.parents
        return [e for child in sorted(ids) for e in parents.get(child, []) if e.parent in ids]

    def family_members(self, model_id: str) -> list[str]:
        model = self.models[model_id]
        if not model.family:
            return []
        return [m for m in self.by_family.get(model.family, []) if m != model_id]

    def tokens_per_parameter(self, model_id: str, *, active: bool = False) -> float | None:
        from . import derived

        return derived.tokens_per_parameter(self.models[model_id], active=active)

    def training_compute(self, model_id: str) -> ComputeFigure | None:
        from . import derived

        return derived.training_compute(self.models[model_id])

    # --- git dates (not card fields, but shown on pages) --------------------------------------

    def last_changed(self, kind: str, card_id: str) -> str | None:
        self.reads.add(read_key(kind, GIT, card_id))
        return self._changed.get((kind, card_id))

    def first_added(self, kind: str, card_id: str) -> str | None:
        self.reads.add(read_key(kind, GIT, card_id))
        return self._added.get((kind, card_id))


class _Edges(dict[str, list[Edge]]):
    """Lineage edges of a model: its own `derived_from` (parents) or the cards naming it."""

    def __init__(
        self, view: RecordingCatalog, base: Mapping[str, list[Edge]], *, outgoing: bool
    ) -> None:
        super().__init__()
        self._view = view
        self._base = base
        self._outgoing = outgoing

    def _note(self, model_id: str) -> None:
        if self._outgoing:
            self._view.reads.add(read_key("model", "derived_from", model_id))
        else:
            self._view.reads.add(backlink("model", "derived_from", model_id))

    def __getitem__(self, model_id: str) -> list[Edge]:
        self._note(model_id)
        edges = self._base[model_id]
        if not self._outgoing:
            self._view.note_order([e.child for e in edges])
        return edges

    def get(self, model_id: str, default: Any = None) -> Any:
        if model_id in self._base:
            return self[model_id]
        self._note(model_id)
        return default

    def __contains__(self, model_id: object) -> bool:
        if isinstance(model_id, str):
            self._note(model_id)
        return model_id in self._base

    def __iter__(self) -> Iterator[str]:
        self._view.reads.add(read_key("model", "derived_from"))
        return iter(self._base)

    def __len__(self) -> int:
        self._view.reads.add(read_key("model", "derived_from"))
        return len(self._base)


class _Results(dict[str, list[tuple[str, Result]]]):
    """Scores reported on a benchmark: the cards whose `results` name it, and those results."""

    def __init__(self, view: RecordingCatalog) -> None:
        super().__init__()
        self._view = view

    def get(self, benchmark_id: str, default: Any = None) -> Any:
        view = self._view
        view.reads.add(backlink("model", "results", benchmark_id))
        found = view.base.results_by_benchmark.get(benchmark_id)
        if found is None:
            return default
        view.reads.update(read_key("model", "results", m) for m, _ in found)
        view.note_order([m for m, _ in found])
        return found

    def __getitem__(self, benchmark_id: str) -> list[tuple[str, Result]]:
        found = self.get(benchmark_id)
        if found is None:
            raise KeyError(benchmark_id)
        return cast(list[tuple[str, Result]], found)


def links(card: Card) -> dict[str, frozenset[str]]:
    """For each field that names other cards, the ids it names (what reverse indexes invert);
    a model's family too, which groups cards as a reference would. A field naming nothing is
    left out (readers treat a missing field as naming nothing)."""
    found: dict[str, set[str]] = {}
    for field, _kind, target in card.references():
        found.setdefault(str(field[0]), set()).add(target)
    family = getattr(card, "family", None)
    if family:
        found["family"] = {family}
    return {name: frozenset(ids) for name, ids in found.items()}
