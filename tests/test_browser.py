"""The built site in a real browser (Chromium through Playwright), entirely offline.

Every page load is guarded: a console error, an uncaught exception, a dialog or a request
that leaves the local server fails the test, so a page that silently needs a CDN fails here
even on a machine with internet access.
"""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
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
    weigh,
)
from cardfactory import TREE_PAGE, build_fixture_copy

playwright = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
pytestmark = pytest.mark.browser

PAGES = {
    "home": "index.html",
    "model": "cards/models/llama-2.html",
    "technique": "cards/techniques/rope.html",
    "year": "timeline/2023.html",
    "family trees": "family-trees.html",
    "tree of the field": "field-tree.html",
    "benchmark": "cards/benchmarks/mmlu.html",
    "deep dive": "deep-dives/attention.html",
    "kind index": "cards/models/index.html",
    "not found": "404.html",
}
# A card page with no diagram at all; the model card's lineage diagram sits below the fold.
CARD_WITHOUT_DIAGRAM = PAGES["technique"]


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
    # Diagrams are drawn as they near the screen: bring the first one there.
    page.locator(".llm-graph").first.scroll_into_view_if_needed()  # type: ignore[attr-defined]
    # A half-drawn <svg> exists before Mermaid finishes: wait for the finished one.
    page.wait_for_selector(".llm-graph svg[aria-roledescription]", timeout=20_000)  # type: ignore[attr-defined]


def _draw_every_diagram(page: object) -> None:
    """Scroll each diagram (ours and the essays' plain Mermaid ones) and each live chart into
    view, as a reader would, and wait until it is drawn (our diagrams: and linked)."""
    for selector, done in (
        (".llm-graph", "e => e.dataset.llmLinked === '1'"),
        ("pre.mermaid", "e => !!e.querySelector('svg[aria-roledescription]')"),
        ("figure.llm-chart", "e => e.classList.contains('llm-chart-live')"),
    ):
        boxes = page.locator(selector)  # type: ignore[attr-defined]
        for i in range(boxes.count()):
            box = boxes.nth(i)
            box.scroll_into_view_if_needed()
            page.wait_for_function(done, arg=box.element_handle(), timeout=20_000)  # type: ignore[attr-defined]


def _dark_from_the_start(page: object) -> None:
    # What the theme's colour menu stores: the page opens dark.
    page.add_init_script(  # type: ignore[attr-defined]
        "localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark');"
    )


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_pages_load_offline_without_errors_and_pass_axe(guard: Guard, name: str, mode: str) -> None:
    if mode == "dark":
        _dark_from_the_start(guard.page)
    guard.open(PAGES[name])
    assert guard.page.evaluate("() => document.documentElement.dataset.theme") == mode  # type: ignore[attr-defined]
    _draw_every_diagram(guard.page)  # check the page as readers see it, diagrams drawn
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


def _inside(inner: dict[str, float], outer: dict[str, float]) -> bool:
    return (
        inner["left"] >= outer["left"] - 1
        and inner["top"] >= outer["top"] - 1
        and inner["right"] <= outer["right"] + 1
        and inner["bottom"] <= outer["bottom"] + 1
    )


_RECT = "e => { const r = e.getBoundingClientRect(); return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; }"


def _view(page: object) -> dict[str, object]:
    """The first diagram's box, its scale, and where its current model and relatives are."""
    return page.evaluate(  # type: ignore[attr-defined, no-any-return]
        """() => {
          const box = document.querySelector('.llm-graph');
          const pre = box.querySelector('.llm-mermaid');
          const rect = (e) => { const r = e.getBoundingClientRect();
            return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; };
          const byId = (id) => [...box.querySelectorAll('svg g.node')]
            .find((n) => n.id.split('-').includes(id));
          const label = box.querySelector('svg g.node .nodeLabel');
          return {
            box: rect(box),
            scale: Number(box.dataset.llmScale || 1),
            font: parseFloat(getComputedStyle(label).fontSize),
            focus: rect(byId(pre.dataset.focus)),
            near: pre.dataset.near.split(' ').filter(Boolean).map((id) => rect(byId(id))),
          };
        }"""
    )


@pytest.mark.parametrize("width", [1280, 390])
def test_a_models_diagram_opens_on_the_model_and_its_relatives(
    browser: object, base_url: str, width: int
) -> None:
    # DeepSeek-V3 has a parent, a sibling line and five derivatives: wider than any column.
    for guard in _guard(browser, base_url, viewport={"width": width, "height": 900}):
        guard.open("cards/models/deepseek-v3.html")
        _wait_for_diagrams(guard.page)
        page = guard.page
        page.wait_for_function("() => document.querySelector('.llm-graph').dataset.llmScale")  # type: ignore[attr-defined]
        view = _view(page)
        assert len(view["near"]) >= 5  # type: ignore[arg-type]
        assert _inside(view["focus"], view["box"])  # type: ignore[arg-type]
        # Labels at least 10 px tall on screen.
        assert view["font"] * view["scale"] >= 10 - 0.01  # type: ignore[operator]
        if width == 1280:
            assert all(_inside(r, view["box"]) for r in view["near"])  # type: ignore[arg-type, attr-defined]
        # The toolbar and the keyboard zoom; "fit" shows the whole drawing.
        before = view["scale"]
        page.get_by_role("button", name="Zoom in").click()  # type: ignore[attr-defined]
        assert _view(page)["scale"] == pytest.approx(before * 1.25, rel=0.01)  # type: ignore[operator]
        page.focus(".llm-graph")  # type: ignore[attr-defined]
        page.keyboard.press("-")  # type: ignore[attr-defined]
        assert _view(page)["scale"] == pytest.approx(before, rel=0.01)
        page.keyboard.press("f")  # type: ignore[attr-defined]
        box = page.eval_on_selector(".llm-graph", _RECT)  # type: ignore[attr-defined]
        drawing = page.eval_on_selector(".llm-graph svg", _RECT)  # type: ignore[attr-defined]
        assert _inside(drawing, box)
        guard.check()


