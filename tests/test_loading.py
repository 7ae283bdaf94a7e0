"""Loading over worker processes gives exactly what loading in one process gives."""

from __future__ import annotations

import os
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


def _loaded_alone(
    catalog: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[list[Path], loader.LoadResult]:
    """The catalog's files, and what one process loads from them (the reference)."""
    if not loader._can_fork():
        pytest.fail("this test needs the fork start method (Linux or macOS)")
    monkeypatch.chdir(catalog.parent)
    files = list(iter_card_files(Path("catalog")))
    return files, load_paths(files, workers=1)


def test_workers_give_the_same_cards_and_problems(
    mixed_catalog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files, alone = _loaded_alone(mixed_catalog, monkeypatch)
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


def test_a_worker_that_dies_or_fails_loses_no_card(
    mixed_catalog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch a worker took but never sent back, or sent back as unreadable, is read by
    the main process: every card and every problem is still there."""
    files, alone = _loaded_alone(mixed_catalog, monkeypatch)
    monkeypatch.setattr(loader, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(loader, "BATCH", 5)
    monkeypatch.setattr(loader, "WORKER_POLL_S", 0.05)
    real_read = loader._read_quickly

    def dies_after_taking_a_batch(batches: list[list[Path]], taken: object, sent: object) -> None:
        loader._take(taken, len(batches))
        os._exit(1)  # neither the batch nor the end-of-work mark is sent

    def fails_on_every_other_batch(files: list[Path]) -> list[loader.Read]:
        if os.getpid() != parent and files[0].name < "m":
            raise RuntimeError("a reader bug")
        return real_read(files)

    parent = os.getpid()
    monkeypatch.setattr(loader, "_help", dies_after_taking_a_batch)
    died = load_paths(files, workers=3)
    monkeypatch.setattr(loader, "_help", _help_as_shipped)
    monkeypatch.setattr(loader, "_read_quickly", fails_on_every_other_batch)
    failed = load_paths(files, workers=3)
    for shared in (died, failed):
        assert [c.path for c in shared.cards] == [c.path for c in alone.cards]
        assert sorted(shared.problems) == sorted(alone.problems)


_help_as_shipped = loader._help
