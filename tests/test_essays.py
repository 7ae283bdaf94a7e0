"""Every Python block in the essays runs, in page order, and checks itself, under several seeds.

A page seeds its randomness with integer literals (``np.random.default_rng(0)``). The test runs
each page again with every such literal shifted, so an assertion that holds only for the seed
printed on the page fails here: the asserts must test the property the text claims.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).parent.parent / "docs"
FENCE = re.compile(r"^```python[^\n]*\n(.*?)^```", re.S | re.M)
SEEDED = re.compile(r"\b(default_rng|RandomState|np\.random\.seed|random\.seed)\((\d+)\)")
SHIFTS = (0, 1, 2, 3, 4)
# The essays teach with code that runs; contributor pages show configuration snippets.
NOT_ESSAYS = {"_build", "contributing", "performance"}
PAGES = sorted(
    p
    for p in DOCS.rglob("*.md")
    if not NOT_ESSAYS & set(p.relative_to(DOCS).parts) and FENCE.search(p.read_text())
)


def reseed(code: str, shift: int) -> str:
    """The same code with every literal seed moved by ``shift``."""
    return SEEDED.sub(lambda m: f"{m.group(1)}({int(m.group(2)) + shift})", code)


def test_reseed_moves_every_literal_seed() -> None:
    code = "a = np.random.default_rng(7)\nrandom.seed(3)\nb = default_rng(seed)\n"
    assert (
        reseed(code, 2) == "a = np.random.default_rng(9)\nrandom.seed(5)\nb = default_rng(seed)\n"
    )


def test_the_essays_have_enough_code() -> None:
    blocks = sum(len(FENCE.findall(p.read_text())) for p in PAGES)
    assert blocks >= 20


@pytest.mark.parametrize("shift", SHIFTS, ids=lambda s: f"seed+{s}")
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_python_blocks_run_and_assert(page: Path, shift: int) -> None:
    blocks = FENCE.findall(page.read_text(encoding="utf-8"))
    namespace: dict[str, object] = {"__name__": "__essay__"}
    for index, block in enumerate(blocks):
        code = reseed(block, shift)
        exec(compile(code, f"{page.name}[block {index}, seed+{shift}]", "exec"), namespace)
    # A page's code must check something, not only run.
    assert sum(block.count("assert") for block in blocks) >= len(blocks)
