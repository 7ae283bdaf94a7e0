"""Loading over worker processes gives exactly what loading in one process gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cardfactory import CATALOG, CORPUS, FIXED_TODAY

from llmcatalog.catalog import load_catalog
from llmcatalog.reading import loader
from llmcatalog.reading.loader import iter_card_files, load_paths


@pytest.fixture
def mixed_catalog(tmp_path: Path) -> Path:
    """The real catalog with the bad corpus mixed into its folders, and a file without read
    permission (readable all the same when the tests run as root)."""
    root = tmp_path / "catalog"
    shutil.copytree(CATALOG, root, ignore=shutil.ignore_patterns("schema"))
    for file in (CORPUS / "bad").rglob("*"):
        if file.is_file() and file.parent != CORPUS / "bad":
            target = root / file.relative_to(CORPUS / "bad")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(file, target.with_name("bad-" + file.name))
    locked = root / "models" / "locked.yaml"
    locked.write_text("id: locked\n", encoding="utf-8")
    locked.chmod(0)
    yield root
    locked.chmod(0o644)


def test_workers_give_the_same_cards_and_problems(
    mixed_catalog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not loader._can_fork():
        pytest.fail("this test needs the fork start method (Linux or macOS)")
    monkeypatch.chdir(mixed_catalog.parent)
    files = list(iter_card_files(Path("catalog")))
    alone = load_paths(files, workers=1)
    # Small batches so that results arrive while this process still reads its own share.
    monkeypatch.setattr(loader, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(loader, "BATCH", 7)
    shared = load_paths(files, workers=3)
    assert len(alone.cards) > 350
    assert [c.path for c in shared.cards] == [c.path for c in alone.cards]
    assert [(c.card, c.file, c.digest) for c in shared.cards] == [
        (c.card, c.file, c.digest) for c in alone.cards
    ]
    assert sorted(shared.problems) == sorted(alone.problems)
    assert any(p.path.endswith("locked.yaml") for p in alone.problems)
    assert any(p.path.endswith("bad-duplicate-key.yaml") for p in alone.problems)


def test_catalog_is_the_same_either_way(
    mixed_catalog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = load_catalog(mixed_catalog, today=FIXED_TODAY)
    monkeypatch.setattr(loader, "PARALLEL_MIN_FILES", 1)
    shared = load_catalog(mixed_catalog, today=FIXED_TODAY)
    assert shared.entries == alone.entries
    assert shared.problems == alone.problems
    assert shared.problems  # the bad corpus is in there
