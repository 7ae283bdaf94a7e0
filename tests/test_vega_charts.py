"""The live charts' Vega-Lite specs: valid against the pinned Vega-Lite's own schema, and
holding every model the static chart plots, each with its card."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator

from llmcatalog.catalog import load_catalog
from llmcatalog.render.charts import CHARTS, scores_chart_name
from llmcatalog.render.vegacharts import spec
from llmcatalog.sphinxext.assets import vega_lite_schema

REPO = Path(__file__).resolve().parent.parent
CATALOG = load_catalog(REPO / "catalog")
NAMES = [*CHARTS, *(scores_chart_name(b) for b in sorted(CATALOG.benchmarks)
                    if CATALOG.results_for(b))]  # fmt: skip


@pytest.fixture(scope="module")
def validator() -> Draft7Validator:
    schema = json.loads(vega_lite_schema().read_text(encoding="utf-8"))
    return Draft7Validator(schema)


def _values(chart: dict[str, Any]) -> list[dict[str, Any]]:
    return [v for layer in chart["layer"] for v in layer["data"]["values"]]


@pytest.mark.parametrize("name", NAMES)
def test_every_chart_is_a_valid_vega_lite_spec(validator: Draft7Validator, name: str) -> None:
    chart = spec(CATALOG, name)
    assert chart is not None
    errors = sorted(validator.iter_errors(chart), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message[:200]}" for e in errors[:5]]


def test_points_name_their_card_and_what_is_left_out_is_counted() -> None:
    chart = spec(CATALOG, "compute-over-time")
    assert chart is not None
    points = [v for v in _values(chart) if "card" in v]
    with_figure = {m for m in CATALOG.models if CATALOG.training_compute(m) is not None}
    assert {p["card"] for p in points} == with_figure
    assert all(p["name"] == CATALOG.models[p["card"]].name for p in points)
    left_out = len(CATALOG.models) - len(with_figure)
    subtitle = " ".join(chart["title"]["subtitle"])
    assert subtitle == f"{left_out} models without a compute figure are not shown"
    # Disclosed, estimated and derived figures are told apart by shape.
    shapes = chart["layer"][0]["encoding"]["shape"]["scale"]
    assert len(set(shapes["range"])) == len(shapes["domain"]) == 3


def test_context_axis_is_ticked_at_powers_of_two_and_reads_k_and_m() -> None:
    chart = spec(CATALOG, "context-over-time")
    assert chart is not None
    axis = chart["layer"][0]["encoding"]["y"]["axis"]
    assert all(v & (v - 1) == 0 for v in axis["values"])
    assert "'K'" in axis["labelExpr"] and "'M'" in axis["labelExpr"]


def test_every_card_with_a_parameter_count_is_on_the_parameters_chart() -> None:
    chart = spec(CATALOG, "parameters-over-time")
    assert chart is not None
    cards = {v["card"] for v in _values(chart)}
    counted = {m.id for m in CATALOG.models.values() if m.parameters and m.parameters.total}
    assert cards == counted


def test_an_unknown_chart_has_no_spec() -> None:
    assert spec(CATALOG, "no-such-chart") is None
