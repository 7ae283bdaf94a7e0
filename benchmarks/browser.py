"""The models index in a real browser: how long it takes to become usable, sort and filter.

Needs Playwright and a Chromium (found as the browser tests find it). The built site is
served from a local HTTP server and every other request is refused, as in the browser tests.
Times are medians of a few runs, measured inside the page with performance.now().
"""

from __future__ import annotations

import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

# The browser tests' own helpers: the same Chromium lookup and the same quiet local server.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from browser_support import HOW_TO_GET_CHROMIUM, find_chromium, serve

INDEX = "cards/models/index.html"


@dataclass
class TableTimings:
    in_document: int
    """Rows the page keeps in the document at a time (the rest are paged)."""
    ready_ms: float
    """From navigation start until the table is sortable and paged."""
    sort_ms: float
    filter_ms: float


def unavailable() -> str | None:
    """Why the browser measurement cannot run here, or None when it can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install playwright)"
    if find_chromium() is None:
        return HOW_TO_GET_CHROMIUM
    return None


_MEASURE_SORT = """() => {
  const heads = document.querySelectorAll("table.llm-table thead th");
  const target = Array.from(heads).find((h) => h.textContent.trim() === "Parameters");
  const start = performance.now();
  target.click();
  return performance.now() - start;
}"""

_MEASURE_FILTER = """(text) => {
  const box = document.querySelector("input.llm-filter");
  const start = performance.now();
  box.value = text;
  box.dispatchEvent(new Event("input", { bubbles: true }));
  return performance.now() - start;
}"""


def measure(site: Path, repeats: int = 3) -> TableTimings:
    """Open the all-models index of a built site and time it becoming usable, a sort and
    a filter."""
    from playwright.sync_api import sync_playwright

    ready, sort, filtered = [], [], []
    in_document = 0
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=find_chromium(), args=["--no-sandbox", "--disable-gpu"]
        )
        for _ in range(repeats):
            page = browser.new_page()
            page.route(
                "**/*",
                lambda route: (
                    route.continue_() if route.request.url.startswith(base) else route.abort()
                ),
            )
            page.goto(f"{base}/{INDEX}")
            # The filter box appears once the script has read and paged the table.
            page.wait_for_selector("input.llm-filter")
            ready.append(page.evaluate("() => performance.now()"))
            in_document = page.eval_on_selector("table.llm-table", "t => t.tBodies[0].rows.length")
            sort.append(page.evaluate(_MEASURE_SORT))
            filtered.append(page.evaluate(_MEASURE_FILTER, "model 1"))
            page.close()
        browser.close()
    return TableTimings(
        in_document,
        statistics.median(ready),
        statistics.median(sort),
        statistics.median(filtered),
    )
