"""The site in a real browser: how long the models index takes to become usable, sort and
filter, and how much a reader's browser downloads to open each kind of page.

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
from browser_support import CHROMIUM_ARGS, HOW_TO_GET_CHROMIUM, find_chromium, serve, weigh

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


# Pages of the real site, by kind. The technique card has no diagram; Llama 2's lineage
# diagram sits below the fold, so Mermaid arrives only once the reader scrolls to it.
WEIGHED = {
    "home": "index.html",
    "card page without a diagram": "cards/techniques/rope.html",
    "card page with a diagram": "cards/models/llama-2.html",
    "models index": "cards/models/index.html",
    "family trees (32 diagrams)": "family-trees.html",
    "tree of the field": "field-tree.html",
}


@dataclass
class PageWeight:
    name: str
    path: str
    requests: int
    raw_kb: float
    gzip_kb: float
    """Every response body on opening the page (1280x900 window), gzip-compressed."""
    scrolled_gzip_kb: float
    """The same once the reader has scrolled to the end (every diagram drawn)."""


def _kb(size: int) -> float:
    return size / 1024


def weigh_pages(site: Path, pages: dict[str, str] = WEIGHED) -> list[PageWeight]:
    """Open each page in a fresh browser context (an empty cache) and add up what it loads."""
    from playwright.sync_api import sync_playwright

    rows = []
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        for name, path in pages.items():
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.route(
                "**/*",
                lambda route: (
                    route.continue_() if route.request.url.startswith(base) else route.abort()
                ),
            )
            page = context.new_page()
            responses: list[object] = []
            page.on("response", lambda r: responses.append(r))  # noqa: B023 (used at once)
            page.goto(f"{base}/{path}")
            page.wait_for_load_state("networkidle")
            opened = weigh(responses)
            # Scroll a screen at a time, as a reader would, so each diagram nears the screen.
            height = page.evaluate("() => document.documentElement.scrollHeight")
            for y in range(0, height, 800):
                page.evaluate("(y) => window.scrollTo(0, y)", y)
                page.wait_for_timeout(100)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)
            page.wait_for_load_state("networkidle")
            scrolled = weigh(responses)
            rows.append(
                PageWeight(
                    name,
                    path,
                    opened.requests,
                    _kb(opened.raw_bytes),
                    _kb(opened.gzip_bytes),
                    _kb(scrolled.gzip_bytes),
                )
            )
            context.close()
        browser.close()
    return rows


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table: the first column left-aligned, the figures right-aligned."""
    lines = ["| " + " | ".join(header) + " |", "| --- |" + " ---: |" * (len(header) - 1)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def weights_report(rows: list[PageWeight]) -> str:
    header = ["page", "requests", "downloaded", "gzip-compressed", "after scrolling to the end"]
    return markdown_table(
        header,
        [
            [r.name, str(r.requests), f"{r.raw_kb:,.0f} KB", f"{r.gzip_kb:,.0f} KB",
             f"{r.scrolled_gzip_kb:,.0f} KB"]
            for r in rows
        ],
    )  # fmt: skip


TREE = "field-tree.html"


@dataclass
class TreeTiming:
    models: int
    relations: int
    drawn_ms: float
    """From navigation start until every box and arrow is on screen (median)."""
    layout_ms: float
    """Of which: reading the data, ELK's layout and drawing the SVG."""


_GROW = """(copies) => {
  // The real tree, `copies` times over: each copy's names and links are its own.
  const data = JSON.parse(document.querySelector("script.llm-fieldtree-data").textContent);
  const n = data.nodes.length;
  const grown = { ...data, nodes: [], edges: [], links: [] };
  for (let c = 0; c < copies; c++) {
    const suffix = c ? ` ${c}` : "";
    data.nodes.forEach((node) => grown.nodes.push({ ...node, name: node.name + suffix }));
    data.edges.forEach((e) => grown.edges.push({ ...e, from: e.from + c * n, to: e.to + c * n }));
    grown.links.push(...data.links);
  }
  return JSON.stringify(grown);
}"""


def tree_timings(
    site: Path, copies: tuple[int, ...] = (1, 2, 3), repeats: int = 3
) -> list[TreeTiming]:
    """Time the tree of the field drawing: the real catalog, and the same tree two and
    three times over (the page's data replaced before its script runs)."""
    from playwright.sync_api import sync_playwright

    rows = []
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        for times in copies:
            drawn, layout = [], []
            counts = (0, 0)
            for _ in range(repeats):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                grown: str | None = None
                if times > 1:
                    probe = context.new_page()
                    probe.route("**/llmcatalog-fieldtree.js", lambda route: route.abort())
                    probe.goto(f"{base}/{TREE}")
                    grown = probe.evaluate(_GROW, times)
                    probe.close()

                context.route("**/*", _data_route(base, TREE, 'class="llm-fieldtree-data">', grown))
                page.goto(f"{base}/{TREE}")
                page.wait_for_selector(".llm-fieldtree[data-llm-drawn-ms]", timeout=60_000)
                drawn.append(
                    float(page.eval_on_selector(".llm-fieldtree", "e => e.dataset.llmDrawnMs"))
                )
                layout.append(
                    float(page.eval_on_selector(".llm-fieldtree", "e => e.dataset.llmLayoutMs"))
                )
                counts = (
                    page.locator(".llm-ft-node").count(),
                    page.locator(".llm-ft-edge").count(),
                )
                context.close()
            rows.append(TreeTiming(*counts, statistics.median(drawn), statistics.median(layout)))
        browser.close()
    return rows


def _data_route(base: str, path: str, marker: str, grown: str | None) -> object:
    """Refuse requests off the local server; serve `path` with the JSON after `marker`
    (a <script> element's opening tag) replaced by `grown`."""

    def route(route: object) -> None:
        request = route.request  # type: ignore[attr-defined]
        if not request.url.startswith(base):
            route.abort()  # type: ignore[attr-defined]
        elif grown and request.url.split("?")[0].endswith(path):
            response = route.fetch()  # type: ignore[attr-defined]
            html = response.text()
            start = html.index(marker) + len(marker)
            end = html.index("</script>", start)
            body = html[:start] + grown.replace("<", "\\u003c") + html[end:]
            route.fulfill(response=response, body=body)  # type: ignore[attr-defined]
        else:
            route.continue_()  # type: ignore[attr-defined]

    return route


def tree_report(rows: list[TreeTiming]) -> str:
    header = ["models", "relations", "drawn after (from navigation)", "of which layout and drawing"]
    return markdown_table(
        header,
        [[f"{r.models:,}", f"{r.relations:,}", f"{r.drawn_ms:,.0f} ms", f"{r.layout_ms:,.0f} ms"]
         for r in rows],
    )  # fmt: skip


_GROW_ROWS = """(wanted) => {
  // The real index's rows, repeated until there are `wanted` of them.
  const rows = JSON.parse(document.querySelector("script.llm-table-rows").textContent);
  const grown = [];
  for (let i = 0; grown.length < wanted; i++) grown.push(rows[i % rows.length]);
  return JSON.stringify(grown);
}"""


def index_timings(
    site: Path, sizes: tuple[int, ...] = (0, 10_000), repeats: int = 3
) -> list[tuple[int, TableTimings]]:
    """The all-models index as shipped (size 0), and with its rows repeated to `size`."""
    from playwright.sync_api import sync_playwright

    results = []
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        for size in sizes:
            ready, sort, filtered = [], [], []
            in_document = total = 0
            for _ in range(repeats):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                grown = None
                if size:
                    probe = context.new_page()
                    probe.route("**/llmcatalog-tables.js*", lambda route: route.abort())
                    probe.goto(f"{base}/{INDEX}")
                    grown = probe.evaluate(_GROW_ROWS, size)
                    probe.close()
                marker = 'class="llm-table-rows">'
                context.route("**/*", _data_route(base, INDEX, marker, grown))
                page = context.new_page()
                page.goto(f"{base}/{INDEX}")
                page.wait_for_selector("input.llm-filter")
                ready.append(page.evaluate("() => performance.now()"))
                in_document = page.eval_on_selector(
                    "table.llm-table", "t => t.tBodies[0].rows.length"
                )
                status = page.inner_text(".llm-table-box p.llm-count")
                total = int(status.rsplit(" of ", 1)[-1].replace(",", ""))
                sort.append(page.evaluate(_MEASURE_SORT))
                filtered.append(page.evaluate(_MEASURE_FILTER, "qwen"))
                context.close()
            timing = TableTimings(
                in_document,
                statistics.median(ready),
                statistics.median(sort),
                statistics.median(filtered),
            )
            results.append((total, timing))
        browser.close()
    return results


def index_report(rows: list[tuple[int, TableTimings]]) -> str:
    header = ["rows", "rows in the document", "usable after (from navigation)", "sort", "filter"]
    return markdown_table(
        header,
        [[f"{total:,}", f"{t.in_document:,}", f"{t.ready_ms:,.0f} ms", f"{t.sort_ms:,.0f} ms",
          f"{t.filter_ms:,.0f} ms"] for total, t in rows],
    )  # fmt: skip
