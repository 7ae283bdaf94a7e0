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
def rootdir() -> Path:
    """Sphinx test projects live in tests/roots/test-<name>/."""
    return Path(__file__).parent / "roots"
