"""The real site (built once per run): include fragments are not pages, descriptions are
whole characters."""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from cardfactory import REPO

pytestmark = pytest.mark.slow

FRAGMENTS = sorted(p.stem for p in (REPO / "docs" / "performance").glob("results-*.md"))


def _inventory_docs(site: Path) -> set[str]:
    body = zlib.decompress((site / "objects.inv").read_bytes().split(b"\n", 4)[4]).decode()
    return {line.split(" ")[0] for line in body.splitlines() if " std:doc " in line}


def test_include_fragments_are_not_pages(built_site: Path) -> None:
    assert FRAGMENTS, "no docs/performance/results-*.md to check"
    docs = _inventory_docs(built_site)
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "performance/index" in docs and "performance/index.html" in sitemap
    for stem in FRAGMENTS:
        assert f"performance/{stem}" not in docs, stem
        assert f"performance/{stem}" not in sitemap, stem
        assert not (built_site / "performance" / f"{stem}.html").exists(), stem
    # ...and their tables are still included in the Performance page.
    page = BeautifulSoup(
        (built_site / "performance" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    for stem in FRAGMENTS:
        first = (REPO / "docs" / "performance" / f"{stem}.md").read_text().split("\n", 1)[0]
        assert first.split(" on ")[0] in page.get_text(), stem


def test_descriptions_never_end_inside_an_entity(built_site: Path) -> None:
    for name in ("whats-new.html", "index.html", "downloads.html", "performance/index.html"):
        raw = (built_site / name).read_text(encoding="utf-8")
        for match in re.finditer(
            r'<meta (?:property="og:description"|name="description") '
            r'content="([^"]*)"',
            raw,
        ):
            content = match.group(1)
            assert not re.search(r"&[#\w]*\.\.\.$", content), (name, content[-40:])
            # Every entity is complete: & only ever starts one.
            assert all(
                re.match(r"&(#\d+|#x[0-9a-fA-F]+|\w+);", content[i:])
                for i in [m.start() for m in re.finditer("&", content)]
            ), name


def test_cards_and_essay_sections_are_labels_a_plain_client_can_use(built_site: Path) -> None:
    body = zlib.decompress((built_site / "objects.inv").read_bytes().split(b"\n", 4)[4]).decode()
    labels = {line.split(" std:label ")[0] for line in body.splitlines() if " std:label " in line}
    assert "llm-model-llama-2" in labels and "llm-technique-rope" in labels
    assert "deep-dives/attention:choosing among the variants" in labels
    cards = len(list((REPO / "catalog" / "models").glob("*.yaml")))
    assert sum(label.startswith("llm-model-") for label in labels) == cards
