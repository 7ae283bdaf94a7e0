"""The built site in a real browser (Chromium through Playwright), entirely offline.

Every page load is guarded: a console error, an uncaught exception, a dialog or a request
that leaves the local server fails the test, so a page that silently needs a CDN fails here
even on a machine with internet access.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from browser_support import (
    CHROMIUM_ARGS,
    HOW_TO_GET_CHROMIUM,
    axe_script,
    find_chromium,
    serve,
    vnu_jar,
)

playwright = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
pytestmark = pytest.mark.browser

PAGES = {
    "home": "index.html",
    "model": "cards/models/llama-2.html",
    "technique": "cards/techniques/rope.html",
    "year": "timeline/2023.html",
    "family trees": "family-trees.html",
    "deep dive": "deep-dives/attention.html",
}


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    with playwright.sync_playwright() as p:
        try:
            chromium = p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        except Exception as exc:  # Playwright raises its own error types
            pytest.fail(f"{HOW_TO_GET_CHROMIUM}\n({exc})")
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> Iterator[str]:
    with serve(built_site) as url:
        yield url


@dataclass
class Guard:
    page: object
    base: str
    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def open(self, path: str) -> None:
        self.page.goto(f"{self.base}/{path}")  # type: ignore[attr-defined]
        self.page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]

    def check(self) -> None:
        assert self.errors == []
        assert self.outside == []


def _guard(browser: object, base: str, **context_args: object) -> Iterator[Guard]:
    context = browser.new_context(**context_args)  # type: ignore[attr-defined]
    page = context.new_page()
    guard = Guard(page, base)

    def route(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if url.startswith(base):
            route.continue_()  # type: ignore[attr-defined]
        else:
            guard.outside.append(url)
            route.abort()  # type: ignore[attr-defined]

    context.route("**/*", route)
    page.on("console", lambda m: guard.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: guard.errors.append(f"page error: {e}"))
    page.on(
        "response",
        lambda r: guard.errors.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None,
    )

    def dialog(d: object) -> None:
        guard.errors.append(f"dialog: {d.message}")  # type: ignore[attr-defined]
        d.dismiss()  # type: ignore[attr-defined]

    page.on("dialog", dialog)
    yield guard
    context.close()


@pytest.fixture
def guard(browser: object, base_url: str) -> Iterator[Guard]:
    yield from _guard(browser, base_url, viewport={"width": 1280, "height": 900})


def _wait_for_diagrams(page: object) -> None:
    # A half-drawn <svg> exists before Mermaid finishes: wait for the finished one.
    page.wait_for_selector(".llm-graph svg[aria-roledescription]", timeout=20_000)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", list(PAGES))
def test_pages_load_offline_without_errors_and_pass_axe(guard: Guard, name: str) -> None:
    guard.open(PAGES[name])
    if guard.page.locator(".llm-graph").count():  # type: ignore[attr-defined]
        _wait_for_diagrams(guard.page)  # check the page as readers see it, diagrams drawn
        guard.page.wait_for_function(  # type: ignore[attr-defined]
            "() => [...document.querySelectorAll('.llm-graph')].every(b => b.dataset.llmLinked)"
        )
    guard.page.add_script_tag(path=str(axe_script()))  # type: ignore[attr-defined]
    result = guard.page.evaluate(  # type: ignore[attr-defined]
        # preload: axe re-fetches @imported stylesheets against the wrong base URL.
        "() => axe.run(document, {resultTypes: ['violations'], preload: false})"
    )
    serious = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes, e.g. {v['nodes'][0]['target']})"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    guard.check()


def test_math_renders_from_the_site_itself(guard: Guard) -> None:
    guard.open(PAGES["deep dive"])
    guard.page.wait_for_selector("mjx-container", timeout=20_000)  # type: ignore[attr-defined]
    assert guard.page.locator("mjx-container").count() > 5  # type: ignore[attr-defined]
    guard.check()


def test_diagram_renders_and_a_node_opens_its_card(guard: Guard) -> None:
    guard.open(PAGES["model"])
    _wait_for_diagrams(guard.page)
    page = guard.page
    nodes = page.locator(".llm-graph svg g.node")  # type: ignore[attr-defined]
    assert nodes.count() >= 3
    target = page.locator(".llm-graph svg g.node", has_text="LLaMA").first  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => document.querySelector('.llm-graph')?.dataset.llmLinked === '1'"
    )
    target.click()
    page.wait_for_url(re.compile(r"/cards/models/llama\.html"))  # type: ignore[attr-defined]
    guard.check()


def _column(page: object, index: int) -> list[str]:
    return page.eval_on_selector_all(  # type: ignore[attr-defined]
        "table.llm-table tbody tr:not([hidden])",
        f"rows => rows.map(r => r.cells[{index}].textContent.trim())",
    )


def _amount(text: str) -> float | None:
    match = re.search(r"(\d+(?:\.\d+)?)\s*([KMBT])?", text.replace(",", ""))
    if not match or text.strip() == "—":
        return None
    scale = {"K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}.get(match.group(2) or "", 1)
    return float(match.group(1)) * scale


def test_sorting_and_filtering_a_table(guard: Guard) -> None:
    guard.open("cards/models/index.html")
    page = guard.page
    headers = page.locator("table.llm-table thead th")  # type: ignore[attr-defined]
    titles = [headers.nth(i).inner_text().strip() for i in range(headers.count())]
    params = titles.index("Parameters")
    headers.nth(params).click()
    values = [_amount(v) for v in _column(page, params)]
    present = [v for v in values if v is not None]
    assert present == sorted(present) and len(present) > 50
    assert all(v is None for v in values[len(present) :])  # missing values last
    headers.nth(params).click()
    values = [_amount(v) for v in _column(page, params)]
    present = [v for v in values if v is not None]
    assert present == sorted(present, reverse=True)
    assert all(v is None for v in values[len(present) :])  # still last when descending
    # The header stays in view while the table scrolls inside its box.
    box = page.locator(".llm-table-box .pst-scrollable-table-container").first  # type: ignore[attr-defined]
    box.evaluate("e => { e.scrollTop = 2000; }")
    head_top = page.locator("table.llm-table thead th").first.bounding_box()["y"]  # type: ignore[attr-defined]
    box_top = box.bounding_box()["y"]
    assert abs(head_top - box_top) < 2
    page.fill("input.llm-filter", "llama")  # type: ignore[attr-defined]
    names = _column(page, 0)
    assert 5 <= len(names) < 40
    rows = page.eval_on_selector_all(  # type: ignore[attr-defined]
        "table.llm-table tbody tr:not([hidden])",
        "rows => rows.map(r => r.textContent.toLowerCase())",
    )
    assert all("llama" in r for r in rows)
    guard.check()


def test_search_finds_a_model_by_alias(guard: Guard) -> None:
    guard.open("search.html?q=GPT2")
    page = guard.page
    page.wait_for_selector("#search-results li a", timeout=20_000)  # type: ignore[attr-defined]
    hrefs = page.eval_on_selector_all("#search-results li a", "as => as.map(a => a.href)")  # type: ignore[attr-defined]
    assert any(h.split("#")[0].endswith("cards/models/gpt-2.html") for h in hrefs)
    guard.check()


def _luminance(css: str) -> float:
    r, g, b = (int(x) for x in re.findall(r"\d+", css)[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


def _label_and_background(page: object) -> tuple[float, float]:
    label = page.eval_on_selector(  # type: ignore[attr-defined]
        ".llm-graph svg g.node .nodeLabel", "e => getComputedStyle(e).color"
    )
    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")  # type: ignore[attr-defined]
    return _luminance(label), _luminance(background)


def test_dark_mode_toggles_and_diagrams_stay_readable(guard: Guard) -> None:
    guard.open(PAGES["model"])
    page = guard.page
    _wait_for_diagrams(page)
    label, background = _label_and_background(page)
    assert background > 0.7 and label < 0.4  # dark text on the light page
    # The colour-mode menu in the navigation bar, as a reader would use it.
    page.locator("button.theme-switch-button").first.click()  # type: ignore[attr-defined]
    page.locator("button.theme-change-button[data-mode='dark']").first.click()  # type: ignore[attr-defined]
    assert page.evaluate("() => document.documentElement.dataset.theme") == "dark"  # type: ignore[attr-defined]
    # Mermaid redraws the diagram in its dark theme.
    page.wait_for_function(  # type: ignore[attr-defined]
        r"""() => {
            const e = document.querySelector('.llm-graph svg[aria-roledescription] g.node .nodeLabel');
            if (!e) return false;
            const [r, g, b] = getComputedStyle(e).color.match(/\d+/g).map(Number);
            return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 > 0.6;
        }""",
        timeout=20_000,
    )
    label, background = _label_and_background(page)
    assert background < 0.3 and label > 0.6  # light text on the dark page
    # The choice survives a reload, and the diagram is drawn dark from the start.
    guard.open(PAGES["model"])
    _wait_for_diagrams(page)
    assert page.evaluate("() => document.documentElement.dataset.theme") == "dark"  # type: ignore[attr-defined]
    label, background = _label_and_background(page)
    assert background < 0.3 and label > 0.6
    guard.check()


@pytest.mark.parametrize("name", list(PAGES))
def test_nothing_overflows_on_a_phone(browser: object, base_url: str, name: str) -> None:
    for guard in _guard(browser, base_url, viewport={"width": 390, "height": 844}, is_mobile=True):
        guard.open(PAGES[name])
        width = guard.page.evaluate("() => document.documentElement.scrollWidth")  # type: ignore[attr-defined]
        assert width <= 390, f"{name} is {width}px wide"
        guard.check()


def test_hostile_cards_run_no_script_and_diagrams_still_render(
    browser: object, tmp_path: Path
) -> None:
    """The fixture site's hostile card, in a real browser: nothing executes."""
    src = tmp_path / "src"
    shutil.copytree(Path(__file__).parent / "roots" / "test-basic", src)
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", str(src), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    with serve(out) as base:
        for guard in _guard(browser, base):
            for page in ("cards/models/hostile.html", "essay.html", "cards/models/index.html"):
                guard.open(page)
                if page != "cards/models/index.html":
                    _wait_for_diagrams(guard.page)
                    labels = guard.page.locator(".llm-graph svg g.node").count()  # type: ignore[attr-defined]
                    assert labels >= 3
            guard.check()