def _most_related(count: int) -> list[str]:
    """The models with the most direct relatives (parents and children) in the catalog."""
    from llmcatalog.catalog import load_catalog

    catalog = load_catalog(Path(__file__).parents[1] / "catalog")
    kin = {
        m: len(catalog.parents.get(m, [])) + len(catalog.children.get(m, []))
        for m in catalog.models
    }
    return sorted(kin, key=lambda m: (-kin[m], m))[:count]


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("model_id", ["deepseek-v3", *_most_related(2)])
def test_every_direct_relative_of_a_model_is_in_view_at_text_size(
    browser: object, base_url: str, width: int, model_id: str
) -> None:
    # The diagram cannot show Qwen2.5's fourteen relatives on a phone at 10 px; the boxes
    # above it wrap to any width, so each relative is on screen, uncut, at text size.
    from llmcatalog.catalog import load_catalog

    catalog = load_catalog(Path(__file__).parents[1] / "catalog")
    expected = sorted(
        [e.parent for e in catalog.parents.get(model_id, [])]
        + [e.child for e in catalog.children.get(model_id, [])]
    )
    for guard in _guard(browser, base_url, viewport={"width": width, "height": 900}):
        guard.open(f"cards/models/{model_id}.html")
        page = guard.page
        page.locator(".llm-kin").scroll_into_view_if_needed()  # type: ignore[attr-defined]
        boxes = page.eval_on_selector_all(  # type: ignore[attr-defined]
            ".llm-kin li.llm-kin-box",
            """items => items.map((li) => {
              const r = li.getBoundingClientRect(), a = li.querySelector('a');
              return {href: a ? a.getAttribute('href') : null, text: li.textContent.trim(),
                left: r.left, right: r.right, width: r.width, height: r.height,
                cut: li.scrollWidth > li.clientWidth + 1,
                font: parseFloat(getComputedStyle(a || li).fontSize)};
            })""",
        )
        hrefs = sorted(
            b["href"].split("#")[0].rsplit("/", 1)[-1].removesuffix(".html")
            for b in boxes
            if b["href"]
        )
        assert hrefs == expected
        focus = [b for b in boxes if not b["href"]]
        assert len(focus) == 1 and focus[0]["text"].startswith(catalog.models[model_id].name)
        for b in boxes:
            assert b["width"] > 0 and b["height"] > 0, b
            assert b["left"] >= 0 and b["right"] <= width, b
            assert not b["cut"] and b["font"] >= 10, b
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width  # type: ignore[attr-defined]
        guard.check()


def _tree_nodes(page: object) -> list[dict[str, object]]:
    return page.eval_on_selector_all(  # type: ignore[attr-defined, no-any-return]
        ".llm-fieldtree svg a.llm-ft-node",
        """links => links.map((a) => ({
          href: a.getAttribute('href'), date: a.dataset.date, family: a.dataset.family,
          y: Number(a.querySelector('rect').getAttribute('y')),
          name: a.querySelector('text').textContent, cls: a.getAttribute('class'),
        }))""",
    )


