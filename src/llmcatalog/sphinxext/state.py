"""What the extension keeps between builds and hands between Sphinx events."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from sphinx.environment import BuildEnvironment

from ..catalog import Catalog
from ..schema import Card, Model, Technique

CardKey = tuple[str, str]
ALL = "*"  # in a page's uses, ("model", ALL) means "every model card"


@dataclass
class CardState:
    """Per card, what an incremental build compares."""

    digest: str
    """The whole card (file bytes and git date): its own page shows all of it."""
    fields: dict[str, int]
    """A digest of each field other pages may list (all but summary, description, highlights
    and sources): a page is re-read only when a field it shows changes."""
    summary: str
    """Its one-sentence summary, which timelines and embedded infoboxes also show."""
    refs: frozenset[CardKey]
    """The cards it names, whose pages list it."""


LISTING_EXCLUDES = {"summary", "description", "highlights", "sources"}
TEXT = ":text"  # suffix of the kind in keys of pages that show other cards' summaries


def field_key(kind: str, field_name: str, card_id: str = ALL) -> CardKey:
    """The key a page notes when it shows one field of a card (or of every card of a kind).

    A page that notes the plain ``(kind, id)`` instead is re-read when any listed field of
    the card changes. The ``id`` field never changes, so ``field_key(kind, "id")`` stands
    for "which cards exist": it is touched only when a card is added or removed.
    """
    # Interned: the environment is pickled whole for every chunk of a parallel read, and
    # pickle writes a string object once however many keys share it.
    return (sys.intern(f"{kind}.{field_name}"), card_id)


def field_digests(card: Card) -> dict[str, int]:
    """A 64-bit digest of each listed field (small in the pickled environment)."""
    import hashlib

    data = card.model_dump(mode="json", exclude=LISTING_EXCLUDES)
    return {
        sys.intern(name): int.from_bytes(
            hashlib.blake2b(repr(value).encode(), digest_size=8).digest(), "big"
        )
        for name, value in data.items()
    }


@dataclass
class EnvState:
    """Pickled with the Sphinx environment (bump the extension's env_version on change)."""

    cards: dict[CardKey, CardState] = field(default_factory=dict)


def references(card: Card) -> frozenset[CardKey]:
    """Cards whose pages show something of `card` (so they change when it does)."""
    refs: set[CardKey] = set()
    for org in getattr(card, "organizations", []):
        refs.add(("organization", org))
    if isinstance(card, Model):
        for tech in (*card.objectives, *card.techniques):
            refs.add(("technique", tech))
        for link in card.derived_from:
            refs.add(("model", link.model))
        refs.update(("dataset", d) for d in card.datasets)
        refs.update(("benchmark", b) for b in card.benchmarks)
        if card.family:
            refs.add(("family", card.family))
    if isinstance(card, Technique):
        refs.update(("technique", p) for p in card.parents)
    return frozenset(refs)


@dataclass
class BuildData:
    """What builder-inited loaded for this build: never pickled into the environment."""

    catalog: Catalog
    changed: dict[CardKey, str] = field(default_factory=dict)
    """Date each card last changed in git."""
    added: dict[CardKey, str] = field(default_factory=dict)
    """Date each card first appeared in git."""


# Keyed by source folder: directives reach it from the environment, worker processes inherit
# it when -j forks them, and two projects built in one process stay apart.
_BUILDS: dict[str, BuildData] = {}


def build_data(srcdir: object) -> BuildData:
    data = _BUILDS.get(str(srcdir))
    if data is None:  # pragma: no cover - builder-inited always runs first
        raise RuntimeError("the llmcatalog extension has not loaded the catalog yet")
    return data


def get_catalog(srcdir: object) -> Catalog:
    return build_data(srcdir).catalog


def set_build_data(srcdir: object, data: BuildData) -> None:
    _BUILDS[str(srcdir)] = data


def env_state(env: BuildEnvironment) -> EnvState:
    state = getattr(env, "llmcatalog_state", None)
    if isinstance(state, EnvState):
        return state
    fresh = EnvState()
    env.llmcatalog_state = fresh  # type: ignore[attr-defined]
    return fresh
