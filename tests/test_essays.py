"""Every Python block in the essays runs, in page order, and checks itself."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).parent.parent / "docs"
FENCE = re.compile(r"^```python[^\n]*\n(.*?)^```", re.S | re.M)
PAGES = sorted(
    p for p in DOCS.rglob("*.md") if "_build" not in p.parts and FENCE.search(p.read_text())
)


def test_the_essays_have_enough_code() -> None:
    blocks = sum(len(FENCE.findall(p.read_text())) for p in PAGES)
    assert blocks >= 20


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_python_blocks_run_and_assert(page: Path) -> None:
    blocks = FENCE.findall(page.read_text(encoding="utf-8"))
    namespace: dict[str, object] = {"__name__": "__essay__"}
    for index, block in enumerate(blocks):
        exec(compile(block, f"{page.name}[block {index}]", "exec"), namespace)
    # A page's code must check something, not only run.
    assert sum(block.count("assert") for block in blocks) >= len(blocks)