def test_the_tree_of_the_field_draws_every_model_by_date_as_links(guard: Guard) -> None:
    from llmcatalog.catalog import load_catalog

    catalog = load_catalog(Path(__file__).parents[1] / "catalog")
    guard.open(PAGES["tree of the field"])
    page = guard.page
    page.wait_for_selector(".llm-fieldtree[data-llm-drawn-ms]", timeout=30_000)  # type: ignore[attr-defined]
    drawn = _tree_nodes(page)
    # Every model card is one box, linking to its own card, filled by its architecture
    # and outlined by its weights.
    assert len(drawn) == len(catalog.models)
    cards = {str(n["href"]).split("#")[0].rsplit("/", 1)[-1].removesuffix(".html") for n in drawn}
    assert cards == set(catalog.models)
    by_name = {n["name"]: n for n in drawn}
    for model in catalog.models.values():
        cls = str(by_name[model.name]["cls"])
        assert f"llm-arch-{model.architecture}" in cls and f"llm-w-{model.access.weights}" in cls
    # Rows follow release dates: nothing released later sits above anything earlier. (A
    # card dated by its year alone has no month to order it by.)
    lowest: dict[str, float] = {}
    highest: dict[str, float] = {}
    for n in drawn:
        month = str(n["date"])
        if len(month) < 7:
            continue
        lowest[month] = max(lowest.get(month, -1e9), float(n["y"]))  # type: ignore[arg-type]
        highest[month] = min(highest.get(month, 1e9), float(n["y"]))  # type: ignore[arg-type]
    months = sorted(lowest)
    assert all(lowest[a] <= highest[b] for a, b in itertools.pairwise(months))
    # Every lineage relation is one arrow.
    edges = page.locator(".llm-fieldtree svg .llm-ft-edge").count()  # type: ignore[attr-defined]
    assert edges == len(catalog.edges_among(set(catalog.models)))
    # A family picked out: its members, and only they, stay bright.
    page.select_option(".llm-fieldtree-family", "llama")  # type: ignore[attr-defined]
    on = page.eval_on_selector_all(".llm-ft-node.llm-ft-on", "as => as.length")  # type: ignore[attr-defined]
    assert on == sum(1 for m in catalog.models.values() if m.family == "llama") > 5
    # Finding a model brings it into view; clicking it opens its card.
    page.fill(".llm-fieldtree-find", "DeepSeek-V3")  # type: ignore[attr-defined]
    page.press(".llm-fieldtree-find", "Enter")  # type: ignore[attr-defined]
    found = page.locator(".llm-ft-found")  # type: ignore[attr-defined]
    assert found.count() == 1
    box = page.eval_on_selector(".llm-fieldtree-draw", _RECT)  # type: ignore[attr-defined]
    assert _inside(found.evaluate(_RECT), box)
    found.click()
    page.wait_for_url(re.compile(r"/cards/models/deepseek-v3\.html"))  # type: ignore[attr-defined]
    guard.check()


def test_the_tree_of_the_field_zooms_to_fit_and_back(guard: Guard) -> None:
    guard.open(PAGES["tree of the field"])
    page = guard.page
    page.wait_for_selector(".llm-fieldtree[data-llm-drawn-ms]", timeout=30_000)  # type: ignore[attr-defined]
    scale = lambda: float(page.eval_on_selector(".llm-fieldtree-draw", "e => e.dataset.llmScale"))  # type: ignore[attr-defined]  # noqa: E731
    assert scale() == 1.0
    page.get_by_role("button", name="Fit the whole diagram").click()  # type: ignore[attr-defined]
    box = page.eval_on_selector(".llm-fieldtree-draw", _RECT)  # type: ignore[attr-defined]
    assert _inside(page.eval_on_selector(".llm-fieldtree svg", _RECT), box)  # type: ignore[attr-defined]
    assert scale() < 0.5
    page.focus(".llm-fieldtree-draw")  # type: ignore[attr-defined]
    page.keyboard.press("0")  # type: ignore[attr-defined]
    assert scale() == 1.0
    page.keyboard.press("+")  # type: ignore[attr-defined]
    assert scale() == pytest.approx(1.25)
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


def test_adoption_of_a_technique_filters_by_spec(guard: Guard) -> None:
    """GQA's adopters narrowed to those with 8 key-value heads, then to MoE ones, by menu."""
    guard.open("cards/techniques/grouped-query-attention.html")
    page = guard.page
    box = "#adoption .llm-table-box"
    headers = page.locator(f"{box} thead th")  # type: ignore[attr-defined]
    titles = [headers.nth(i).inner_text().strip() for i in range(headers.count())]
    kv = titles.index("KV heads")
    experts = titles.index("Experts")

    def visible(index: int) -> list[str]:
        return page.eval_on_selector_all(  # type: ignore[attr-defined]
            f"{box} tbody tr:not([hidden])",
            f"rows => rows.map(r => r.cells[{index}].textContent.trim())",
        )

    everything = visible(kv)
    assert everything.count("8") >= 5 and len(set(everything)) >= 3
    menu = page.locator(f"{box} select[aria-label='KV heads']")  # type: ignore[attr-defined]
    options = menu.locator("option").all_inner_texts()
    assert options[0] == "any" and "8" in options
    menu.select_option("8")
    assert visible(kv) == ["8"] * everything.count("8")
    status = page.locator(f"{box} .llm-count").inner_text()  # type: ignore[attr-defined]
    assert status == f"{everything.count('8')} of {len(everything)} rows"
    # A second menu narrows further: every choice must hold.
    moe = page.locator(f"{box} select[aria-label='Experts']")  # type: ignore[attr-defined]
    moe.select_option("dense")
    assert set(visible(experts)) == {"dense"} and set(visible(kv)) == {"8"}
    assert 0 < len(visible(kv)) < everything.count("8")
    menu.select_option("")
    moe.select_option("")
    assert len(visible(kv)) == len(everything)
    guard.check()


@pytest.mark.parametrize("width", [1280, 390])
def test_essay_diagrams_keep_their_natural_size(browser: object, base_url: str, width: int) -> None:
    """The plugin's defaults squeezed essay diagrams into 500 px of height and the column's
    width (labels of 8 to 15 px); at natural size every label is at least 10 px tall, and a
    diagram wider than the column scrolls inside its box instead of shrinking."""
    for guard in _guard(browser, base_url, viewport={"width": width, "height": 900}):
        guard.open("timeline/2022.html")
        page = guard.page
        boxes = page.locator("pre.mermaid")  # type: ignore[attr-defined]
        assert boxes.count() >= 1
        for i in range(boxes.count()):
            box = boxes.nth(i)
            box.scroll_into_view_if_needed()
            page.wait_for_function(  # type: ignore[attr-defined]
                "e => !!e.querySelector('svg[aria-roledescription]')",
                arg=box.element_handle(),
                timeout=20_000,
            )
            smallest = box.evaluate(
                "e => Math.min(...Array.from(e.querySelectorAll('.nodeLabel'))"
                ".map(t => t.getBoundingClientRect().height).filter(h => h > 0))"
            )
            assert smallest >= 10, f"diagram {i}: labels {smallest:.1f} px"
            fits = box.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
            scrolls = box.evaluate("e => getComputedStyle(e).overflowX") == "auto"
            assert fits or scrolls
        assert page.locator(".mermaid-fullscreen-btn").count() == 0  # type: ignore[attr-defined]
        guard.check()


