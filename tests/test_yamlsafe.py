"""The quick reader (valid cards, no positions) and the careful reader agree on every input.

The quick reader gives up on anything unusual and leaves it to the careful one; these tests
check that it never accepts a file the careful reader would refuse, and that when it accepts
one, both build exactly the same data (types included: YAML's 1, 1.0 and true differ).
"""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

import yaml
from cardfactory import CORPUS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import model_cards

from llmcatalog.commands.templates import PLACEHOLDER
from llmcatalog.reading.yamlsafe import _UNUSUAL, _read_carefully, _read_plain_card, decode, parse

CATALOG = Path(__file__).resolve().parents[1] / "catalog"


def _typed(value: Any) -> Any:
    """The value with every leaf tagged by its type, so that 1, 1.0 and True differ."""
    if isinstance(value, dict):
        return {key: _typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_typed(item) for item in value]
    return (type(value).__name__, value)


def _agree(raw: bytes) -> bool:
    """Assert the two readers agree on one input; True when the quick reader accepted it."""
    text, problem = decode(raw)
    if text is None:
        assert problem is not None
        return False
    quick = _read_plain_card(text, PLACEHOLDER)
    careful = _read_carefully(text, PLACEHOLDER)
    if quick is _UNUSUAL:
        return False
    assert careful.problems == [], careful.problems
    assert careful.placeholders == []
    assert _typed(quick) == _typed(careful.data)
    return True


def test_every_catalog_card_takes_the_quick_path() -> None:
    files = sorted(CATALOG.glob("*/*.yaml"))
    assert len(files) > 300
    refused = [f.name for f in files if not _agree(f.read_bytes())]
    assert refused == []


def test_bad_corpus_is_left_to_the_careful_reader() -> None:
    accepted = {f.name for f in sorted((CORPUS / "bad").rglob("*.y*ml")) if _agree(f.read_bytes())}
    # Files whose problems are in the schema or across cards still read quickly; no file with
    # a problem in its YAML does.
    for name in (
        "alias-bomb.yaml",
        "deep-nesting.yaml",
        "duplicate-key.yaml",
        "empty-file.yaml",
        "malformed-yaml.yaml",
        "merge-key.yaml",
        "multiple-documents.yaml",
        "python-tag.yaml",
        "tab-indent.yaml",
        "todo-left.yaml",
    ):
        assert name not in accepted, name
    assert "unknown-key.yaml" in accepted  # a schema problem: the YAML itself is fine


def test_placeholders_and_tags_send_a_file_the_careful_way() -> None:
    for text in (
        "id: x\nname: TODO write the name\n",
        "id: x\nlist: [a, TODO]\n",
        "id: !!str x\n",
        "id: &a x\nname: *a\n",
        "? [a]\n: b\n",
        "a: 1\na: 2\n",
        "<<: {a: 1}\n",
        "a: !\n",
        "",
        "a: 1\n---\nb: 2\n",
        "[" * 40 + "]" * 40,
    ):
        assert _read_plain_card(text, PLACEHOLDER) is _UNUSUAL, text


def test_too_many_values_go_the_careful_way() -> None:
    from llmcatalog.reading import yamlsafe

    at_limit = "[" + ", ".join(["1"] * (yamlsafe.MAX_NODES - 1)) + "]"
    over = "[" + ", ".join(["1"] * yamlsafe.MAX_NODES) + "]"
    assert _read_plain_card(at_limit, None) is not _UNUSUAL
    assert parse(at_limit.encode()).problems == []
    assert _read_plain_card(over, None) is _UNUSUAL
    assert parse(over.encode()).problems[0].code == "size"


yamlish = st.text(alphabet=string.printable + "&*!|>%@`'\"{}[]-:?#,~<=\u00e9", max_size=200)


@settings(max_examples=3000, deadline=None)
@given(yamlish)
def test_readers_agree_on_arbitrary_text(text: str) -> None:
    _agree(text.encode("utf-8"))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(model_cards(), st.data())
def test_readers_agree_on_cards_and_damaged_cards(data: dict[str, object], draw: Any) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    assert _agree(text.encode("utf-8"))
    cut = draw.draw(st.integers(0, len(text)))
    _agree((text[:cut] + draw.draw(yamlish) + text[cut:]).encode("utf-8"))


@settings(max_examples=500, deadline=None)
@given(
    st.recursive(
        st.one_of(
            st.none(),
            st.booleans(),
            st.integers(),
            st.floats(allow_nan=False),
            st.text(max_size=20),
            st.sampled_from(["yes", "No", "on", "~", "2020-01-02", "0o17", "0x1F", "1_000", ".5"]),
        ),
        lambda children: st.one_of(
            st.lists(children, max_size=4),
            st.dictionaries(st.text(string.ascii_letters, min_size=1, max_size=8), children),
        ),
        max_leaves=30,
    )
)
def test_readers_agree_on_any_plain_data(value: Any) -> None:
    for style in (False, True, None):
        _agree(yaml.safe_dump(value, default_flow_style=style, allow_unicode=True).encode())
