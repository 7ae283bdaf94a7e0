"""When each card last changed (and first appeared) in git: one `git log` for the catalog."""

from __future__ import annotations

import subprocess
from pathlib import Path

from ..reading.loader import FOLDER_KINDS

CardKey = tuple[str, str]


def git_log(root: Path, args: list[str]) -> str | None:
    """`git log ARGS -- .` in the catalog folder; None when git or the history is missing."""
    try:
        done = subprocess.run(
            ["git", "log", *args, "--", "."],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def git_dates(root: Path, *, first: bool = False) -> dict[CardKey, str]:
    """Date of the last commit that touched each card, or with `first` the commit that added
    it (one git call for the whole catalog)."""
    args = ["--format=%x00%cs", "--name-only"]
    output = git_log(root, [*args, "--diff-filter=A", "--reverse"] if first else args)
    if output is None:
        return {}
    dates: dict[CardKey, str] = {}
    current = ""
    for line in output.splitlines():
        if line.startswith("\x00"):
            current = line[1:]
        elif line.endswith(".yaml"):
            parts = Path(line).parts
            if len(parts) >= 2 and parts[-2] in FOLDER_KINDS:
                key = (FOLDER_KINDS[parts[-2]], Path(parts[-1]).stem)
                dates.setdefault(key, current)  # newest first: keep the first seen
    return dates
