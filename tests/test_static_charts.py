"""The charts drawn at build time (matplotlib SVG): log axes labelled in plain text, as the
live charts label them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from llmcatalog.catalog import load_catalog
from llmcatalog.render.charts import render_svg, tick_label

REPO = Path(__file__).resolve().parent.parent
CATALOG = load_catalog(REPO / "catalog")


@pytest.mark.parametrize(
    ("value", "ticks", "label"),
    [
        (1e5, "si", "100k"),
        (1e8, "si", "100M"),
        (1e9, "si", "1B"),
        (1e13, "si", "10T"),
        (1e24, "power", "1e24"),
        (1e21, "power", "1e21"),
        (256, "binary", "256"),
        (4096, "binary", "4K"),
        (131_072, "binary", "128K"),
        (2**20, "binary", "1M"),
        (2**24, "binary", "16M"),
    ],
)
def test_ticks_read_as_the_live_chart_reads_them(value: float, ticks: str, label: str) -> None:
    assert tick_label(value, ticks) == label  # type: ignore[arg-type]


def _texts(svg: str) -> list[str]:
    # svg.fonttype "none": every label is a <text> element holding its words.
    return [re.sub(r"\s+", " ", t).strip() for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("parameters-over-time", {"1B", "100B"}),
        ("tokens-vs-parameters", {"1B", "1T"}),
        ("compute-over-time", {"1e23", "1e24"}),
        ("context-over-time", {"4K", "1M"}),
    ],
)
def test_log_axes_carry_plain_labels_and_no_math_text(name: str, expected: set[str]) -> None:
    svg = render_svg(CATALOG, name, "light")
    texts = set(_texts(svg))
    assert expected <= texts, sorted(texts)
    # matplotlib's default log labels are math text (10 to the n), drawn as glyph paths.
    assert not any("10^" in t or "mathdefault" in t for t in texts)
    assert "mathdefault" not in svg
