from __future__ import annotations

from pathlib import Path

import pytest
from cardfactory import ORG, TECH, model_text, write_card


@pytest.fixture
def tiny_catalog(tmp_path: Path) -> Path:
    """A small valid catalog to change in a test."""
    root = tmp_path / "catalog"
    write_card(root, "organization", "acme", ORG)
    write_card(root, "technique", "causal-lm", TECH)
    write_card(root, "model", "base", model_text("base"))
    write_card(
        root,
        "model",
        "child",
        model_text(
            "child",
            released="2021-03",
            extra="derived_from:\n  - {model: base, relation: fine-tune}\n",
        ),
    )
    return root


pytest_plugins = ("sphinx.testing.fixtures",)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test run with the strict flags of `nox -s docs`.

    LLMCATALOG_TEST_SITE=<folder> reuses an existing build (handy while iterating on the
    browser tests); CI always builds."""
    import os
    import subprocess
    import sys

    from cardfactory import REPO

    reuse = os.environ.get("LLMCATALOG_TEST_SITE")
    if reuse and not os.environ.get("CI"):
        return Path(reuse)
    out = tmp_path_factory.mktemp("site")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "html",
            "-n",
            "-W",
            "--keep-going",
            "-q",
            "-j",
            "auto",
            str(REPO / "docs"),
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-5000:]
    assert "WARNING" not in done.stderr, done.stderr[-5000:]
    return out


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Sphinx test projects live in tests/roots/test-<name>/."""
    return Path(__file__).parent / "roots"