def test_compare_page_lays_chosen_models_side_by_side_and_keeps_them_in_the_address(
    guard: Guard,
) -> None:
    guard.open("cards/models/llama-2.html")
    page = guard.page
    page.click("a.llm-compare-to")  # type: ignore[attr-defined]
    page.wait_for_selector(".llm-compare-empty")  # type: ignore[attr-defined]
    assert page.url.endswith("compare.html?models=llama-2")  # type: ignore[attr-defined]
    page.select_option("#llm-compare-add", "mistral-7b")  # type: ignore[attr-defined]
    page.wait_for_selector("table.llm-compare-live")  # type: ignore[attr-defined]
    assert page.url.endswith("compare.html?models=llama-2,mistral-7b")  # type: ignore[attr-defined]
    heads = page.locator("table.llm-compare-live thead th a").all_inner_texts()  # type: ignore[attr-defined]
    assert heads == ["Llama 2", "Mistral 7B"]

    def row(label: str) -> tuple[list[str], bool]:
        tr = page.locator(
            "table.llm-compare-live tbody tr",
            has=page.locator(  # type: ignore[attr-defined]
                f"th:text-is('{label}')"
            ),
        ).first
        cells = [c.strip() for c in tr.locator("td").all_inner_texts()]
        return cells, "llm-diff" in (tr.get_attribute("class") or "")

    assert row("Layers") == (["32", "32"], False)  # the same on both sides
    released, differs = row("Released")
    assert released == ["2023-07-18", "2023-09-27"] and differs
    # One side without a value is not a difference: Mistral 7B's card states no hardware.
    hardware, differs = row("Hardware")
    assert hardware[0].startswith("NVIDIA A100") and hardware[1] == "—" and not differs
    # Scores from different settings are separate rows.
    labels = page.locator("table.llm-compare-live tbody th[scope=row]").all_inner_texts()  # type: ignore[attr-defined]
    assert any(label.startswith("MMLU, ") for label in labels)
    # Only the rows that differ, then a model removed: the address follows.
    page.check("#llm-compare-diff")  # type: ignore[attr-defined]
    shown = page.locator("table.llm-compare-live tbody tr:not(.llm-compare-group)")  # type: ignore[attr-defined]
    assert shown.count() == page.locator("table.llm-compare-live tr.llm-diff").count() > 3  # type: ignore[attr-defined]
    page.click("button[aria-label='Remove Llama 2']")  # type: ignore[attr-defined]
    assert page.url.endswith("compare.html?models=mistral-7b")  # type: ignore[attr-defined]
    guard.open("compare.html?models=gpt-2,no-such-model,bert")
    page.wait_for_selector("table.llm-compare-live")  # type: ignore[attr-defined]
    assert "No model card with the id no-such-model" in page.inner_text(".llm-comparator")  # type: ignore[attr-defined]
    guard.check()


def test_model_index_filters_by_words_menus_and_ranges_kept_in_the_address(
    guard: Guard, tmp_path: Path
) -> None:
    guard.open("cards/models/index.html")
    page = guard.page
    box = ".llm-table-box"
    heads = [t.strip() for t in page.locator(f"{box} thead th").all_inner_texts()]  # type: ignore[attr-defined]
    weights, orgs, released = heads.index("Weights"), heads.index("Organizations"), 1

    def visible(index: int) -> list[str]:
        return page.eval_on_selector_all(  # type: ignore[attr-defined]
            f"{box} tbody tr:not([hidden]):not(.llm-no-rows)",
            f"rows => rows.map(r => r.cells[{index}].textContent.trim())",
        )

    # Whole words: "open" is the open-weights rows, not every OpenAI model.
    page.fill("input.llm-filter", "open")  # type: ignore[attr-defined]
    assert visible(weights) and set(visible(weights)) == {"open"}
    page.fill("input.llm-filter", "")  # type: ignore[attr-defined]
    # A menu of organizations lists each one of a shared cell; a range of years.
    page.select_option(f"{box} select[aria-label='Organizations']", "Meta AI")  # type: ignore[attr-defined]
    page.fill(f"{box} input[aria-label='Released from']", "2023")  # type: ignore[attr-defined]
    page.fill(f"{box} input[aria-label='Released to']", "2023")  # type: ignore[attr-defined]
    meta_2023 = visible(released)
    assert meta_2023 and all(d.startswith("2023") for d in meta_2023)
    assert all("Meta AI" in o for o in visible(orgs))
    # The address holds the view: opened afresh, it shows the same rows.
    shared = page.url  # type: ignore[attr-defined]
    assert "t0.organizations=Meta+AI" in shared and "t0.released=2023..2023" in shared
    guard.open(shared.split("/", 3)[3])
    assert visible(released) == meta_2023
    # Download these rows.
    with page.expect_download() as download:  # type: ignore[attr-defined]
        page.click(f"{box} button.llm-csv")  # type: ignore[attr-defined]
    saved = tmp_path / "rows.csv"
    download.value.save_as(saved)
    lines = saved.read_text().strip().splitlines()
    assert lines[0].startswith("Name,Released,Organizations") and len(lines) == len(meta_2023) + 1
    # Optional columns start hidden and the chooser shows them.
    kv = heads.index("KV heads")
    cell = page.locator(f"{box} thead th").nth(kv)  # type: ignore[attr-defined]
    assert not cell.is_visible()
    page.click(f"{box} details.llm-columns summary")  # type: ignore[attr-defined]
    page.check(f"{box} details.llm-columns input[data-column='{kv}']")  # type: ignore[attr-defined]
    assert cell.is_visible()
    # Nothing matches: the table says so.
    page.fill("input.llm-filter", "nosuchwordanywhere")  # type: ignore[attr-defined]
    assert page.locator(f"{box} tr.llm-no-rows").is_visible()  # type: ignore[attr-defined]
    guard.check()


