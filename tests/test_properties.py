"""Property tests: valid cards survive every round trip; no input crashes the validator."""

from __future__ import annotations

import json
import string
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import model_cards

from llmcatalog.reading.loader import load_bytes
from llmcatalog.schema import Model


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
