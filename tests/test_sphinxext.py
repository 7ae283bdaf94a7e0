"""The Sphinx extension on a small fixture site (tests/roots/test-basic)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from cardfactory import commit_all, git

from llmcatalog.catalog import load_catalog
from llmcatalog.schema import KIND_FOLDERS

ROOT = Path(__file__).parent / "roots" / "test-basic"


def soup(app, docname: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / f"{docname}.html").read_text(), "html.parser")


def inventory(app) -> dict[str, set[str]]:
    raw = (Path(app.outdir) / "objects.inv").read_bytes()
    body = zlib.decompress(raw.split(b"\n", 4)[4]).decode()
    found: dict[str, set[str]] = {}
    for line in body.splitlines():
        name, role = line.split(" ")[:2]
        found.setdefault(role, set()).add(name)
    return found


@pytest.fixture
def built(make_app, tmp_path):
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    return app


def warnings(app) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())


def test_every_card_has_a_page_an_index_row_and_an_inventory_entry(built) -> None:
    catalog = load_catalog(ROOT / "catalog")
    inv = inventory(built)
    for entry in catalog.all_entries():
        card = entry.card
        folder = KIND_FOLDERS[card.card_kind]
        page = soup(built, f"cards/{folder}/{card.id}")
        assert page.h1.get_text().rstrip("¶#") == card.name
        assert page.find(id=f"llm-{card.card_kind}-{card.id}") is not None
        index = soup(built, f"cards/{folder}/index")
        links = {a["href"].split("#")[0] for a in index.select("table a.reference")}
        assert f"{card.id}.html" in links
        assert card.id in inv[f"llm:{card.card_kind}"]


def test_roles_link_to_card_pages_with_the_card_name(built) -> None:
    page = soup(built, "essay")
    link = page.find("a", href=re.compile(r"cards/models/base-1.html#llm-model-base-1"))
    assert link.get_text() == "Base One"
    explicit = page.find("a", href=re.compile(r"base-2.html#llm-model-base-2"))
    assert explicit.get_text() == "the second"


def test_unknown_references_and_bad_filters_warn_with_location(built) -> None:
    text = warnings(built)
    assert re.search(
        r"bad-refs.md:6: WARNING: unknown model 'base-3'; did you mean 'base-2'\?", text
    )
    assert (
        "bad-refs.md:8: WARNING: llm:table: cannot filter models on 'yaer'; did you mean 'year'?"
        in text
    )
    # Nothing else is wrong with the fixture site.
    others = [w for w in text.splitlines() if "WARNING" in w and "bad-refs.md" not in w]
    assert others == []


def test_table_filters_sorts_and_formats(built) -> None:
    table = soup(built, "essay").find(id="table").find("table")
    rows = [
        [td.get_text(" ", strip=True) for td in tr.find_all("td")]
        for tr in table.tbody.find_all("tr")
    ]
    # year 2021 decoder-only, newest first; MoE shows active parameters; missing context is a dash.
    assert rows == [
        ["Chat Two", "2021-06-15", "47B", "—"],
        ["Base Two", "2021-05", "~47B (est.) (13B active)".replace("~47B (est.)", "47B"), "4,096"],
    ]
    headers = [th.get_text(strip=True) for th in table.thead.find_all("th")]
    assert headers == ["Name", "Released", "Parameters", "Context"]


def test_lineage_diagram_is_escaped_and_linked(built) -> None:
    box = soup(built, "essay").find(id="lineage")
    code = box.find("div", class_="llm-mermaid").get_text()
    assert "flowchart LR" in code
    assert re.search(r'n\d+\["Base One #40;2019#41;"\]', code)
    assert re.search(r'n\d+ -->\|"succeeded by"\| n\d+', code)
    # The hostile name cannot close the label, add an edge, a click or an init directive.
    for line in code.splitlines():
        if "Evil" in line:
            assert line.count('"') == 2
            assert "-->" not in line and "%%" not in line and "click" not in line.split('"')[0]
    links = box.find("script", class_="llm-graph-links").string
    assert "cards/models/base-1.html#llm-model-base-1" in links
    relations = [li.get_text(" ", strip=True) for li in box.select("ul.llm-relations li")]
    assert "Base Two — successor of — Base One" in relations
    # Every relation reads the right way round, in the list and along the arrow.
    assert "Chat Two — instruction-tuned from — Base Two" in relations
    assert re.search(r'n\d+ -\.->\|"instruction#45;tuned into"\| n\d+', code)
    # The legend names the colours and line styles this diagram uses, and only those.
    legend = box.find_next("p", class_="llm-legend").get_text(" ", strip=True)
    assert "open weights" in legend and "successor" in legend
    assert "same architecture" not in legend  # no such edge here


def test_timeline_lists_models_and_techniques_by_year(built) -> None:
    box = soup(built, "essay").find(id="timeline")
    terms = [dt.get_text(strip=True) for dt in box.find_all("dt")]
    assert terms == ["2017", "2019", "2021"]
    text = box.get_text(" ", strip=True)
    assert text.index("Base One") < text.index("Base Two") < text.index("Chat Two")
    assert "Evil" not in text  # 2022 is outside 2017..2021
    assert "Multi-head attention" in text  # techniques by their introduction
    assert "Grouped-query attention" not in text  # introduced 2023


def test_card_compare_and_adoption(built) -> None:
    page = soup(built, "essay")
    card = page.find(id="card")
    assert "~1.8T estimate" in card.get_text(" ", strip=True)
    compare = page.find(id="compare").find("table")
    differing = [tr.find("td").get_text(strip=True) for tr in compare.select("tr.llm-diff")]
    assert "Released (differs)" in differing
    assert "Organizations" not in " ".join(differing)
    adoption = page.find(id="adoption").find("table")
    header = [th.get_text(strip=True) for th in adoption.thead.find_all("th")]
    assert header == ["Model", "Released", "Multi-head attention", "Grouped-query attention"]
    rows = {
        tr.find("td").get_text(strip=True): [
            td.get_text(" ", strip=True) for td in tr.find_all("td")[2:]
        ]
        for tr in adoption.tbody.find_all("tr")
    }
    # The mark is shown; the words are in the text too (for screen readers), hidden visually.
    assert rows["Base One"] == ["★ first yes, first adopter", ""]
    assert rows["Base Two"] == ["", "★ first yes, first adopter"]
    assert rows["Chat Two"] == ["", "● yes"]
    hidden = adoption.select("span.llm-visually-hidden")
    assert hidden and all(not span.find_parent("span", title=True) for span in hidden)


def test_schema_reference_is_generated_from_the_model(built) -> None:
    box = soup(built, "essay").find(id="schema")
    text = box.get_text(" ", strip=True)
    from llmcatalog.schema import Benchmark

    for name, field in Benchmark.model_fields.items():
        assert name in text
        if field.description:
            assert field.description.split("`")[0].split()[0] in text
    assert "required" in text and "optional" in text


def test_chart_has_both_themes_alt_text_and_data_link(built) -> None:
    figure = soup(built, "essay").find(id="chart").find("figure")
    images = figure.find_all("img")
    assert {tuple(i["class"]) for i in images} >= {("only-light",), ("only-dark",)}
    assert all(len(i["alt"]) > 40 for i in images)
    assert figure.find("a", href=re.compile(r"cards/models/index.html"))
    svg = Path(built.outdir) / "_images"
    assert any(p.suffix == ".svg" for p in svg.iterdir())


def test_model_page_ties_figures_to_sources_and_marks_estimates(built) -> None:
    page = soup(built, "cards/models/base-2")
    infobox = page.find("table", class_="llm-infobox")
    text = infobox.get_text(" ", strip=True)
    assert "47B [1]" in text and "13B [1]" in text
    assert "~1.8T estimate [2]" in text
    sources = page.find("ol", class_="llm-sources")
    assert [li["id"] for li in sources.find_all("li")] == ["llm-source-1", "llm-source-2"]
    edit = page.find("p", class_="llm-edit").find("a")
    assert edit["href"] == "https://example.org/repo/edit/main/catalog/models/base-2.yaml"


def test_technique_page_shows_adoption_and_first_adopter(built) -> None:
    page = soup(built, "cards/techniques/gqa")
    adoption = page.find(id="adoption")
    names = [
        tr.find("td").get_text(strip=True) for tr in adoption.find("table").tbody.find_all("tr")
    ]
    assert names == ["Base Two", "Chat Two"]
    assert "First model in the catalog to use it: Base Two (2021-05)" in adoption.get_text(
        " ", strip=True
    ).replace(" .", ".")
    assert "Multi-head attention" in page.find(id="related").get_text()


def test_hostile_card_text_stays_inert(built) -> None:
    page = soup(built, "cards/models/hostile")
    # The page's box and the sections after it (lineage diagram, sources).
    content = [page.find("h1"), page.find("div", class_="llm-page")]
    content += page.select("div.llm-page ~ section")
    assert len(content) > 3
    for part in content:
        for element in part.find_all(True):
            assert element.name not in {"img", "iframe", "object", "embed", "style"}
            if element.name == "script":
                assert element.get("type") == "application/json"
            for attribute, value in element.attrs.items():
                assert not attribute.lower().startswith("on"), (element.name, attribute)
                if attribute in {"href", "src"}:
                    assert str(value).startswith(("https://", "#", "../")) or re.match(
                        r"^[a-z0-9-]+\.html(#|$)", str(value)
                    ), value
    text = " ".join(part.get_text(" ") for part in content)
    # The payloads are still there, as text a reader can see.
    assert '<script>alert("raw html")</script>' in text
    assert "<img src=x onerror=alert(1)>" in text
    assert "[click me](javascript:alert(1))" in text
    assert page.find("a", href="https://example.org/ok") is not None


def test_assets_load_only_where_needed(built) -> None:
    essay = (Path(built.outdir) / "essay.html").read_text()
    assert "llmcatalog-tables.js" in essay and "llmcatalog-graph.js" in essay
    page = (Path(built.outdir) / "cards/organizations/acme.html").read_text()
    assert "llmcatalog-graph.js" not in page
    bench = (Path(built.outdir) / "bad-refs.html").read_text()
    assert "llmcatalog-tables.js" not in bench and "mermaid" not in bench


def _reread(app) -> list[str]:
    seen: list[str] = []
    app.connect("env-before-read-docs", lambda app, env, docnames: seen.extend(sorted(docnames)))
    return seen


def test_incremental_build_rereads_exactly_the_pages_that_show_a_card(make_app, tmp_path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    card = src / "catalog" / "models" / "chat-2.yaml"
    card.write_text(card.read_text().replace("name: Chat Two", "name: Chat Deux"))
    app2 = make_app("html", srcdir=src)
    seen = _reread(app2)
    app2.build()
    assert sorted(seen) == sorted(
        [
            "cards/models/chat-2",  # its own page
            "cards/models/index",  # the kind index
            "cards/models/base-2",
            "cards/models/base-1",  # lineage neighbours show its name
            "cards/models/hostile",
            "cards/techniques/gqa",
            "cards/techniques/causal-lm",  # adoption tables
            "cards/organizations/acme",  # its lab's table of models
            "essay",  # tables, timeline, lineage
            "report",  # what's new and downloads: read in every build
        ]
    )
    # Pages that only count models (the catalog overview, the technique and lab indexes)
    # are not re-read for a new name.
    assert "Chat Deux" in (Path(app2.outdir) / "cards/techniques/gqa.html").read_text()
    assert "Chat Deux" in (Path(app2.outdir) / "essay.html").read_text()
    assert "Chat Deux" in (Path(app2.outdir) / "cards/models/base-2.html").read_text()
    # A third build with nothing changed reads only the page that shows git history.
    app3 = make_app("html", srcdir=src)
    seen3 = _reread(app3)
    app3.build()
    assert seen3 == ["report"]


def _edit_and_rebuild(make_app, tmp_path, edits: dict[str, tuple[str, str]]):
    """Build the test site, apply text edits to cards, rebuild; the app and pages re-read."""
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    make_app("html", srcdir=src, freshenv=True).build()
    for name, (old, new) in edits.items():
        card = src / "catalog" / name
        text = card.read_text()
        assert old in text, (name, old)
        card.write_text(text.replace(old, new))
    app = make_app("html", srcdir=src)
    seen = _reread(app)
    app.build()
    return app, sorted(seen)


def test_editing_a_figure_rereads_only_pages_that_show_that_figure(make_app, tmp_path) -> None:
    app, seen = _edit_and_rebuild(
        make_app, tmp_path, {"models/base-2.yaml": ("context_length: 4096", "context_length: 8192")}
    )
    assert seen == [
        "cards/models/base-2",  # its own page
        "cards/models/index",  # the index has a context column
        "cards/organizations/acme",  # so has its lab's table
        "essay",  # a filtered table, a card and a comparison
        "report",
    ]
    # Lineage and family lists (names, dates, weights) and adoption tables are left alone.
    assert "8,192" in (Path(app.outdir) / "cards/models/index.html").read_text()
    assert "8,192" in (Path(app.outdir) / "cards/organizations/acme.html").read_text()
    # The data downloads follow the edit, and are not written again when nothing changed.
    link = soup(app, "report").find("a", string="catalog.json")["href"]
    exported = json.loads((Path(app.outdir) / link).read_text())
    base_2 = next(m for m in exported["models"] if m["id"] == "base-2")
    assert base_2["context_length"]["value"] == 8192
    data = Path(app.srcdir) / "cards" / "_data" / "catalog.json"
    before = data.stat().st_mtime_ns
    make_app("html", srcdir=app.srcdir).build()
    assert data.stat().st_mtime_ns == before


def test_moving_an_edge_redraws_lineage_two_steps_away(make_app, tmp_path) -> None:
    # hostile was a child of chat-2 (so two steps below base-2); it becomes a child of base-1.
    app, seen = _edit_and_rebuild(
        make_app,
        tmp_path,
        {
            "models/hostile.yaml": (
                "{model: chat-2, relation: fine-tune}",
                "{model: base-1, relation: fine-tune}",
            )
        },
    )
    for page in ("base-1", "base-2", "chat-2", "hostile"):
        assert f"cards/models/{page}" in seen

    def relations(page: str) -> str:
        return soup(app, f"cards/models/{page}").find("ul", class_="llm-relations").get_text()

    assert "fine-tuned from" in relations("base-1")
    assert "fine-tuned from" not in relations("base-2")
    assert "fine-tuned from" not in relations("chat-2")


def test_renaming_a_lab_updates_every_card_that_names_it(make_app, tmp_path) -> None:
    app, seen = _edit_and_rebuild(
        make_app, tmp_path, {"organizations/acme.yaml": ("name: Acme Research", "name: Acme Labs")}
    )
    for page in ("base-1", "base-2", "chat-2", "hostile"):
        assert f"cards/models/{page}" in seen
        assert "Acme Labs" in (Path(app.outdir) / f"cards/models/{page}.html").read_text()
    assert "Acme Labs" in (Path(app.outdir) / "cards/models/index.html").read_text()


def test_adding_and_removing_a_card_updates_indexes(make_app, tmp_path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    new = src / "catalog" / "models" / "base-3.yaml"
    new.write_text(
        (src / "catalog" / "models" / "chat-2.yaml")
        .read_text()
        .replace("id: chat-2", "id: base-3")
        .replace("name: Chat Two", "name: Base Three")
    )
    (src / "catalog" / "models" / "hostile.yaml").unlink()
    app2 = make_app("html", srcdir=src)
    app2.build()
    index = (Path(app2.outdir) / "cards/models/index.html").read_text()
    assert "Base Three" in index
    assert "Evil" not in index
    assert (Path(app2.outdir) / "cards/models/base-3.html").exists()
    assert not (src / "cards" / "models" / "hostile.rst").exists()
    inv = inventory(app2)
    assert "base-3" in inv["llm:model"] and "hostile" not in inv["llm:model"]
    # bad-refs.md's base-3 reference resolves now.
    assert "unknown model 'base-3'" not in warnings(app2)


def test_parallel_build_gives_the_same_pages(make_app, tmp_path) -> None:
    outputs = {}
    for jobs in (1, 2):
        src = tmp_path / f"src{jobs}"
        shutil.copytree(ROOT, src)
        app = make_app("html", srcdir=src, freshenv=True, parallel=jobs)
        app.build()
        outputs[jobs] = {
            p.relative_to(app.outdir).as_posix(): p.read_text()
            for p in Path(app.outdir).rglob("*.html")
            if "cards/" in p.as_posix()
        }
        # Warnings about the site's own files (a second app in one process also re-registers
        # Sphinx's nodes, which warns without a location: not ours to check).
        stray = [w for w in warnings(app).splitlines() if str(src) in w and "bad-refs" not in w]
        assert stray == []
        assert "one process is faster" not in app._status.getvalue()  # a full build forks
    assert outputs[1].keys() == outputs[2].keys()
    for name in outputs[1]:
        assert outputs[1][name] == outputs[2][name], name


def test_an_edit_rebuilds_in_one_process_even_with_jobs(make_app, tmp_path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    make_app("html", srcdir=src, freshenv=True, parallel=2).build()
    card = src / "catalog" / "models" / "base-2.yaml"
    card.write_text(card.read_text().replace("Base Two follows", "Base Two comes after"))
    app = make_app("html", srcdir=src, parallel=2)
    seen = _reread(app)
    app.build()
    assert seen == ["cards/models/base-2", "report"]
    assert "2 page(s) to read: one process is faster" in app._status.getvalue()
    assert app.parallel == 2  # restored when the build ends
    assert "Base Two comes after" in (Path(app.outdir) / "cards/models/base-2.html").read_text()


@pytest.mark.parametrize("builder", ["dirhtml", "singlehtml", "latex", "text"])
def test_other_builders_do_not_crash(make_app, tmp_path, builder: str) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    app = make_app(builder, srcdir=src, freshenv=True)
    app.build()
    assert app.statuscode == 0
    produced = [p for p in Path(app.outdir).rglob("*") if p.is_file()]
    assert produced
    # Catalog tables reach every format, with their links resolved: the models index lists
    # each model with its lab.
    if builder == "text":
        index = (Path(app.outdir) / "cards" / "models" / "index.txt").read_text()
    elif builder == "dirhtml":
        index = (Path(app.outdir) / "cards" / "models" / "index.html").read_text()
    else:
        index = "".join(
            p.read_text(errors="replace") for p in produced if p.suffix in {".html", ".tex"}
        )
    for name in ("Base One", "Base Two", "Chat Two", "Acme"):
        assert name in index, (builder, name)
    if builder == "singlehtml":
        assert '<table class="llm-table' in index and "#llm-model-base-1" in index
    # A card page's link lists (trail, previous and next, relatives, the diagram's edges as
    # text, the family) reach every format too, with the cards' names.
    if builder == "text":
        page = (Path(app.outdir) / "cards" / "models" / "chat-2.txt").read_text()
        for line in (
            "* Home",
            "* Previous: *Base Two*",
            "* *Base Two* (2021)\n\n* **Chat Two** (2021)",
            "* *Chat Two* — instruction-tuned from — *Base Two*",
            "* *Base One* (2019-03-01)",
        ):
            assert line in page, line
    if builder == "latex":
        tex = "".join(p.read_text(errors="replace") for p in produced if p.suffix == ".tex")
        # An essay's diagram with its edges as text (card pages are not in the PDF, so the
        # cards are named by id there).
        edge = r"{chat\sphinxhyphen{}2}}} — instruction\sphinxhyphen{}tuned from — "
        assert edge in tex


def test_quality_news_home_and_downloads(make_app, tmp_path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    commit_all(src, "Add the first cards")
    card = src / "catalog" / "models" / "chat-2.yaml"
    card.write_text(card.read_text().replace("name: Chat Two", "name: Chat Deux"))
    git(src, "commit", "-qam", "Rename Chat Two")
    app = make_app("html", srcdir=src, freshenv=True, confoverrides={"llmcatalog_git_dates": True})
    app.build()
    page = soup(app, "report")
    quality = {
        li.get_text(" ", strip=True).split(" : ")[0]: li.get_text(" ", strip=True)
        for li in page.find(id="quality").select("li")
    }
    assert quality["context_length"].startswith(
        "context_length : 2 model cards leave it empty Chat Deux , Evil"
    )
    headings = [h.get_text(strip=True).rstrip("¶#") for h in page.find(id="quality").select("h3")]
    assert headings == [
        "Model cards missing key fields",
        "Figures marked as estimates (1)",
        "Cards with a single source (9)",
        "Lineage relations that name no source (2)",
        "Open models without an architecture spec (3)",
    ]
    news = [li.get_text(" ", strip=True) for li in page.select("ul.llm-whatsnew > li")]
    # Both commits fall on one day: one entry, and a card changed the day it came is added.
    assert len(news) == 1
    assert re.match(
        r"\d{4}-\d\d-\d\d — Rename Chat Two; Add the first cards Added \(11\): Base One , ",
        news[0],
    )
    assert "Chat Deux" in news[0] and "Changed" not in news[0]
    home = page.find(id="home").get_text(" ", strip=True)
    assert (
        "4 models 4 techniques 1 organizations 3 lineage relations 2019–2022 years covered" in home
    )
    assert "Largest open-weight model in the catalog: Base One (1.5B parameters)" in home
    links = {
        a.get_text(): a["href"] for a in page.find(id="data").select("a") if a["href"] != "#data"
    }
    # Every file the export writes is offered: JSON, each CSV table, the data package, schemas.
    from llmcatalog.sphinxext.generated import download_names

    assert sorted(links) == sorted(download_names())
    assert {"datapackage.json", "model_results.csv", "models.csv"} <= set(links)
    exported = json.loads((Path(app.outdir) / links["catalog.json"]).read_text())
    assert [m["name"] for m in exported["models"]][:3] == ["Base One", "Base Two", "Chat Deux"]
    # The card page says when the card last changed.
    edit = soup(app, "cards/models/chat-2").find("p", class_="llm-edit").get_text()
    assert re.search(r"Card last changed \d{4}-\d\d-\d\d", edit)


def test_editing_only_a_description_rereads_only_the_card_page(make_app, tmp_path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    make_app("html", srcdir=src, freshenv=True).build()
    card = src / "catalog" / "models" / "base-2.yaml"
    card.write_text(card.read_text().replace("Base Two follows", "Base Two comes after"))
    app = make_app("html", srcdir=src)
    seen = _reread(app)
    app.build()
    assert seen == ["cards/models/base-2", "report"]
    assert "Base Two comes after" in (Path(app.outdir) / "cards/models/base-2.html").read_text()


def test_two_builds_at_once_do_not_corrupt_each_other(tmp_path) -> None:
    """Two builds of the same sources into different folders, at the same time."""
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "sphinx", "-b", "html", "-q", str(src), str(tmp_path / name)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("a", "b")
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
        assert "Traceback" not in err
    pages_a = {
        p.relative_to(tmp_path / "a").as_posix(): p.read_text()
        for p in (tmp_path / "a").rglob("cards/**/*.html")
    }
    pages_b = {
        p.relative_to(tmp_path / "b").as_posix(): p.read_text()
        for p in (tmp_path / "b").rglob("cards/**/*.html")
    }
    assert pages_a.keys() == pages_b.keys() and len(pages_a) >= 15
    assert pages_a == pages_b


def test_editing_a_summary_rereads_the_pages_that_show_summaries(make_app, tmp_path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    make_app("html", srcdir=src, freshenv=True).build()
    card = src / "catalog" / "models" / "chat-2.yaml"
    card.write_text(
        card.read_text().replace("tuned to follow instructions", "taught to follow instructions")
    )
    app = make_app("html", srcdir=src)
    seen = _reread(app)
    app.build()
    # Its own page, the essay whose timeline quotes summaries, and the always-read report.
    assert seen == ["cards/models/chat-2", "essay", "report"]
    assert "taught to follow instructions" in (Path(app.outdir) / "essay.html").read_text()


def test_charts_are_redrawn_only_when_shown_and_their_figures_change(make_app, tmp_path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    make_app("html", srcdir=src, freshenv=True).build()
    charts = src / "cards" / "_charts"
    shown = charts / "parameters-over-time-light.svg"  # the essay shows this one
    unused = charts / "models-per-year-light.svg"
    assert not unused.exists()  # no page shows it: never drawn
    before = shown.read_bytes()
    card = src / "catalog" / "models" / "base-1.yaml"
    card.write_text(card.read_text().replace("parameters: 1.5B", "parameters: 2.5B"))
    make_app("html", srcdir=src).build()
    assert shown.read_bytes() != before
    assert not unused.exists()
    # A text edit redraws nothing.
    mtime = shown.stat().st_mtime_ns
    card.write_text(card.read_text().replace("The first base model.", "The first one."))
    make_app("html", srcdir=src).build()
    assert shown.stat().st_mtime_ns == mtime


def test_a_table_row_naming_an_unknown_card_warns_on_its_page(make_app, tmp_path) -> None:
    """A card that fails a cross-check stays in the catalog: its rows still show, the
    unknown name as plain text, and each table that shows it says where it is."""
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    card = src / "catalog" / "models" / "base-1.yaml"
    card.write_text(
        card.read_text().replace("organizations: [acme]", "organizations: [acme, nolab]")
    )
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    text = warnings(app)
    assert "base-1.yaml:4: WARNING: organizations[1]: unknown organization 'nolab'" in text
    assert re.search(r"cards/models/index\.rst: WARNING: unknown organization 'nolab'", text)
    index = (Path(app.outdir) / "cards/models/index.html").read_text()
    assert "Acme Research</span></a>, nolab" in index


def test_a_family_tree_shows_derivatives_made_by_other_families(make_app, tmp_path) -> None:
    """Alpaca and Vicuna belong under Llama's tree though their family is their own: a
    family tree adds its members' descendants, two steps deep."""
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    hostile = src / "catalog" / "models" / "hostile.yaml"
    hostile.write_text(hostile.read_text().replace("family: basefam", "family: otherfam"))
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    box = soup(app, "essay").find(id="lineage")
    relations = [li.get_text(" ", strip=True) for li in box.select("ul.llm-relations li")]
    assert any(r.endswith("— fine-tuned from — Chat Two") and "Evil" in r for r in relations)
    assert "Evil" in box.find("div", class_="llm-mermaid").get_text()