def test_search_finds_a_model_by_alias(guard: Guard) -> None:
    guard.open("search.html?q=GPT2")
    page = guard.page
    page.wait_for_selector("#search-results li a", timeout=20_000)  # type: ignore[attr-defined]
    hrefs = page.eval_on_selector_all("#search-results li a", "as => as.map(a => a.href)")  # type: ignore[attr-defined]
    assert any(h.split("#")[0].endswith("cards/models/gpt-2.html") for h in hrefs)
    guard.check()


@pytest.mark.parametrize(
    ("query", "card"),
    [("GQA", "cards/techniques/grouped-query-attention"), ("llama 3", "cards/models/llama-3")],
)
def test_search_ranks_a_cards_name_or_alias_first_once(guard: Guard, query: str, card: str) -> None:
    guard.open(f"search.html?q={query.replace(' ', '+')}")
    page = guard.page
    page.wait_for_selector("#search-results li a", timeout=20_000)  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => !document.querySelector('#search-progress')?.textContent.trim()", timeout=20_000
    )
    hrefs = page.eval_on_selector_all(  # type: ignore[attr-defined]
        "#search-results li > a", "as => as.map(a => a.getAttribute('href').split('#')[0])"
    )
    assert hrefs[0] == f"{card}.html"
    assert len(hrefs) == len(set(hrefs))  # one result per page, the card included
    # The first result shows the text around the match.
    page.wait_for_selector("#search-results li:first-child p.context", timeout=20_000)  # type: ignore[attr-defined]
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
    # A parameter count puts the hostile card on the essay's live chart too.
    out = build_fixture_copy(
        tmp_path,
        {"tree.md": TREE_PAGE},
        {"catalog/models/hostile.yaml": ("released: 2022\n", "released: 2022\nparameters: 7B\n")},
    )
    with serve(out) as base:
        for guard in _guard(browser, base):
            for page in ("cards/models/hostile.html", "essay.html", "cards/models/index.html"):
                guard.open(page)
                if page != "cards/models/index.html":
                    _wait_for_diagrams(guard.page)
                    labels = guard.page.locator(".llm-graph svg g.node").count()  # type: ignore[attr-defined]
                    assert labels >= 3
            # The essay's live chart names the hostile model under the pointer as text.
            guard.open("essay.html")
            figure = _live_chart(guard.page, 0)
            points = figure.locator(".role-mark path[aria-roledescription='point']")  # type: ignore[attr-defined]
            shown = []
            for i in range(points.count()):
                points.nth(i).hover()
                tip = guard.page.locator("#vg-tooltip-element")  # type: ignore[attr-defined]
                tip.wait_for(state="visible")
                shown.append(tip.inner_text())
                assert tip.locator("script, img, b").count() == 0
            assert any("<script>alert(1)</script>" in t for t in shown)
            # The tree of the field draws the hostile name as text, and its link stays a link.
            guard.open("tree.html")
            page = guard.page
            page.wait_for_selector(".llm-fieldtree[data-llm-drawn-ms]", timeout=30_000)  # type: ignore[attr-defined]
            names = page.eval_on_selector_all(
                ".llm-ft-node text", "ts => ts.map(t => t.textContent)"
            )  # type: ignore[attr-defined]
            assert any("<script>alert(1)</script>" in n for n in names)
            assert page.locator(".llm-fieldtree script:not([type='application/json'])").count() == 0  # type: ignore[attr-defined]
            hrefs = page.eval_on_selector_all(
                ".llm-ft-node", "as => as.map(a => a.getAttribute('href'))"
            )  # type: ignore[attr-defined]
            assert all(h.startswith("cards/models/") for h in hrefs), hrefs
            guard.check()


