"""Hypothesis strategies for card data, shared by the property tests."""

from __future__ import annotations

from typing import get_args

from hypothesis import strategies as st

from llmcatalog.schema.cards import Architecture, Relation, SourceKind

slugs = st.from_regex(r"\A[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}\Z")
# Text as contributors write it: printable, single line, no surrounding spaces.
lines = (
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Cf"), blacklist_characters="\x85"
        ),
        min_size=1,
        max_size=40,
    )
    .map(str.strip)
    .filter(
        lambda t: bool(t) and not t.startswith("TODO")
    )  # the placeholder marks unfinished cards
)
counts = st.integers(min_value=1, max_value=10**15)
suffixed = st.tuples(st.integers(1, 999), st.sampled_from("KMBT")).map(lambda t: f"{t[0]}{t[1]}")
dates = st.dates(
    min_value=__import__("datetime").date(1990, 1, 1),
    max_value=__import__("datetime").date(2025, 12, 31),
)
partial_dates = st.one_of(
    dates.map(lambda d: d.isoformat()),
    dates.map(lambda d: d.isoformat()[:7]),
    dates.map(lambda d: d.year),
)
figures = st.one_of(
    counts,
    suffixed,
    st.fixed_dictionaries({"value": counts}, optional={"note": lines}),
)
urls = st.builds(lambda host, path: f"https://{host}.org/{path}", slugs, slugs)
sources = st.lists(
    st.fixed_dictionaries(
        {"title": lines, "url": urls, "kind": st.sampled_from(get_args(SourceKind))},
        optional={"date": partial_dates},
    ),
    min_size=1,
    max_size=3,
    unique_by=lambda s: s["url"],
)


@st.composite
def model_cards(draw: st.DrawFn) -> dict[str, object]:
    card: dict[str, object] = {
        "id": draw(slugs),
        "name": draw(lines),
        "organizations": draw(st.lists(slugs, min_size=1, max_size=3, unique=True)),
        "released": draw(partial_dates),
        "architecture": draw(st.sampled_from(get_args(Architecture))),
        "access": {"weights": draw(st.sampled_from(["open", "gated", "closed"]))},
        "summary": draw(lines),
        "sources": draw(sources),
    }
    if draw(st.booleans()):
        total = draw(counts)
        active = draw(st.integers(1, total))
        card["parameters"] = {"total": total, "active": active} if draw(st.booleans()) else total
    if draw(st.booleans()):
        card["context_length"] = draw(figures)
    if draw(st.booleans()):
        card["techniques"] = draw(st.lists(slugs, max_size=5, unique=True))
    if draw(st.booleans()):
        card["derived_from"] = draw(
            st.lists(
                st.fixed_dictionaries(
                    {"model": slugs, "relation": st.sampled_from(get_args(Relation))}
                ),
                max_size=2,
            )
        )
    if draw(st.booleans()):
        card["aliases"] = draw(st.lists(lines, max_size=3))
    if draw(st.booleans()):
        card["description"] = draw(
            st.text(max_size=200).filter(
                # A text starting with the placeholder is an unfinished card, not a valid one.
                lambda t: all(c.isprintable() or c == "\n" for c in t) and not t.startswith("TODO")
            )
        )
    return card
