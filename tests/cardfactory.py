"""Paths and small card builders shared by the tests."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from llmcatalog.schema import KIND_FOLDERS

TESTS = Path(__file__).parent
REPO = TESTS.parent
CATALOG = REPO / "catalog"
CORPUS = TESTS / "corpus"
FIXED_TODAY = dt.date(2026, 1, 1)


ORG = """id: acme
name: Acme Research
kind: industry
country: US
url: https://example.org
summary: A test lab.
sources:
  - {title: About, url: 'https://example.org/about', kind: docs}
"""

TECH = """id: causal-lm
name: Causal language modelling
category: pretraining-objective
introduced: 2018
summary: Predict the next token.
sources:
  - {title: Paper, url: 'https://example.org/clm', kind: paper, key: paper}
introduced_by: [paper]
"""


def model_text(card_id: str, *, released: str = "2020-05-01", extra: str = "") -> str:
    return f"""id: {card_id}
name: Model {card_id}
organizations: [acme]
released: {released}
architecture: decoder-only
parameters: 7B
training_tokens: 1T
objectives: [causal-lm]
access: {{weights: open}}
summary: A test model.
sources:
  - {{title: Paper, url: 'https://example.org/{card_id}', kind: paper, key: paper}}
{extra}"""


def write_card(root: Path, kind: str, card_id: str, text: str) -> Path:
    path = root / KIND_FOLDERS[kind] / f"{card_id}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def git(repo: Path, *args: str) -> None:
    """Run git in `repo` as a throwaway identity, without signing."""
    identity = ["-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", *identity, *args], cwd=repo, check=True)


def commit_all(repo: Path, message: str) -> None:
    """A new repository at `repo` with everything in it committed."""
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", message)


TREE_PAGE = "---\norphan: true\n---\n# Tree\n\n```{llm:field-tree}\n```\n"


def build_fixture_copy(
    tmp_path: Path, pages: dict[str, str], edits: dict[str, tuple[str, str]]
) -> Path:
    """Copy tests/roots/test-basic, add `pages` (name -> MyST text), apply `edits` (card path
    -> (old, new) text replacement), build it as HTML in a fresh process, and return the
    output folder."""
    import shutil
    import sys

    src = tmp_path / "src"
    shutil.copytree(TESTS / "roots" / "test-basic", src)
    for name, text in pages.items():
        (src / name).write_text(text, encoding="utf-8")
    for path, (old, new) in edits.items():
        card = src / path
        text = card.read_text(encoding="utf-8")
        assert old in text, (path, old)
        card.write_text(text.replace(old, new), encoding="utf-8")
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", str(src), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return out