def test_the_html_validates(built_site: Path) -> None:
    java = shutil.which("java")
    assert java, "the HTML check needs Java (apt-get install default-jre-headless)"
    others = [
        "cards/benchmarks/mmlu.html",  # results tables, one per setting
        "downloads.html",
        "whats-new.html",  # its meta description was once cut inside an entity
        "architectures.html",
        "contributing/card-reference.html",  # the generated schema tables
        "contributing/configuration.html",
    ]
    pages = [str(built_site / p) for p in [*PAGES.values(), *others]]
    done = subprocess.run(
        [java, "-jar", str(vnu_jar()), "--errors-only", "--format", "text", *pages],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-5000:] + done.stdout[-5000:]


def test_a_long_index_ships_its_rows_as_data_and_shows_them_all(
    browser: object, base_url: str
) -> None:
    from llmcatalog.catalog import load_catalog

    models = load_catalog(Path(__file__).parents[1] / "catalog").models
    assert len(models) > 200  # the real index is long enough to ship its rows as data
    # Without scripts: the first page as markup, and a sentence saying what is left out.
    for guard in _guard(browser, base_url, java_script_enabled=False):
        guard.open("cards/models/index.html")
        page = guard.page
        assert page.locator("table.llm-table tbody tr").count() == 100  # type: ignore[attr-defined]
        note = page.locator(".llm-table-note").inner_text()  # type: ignore[attr-defined]
        assert f"of {len(models):,} rows" in note
    for guard in _guard(browser, base_url, viewport={"width": 1280, "height": 900}):
        guard.open("cards/models/index.html")
        page = guard.page
        assert page.locator(".llm-table-note").count() == 0  # type: ignore[attr-defined]
        status = page.locator(".llm-table-box p.llm-count").first  # type: ignore[attr-defined]
        assert status.inner_text() == f"Rows 1–100 of {len(models)}"
        # A model that only the data holds (past the first page) is found, and links to
        # its card.
        late = page.evaluate(  # type: ignore[attr-defined]
            """() => JSON.parse(document.querySelector('script.llm-table-rows').textContent)[250][0]
                 .find((p) => Array.isArray(p))"""
        )
        page.fill("input.llm-filter", late[1])  # type: ignore[attr-defined]
        link = page.locator("table.llm-table tbody tr td:first-child a", has_text=late[1]).first  # type: ignore[attr-defined]
        assert link.get_attribute("href") == late[2]
        link.click()
        card = late[2].split("#")[0].rsplit("/", 1)[-1]
        page.wait_for_url(re.compile(rf"/cards/models/{re.escape(card)}"))  # type: ignore[attr-defined]
        guard.check()


def test_index_filters_fold_on_a_phone_and_say_how_many_are_set(
    browser: object, base_url: str
) -> None:
    for guard in _guard(browser, base_url, viewport={"width": 390, "height": 800}):
        guard.open("cards/models/index.html")
        page = guard.page
        fold = page.locator("details.llm-facets-fold").first  # type: ignore[attr-defined]
        assert fold.evaluate("e => e.open") is False
        assert not page.locator(".llm-facets select").first.is_visible()  # type: ignore[attr-defined]
        fold.locator("summary").click()
        weights = page.locator(".llm-facets select[aria-label='Weights']")  # type: ignore[attr-defined]
        weights.select_option("open")
        assert fold.locator("summary").inner_text() == "Filters (1 set)"
        # The address keeps the choice; opened from it, the filters show what is set.
        page.reload()  # type: ignore[attr-defined]
        page.wait_for_selector("details.llm-facets-fold")  # type: ignore[attr-defined]
        assert fold.evaluate("e => e.open") is True
        assert fold.locator("summary").inner_text() == "Filters (1 set)"
        guard.check()
    for guard in _guard(browser, base_url, viewport={"width": 1280, "height": 900}):
        guard.open("cards/models/index.html")
        assert guard.page.locator(".llm-facets select").first.is_visible()  # type: ignore[attr-defined]
        guard.check()


def _live_chart(page: object, name: str | int) -> object:
    """The figure of the chart `name` (or the `name`-th figure), once drawn live."""
    if isinstance(name, str):
        sources = page.eval_on_selector_all(  # type: ignore[attr-defined]
            "figure.llm-chart img.only-light", "imgs => imgs.map(i => i.getAttribute('src'))"
        )
        name = next(i for i, src in enumerate(sources) if f"/{name}-light" in src)
    figure = page.locator("figure.llm-chart").nth(name)  # type: ignore[attr-defined]
    figure.scroll_into_view_if_needed()
    page.wait_for_function(  # type: ignore[attr-defined]
        "f => f.classList.contains('llm-chart-live') && f.querySelector('.llm-vega svg')",
        arg=figure.element_handle(),
        timeout=30_000,
    )
    return figure


def test_charts_draw_live_name_the_model_under_the_pointer_and_open_its_card(
    guard: Guard,
) -> None:
    guard.open("timeline/index.html")
    page = guard.page
    figure = _live_chart(page, "compute-over-time")
    # The static images are still in the page (for readers without scripts), now hidden.
    assert figure.locator("img").count() == 2  # type: ignore[attr-defined]
    assert not figure.locator("img").first.is_visible()  # type: ignore[attr-defined]
    # The subtitle wraps over SVG text lines: compare without the white space.
    text = re.sub(r"\s+", "", figure.inner_text())  # type: ignore[attr-defined]
    assert re.search(r"\d+modelswithoutacomputefigurearenotshown", text)
    labels = figure.locator(".role-axis-label text").all_text_contents()  # type: ignore[attr-defined]
    assert "1e24" in labels
    point = figure.locator(".role-mark path[aria-roledescription='point']").first  # type: ignore[attr-defined]
    point.hover()
    tooltip = page.locator("#vg-tooltip-element")  # type: ignore[attr-defined]
    tooltip.wait_for(state="visible")
    assert "Model" in tooltip.inner_text() and "Training compute" in tooltip.inner_text()
    point.click()
    page.wait_for_url(re.compile(r"/cards/models/[a-z0-9-]+\.html"))  # type: ignore[attr-defined]
    guard.check()


