"""What a reader sees on card pages and essays: infobox wording, navigation, card links.

Each test builds a copy of tests/roots/test-basic, with the card edits it needs."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from cardfactory import commit_all, git

ROOT = Path(__file__).parent / "roots" / "test-basic"

# base-2 as GPT-4 is written: "text" among its inputs, a note on a figure, variants that
# differ only in context, in nothing at all, or in size with a note of their own.
BASE_2_EXTRA = """modalities: [text, image]
variants:
  - name: base-2-long
    context_length: {value: 32768, source: paper}
  - name: base-2-plain
  - name: base-2-small
    parameters: {value: 7B, note: Counted without embeddings.}
    released: 2021-07
"""


def edit(src: Path, card: str, old: str, new: str) -> None:
    path = src / "catalog" / card
    text = path.read_text()
    assert old in text, (card, old)
    path.write_text(text.replace(old, new, 1))


def copy_root(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    edit(src, "models/base-2.yaml", "context_length: 4096", "context_length: 4096\n" + BASE_2_EXTRA)
    edit(
        src,
        "models/base-2.yaml",
        "parameters: {total: 47B, active: 13B}",
        "parameters:\n  total: {value: 47B, note: All experts counted.}\n  active: 13B",
    )
    edit(src, "models/hostile.yaml", "family: basefam", "family: odd-fam")
    edit(
        src,
        "techniques/rope.yaml",
        "summary: The RoPE technique.",
        "summary: The RoPE technique.\n"
        "description: |\n"
        "  Rotates each pair by $\\theta_i = 10000^{-2i/d}$ for $5 and $6.\n\n"
        "  $$\n  q_m^\\top k_n = \\mathrm{Re}[q k^* e^{i(m-n)\\theta}]\n  $$\n\n"
        "  Unsafe: $\\href{javascript:alert(1)}{x}$.\n",
    )
    return src


@pytest.fixture
def site(make_app, tmp_path):
    app = make_app(
        "html",
        srcdir=copy_root(tmp_path),
        freshenv=True,
        confoverrides={"html_theme": "pydata_sphinx_theme"},
    )
    app.build()
    return app


def page(app, docname: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / f"{docname}.html").read_text(), "html.parser")


def infobox(app, docname: str) -> dict[str, str]:
    table = page(app, docname).find("table", class_="llm-infobox")
    rows = [tr.find_all("td") for tr in table.find_all("tr")]
    return {label.get_text(strip=True): value.get_text(" ", strip=True) for label, value in rows}


def test_inputs_variants_and_notes_read_right(site) -> None:
    box = infobox(site, "cards/models/base-2")
    assert box["Inputs"] == "text, image"  # "text" once, in order
    # The note's sentence ends, and the next part starts a sentence of its own.
    assert box["Parameters"] == "47B [1] — All experts counted."
    variants = [
        li.get_text(" ", strip=True)
        for li in page(site, "cards/models/base-2").select("ul.llm-variants > li")
    ]
    assert variants == [
        "base-2-long : context: 32,768 [1]",
        "base-2-plain",
        "base-2-small : 7B [1] — Counted without embeddings. Released 2021-07",
    ]
    text = page(site, "cards/models/base-2").find("div", class_="llm-page").get_text()
    assert ".;" not in text and ": -" not in text


def test_missing_figures_say_why(site) -> None:
    closed = infobox(site, "cards/models/chat-2")  # closed weights, no tokens or context
    assert closed["Training tokens"] == "not disclosed"
    assert closed["Context length"] == "not disclosed"
    assert closed["Tokens per parameter"] == "not disclosed"
    assert closed["Active per token"] == "n/a"  # a dense model has no active count
    open_ = infobox(site, "cards/models/hostile")  # open weights, nothing entered yet
    assert open_["Parameters"] == "—" and open_["Training tokens"] == "—"
    moe = infobox(site, "cards/models/base-2")
    assert moe["Active per token"] == "13B [1]"


def test_family_and_category_read_as_words(site) -> None:
    cell = page(site, "cards/models/base-1").find("table", class_="llm-infobox")
    link = cell.find("a", href=re.compile(r"essay\.html#llm-family-basefam$"))
    assert link is not None and link.get_text() == "Lineage"  # the tree's section title
    essay = page(site, "essay")
    assert essay.find(id="llm-family-basefam") is not None
    # A family no page draws: a readable name, not a slug, and no link.
    box = infobox(site, "cards/models/hostile")
    assert box["Family"] == "Odd Fam"
    assert infobox(site, "cards/techniques/rope")["Category"] == "position encoding"
    warnings = re.sub(r"\x1b\[[0-9;]*m", "", site.warning.getvalue())
    others = [w for w in warnings.splitlines() if "WARNING" in w and "bad-refs.md" not in w]
    assert others == []


def test_card_pages_have_a_trail_neighbours_and_an_outline(site) -> None:
    soup = page(site, "cards/models/base-2")
    trail = soup.find("ul", class_="llm-breadcrumbs")
    steps = [(li.get_text(strip=True), li.a["href"] if li.a else None) for li in trail("li")]
    assert steps == [
        ("Home", "../../index.html"),
        ("The catalog", "../index.html"),
        ("Models", "index.html"),
        ("Base Two", None),
    ]
    # Previous and next in the models index's order (by release date).
    pager = soup.find("ul", class_="llm-pager-links").get_text(" ", strip=True)
    assert pager == "Previous: Base One Next: Chat Two"
    first = page(site, "cards/models/base-1").find("ul", class_="llm-pager-links")
    assert first.get_text(" ", strip=True) == "Next: Base Two"
    # The sections are real sections: the theme lists them under "On this page".
    toc = soup.find(class_="bd-toc")
    assert toc is not None
    entries = [a.get_text(strip=True) for a in toc.select("nav a")]
    assert {"How it was built", "Lineage", "Sources"} <= set(entries)


def test_technique_pages_link_to_the_essays_that_cite_them(site) -> None:
    explained = page(site, "cards/techniques/gqa").find("p", class_="llm-explained-in")
    assert explained.get_text(" ", strip=True) == "Explained in : Essay"
    assert explained.a["href"] == "../../essay.html"
    # Only authors' references count: the data-quality report links every card too.
    assert page(site, "cards/techniques/mha").find("p", class_="llm-explained-in") is None


def test_technique_formulas_are_math_and_stay_safe(site) -> None:
    soup = page(site, "cards/techniques/rope")
    body = soup.find("div", class_="llm-page")
    maths = [m.get_text() for m in body.select("span.math")]
    assert maths == ["\\(\\theta_i = 10000^{-2i/d}\\)"]
    assert "\\mathrm{Re}" in body.select_one("div.math").get_text()
    assert "for $5 and $6." in body.get_text()  # money is not math
    unsafe = body.find("code", string=re.compile("href"))
    assert unsafe is not None and unsafe.find_parent(class_="math") is None
    assert "mathjax" in str(soup.find_all("script")).lower()


def test_essay_card_links_are_ordinary_links(site) -> None:
    links = page(site, "essay").find(id="essay").find("p").find_all("a", class_="reference")
    assert [a.get_text() for a in links][:2] == ["Base One", "the second"]
    for link in links:
        assert link.find("code") is None and link.find("strong") is None
        assert link.span["class"][:2] == ["xref", "llm"]


def test_explained_in_follows_essay_edits_without_rereading(make_app, tmp_path) -> None:
    src = copy_root(tmp_path)
    make_app("html", srcdir=src, freshenv=True).build()
    essay = src / "essay.md"
    essay.write_text(essay.read_text().replace("It used {llm:technique}`gqa`", "It used RoPE"))
    (src / "rope-essay.md").write_text(
        "---\norphan: true\n---\n# Rotations\n\nSee {llm:technique}`rotary <rope>`.\n"
    )
    app = make_app("html", srcdir=src)
    seen: list[str] = []
    app.connect("env-before-read-docs", lambda app, env, docs: seen.extend(docs))
    app.build()
    assert sorted(seen) == ["essay", "report", "rope-essay"]  # no technique page re-read
    rope = page(app, "cards/techniques/rope").find("p", class_="llm-explained-in")
    assert rope.get_text(" ", strip=True) == "Explained in : Rotations"
    assert page(app, "cards/techniques/gqa").find("p", class_="llm-explained-in") is None


def test_reordering_updates_neighbours(make_app, tmp_path) -> None:
    src = copy_root(tmp_path)
    make_app("html", srcdir=src, freshenv=True).build()
    edit(src, "models/base-1.yaml", "released: 2019-03-01", "released: 2023-01-01")
    app = make_app("html", srcdir=src)
    app.build()
    pager = page(app, "cards/models/base-2").find("ul", class_="llm-pager-links")
    assert pager.get_text(" ", strip=True) == "Next: Chat Two"
    last = page(app, "cards/models/base-1").find("ul", class_="llm-pager-links")
    assert last.get_text(" ", strip=True).startswith("Previous: ")


def test_whats_new_and_latest_group_by_date(make_app, tmp_path, monkeypatch) -> None:
    src = copy_root(tmp_path)
    extra = src / "catalog" / "models" / "chat-2.yaml"
    kept = extra.read_text()
    extra.unlink()
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2024-01-10T12:00:00")
    commit_all(src, "First cards")
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2024-02-20T12:00:00")
    extra.write_text(kept)
    git(src, "add", ".")
    git(src, "commit", "-qm", "Add Chat Two")
    edit(src, "models/base-1.yaml", "The first base model.", "The first one.")
    git(src, "commit", "-qam", "Reword Base One")
    app = make_app("html", srcdir=src, freshenv=True, confoverrides={"llmcatalog_git_dates": True})
    app.build()
    report = page(app, "report")
    news = [li.get_text(" ", strip=True) for li in report.select("ul.llm-whatsnew > li")]
    assert news[0] == (
        "2024-02-20 — Reword Base One; Add Chat Two Added (1): Chat Two Changed (1): Base One"
    )
    assert news[1].startswith("2024-01-10 — First cards Added (10): ")
    latest = [li.get_text(" ", strip=True) for li in report.select("ul.llm-latest > li")]
    assert latest[0] == "Added 2024-02-20: Chat Two (released 2021-06-15)"
    assert latest[1].startswith("Added 2024-01-10: Evil")  # the hostile card, from 2022
    assert latest[1].endswith(", Base Two (released 2021-05)") and len(latest) == 2
