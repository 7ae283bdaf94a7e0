"""Every bad card in tests/corpus/bad gets exactly the expected message, line and field."""

from __future__ import annotations

import tracemalloc

import pytest
from cardfactory import CORPUS, FIXED_TODAY

from llmcatalog.catalog import load_catalog
from llmcatalog.reading.loader import load_bytes
from llmcatalog.reading.yamlsafe import parse

BAD = CORPUS / "bad"


def test_corpus_has_at_least_thirty_bad_cards() -> None:
    files = list(BAD.rglob("*.y*ml"))
    assert len(files) >= 30


def test_every_problem_is_exactly_as_expected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BAD)
    catalog = load_catalog(".", today=FIXED_TODAY)
    got = [p.format() for p in catalog.problems]
    expected = (BAD / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert got == expected


def test_every_bad_file_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    """No bad card slips through: each file (but the few valid ones) has a problem."""
    monkeypatch.chdir(BAD)
    catalog = load_catalog(".", today=FIXED_TODAY)
    reported = {p.path for p in catalog.problems}
    valid = {
        "organizations/acme.yaml",
        "techniques/rope.yaml",
        "benchmarks/quiz.yaml",
        "techniques/loop-b.yaml",
        "models/cycle-b.yaml",
    }
    for path in sorted(BAD.rglob("*.y*ml")):
        rel = path.relative_to(BAD).as_posix()
        if rel not in valid:
            assert rel in reported, f"{rel} produced no problem"


def _bomb(levels: int) -> bytes:
    lines = ["id: bomb", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, levels):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return ("\n".join(lines) + "\n").encode()


def test_billion_laughs_is_refused_with_bounded_memory() -> None:
    # Nine levels of nine-fold aliases would expand to 9**9 (387 million) strings.
    raw = _bomb(9)
    tracemalloc.start()
    doc = parse(raw)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert [p.code for p in doc.problems] == ["alias"]
    assert peak < 5_000_000, f"parsing the bomb peaked at {peak:,} bytes"


def test_alias_bomb_card_is_rejected_not_loaded(tmp_path) -> None:
    card, problems = load_bytes(_bomb(9), "model", tmp_path / "bomb.yaml", "bomb.yaml")
    assert card is None
    assert any("aliases" in p.message for p in problems)


@pytest.mark.parametrize("depth", [100, 5_000])
def test_deep_flow_nesting_is_refused_before_parsing(depth: int) -> None:
    doc = parse(b"x: " + b"[" * depth + b"]" * depth)
    assert [p.code for p in doc.problems] == ["depth"]


def test_oversized_file_is_refused() -> None:
    doc = parse(b"summary: " + b"a" * 300_000)
    assert [p.code for p in doc.problems] == ["size"]
