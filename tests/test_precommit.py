"""The `llmcatalog-validate` hook under real `pre-commit run`, in a throwaway git repository.

The hook is taken from .pre-commit-hooks.yaml as it is and run as a local hook with
`language: system` (the llmcatalog of this environment), so pre-commit's own file selection,
batching and skipping decide what the command sees, without installing a hook environment
from the network.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from cardfactory import REPO, git, model_text, write_card

HOOKS = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
SUMMARY = re.compile(r"^(ok|FAILED): checked (\d+) card file\(s\)", re.M)


@pytest.fixture
def repo(tiny_catalog: Path, tmp_path: Path) -> Path:
    root = tiny_catalog.parent
    for i in range(9):  # more files than pre-commit puts in one batch on a small machine
        write_card(tiny_catalog, "model", f"extra-{i}", model_text(f"extra-{i}"))
    (hook,) = [dict(h) for h in HOOKS if h["id"] == "llmcatalog-validate"]
    hook["language"] = "system"
    config = {"repos": [{"repo": "local", "hooks": [hook]}]}
    (root / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    (root / "README.md").write_text("A catalog.\n", encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "start")
    return root


def pre_commit(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    scripts = str(Path(sys.executable).parent)
    env = {
        **os.environ,
        "PATH": scripts + os.pathsep + os.environ.get("PATH", ""),
        "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home"),
        "PRE_COMMIT_COLOR": "never",
    }
    env.pop("LLMCATALOG_ROOT", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--verbose", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_deleting_a_referenced_card_fails_the_hook(repo: Path) -> None:
    git(repo, "rm", "-q", "catalog/models/base.yaml")
    done = pre_commit(repo)
    assert done.returncode == 1, done.stdout
    assert "models/base.yaml removed or renamed: checking every card" in done.stdout
    assert re.search(r"catalog/models/child\.yaml:\d+:\d+: derived_from.*'base'", done.stdout)
    assert SUMMARY.findall(done.stdout) == [("FAILED", "12")]  # every card that is left


def test_renaming_a_referenced_card_fails_the_hook(repo: Path) -> None:
    git(repo, "mv", "catalog/models/base.yaml", "catalog/models/base-v2.yaml")
    done = pre_commit(repo)
    assert done.returncode == 1, done.stdout
    assert "catalog/models/child.yaml" in done.stdout
    assert "removed or renamed" in done.stdout


def test_deleting_an_unreferenced_card_passes(repo: Path) -> None:
    git(repo, "rm", "-q", "catalog/models/extra-3.yaml")
    done = pre_commit(repo)
    assert done.returncode == 0, done.stdout
    assert SUMMARY.findall(done.stdout) == [("ok", "12")]


def test_many_changed_cards_give_one_summary(repo: Path) -> None:
    for card in sorted((repo / "catalog" / "models").glob("extra-*.yaml")):
        card.write_text(card.read_text().replace("A test model.", "A changed test model."))
    git(repo, "add", ".")
    done = pre_commit(repo)
    assert done.returncode == 0, done.stdout
    assert SUMMARY.findall(done.stdout) == [("ok", "9")]


def test_a_commit_without_cards_checks_nothing(repo: Path) -> None:
    (repo / "README.md").write_text("Another line.\n", encoding="utf-8")
    git(repo, "add", "README.md")
    done = pre_commit(repo)
    assert done.returncode == 0, done.stdout
    assert "llmcatalog validate" in done.stdout and "Passed" in done.stdout
    assert SUMMARY.findall(done.stdout) == []


def test_a_branch_range_sees_deletions_too(repo: Path) -> None:
    git(repo, "rm", "-q", "catalog/models/base.yaml")
    git(repo, "commit", "-qm", "drop base")
    done = pre_commit(repo, "--from-ref", "HEAD~1", "--to-ref", "HEAD")
    assert done.returncode == 1, done.stdout
    assert "removed or renamed" in done.stdout and "child.yaml" in done.stdout


def test_all_files_checks_each_card_once(repo: Path) -> None:
    done = pre_commit(repo, "--all-files")
    assert done.returncode == 0, done.stdout
    assert SUMMARY.findall(done.stdout) == [("ok", "13")]
