"""Run the benchmarks, print their tables and record them for the site's Performance page.

    python -m benchmarks                      # everything, at 100, 1,000 and 10,000 cards
    python -m benchmarks validation           # validation throughput only
    python -m benchmarks build 100 1000       # site builds at the given sizes
    python -m benchmarks pages [built-site]   # what a browser downloads per kind of page

The tables are also written to docs/performance/results-<suite>.md, which the Performance
page includes: commit them after a run on the reference machine.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

from . import browser, build, validation

RESULTS = Path(__file__).resolve().parent.parent / "docs" / "performance"


def record(suite: str, table: str) -> None:
    print(table)
    print()
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = f"Measured {dt.date.today().isoformat()} on {build.machine()}."
    body = table.split("\n", 2)[2] if table.startswith("Site builds") else table
    (RESULTS / f"results-{suite}.md").write_text(f"{stamp}\n\n{body}\n", encoding="utf-8")


def _pages_report(site: Path) -> str:
    weights = browser.weights_report(browser.weigh_pages(site))
    tree = browser.tree_report(browser.tree_timings(site))
    index = browser.index_report(browser.index_timings(site))
    return (
        f"{weights}\n\nThe tree of the field (target: drawn within 2 s at 350 models and "
        f"more; the larger rows repeat the real tree two and three times):\n\n{tree}\n\n"
        "The all-models index (target: usable within 1.5 s at 10,000 rows; the larger row "
        f"repeats the real rows):\n\n{index}"
    )


def pages(site: Path | None) -> str:
    """Page weights of the real site, and how fast its tree of the field draws: the given
    build, or a fresh build of docs/."""
    if site is not None:
        return _pages_report(site)
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(__file__).resolve().parent.parent / "docs"
        subprocess.run(
            [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-j", "auto", str(docs), tmp],
            check=True,
        )
        return _pages_report(Path(tmp))


def main(argv: list[str]) -> None:
    suite = argv[0] if argv else "all"
    if suite == "pages":
        why = browser.unavailable()
        if why:
            sys.exit(why)
        record("pages", pages(Path(argv[1]) if len(argv) > 1 else None))
        return
    sizes = tuple(int(a.replace(",", "").replace("_", "")) for a in argv[1:])
    if suite not in {"all", "validation", "build"}:
        sys.exit(f"unknown benchmark '{suite}'; choose validation, build or pages")
    if suite in {"all", "validation"}:
        rows = validation.run(sizes or (1_000, 10_000))
        record("validation", validation.report(rows, markdown=True))
    if suite in {"all", "build"}:
        record("build", build.report(build.run(sizes or (100, 1_000, 10_000))))
    if suite == "all" and not browser.unavailable():
        record("pages", pages(None))


if __name__ == "__main__":
    main(sys.argv[1:])
