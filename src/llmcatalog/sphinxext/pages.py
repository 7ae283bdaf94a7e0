"""One generated source file per card, plus one index per kind, kept in step with the catalog.

Sphinx has no pages without source files, so small stubs (a title and one directive) are
written into a git-ignored folder at builder-inited, only when their bytes change (an
unchanged stub keeps its mtime, so Sphinx does not re-read it), and stubs of removed cards are
deleted. The cards' pages are orphans reached from the kind indexes, never in a toctree: a
navigation tree with thousands of entries would be rendered into every page.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..catalog.store import Catalog
from ..schema import KIND_FOLDERS, KINDS

KIND_TITLES = {
    "model": "Models",
    "technique": "Techniques",
    "organization": "Organizations",
    "benchmark": "Benchmarks",
    "dataset": "Datasets",
}
_RST_SPECIAL = re.compile(r"([^\w\s])")


def rst_title(text: str) -> str:
    """A section title from card data: every punctuation mark escaped, so it stays text."""
    escaped = _RST_SPECIAL.sub(r"\\\1", text)
    return f"{escaped}\n{'=' * max(len(escaped), 3)}\n"


def card_docname(pages_dir: str, kind: str, card_id: str) -> str:
    return f"{pages_dir}/{KIND_FOLDERS[kind]}/{card_id}"


def stub_text(kind: str, card_id: str, name: str, source: str) -> str:
    return (
        ":orphan:\n\n"
        f".. Generated from {source}; edit the card, not this file.\n\n"
        f"{rst_title(name)}\n"
        f".. llm:page:: {kind} {card_id}\n"
    )


def index_text(kind: str) -> str:
    return f"{rst_title(KIND_TITLES[kind])}\n.. llm:index:: {kind}\n"


def root_index_text(pages_dir: str) -> str:
    entries = "\n".join(f"   {KIND_FOLDERS[k]}/index" for k in KINDS)
    return (
        f"{rst_title('The catalog')}\n"
        ".. llm:overview::\n\n"
        f".. toctree::\n   :maxdepth: 1\n\n{entries}\n"
    )


def _write_if_changed(path: Path, text: str) -> bool:
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    # Atomic replace: a second build reading the folder never sees half a file.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return True


def sync_pages(catalog: Catalog, srcdir: Path, pages_dir: str) -> tuple[int, int]:
    """Write or refresh every stub and delete stubs of cards that are gone.

    Returns how many files were written and removed."""
    base = srcdir / pages_dir
    wanted: dict[Path, str] = {base / "index.rst": root_index_text(pages_dir)}
    for kind in KINDS:
        folder = base / KIND_FOLDERS[kind]
        wanted[folder / "index.rst"] = index_text(kind)
        for card_id, entry in catalog.cards(kind).items():
            source = os.path.relpath(entry.file, srcdir)
            wanted[folder / f"{card_id}.rst"] = stub_text(kind, card_id, entry.card.name, source)
    written = sum(_write_if_changed(path, text) for path, text in wanted.items())
    removed = 0
    if base.is_dir():
        for path in base.rglob("*.rst"):
            if path not in wanted:
                path.unlink()
                removed += 1
    return written, removed
