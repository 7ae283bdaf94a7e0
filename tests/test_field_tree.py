"""The tree of the field's data: every model card and every relation, in date order."""

from __future__ import annotations

import json
from pathlib import Path

from cardfactory import TREE_PAGE, build_fixture_copy

from llmcatalog.catalog import load_catalog
from llmcatalog.render.fieldtree import field_tree
from llmcatalog.render.graph import RELATION_STYLE

REPO = Path(__file__).resolve().parent.parent


def test_every_model_and_relation_is_in_the_tree_once_in_date_order() -> None:
    catalog = load_catalog(REPO / "catalog")
    data = field_tree(catalog)
    cards = [n["card"] for n in data["nodes"]]
    assert sorted(cards) == sorted(catalog.models)
    months = [n["month"] for n in data["nodes"]]
    assert months == sorted(months)
    edges = catalog.edges_among(set(catalog.models))
    assert len(data["edges"]) == len(edges)
    drawn = {(cards[e["from"]], cards[e["to"]]) for e in data["edges"]}
    assert drawn == {(e.parent, e.child) for e in edges}
    # Parents come no later than their children, so every arrow can point down the rows
    # (a child dated by its year alone sorts with January; the drawing puts it below).
    dated = [e for e in data["edges"] if len(data["nodes"][e["to"]]["date"]) == 7]
    assert all(months[e["from"]] <= months[e["to"]] for e in dated)
    # Line styles are the lineage diagrams' ones, so one legend explains both.
    styles = {"-->": "solid", "-.->": "dotted", "==>": "thick"}
    by_pair = {(e.parent, e.child): e.relation for e in edges}
    for e in data["edges"]:
        relation = by_pair[(cards[e["from"]], cards[e["to"]])]
        assert e["style"] == styles[RELATION_STYLE[relation]]


def test_a_date_without_a_month_is_shown_as_its_year_and_sorted_with_january() -> None:
    catalog = load_catalog(REPO / "catalog")
    data = field_tree(catalog)
    yearly = [n for n in data["nodes"] if catalog.models[n["card"]].released.month is None]
    assert yearly, "no card is dated by its year alone any more: pick another example"
    for node in yearly:
        year = catalog.models[node["card"]].released.year
        assert node["date"] == str(year)
        assert node["month"] == (year - 2017) * 12


def test_the_page_carries_the_tree_as_inert_json(tmp_path: Path) -> None:
    """Built on the fixture site, whose hostile card's name holds markup: the JSON inside
    <script> cannot end it, and each model's link is its card page."""
    from bs4 import BeautifulSoup

    out = build_fixture_copy(tmp_path, {"tree.md": TREE_PAGE}, {})
    html = (out / "tree.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    scripts = soup.select("script.llm-fieldtree-data")
    assert len(scripts) == 1
    raw = scripts[0].string or ""
    assert "<" not in raw
    data = json.loads(raw)
    catalog = load_catalog(REPO / "tests" / "roots" / "test-basic" / "catalog")
    assert len(data["nodes"]) == len(data["links"]) == len(catalog.models)
    for node, link in zip(data["nodes"], data["links"], strict=True):
        assert link.split("#")[0] == f"cards/models/{node['card']}.html"
    assert any("<script>" in n["name"] for n in data["nodes"])
    # Readers without scripts are told where the same relations are.
    assert "family trees" in soup.select_one(".llm-fieldtree-status").get_text()


def _families(out: Path) -> dict[str, str]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((out / "tree.html").read_text(encoding="utf-8"), "html.parser")
    script = soup.select_one("script.llm-fieldtree-data")
    assert script is not None
    families: dict[str, str] = json.loads(script.string or "")["families"]
    return families


def test_the_tree_names_families_by_their_trees_and_follows_a_renamed_one(
    tmp_path: Path,
) -> None:
    """A family is named by the section that draws its tree, known only when pages are
    written: renaming that section rewrites the tree's page on an incremental build."""
    import subprocess
    import sys

    out = build_fixture_copy(tmp_path, {"tree.md": TREE_PAGE}, {})
    assert _families(out)["basefam"] == "Lineage"
    essay = tmp_path / "src" / "essay.md"
    essay.write_text(
        essay.read_text(encoding="utf-8").replace("## Lineage\n", "## The base family\n"),
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", str(tmp_path / "src"), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert _families(out)["basefam"] == "The base family"
