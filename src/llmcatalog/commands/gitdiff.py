"""What changed in the data between two git revisions, for reviewers and the "What's new" page.

Cards are compared as validated data, not as text: reformatting a card is no change, while
`70B` -> `{value: 70B, source: paper}` shows up as the source it gained.
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..reading.loader import FOLDER_KINDS, load_bytes
from ..schema import KIND_FOLDERS


class DiffError(Exception):
    """git is missing, the folder is not in a repository, or a revision is unknown."""


@dataclass
class CardChange:
    kind: str
    id: str
    fields: list[tuple[str, Any, Any]] = field(default_factory=list)
    """(dotted field, old value, new value)."""


@dataclass
class DataDiff:
    added: list[tuple[str, str, str]] = field(default_factory=list)
    """(kind, id, name)."""
    removed: list[tuple[str, str, str]] = field(default_factory=list)
    changed: list[CardChange] = field(default_factory=list)
    new_edges: list[tuple[str, str, str]] = field(default_factory=list)
    """(child, relation, parent)."""
    unreadable: list[str] = field(default_factory=list)
    """Card files that did not validate on one side (their changes cannot be compared)."""


def _git(repo: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(
            ["git", *args], cwd=repo, capture_output=True, check=False, timeout=60
        )
    except FileNotFoundError as exc:
        raise DiffError("git is not installed") from exc
    if done.returncode != 0:
        raise DiffError(done.stderr.decode("utf-8", "replace").strip() or "git failed")
    return done.stdout


def _snapshot(root: Path, revision: str | None) -> tuple[dict[tuple[str, str], Any], list[str]]:
    """(kind, id) -> card dump at a revision (None: the working tree)."""
    cards: dict[tuple[str, str], Any] = {}
    broken: list[str] = []
    files: dict[str, bytes] = {}
    if revision is None:
        for folder in KIND_FOLDERS.values():
            for path in sorted((root / folder).glob("*.yaml")):
                files[f"{folder}/{path.name}"] = path.read_bytes()
    else:
        top = Path(_git(root, "rev-parse", "--show-toplevel").decode().strip())
        prefix = root.resolve().relative_to(top.resolve()).as_posix()
        listing = _git(top, "ls-tree", "-r", "--name-only", revision, "--", prefix).decode()
        for name in listing.splitlines():
            rel = name[len(prefix) + 1 :] if prefix != "." else name
            if rel.count("/") == 1 and rel.endswith(".yaml"):
                files[rel] = _git(top, "show", f"{revision}:{name}")
    for rel, raw in files.items():
        folder, filename = rel.split("/")
        kind = FOLDER_KINDS.get(folder)
        if kind is None:
            continue
        card, _ = load_bytes(raw, kind, Path(filename), rel)
        if card is None:
            broken.append(rel)
            continue
        cards[(kind, card.card.id)] = card.card.model_dump(mode="json")
    return cards, broken


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        flat: dict[str, Any] = {}
        for key, item in value.items():
            flat.update(_flatten(item, f"{prefix}.{key}" if prefix else key))
        return flat
    return {prefix: value}


def diff_revisions(root: Path, base: str, head: str | None = None) -> DataDiff:
    old, old_broken = _snapshot(root, base)
    new, new_broken = _snapshot(root, head)
    return diff_snapshots(old, new, sorted(set(old_broken) | set(new_broken)))


def diff_snapshots(
    old: dict[tuple[str, str], Any], new: dict[tuple[str, str], Any], broken: list[str]
) -> DataDiff:
    result = DataDiff(unreadable=broken)
    for key in sorted(new.keys() - old.keys()):
        result.added.append((key[0], key[1], new[key]["name"]))
    for key in sorted(old.keys() - new.keys()):
        result.removed.append((key[0], key[1], old[key]["name"]))
    for key in sorted(old.keys() & new.keys()):
        before, after = _flatten(old[key]), _flatten(new[key])
        changes = [
            (name, before.get(name), after.get(name))
            for name in sorted(before.keys() | after.keys())
            if before.get(name) != after.get(name)
        ]
        if changes:
            result.changed.append(CardChange(key[0], key[1], changes))
    for key in sorted(new):
        if key[0] != "model":
            continue
        old_edges = {(d["model"], d["relation"]) for d in old.get(key, {}).get("derived_from", [])}
        for link in new[key]["derived_from"]:
            if (link["model"], link["relation"]) not in old_edges:
                result.new_edges.append((key[1], link["relation"], link["model"]))
    return result


def _show(value: Any, markdown: bool = False) -> str:
    if value is None:
        text = "(empty)"
    elif isinstance(value, (list, dict)):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = str(value)
    if not markdown:
        return text
    # Card text is contributors' text: in Markdown it must not become links, images or
    # headings. One line, inside a code span long enough to hold any backticks it has.
    flat = " ".join(text.split())
    fence = "`" * (max((len(run) for run in re.findall(r"`+", flat)), default=0) + 1)
    return f"{fence} {flat} {fence}"


def format_diff(diff: DataDiff, fmt: str = "text") -> str:
    if fmt == "json":
        return json.dumps(asdict(diff), indent=2, ensure_ascii=False)
    md = fmt == "markdown"
    bullet = "- " if md else "  "
    code = "`" if md else ""
    lines: list[str] = []

    def heading(text: str) -> None:
        lines.append(f"### {text}" if md else text)

    if not (diff.added or diff.removed or diff.changed or diff.unreadable):
        return "No changes to the catalog's data."
    if diff.added:
        heading(f"Added ({len(diff.added)})")
        lines += [
            f"{bullet}{kind} {code}{cid}{code}: {_show(name, md)}" for kind, cid, name in diff.added
        ]
    if diff.removed:
        heading(f"Removed ({len(diff.removed)})")
        lines += [
            f"{bullet}{kind} {code}{cid}{code}: {_show(name, md)}"
            for kind, cid, name in diff.removed
        ]
    if diff.changed:
        heading(f"Changed ({len(diff.changed)})")
        for change in diff.changed:
            lines.append(f"{bullet}{change.kind} {code}{change.id}{code}")
            for name, old, new in change.fields:
                lines.append(f"    {bullet}{name}: {_show(old, md)} -> {_show(new, md)}")
    if diff.new_edges:
        heading(f"New lineage edges ({len(diff.new_edges)})")
        lines += [f"{bullet}{child} <- {parent} ({rel})" for child, rel, parent in diff.new_edges]
    if diff.unreadable:
        heading("Cards that do not validate on one side (not compared)")
        lines += [f"{bullet}{path}" for path in diff.unreadable]
    return "\n".join(lines)
