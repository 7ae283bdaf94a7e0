"""The distributions, as `python -m build` makes them and `twine check` judges them."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
from cardfactory import REPO


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(REPO)],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return out


def _sdist(dist: Path) -> tarfile.TarFile:
    (path,) = dist.glob("*.tar.gz")
    return tarfile.open(path)


def test_twine_accepts_both_distributions(dist: Path) -> None:
    files = sorted(str(p) for p in dist.iterdir())
    assert len(files) == 2 and any(f.endswith(".whl") for f in files)
    done = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("PASSED") == 2


def test_wheel_holds_the_package_data_and_both_licenses(dist: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    info = next(n.split("/")[0] for n in names if ".dist-info/" in n)
    assert {f"{info}/licenses/LICENSE", f"{info}/licenses/LICENSE-DATA"} <= names
    assert "llmcatalog/py.typed" in names
    static = REPO / "src" / "llmcatalog" / "sphinxext" / "static"
    assert {f"llmcatalog/sphinxext/static/{p.name}" for p in static.iterdir()} <= names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    metadata = zipfile.ZipFile(wheel).read(f"{info}/METADATA").decode()
    assert "License-Expression: MIT AND CC-BY-4.0" in metadata


def test_sdist_holds_every_tracked_file_the_tests_need(dist: Path) -> None:
    with _sdist(dist) as sdist:
        names = {n.split("/", 1)[1] for n in sdist.getnames() if "/" in n}
    tracked = subprocess.run(
        ["git", "ls-files", "catalog", "tests", "docs", "benchmarks", "src"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    present = [t for t in tracked if (REPO / t).exists()]  # deleted in the working tree
    assert present and set(present) <= names, sorted(set(present) - names)[:20]
    assert {"LICENSE", "LICENSE-DATA", ".pre-commit-hooks.yaml", "noxfile.py"} <= names
    assert not [n for n in names if n.startswith(("docs/_build/", "docs/cards/"))]
    assert not [n for n in names if "__pycache__" in n]


def test_tests_run_from_the_unpacked_sdist(dist: Path, tmp_path: Path) -> None:
    with _sdist(dist) as sdist:
        sdist.extractall(tmp_path, filter="data")
    (root,) = tmp_path.iterdir()
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_cli.py"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:]
    probe = subprocess.run(
        [sys.executable, "-c", "import llmcatalog; print(llmcatalog.__file__)"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert probe.stdout.startswith(str(root)), probe.stdout  # the sdist's code was tested