def test_the_html_validates(built_site: Path) -> None:
    java = shutil.which("java")
    assert java, "the HTML check needs Java (apt-get install default-jre-headless)"
    pages = [
        str(built_site / p) for p in [*PAGES.values(), "cards/models/index.html", "downloads.html"]
    ]
    done = subprocess.run(
        [java, "-jar", str(vnu_jar()), "--errors-only", "--format", "text", *pages],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-5000:] + done.stdout[-5000:]


def test_long_tables_page_and_still_sort_and_filter_everything(guard: Guard) -> None:
    """Tables longer than two pages keep one page in the document (the 10,000-card case);
    a small page size makes the 150-model index such a table."""
    page = guard.page
    page.add_init_script("window.llmcatalogPageSize = 20")  # type: ignore[attr-defined]
    guard.open("cards/models/index.html")
    total = page.eval_on_selector("table.llm-table", "t => t.tBodies[0].rows.length")  # type: ignore[attr-defined]
    assert total == 20
    status = page.locator(".llm-table-box p.llm-count").first  # type: ignore[attr-defined]
    assert re.match(r"Rows 1–20 of \d{3}", status.inner_text())
    first_page = _column(page, 0)
    page.locator(".llm-pager button", has_text="Next").click()  # type: ignore[attr-defined]
    assert status.inner_text().startswith("Rows 21–40 of ")
    assert set(_column(page, 0)).isdisjoint(first_page)
    headers = page.locator("table.llm-table thead th")  # type: ignore[attr-defined]
    titles = [headers.nth(i).inner_text().strip() for i in range(headers.count())]
    params = titles.index("Parameters")
    headers.nth(params).click()
    headers.nth(params).click()  # descending: the largest model of all pages comes first
    biggest = _amount(_column(page, params)[0])
    assert biggest is not None and biggest >= 1e12
    page.fill("input.llm-filter", "qwen")  # type: ignore[attr-defined]
    names = _column(page, 0)
    assert 3 <= len(names) <= 20
    assert all("qwen" in n.lower() for n in names)
    guard.check()
