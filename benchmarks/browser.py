"""The models index in a real browser: how long it takes to become usable, sort and filter.

Needs Playwright and a Chromium (the system's, or CHROMIUM=/path/to/chrome). The built site
is served from a local HTTP server and every other request is refused, as in the browser
tests. Times are medians of a few runs, measured inside the page with performance.now().
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import statistics
import threading
from dataclasses import dataclass
from pathlib import Path

INDEX = "cards/models/index.html"


@dataclass
class TableTimings:
    in_document: int
    """Rows the page keeps in the document at a time (the rest are paged)."""
    ready_ms: float
    """From navigation start until the table is sortable and paged."""
    sort_ms: float
    filter_ms: float


def chromium() -> str | None:
    configured = os.environ.get("CHROMIUM")
    if configured:
        return configured
    real = Path("/usr/lib/chromium/chromium")  # Debian's wrapper script prints noise
    if real.is_file():
        return str(real)
    return shutil.which("chromium") or shutil.which("google-chrome")


def unavailable() -> str | None:
    """Why the browser measurement cannot run here, or None when it can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install playwright)"
    if chromium() is None:
        return "no Chromium found (apt-get install chromium, or set CHROMIUM)"
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


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def measure(site: Path, repeats: int = 3) -> TableTimings:
    """Open the all-models index of a built site and time it becoming usable, a sort and
    a filter."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    ready, sort, filtered = [], [], []
    in_document = 0
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=chromium(), args=["--no-sandbox", "--disable-gpu"]
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
                in_document = page.eval_on_selector(
                    "table.llm-table", "t => t.tBodies[0].rows.length"
                )
                sort.append(page.evaluate(_MEASURE_SORT))
                filtered.append(page.evaluate(_MEASURE_FILTER, "model 1"))
                page.close()
            browser.close()
    finally:
        server.shutdown()
    return TableTimings(
        in_document,
        statistics.median(ready),
        statistics.median(sort),
        statistics.median(filtered),
    )