def test_vega_loads_only_when_a_chart_comes_onto_the_screen(guard: Guard) -> None:
    # The home page's chart sits just below the fold of a 1280 x 900 window.
    requested: list[str] = []
    guard.page.on("request", lambda r: requested.append(r.url))  # type: ignore[attr-defined]
    guard.open(PAGES["home"])
    assert not [u for u in requested if "/_static/vega/" in u]
    _live_chart(guard.page, 0)
    assert [u for u in requested if "/_static/vega/" in u]
    guard.check()


def test_context_chart_axis_reads_k_and_m_and_follows_dark_mode(guard: Guard) -> None:
    guard.open("timeline/index.html")
    page = guard.page
    figure = _live_chart(page, "context-over-time")
    labels = figure.locator(".role-axis-label text").all_text_contents()  # type: ignore[attr-defined]
    assert {"1K", "4K", "16K", "64K", "256K", "1M"} <= set(labels)
    assert figure.get_attribute("data-llm-drawn") == "light"  # type: ignore[attr-defined]
    page.evaluate("() => { document.documentElement.dataset.theme = 'dark'; }")  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        "f => f.dataset.llmDrawn === 'dark'", arg=figure.element_handle(), timeout=30_000
    )
    guard.check()


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


def _is_search_file(url: str) -> bool:
    return url.split("?")[0].endswith(("searchindex.js", "searchtools.js", "language_data.js"))


def _is_mermaid(url: str) -> bool:
    return "/_static/mermaid/" in url


def test_a_card_page_is_light_and_loads_search_only_to_search(guard: Guard) -> None:
    page = guard.page
    responses: list[object] = []
    page.on("response", lambda r: responses.append(r))  # type: ignore[attr-defined]
    guard.open(CARD_WITHOUT_DIAGRAM)
    weight = weigh(responses)
    assert not [u for u in weight.urls if _is_search_file(u) or _is_mermaid(u)]
    assert weight.gzip_bytes <= 250 * 1024, f"{weight.gzip_bytes / 1024:.0f} KB compressed"
    # Opening the search dialog fetches the index ahead (prefetch) while the reader types;
    # the dialog sends the query to the search page, which loads it and finds the card.
    responses.clear()
    # Named by what it shows (the theme's aria-label "Search" left out "Ctrl+K").
    button = page.get_by_role("button", name=re.compile(r"^Search Ctrl\s*\+\s*K$"))  # type: ignore[attr-defined]
    button.click()
    field = page.locator("#pst-search-dialog input[name=q]")  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => performance.getEntriesByType('resource').some(e => e.name.includes('searchindex.js'))"
    )
    field.fill("rotary position")
    field.press("Enter")
    page.wait_for_url(re.compile(r"/search\.html\?q=rotary"))  # type: ignore[attr-defined]
    page.wait_for_selector("#search-results li a", timeout=20_000)  # type: ignore[attr-defined]
    hrefs = page.eval_on_selector_all("#search-results li a", "as => as.map(a => a.href)")  # type: ignore[attr-defined]
    assert any(h.split("#")[0].endswith("cards/techniques/rope.html") for h in hrefs)
    assert any(_is_search_file(u) for u in weigh(responses).urls)
    guard.check()


def test_mermaid_loads_only_when_a_diagram_nears_the_screen(browser: object, base_url: str) -> None:
    # A short window: the lineage diagram starts more than two screens down.
    requested: list[str] = []
    for guard in _guard(browser, base_url, viewport={"width": 1280, "height": 300}):
        page = guard.page
        page.on("request", lambda r: requested.append(r.url))  # type: ignore[attr-defined]
        guard.open(PAGES["model"])
        top = page.eval_on_selector(".llm-graph", "e => e.getBoundingClientRect().top")  # type: ignore[attr-defined]
        assert top > 2 * 300, "the diagram is no longer below the fold: pick another card"
        page.wait_for_timeout(500)  # type: ignore[attr-defined]
        assert not [u for u in requested if _is_mermaid(u)]
        assert page.locator(".llm-graph svg").count() == 0  # type: ignore[attr-defined]
        _wait_for_diagrams(page)  # scrolls to it
        assert [u for u in requested if _is_mermaid(u)]
        page.wait_for_function("() => document.querySelector('.llm-graph').dataset.llmLinked")  # type: ignore[attr-defined]
        guard.check()


