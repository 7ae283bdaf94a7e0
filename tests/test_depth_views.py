"""What practitioners compare, on the pages: spec, compute and results (tests/roots/test-depth)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from llmcatalog.catalog import load_catalog
from llmcatalog.catalog.derived import SIX_ND_METHOD, training_compute

ROOT = Path(__file__).parent / "roots" / "test-depth"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, make_app_module) -> Path:
    src = tmp_path_factory.mktemp("depth") / "src"
    shutil.copytree(ROOT, src)
    app = make_app_module("html", srcdir=src, freshenv=True)
    app.build()
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    assert "WARNING" not in text, text
    return Path(app.outdir)


@pytest.fixture(scope="module")
def make_app_module(tmp_path_factory: pytest.TempPathFactory):
    """`make_app` for a module-scoped build: the site is built once for all tests here."""
    from sphinx.testing.util import SphinxTestApp

    apps = []

    def make(*args, **kwargs):
        app = SphinxTestApp(*args, **kwargs)
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.cleanup()


def page(outdir: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((outdir / f"{name}.html").read_text(), "html.parser")


def rows(table) -> dict[str, str]:
    out = {}
    for tr in table.select("tr"):
        cells = [td.get_text(" ", strip=True) for td in tr.find_all(["td", "th"])]
        if len(cells) == 2:
            out[cells[0]] = cells[1]
    return out


def test_model_page_shows_the_spec_with_its_source(site: Path) -> None:
    doc = page(site, "cards/models/base-2")
    spec = rows(doc.find(id="architecture").find("table"))
    assert spec["Layers"].startswith("32")
    assert spec["Attention heads"] == "32 query, 8 key-value"
    assert spec["Attention type"] == "grouped-query (4 query heads per KV head)"
    assert (
        spec["Attention layout"]
        == "sliding window of 1,024 tokens, 5 local layers per global layer"
    )
    assert spec["Mixture of experts"] == "8 experts, 2 per token; expert width 14,336"
    assert spec["Positions"] == "RoPE, base 1,000,000"
    assert spec["Normalization"] == "RMSNorm, pre-norm"
    # The first row cites the config source, the third on the card.
    cite = doc.find(id="architecture").find("a", class_="llm-cite")
    assert cite.get_text() == "[3]"


def test_compute_is_marked_as_an_estimate_and_hardware_cited(site: Path) -> None:
    compute = rows(page(site, "cards/models/base-2").find(id="compute").find("table"))
    assert compute["Training compute"].startswith(
        "~2.1 × 10^23 FLOP estimate (from reported GPU-hours)"
    )
    assert compute["Hardware"].startswith("1,024 × TPU v4; 1.2M accelerator-hours")


def test_a_model_without_stated_compute_shows_the_derived_figure_as_derived(site: Path) -> None:
    compute = rows(page(site, "cards/models/base-1").find(id="compute").find("table"))
    # base-1: 1.5B parameters, 30B tokens -> 6 x 1.5e9 x 3e10 = 2.7e20
    assert compute["Training compute"] == "~2.7 × 10^20 FLOP derived: 6 × parameters × tokens"
    catalog = load_catalog(ROOT / "catalog")
    figure = training_compute(catalog.models["base-1"])
    assert figure is not None and figure.status == "derived" and figure.method == SIX_ND_METHOD
    assert figure.value == pytest.approx(2.7e20)


def test_results_on_the_model_page_keep_their_setting(site: Path) -> None:
    table = page(site, "cards/models/base-2").find(id="results").find("table")
    body = [
        [td.get_text(" ", strip=True) for td in tr.find_all("td")]
        for tr in table.tbody.find_all("tr")
    ]
    assert ["Quiz", "71.5 [1]", "5-shot", "Base Two"] in body
    assert ["Quiz", "80.2 [1]", "0-shot, CoT", "Base Two Chat"] in body


def test_benchmark_page_never_ranks_scores_from_different_settings_together(site: Path) -> None:
    doc = page(site, "cards/benchmarks/quiz")
    tables = doc.find(id="results").find_all("table")
    captions = [t.find("caption").get_text(" ", strip=True).rstrip(" ¶") for t in tables]
    assert captions == ["Setting: 0-shot, CoT", "Setting: 5-shot"]
    five_shot = [tr.find("td").get_text(strip=True) for tr in tables[1].tbody.find_all("tr")]
    assert five_shot == ["Base Two", "Base One"]  # highest score first, within one setting


def test_architecture_comparison_lists_models_with_specs(site: Path) -> None:
    tables = page(site, "index").select("table.llm-architectures")
    assert len(tables) == 2
    first = [tr.find("td").get_text(" ", strip=True) for tr in tables[0].tbody.find_all("tr")]
    # Only models with a spec; a card whose specs are per variant is shown by the variant of
    # the card's size, named, with that variant's figures.
    assert first == ["Base Two", "Chat Two (Chat Two Large)"]
    large = [td.get_text(strip=True) for td in tables[0].tbody.find_all("tr")[1].find_all("td")]
    assert large[2:6] == ["47B", "32", "4,096", "32 (4)"]
    second = [tr.find("td").get_text(strip=True) for tr in tables[1].tbody.find_all("tr")]
    assert second == ["Base Two", "Base One"]  # the order given; :all: shows those without
    cells = [
        td.get_text(" ", strip=True) for td in tables[1].tbody.find_all("tr")[1].find_all("td")
    ]
    assert cells[3] == "—"  # no spec: a dash, not a guess


def test_compute_chart_is_drawn_with_alt_text(site: Path) -> None:
    images = page(site, "index").select("figure.llm-chart img")
    assert len(images) == 2
    assert "6 x parameters x training tokens" in images[0]["alt"]


def test_benchmark_page_charts_scores_over_time_per_setting(site: Path) -> None:
    results = page(site, "cards/benchmarks/quiz").find(id="results")
    images = results.select("figure.llm-chart img")
    assert [img["src"].rsplit("/", 1)[-1] for img in images] == [
        "scores-quiz-light.svg",
        "scores-quiz-dark.svg",
    ]
    assert "scores from different settings are not comparable" in images[0]["alt"]
    svg = (site / "_images" / "scores-quiz-light.svg").read_text()
    # One legend entry per setting with its count, and the ceiling that shows saturation.
    assert "5-shot (2)" in svg and "0-shot, CoT (1)" in svg
    assert "highest possible score (100)" in svg
    assert "3 reported scores" in svg


def test_score_series_keeps_settings_apart_and_dates_results() -> None:
    from llmcatalog.render.charts import score_series

    catalog = load_catalog(ROOT / "catalog")
    series = score_series(catalog, "quiz")
    assert list(series) == ["5-shot", "0-shot, CoT"]  # most results first
    assert [(p.model, p.score) for p in series["5-shot"]] == [
        ("base-1", 55.0),  # released 2019-03
        ("base-2", 71.5),  # released 2021-05
    ]
    (chat,) = series["0-shot, CoT"]
    assert 2022.0 < chat.when < 2022.2  # the result's own date (2022-02), not 2021-05


def test_headline_spec_is_the_cards_or_the_variant_of_its_size() -> None:
    from llmcatalog.catalog.derived import headline_spec, some_spec

    catalog = load_catalog(ROOT / "catalog")
    variant, spec = headline_spec(catalog.models["base-2"])
    assert variant is None and spec.kv_heads == 8
    variant, spec = headline_spec(catalog.models["chat-2"])
    assert variant == "Chat Two Large" and spec.kv_heads == 4
    assert headline_spec(catalog.models["base-1"]) is None
    # Without a variant of the card's size the card's own figures are unknown: tables show a
    # dash rather than a smaller size's figures; comparisons that name the variant use it.
    smaller = catalog.models["chat-2"].model_copy(update={"parameters": None})
    assert headline_spec(smaller) is None
    assert some_spec(smaller)[0] == "Chat Two Small"


def test_adoption_table_carries_spec_columns_the_browser_filters_by(site: Path) -> None:
    table = page(site, "cards/techniques/gqa").find(id="adoption").find("table")
    heads = [th.get_text(strip=True) for th in table.thead.find_all("th")]
    facets = [th.get_text(strip=True) for th in table.thead.select("th.llm-facet")]
    assert {"Attention", "KV heads", "Experts", "Layout"} <= set(facets)
    assert "Released" in heads and "Released" not in facets
    column = heads.index("KV heads")
    kinds = heads.index("Attention")
    cells = {
        tr.find("td").get_text(strip=True): [td.get_text(strip=True) for td in tr.find_all("td")]
        for tr in table.tbody.find_all("tr")
    }
    assert cells["Base Two"][column] == "8" and cells["Chat Two"][column] == "4"
    assert cells["Base Two"][kinds] == "GQA"
    assert cells["Base Two"][heads.index("Experts")] == "8 experts, 2 per token"
    assert cells["Chat Two"][heads.index("Experts")] == "dense"


def test_a_changed_score_redraws_its_benchmark_chart_and_only_that(make_app, tmp_path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    make_app("html", srcdir=src, freshenv=True).build()
    charts = src / "cards" / "_charts"
    scores = charts / "scores-quiz-light.svg"
    compute = charts / "compute-over-time-light.svg"
    before, compute_mtime = scores.read_bytes(), compute.stat().st_mtime_ns
    card = src / "catalog" / "models" / "base-1.yaml"
    card.write_text(card.read_text().replace("score: 55.0", "score: 35.0"))
    app = make_app("html", srcdir=src)
    app.build()
    assert scores.read_bytes() != before
    assert compute.stat().st_mtime_ns == compute_mtime  # it plots no score
    assert (Path(app.outdir) / "_images" / "scores-quiz-light.svg").read_bytes() == (
        scores.read_bytes()
    )


def test_compare_data_holds_every_models_rows_as_text_and_links() -> None:
    import json

    from llmcatalog.render.compare import compare_data

    catalog = load_catalog(ROOT / "catalog")
    data = json.loads(json.dumps(compare_data(catalog, "cards")))  # JSON-safe as it is
    models = {m["id"]: m for m in data["models"]}
    assert list(models) == catalog.models_by_date()  # every model, oldest first
    rows = {(g, label): parts for g, label, parts in models["base-2"]["rows"]}
    assert rows[("Architecture", "Layers")] == [["t", "32"]]
    assert rows[("Results", "Quiz, 5-shot")] == [["t", "71.5"]]
    assert rows[("Results", "Quiz, 0-shot, CoT")] == [["t", "80.2 (Base Two Chat)"]]
    assert rows[("Lineage", "Comes from")] == [["t", "successor of "], ["r", "model", "base-1", ""]]
    assert rows[("Overview", "Organizations")] == [["r", "organization", "acme", ""]]
    assert data["names"]["organization"]["acme"] == "Acme Research"
    (first,) = [p for (g, label), p in rows.items() if label == "[1]"]
    assert first[0] == ["u", "https://example.org/b2", "Base Two paper"]
    # A card whose specs are per variant is compared by the size named in its row.
    chat = {(g, label): parts for g, label, parts in models["chat-2"]["rows"]}
    assert chat[("Architecture", "Spec describes")] == [["t", "Chat Two Large"]]
    # Card text stays text: the hostile card's name is one text part, not markup.
    hostile = models["hostile"]
    assert "<script>" in hostile["name"]
    for _, _, parts in hostile["rows"]:
        assert all(p[0] in {"t", "r", "u"} for p in parts)
        assert all(p[1].startswith(("http://", "https://")) for p in parts if p[0] == "u")


def test_every_model_page_links_to_the_compare_page_with_its_id(site: Path) -> None:
    link = page(site, "cards/models/base-2").find("a", class_="llm-compare-to")
    assert link["href"] == "../../compare.html?models=base-2"
    compare = page(site, "compare")
    data = compare.select_one(".llm-comparator a.download")
    assert data["href"].endswith("/compare.json")
    assert (site / data["href"]).is_file()
    assert compare.find("script", src=re.compile("llmcatalog-compare.js"))
    assert not page(site, "cards/models/base-2").find("script", src=re.compile("compare.js"))
    # The model index points to it too.
    index = page(site, "cards/models/index")
    assert index.find("a", href="../../compare.html", string="compare page")
