"""What the extension keeps between builds: per card, what an incremental build compares."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ..catalog.reads import ANY, GIT, Read, backlink, read_key
from ..schema import Card

CardKey = tuple[str, str]


@dataclass
class CardState:
    """A card as the previous build saw it."""

    fields: dict[str, int]
    """A 64-bit digest of each field (and of its git date, under `_git`)."""
    links: dict[str, frozenset[str]]
    """The ids each referencing field names: reverse indexes change when these move."""


def card_state(card: Card, git_date: str) -> CardState:
    from ..catalog.reads import links

    data = card.model_dump(mode="json")
    data[GIT] = git_date
    digests = {
        name: int.from_bytes(hashlib.blake2b(repr(value).encode(), digest_size=8).digest(), "big")
        for name, value in data.items()
    }
    return CardState(digests, links(card))


def changed_reads(key: CardKey, old: CardState | None, new: CardState | None) -> set[Read]:
    """Every read whose answer differs between the two states of one card."""
    kind, card_id = key
    if old is None and new is None:
        return set()
    if old is None or new is None:  # added or removed: every answer about it changed
        state = old or new
        assert state is not None
        names = set(state.fields)
        moved = {name: set(targets) for name, targets in state.links.items()}
    else:
        names = {
            name
            for name in old.fields.keys() | new.fields.keys()
            if old.fields.get(name) != new.fields.get(name)
        }
        moved = {
            name: set(old.links.get(name, frozenset()) ^ new.links.get(name, frozenset()))
            for name in old.links.keys() | new.links.keys()
        }
    if not names:
        return set()
    touched: set[Read] = {key, (kind, ANY)}
    for name in names:
        touched.add(read_key(kind, name, card_id))
        touched.add(read_key(kind, name, ANY))
    for name, targets in moved.items():
        for target in targets:
            touched.add(backlink(kind, name, target))
        if targets:
            touched.add(backlink(kind, name, ANY))
    if "derived_from" in names and new is not None:
        # Each parent lists its children with the edge's relation and note.
        touched.update(backlink(kind, "derived_from", t) for t in new.links.get("derived_from", ()))
    return touched
