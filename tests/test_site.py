"""The real site, built strictly once: nothing lost between the catalog and what readers get."""

from __future__ import annotations

import csv
import io
import json
import zlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from cardfactory import CATALOG

from llmcatalog.catalog import Catalog, load_catalog
from llmcatalog.commands.export import from_json, to_json
from llmcatalog.schema import KIND_FOLDERS
from llmcatalog.sphinxext.tablenode import PAGE_ROWS

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(built_site: Path) -> Path:
    return built_site


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(CATALOG)


def _inventory(site: Path) -> dict[str, set[str]]:
    body = zlib.decompress((site / "objects.inv").read_bytes().split(b"\n", 4)[4]).decode()
    found: dict[str, set[str]] = {}
    for line in body.splitlines():
        name, role = line.split(" ")[:2]
        found.setdefault(role, set()).add(name)
    return found


def _download(site: Path, name: str) -> str:
    (path,) = list((site / "_downloads").rglob(name))
    return path.read_text(encoding="utf-8")


def test_every_card_reaches_every_place_it_belongs(site: Path, catalog: Catalog) -> None:
    inventory = _inventory(site)
    exported = json.loads(_download(site, "catalog.json"))
    for kind, folder in KIND_FOLDERS.items():
        ids = set(catalog.cards(kind))
        pages = {p.stem for p in (site / "cards" / folder).glob("*.html")} - {"index"}
        index = BeautifulSoup((site / "cards" / folder / "index.html").read_text(), "html.parser")
        rows = index.select("table.llm-table tbody tr")
        linked = {
            a["href"].split(".html")[0]
            for a in index.select("table.llm-table tbody tr td:first-child a")
        }
        data = index.select_one("script.llm-table-rows")
        if data is not None:
            # A long index holds its first page as markup and every row as data.
            assert len(rows) == PAGE_ROWS, kind
            first = [row[0] for row in json.loads(data.string or "")]
            html_first = [a["href"] for a in index.select("tbody tr td:first-child a")]
            assert [p[2] for c in first[:PAGE_ROWS] for p in c if p[0] == "a"] == html_first
            rows = first
            linked = {p[2].split(".html")[0] for c in first for p in c if p[0] == "a"}
        rows_csv = list(csv.DictReader(io.StringIO(_download(site, f"{folder}.csv"))))
        assert pages == ids, kind
        assert len(rows) == len(ids) and linked == ids, kind
        assert inventory.get(f"llm:{kind}", set()) == ids, kind
        assert {c["id"] for c in exported[folder]} == ids, kind
        assert {r["id"] for r in rows_csv} == ids, kind


def test_export_reimports_losslessly(site: Path, catalog: Catalog) -> None:
    text = _download(site, "catalog.json")
    assert text == to_json(catalog)
    again = from_json(text)
    for kind, folder in KIND_FOLDERS.items():
        assert {c.id: c for c in again[folder]} == {
            k: e.card for k, e in catalog.cards(kind).items()
        }


def test_model_pages_show_their_figures_and_sources(site: Path, catalog: Catalog) -> None:
    for model_id, model in catalog.models.items():
        page = BeautifulSoup(
            (site / "cards" / "models" / f"{model_id}.html").read_text(), "html.parser"
        )
        sources = page.select("ol.llm-sources > li")
        assert len(sources) == len(model.sources), model_id
        assert page.find("table", class_="llm-infobox") is not None


def test_schemas_are_downloadable_and_current(site: Path) -> None:
    for kind in KIND_FOLDERS:
        name = f"{kind}.schema.json"
        assert _download(site, name) == (CATALOG / "schema" / name).read_text()
