"""What Sphinx's search index holds for a card page: its own text, not the names of the other
cards its navigation lists (trail, previous and next, direct relatives, relations, legend)."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.search.en import SearchEnglish
from sphinx.testing.util import SphinxTestApp

ROOT = Path(__file__).parent / "roots" / "test-basic"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    src = tmp_path_factory.mktemp("search") / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns("_build", "cards"))
    app = SphinxTestApp("html", srcdir=src, freshenv=True)
    try:
        app.build()
        yield Path(app.outdir)
    finally:
        app.cleanup()


def _index(out: Path) -> dict[str, object]:
    text = (out / "searchindex.js").read_text(encoding="utf-8")
    found = re.fullmatch(r"Search\.setIndex\((.*)\)\s*", text, re.DOTALL)
    assert found is not None
    return json.loads(found.group(1))  # type: ignore[no-any-return]


def _docs_of(index: dict[str, object], stem: str) -> set[str]:
    """The pages a search for the word finds, by their text or their title."""
    docnames = index["docnames"]
    assert isinstance(docnames, list)
    found: set[str] = set()
    for table in ("terms", "titleterms"):
        terms = index[table]
        assert isinstance(terms, dict)
        hits = terms.get(stem, [])
        found |= {docnames[i] for i in (hits if isinstance(hits, list) else [hits])}
    return found


def _words(element: object) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z]{3,}", element.get_text(" "))}  # type: ignore[attr-defined]


def test_a_card_page_is_not_found_by_the_names_it_only_lists(site: Path) -> None:
    docname = "cards/models/base-2"
    page = BeautifulSoup((site / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")
    main = page.select_one("article") or page
    listed = main.select(".no-search")
    # The trail, the pager, the direct relatives, the relation list and the legend.
    kinds = {cls for el in listed for cls in el.get("class", []) if cls.startswith("llm-")}
    assert {"llm-breadcrumbs", "llm-pager-links", "llm-kin", "llm-relations"} <= kinds
    for el in listed:
        el.extract()
    # Diagram code and script data are not page text (the index never sees them).
    for el in main.select(".llm-mermaid, script"):
        el.extract()
    own = _words(main)
    only_listed = set().union(*(_words(el) for el in listed)) - own
    assert "chat" in only_listed  # Chat Two is base-2's child, named nowhere else on its page
    stem = SearchEnglish({}).stem
    index = _index(site)
    for word in only_listed:
        assert docname not in _docs_of(index, stem(word)), word
    # The page's own words are still found: its title and its summary.
    assert docname in _docs_of(index, stem("base"))
    summary = main.select_one(".llm-summary") or main.find("p")
    assert summary is not None
    words = [w for w in _words(summary) if len(w) > 4]
    assert words and all(docname in _docs_of(index, stem(w)) for w in words), words
