"""Long catalog tables ship their rows as data: the first page as markup, every row as JSON."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.writers import html5_polyglot
from sphinx.util.docutils import new_document
from sphinx.writers.html5 import HTML5Translator

from llmcatalog.sphinxext.tablenode import PAGE_ROWS, catalog_table, visit_table_html

HOSTILE = '</script><script>alert(1)</script> & "quotes"'


def Writer(objects: dict[tuple[str, str], tuple[str, str, str]]) -> HTML5Translator:
    """Sphinx's HTML translator on an empty document, with just the builder the table's
    visitor asks: the domain's objects and relative page URLs."""
    domain = SimpleNamespace(objects=objects)
    builder = SimpleNamespace(
        env=SimpleNamespace(domains={"llm": domain}),
        current_docname="cards/models/index",
        get_relative_uri=lambda here, there: there.rsplit("/", 1)[-1] + ".html",
        config=SimpleNamespace(manpages_url="", html_secnumber_suffix=". "),
        highlighter=None,
    )
    settings = get_default_settings(html5_polyglot.Writer)
    return HTML5Translator(new_document("index.md", settings), builder)  # type: ignore[arg-type]


def _table(count: int) -> tuple[catalog_table, HTML5Translator]:
    node = catalog_table()
    node["header"] = [("Name", "llm-sort-text"), ("Organizations", "llm-facet llm-facet-multi")]
    node["caption"] = ""
    node["rows"] = [
        [
            [("ref", "model", f"m{i}", None)],
            [
                ("text", HOSTILE if i == count - 1 else f"lab {i}"),
                ("code", "x<y"),
                ("ref", "organization", "missing", "Gone Lab"),
            ],
        ]
        for i in range(count)
    ]
    objects = {
        ("model", f"m{i}"): ("cards/models/m" + str(i), f"llm-model-m{i}", f"M{i}")
        for i in range(count)
    }
    return node, Writer(objects)


def _write(node: catalog_table, writer: HTML5Translator) -> BeautifulSoup:
    with pytest.raises(nodes.SkipNode):
        visit_table_html(writer, node)  # type: ignore[arg-type]
    return BeautifulSoup("".join(writer.body), "html.parser")


def test_a_long_table_holds_its_first_page_as_markup_and_every_row_as_inert_data() -> None:
    count = 2 * PAGE_ROWS + 1
    node, writer = _table(count)
    page = _write(node, writer)
    assert len(page.select("tbody tr")) == PAGE_ROWS
    assert f"of {count:,} rows" in page.select_one(".llm-table-note").get_text()
    script = page.select_one("script.llm-table-rows")
    raw = script.string or ""
    assert "<" not in raw  # no card text can end the <script> element
    rows: list[Any] = json.loads(raw)
    assert len(rows) == count
    # References resolve to their pages, in the same order as the markup rows.
    links = [row[0][0] for row in rows]
    assert links[0] == ["a", "M0", "m0.html#llm-model-m0", "M0", "model"]
    markup = [a["href"] for a in page.select("tbody tr td:first-child a")]
    assert markup == [link[2] for link in links[:PAGE_ROWS]]
    # Text and code stay text; an unknown reference becomes its label, as in the markup.
    last = rows[-1][1]
    assert last == [HOSTILE, ["c", "x<y"], "Gone Lab"]
    assert not page.select("tbody script")


def test_a_table_of_two_pages_or_fewer_is_all_markup() -> None:
    node, writer = _table(2 * PAGE_ROWS)
    page = _write(node, writer)
    assert len(page.select("tbody tr")) == 2 * PAGE_ROWS
    assert page.select_one("script.llm-table-rows") is None
    assert page.select_one(".llm-table-note") is None