def test_scrolling_diagrams_and_tables_are_named_keyboard_regions(guard: Guard) -> None:
    page = guard.page
    guard.open(PAGES["family trees"])
    _draw_every_diagram(page)
    wide = page.locator(".llm-graph[role=region]")  # type: ignore[attr-defined]
    assert wide.count() >= 1, "no family tree is wider than the column any more"
    assert page.evaluate(  # type: ignore[attr-defined]
        """() => [...document.querySelectorAll('.llm-graph')].every(
            b => (b.scrollWidth > b.clientWidth + 1 || b.classList.contains('llm-zoomable'))
              === (b.getAttribute('role') === 'region'))"""
    )
    box = wide.first
    assert box.get_attribute("tabindex") == "0"
    assert (box.get_attribute("aria-label") or "").startswith("Diagram: ")
    box.focus()
    assert box.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    page.keyboard.press("ArrowRight")  # type: ignore[attr-defined]
    page.wait_for_function("e => e.scrollLeft > 0", arg=box.element_handle())  # type: ignore[attr-defined]
    # The models index scrolls inside its own box: the keyboard scrolls it too.
    guard.open("cards/models/index.html")
    table = page.locator(".llm-table-box .pst-scrollable-table-container").first  # type: ignore[attr-defined]
    assert table.get_attribute("role") == "region"
    assert table.get_attribute("tabindex") == "0"
    assert table.get_attribute("aria-label") == "Table: Models"
    table.focus()
    assert table.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    page.keyboard.press("PageDown")  # type: ignore[attr-defined]
    page.wait_for_function("e => e.scrollTop > 0", arg=table.element_handle())  # type: ignore[attr-defined]
    guard.check()


def test_the_404_page_works_from_the_site_root(guard: Guard) -> None:
    """Served from the root, as a local preview, GitHub Pages or a custom domain serve it:
    styled, every asset found, its links and its search working."""
    page = guard.page
    missing = f"{guard.base}/cards/models/no-such-model.html"
    only_the_page_missing = [
        f"HTTP 404: {missing}",
        "Failed to load resource: the server responded with a status of 404 (Not Found)",
    ]
    failed: list[str] = []
    page.on("requestfailed", lambda r: failed.append(r.url))  # type: ignore[attr-defined]
    response = page.goto(missing)  # type: ignore[attr-defined]
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    assert response.status == 404
    assert page.locator("article h1").inner_text() == "Page not found"  # type: ignore[attr-defined]
    # The theme's stylesheet applies: its colour variables are defined and the navigation
    # bar is laid out as a bar (unstyled, it was a bulleted list).
    assert page.evaluate(  # type: ignore[attr-defined]
        "() => getComputedStyle(document.documentElement).getPropertyValue('--pst-color-primary')"
    ).strip()
    header = page.locator(".bd-header")  # type: ignore[attr-defined]
    assert header.evaluate("e => getComputedStyle(e).display") == "flex"
    # The page itself is the only thing missing: every stylesheet, script, font and image
    # it asks for is found (served under /en/latest/, it made 20-odd failed requests here).
    assert failed == []
    assert guard.errors == only_the_page_missing
    guard.errors.clear()
    # Every link on the page leads somewhere.
    hrefs = page.eval_on_selector_all(  # type: ignore[attr-defined]
        "a[href]", "as => [...new Set(as.map(a => a.href.split('#')[0]))]"
    )
    local = [h for h in hrefs if h.startswith(guard.base) and h != missing]
    assert len(local) >= 15
    broken = [h for h in local if page.request.get(h).status != 200]  # type: ignore[attr-defined]
    assert broken == []
    page.locator("article").get_by_role("link", name="every model").click()  # type: ignore[attr-defined]
    page.wait_for_url(f"{guard.base}/cards/models/index.html")  # type: ignore[attr-defined]
    page.go_back()  # type: ignore[attr-defined]
    assert guard.errors == only_the_page_missing
    guard.errors.clear()
    # Its search box offers the missing page's name, and searching finds the catalog's pages.
    field = page.locator("article input[name=q]")  # type: ignore[attr-defined]
    assert field.input_value() == "no such model"
    field.fill("Llama 2")
    field.press("Enter")
    page.wait_for_selector("#search-results li a", timeout=20_000)  # type: ignore[attr-defined]
    hrefs = page.eval_on_selector_all("#search-results li a", "as => as.map(a => a.href)")  # type: ignore[attr-defined]
    assert any(h.split("#")[0].endswith("cards/models/llama-2.html") for h in hrefs)
    guard.check()


@pytest.mark.parametrize(
    ("env", "prefix"),
    [
        ({}, "/"),
        ({"LLMCATALOG_BASE_URL": "https://example.org/llm/catalog"}, "/llm/catalog/"),
        (
            {"READTHEDOCS_CANONICAL_URL": "https://llmcatalog.readthedocs.io/en/latest/"},
            "/en/latest/",
        ),
    ],
)
def test_the_404_page_follows_where_the_site_is_hosted(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], prefix: str
) -> None:
    """Served at any depth, the 404 page needs absolute links: from the host's site root."""
    import runpy

    for name in ("LLMCATALOG_BASE_URL", "READTHEDOCS_CANONICAL_URL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    conf = runpy.run_path(str(Path(__file__).parent.parent / "docs" / "conf.py"))
    assert conf["notfound_urls_prefix"] == prefix
    links = re.findall(r'(?:href|action)="([^"]+)"', conf["notfound_context"]["body"])
    assert len(links) >= 8
    assert all(link.startswith(prefix) for link in links)
