"""Property tests: valid cards survive every round trip; no input crashes the validator."""

from __future__ import annotations

import json
import string
from pathlib import Path
from typing import get_args

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from llmcatalog.loader import load_bytes
from llmcatalog.schema import Model
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
    .filter(bool)
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
            st.text(max_size=200).filter(lambda t: all(c.isprintable() or c == "\n" for c in t))
        )
    return card


def _load(text: str, card_id: str):
    return load_bytes(text.encode("utf-8"), "model", Path(f"{card_id}.yaml"), f"{card_id}.yaml")


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(model_cards())
def test_yaml_card_export_card_round_trip(data: dict[str, object]) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    loaded, problems = _load(text, str(data["id"]))
    assert problems == [], problems
    assert loaded is not None
    exported = json.loads(json.dumps(loaded.card.model_dump(mode="json")))
    again = Model.model_validate(exported)
    assert again == loaded.card
    # Export is a fixed point: dumping the re-imported card gives the same JSON.
    assert again.model_dump(mode="json") == exported


@settings(max_examples=10_000, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=400),
        st.text(
            alphabet=string.printable + "\t&*!|>%@`'\"{}[]-:?#,\u00e9\u202e\x00", max_size=300
        ).map(lambda t: t.encode("utf-8")),
    )
)
def test_ten_thousand_random_inputs_never_crash(raw: bytes) -> None:
    card, problems = load_bytes(raw, "model", Path("x.yaml"), "x.yaml")
    assert (card is None) == bool(problems) or card is None
    for problem in problems:
        assert problem.line >= 1 and problem.column >= 1
        assert problem.message


yamlish = st.text(alphabet=string.printable + "\t&*!|>%@`'\"{}[]-:?#,\u00e9\u202e", max_size=300)


@settings(max_examples=2000, deadline=None)
@given(yamlish)
def test_arbitrary_yaml_text_never_crashes(text: str) -> None:
    card, problems = _load(text, "x")
    assert card is not None or problems


@settings(max_examples=300, deadline=None)
@given(model_cards(), st.data())
def test_damaged_valid_cards_are_reported_not_crashed(
    data: dict[str, object], draw: st.DataObject
) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    cut = draw.draw(st.integers(0, len(text)))
    junk = draw.draw(yamlish)
    damaged = text[:cut] + junk + text[cut:]
    card, problems = _load(damaged, str(data["id"]))
    assert card is not None or problems
