"""Commands that take paths work from any folder, not only from the repository's root."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cardfactory import commit_all, model_text, write_card

SCRIPT = Path(sys.executable).parent / "llmcatalog"


@pytest.fixture
def far_catalog(tiny_catalog: Path, tmp_path: Path) -> Path:
    """The tiny catalog under a folder not named `catalog`, away from the working folder."""
    target = tmp_path / "store" / "cards"
    shutil.copytree(tiny_catalog, target)
    shutil.rmtree(tiny_catalog)
    return target


def llmcatalog(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "LLMCATALOG_ROOT"}
    return subprocess.run(
        [str(SCRIPT), *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def test_validate_a_catalog_given_by_absolute_path(far_catalog: Path, tmp_path: Path) -> None:
    done = llmcatalog(tmp_path, "validate", str(far_catalog))
    assert done.returncode == 0, done.stderr
    assert "ok: checked 4 card file(s)" in done.stderr
    done = llmcatalog(tmp_path, "validate", str(far_catalog / "models" / "child.yaml"))
    assert done.returncode == 0, done.stderr
    assert "ok: checked 1 card file(s)" in done.stderr
    done = llmcatalog(tmp_path, "validate", str(far_catalog / "models"))
    assert "ok: checked 2 card file(s)" in done.stderr, done.stderr


def test_problems_are_found_and_located_from_elsewhere(far_catalog: Path, tmp_path: Path) -> None:
    (far_catalog / "models" / "base.yaml").unlink()  # child still derives from it
    done = llmcatalog(tmp_path, "validate", str(far_catalog))
    assert done.returncode == 1
    assert "store/cards/models/child.yaml:" in done.stdout
    assert "'base'" in done.stdout
    # --catalog with a relative path is relative to the working folder.
    done = llmcatalog(tmp_path / "store", "--catalog", "cards", "validate")
    assert done.returncode == 1 and "child.yaml" in done.stdout


def test_every_command_accepts_an_absolute_catalog(far_catalog: Path, tmp_path: Path) -> None:
    cat = ["--catalog", str(far_catalog)]
    done = llmcatalog(tmp_path, *cat, "stats")
    assert done.returncode == 0 and "model              2" in done.stdout, done.stdout
    out = tmp_path / "out.json"
    assert llmcatalog(tmp_path, *cat, "export", "-o", str(out)).returncode == 0
    assert [m["id"] for m in json.loads(out.read_text())["models"]] == ["base", "child"]
    done = llmcatalog(tmp_path, *cat, "new", "model", "base-2")
    assert done.returncode == 0, done.stderr
    assert (far_catalog / "models" / "base-2.yaml").is_file()
    assert llmcatalog(tmp_path, *cat, "schema", "-o", "schemas").returncode == 0
    assert (tmp_path / "schemas" / "model.schema.json").is_file()


def test_diff_from_another_folder(far_catalog: Path, tmp_path: Path) -> None:
    commit_all(far_catalog.parent, "one")
    write_card(far_catalog, "model", "third", model_text("third"))
    done = llmcatalog(tmp_path, "--catalog", str(far_catalog), "diff", "HEAD")
    assert done.returncode == 0, done.stderr
    assert "model third" in done.stdout


def test_without_a_catalog_every_command_says_so(tmp_path: Path) -> None:
    for args in (["validate"], ["stats"], ["export"], ["new", "model", "x"]):
        done = llmcatalog(tmp_path, *args)
        assert done.returncode == 2, args
        assert f"catalog folder not found: {tmp_path / 'catalog'}" in done.stderr, args
        assert "--catalog DIR" in done.stderr
    assert list(tmp_path.iterdir()) == []  # `new` wrote nothing where there is no catalog
