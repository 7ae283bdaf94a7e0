"""The site's charts as Vega-Lite specs, drawn live in the reader's browser.

The same charts are drawn at build time as SVG (`render.charts`), which readers without
scripts see. Here each becomes a Vega-Lite spec with its data inline: pointing at a mark
names the model, clicking it opens the card (`card` ids become links when the page is
written), and axes read 1K / 32K / 1M. Everything in a spec is data: Vega draws names as
text, and the only expressions are the fixed label formats below.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Sequence
from typing import Any

from ..catalog.store import Catalog
from ..schema import Model, PartialDate
from .charts import (
    CHINCHILLA_RULE,
    COMPUTE_STATUS,
    SETTING_STYLES,
    THEMES,
    find_chart,
    midpoint,
    score_series,
)
from .depth import flops
from .format import count, left_out

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
WRAP = 44
"""Subtitle lines wrap at this many characters, so they fit a phone's width."""
PALETTE = ("open", "gated", "closed", "other", "fifth", "sixth", "muted")
"""Colour order of every chart's categories, per theme (the JS picks light or dark). The
scores charts style SETTING_STYLES settings apart; the seventh, "other settings", is muted."""

# 1,500,000,000 -> "1.5B": SI prefixes, with B for billions as the rest of the site writes.
SI_LABEL = "replace(format(datum.value, '~s'), 'G', 'B')"
# FLOP run to 10^26: "1e24" reads better than an SI prefix nobody uses (Y, Z).
POWER_LABEL = "'1e' + format(round(log(datum.value) / LN10), 'd')"
# Context lengths are powers of two: 32,768 -> "32K", 1,048,576 -> "1M".
BINARY_LABEL = (
    "datum.value >= 1048576 ? format(datum.value / 1048576, '~r') + 'M' : "
    "datum.value >= 1024 ? format(datum.value / 1024, '~r') + 'K' : format(datum.value, '~r')"
)


LABEL_COUNT = "datum.label === 'total' ? 'total parameters' : 'active, mixture of experts'"


def _point(model: Model, date: PartialDate, **fields: Any) -> dict[str, Any]:
    """One model's mark: its card (a link once the page is written), name and date, as the
    axis places it and as the card gives it (for the tooltip), and the chart's own fields."""
    year, month, day = midpoint(date)
    return {
        "card": model.id,
        "name": model.name,
        "date": f"{year:04d}-{month:02d}-{day:02d}",
        "when": str(date),
        "weights": f"{model.access.weights} weights",
        **fields,
    }


def _frame(title: str, subtitle: str | list[str], layers: list[dict[str, Any]]) -> dict[str, Any]:
    parts = [subtitle] if isinstance(subtitle, str) else subtitle
    lines = [line for part in parts if part for line in textwrap.wrap(part, WRAP)]
    return {
        "$schema": SCHEMA,
        "title": {"text": title, "subtitle": lines} if lines else title,
        "width": "container",
        # The width follows the column; the height is the plot's, titles and legends add to it.
        "height": 300,
        "autosize": {"type": "fit-x", "contains": "padding"},
        "layer": layers,
        "usermeta": {
            "palette": {theme: [c[k] for k in PALETTE] for theme, c in THEMES.items()},
            "text": {theme: c["fg"] for theme, c in THEMES.items()},
            "grid": {theme: c["grid"] for theme, c in THEMES.items()},
        },
    }


def _time_x(title: str) -> dict[str, Any]:
    return {
        "field": "date",
        "type": "temporal",
        "title": title,
        "axis": {"format": "%Y", "tickCount": "year", "labelOverlap": True},
    }


def _log_y(
    title: str, field: str = "value", *, binary: bool = False, powers: bool = False
) -> dict[str, Any]:
    axis: dict[str, Any] = {"labelExpr": SI_LABEL, "values": [10**k for k in range(5, 16)]}
    if binary:
        axis = {"labelExpr": BINARY_LABEL, "values": [2**k for k in range(8, 27, 2)]}
    elif powers:
        axis = {"labelExpr": POWER_LABEL, "values": [10**k for k in range(15, 29)]}
    return {
        "field": field,
        "type": "quantitative",
        "title": title,
        "scale": {"type": "log", "base": 2 if binary else 10},
        "axis": axis,
    }


def _color(field: str, domain: Sequence[str], title: str | None = None) -> dict[str, Any]:
    return {
        "field": field,
        "type": "nominal",
        "title": title,
        "scale": {"domain": list(domain), "range": "category"},
        "legend": {"orient": "bottom", "direction": "vertical", "labelLimit": 320},
    }


def _tooltip(*extra: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"field": "name", "title": "Model"}, {"field": "when", "title": "Date"}, *extra]


def _points(values: list[dict[str, Any]], encoding: dict[str, Any]) -> dict[str, Any]:
    return {
        "data": {"values": values},
        "mark": {
            "type": "point",
            "filled": True,
            "size": 70,
            "strokeWidth": 2,
            "cursor": "pointer",
        },
        "encoding": {**encoding, "href": {"field": "href"}},
    }


def _missing(n: int, what: str) -> str:
    return left_out(n, what) if n else ""


def _weights_domain() -> list[str]:
    return ["open weights", "gated weights", "closed weights"]


def _parameters_over_time(catalog: Catalog, title: str) -> dict[str, Any]:
    values = []
    missing = 0
    for model_id in catalog.models_by_date():
        model = catalog.models[model_id]
        params = model.parameters
        if not params or not params.total:
            missing += 1
            continue
        for counted, fig in (("total", params.total), ("active (MoE)", params.active)):
            if fig is not None:
                values.append(
                    _point(model, model.released, value=fig.value, count=counted,
                           label=count(fig.value))
                )  # fmt: skip
    encoding = {
        "x": _time_x("Release date"),
        "y": _log_y("Parameters"),
        "color": _color("weights", _weights_domain()),
        "shape": {
            "field": "count",
            "type": "nominal",
            "title": None,
            "scale": {"domain": ["total", "active (MoE)"], "range": ["circle", "triangle"]},
            "legend": {"orient": "bottom", "direction": "vertical", "labelExpr": LABEL_COUNT},
        },
        "tooltip": _tooltip(
            {"field": "label", "title": "Parameters"},
            {"field": "count", "title": "Counted"},
            {"field": "weights", "title": "Weights"},
        ),
    }
    return _frame(title, _missing(missing, "a parameter count"), [_points(values, encoding)])


MOE_PLACES = ("by total parameters", "mixture of experts, by active parameters")


def _tokens_vs_parameters(catalog: Catalog, title: str) -> dict[str, Any]:
    values: list[dict[str, Any]] = []
    missing = 0
    for model_id in catalog.models_by_date():
        model = catalog.models[model_id]
        params = model.parameters
        if not (params and params.total and model.training_tokens):
            missing += 1
            continue
        tokens = model.training_tokens.value
        for by, fig in zip(MOE_PLACES, (params.total, params.active), strict=True):
            if fig is not None:
                values.append(
                    _point(model, model.released, tokens=tokens, tokens_label=count(tokens),
                           params=fig.value, params_label=count(fig.value), by=by)
                )  # fmt: skip
    encoding = {
        "x": _log_y("Parameters", "params"),
        "y": _log_y("Training tokens", "tokens"),
        "color": _color("by", MOE_PLACES),
        "tooltip": _tooltip(
            {"field": "params_label", "title": "Parameters"},
            {"field": "tokens_label", "title": "Training tokens"},
            {"field": "by", "title": "Placed"},
        ),
    }
    layers = [_points(values, encoding)]
    if values:
        low = min(v["params"] for v in values) / 2
        high = max(v["params"] for v in values) * 2
        line = [
            {"params": low, "tokens": 20 * low, "rule": CHINCHILLA_RULE},
            {"params": high, "tokens": 20 * high, "rule": CHINCHILLA_RULE},
        ]
        dashed = {"field": "rule", "type": "nominal", "title": None,
                  "legend": {"orient": "bottom", "labelLimit": 400}}  # fmt: skip
        layers.insert(
            0,
            {
                "data": {"values": line},
                "mark": {"type": "line", "strokeDash": [6, 4], "strokeWidth": 1.5},
                "encoding": {
                    "x": {"field": "params", "type": "quantitative"},
                    "y": {"field": "tokens", "type": "quantitative"},
                    "strokeDash": dashed,
                },
            },
        )
    return _frame(title, _missing(missing, "both figures"), layers)


def _compute_over_time(catalog: Catalog, title: str) -> dict[str, Any]:
    values = []
    missing = 0
    for model_id in catalog.models_by_date():
        figure = catalog.training_compute(model_id)
        if figure is None:
            missing += 1
            continue
        model = catalog.models[model_id]
        values.append(
            _point(model, model.released, value=figure.value, label=flops(figure.value),
                   status=COMPUTE_STATUS[figure.status])
        )  # fmt: skip
    encoding = {
        "x": _time_x("Release date"),
        "y": _log_y("Training compute (FLOP)", powers=True),
        "color": _color("weights", _weights_domain()),
        "shape": {
            "field": "status",
            "type": "nominal",
            "title": None,
            "scale": {
                "domain": list(COMPUTE_STATUS.values()),
                "range": ["circle", "square", "cross"],
            },
            "legend": {"orient": "bottom", "direction": "vertical", "labelLimit": 320},
        },
        "tooltip": _tooltip(
            {"field": "label", "title": "Training compute"},
            {"field": "status", "title": "Figure"},
            {"field": "weights", "title": "Weights"},
        ),
    }
    return _frame(title, _missing(missing, "a compute figure"), [_points(values, encoding)])


def _context_over_time(catalog: Catalog, title: str) -> dict[str, Any]:
    values = []
    missing = 0
    for model_id in catalog.models_by_date():
        model = catalog.models[model_id]
        if not model.context_length:
            missing += 1
            continue
        value = model.context_length.value
        values.append(_point(model, model.released, value=value, label=f"{value:,} tokens"))
    encoding = {
        "x": _time_x("Release date"),
        "y": _log_y("Context length (tokens)", binary=True),
        "color": _color("weights", _weights_domain()),
        "tooltip": _tooltip(
            {"field": "label", "title": "Context"}, {"field": "weights", "title": "Weights"}
        ),
    }
    return _frame(title, _missing(missing, "a context length"), [_points(values, encoding)])


def _models_per_year(catalog: Catalog, title: str) -> dict[str, Any]:
    counts = Counter((m.released.year, m.architecture) for m in catalog.models.values())
    values = [
        {"year": str(y), "architecture": a, "models": n} for (y, a), n in sorted(counts.items())
    ]
    architectures = sorted({a for _, a in counts})
    layer = {
        "data": {"values": values},
        "mark": {"type": "bar"},
        "encoding": {
            "x": {
                "field": "year",
                "type": "ordinal",
                "title": "Year of release",
                "axis": {"labelAngle": 0},
            },
            "y": {
                "field": "models",
                "type": "quantitative",
                "stack": "zero",
                "title": "Models in the catalog",
            },
            "color": _color("architecture", architectures, None),
            "tooltip": [
                {"field": "year", "title": "Year"},
                {"field": "architecture", "title": "Architecture"},
                {"field": "models", "title": "Models"},
            ],
        },
    }
    return _frame(title, "", [layer])


def _scores_over_time(catalog: Catalog, name: str, title: str) -> dict[str, Any]:
    bench = catalog.benchmarks[name.removeprefix("scores-")]
    series = score_series(catalog, bench.id)
    labels = list(series)[:SETTING_STYLES]
    values, best = [], []
    for label, points in series.items():
        shown = label if label in labels else "other settings"
        top = None
        for point in points:
            mark = _point(catalog.models[point.model], point.date, score=point.score,
                          setting=shown, full=label)  # fmt: skip
            values.append(mark)
            if shown != "other settings":
                top = point.score if top is None else max(top, point.score)
                best.append({"date": mark["date"], "score": top, "setting": shown})
    domain = labels + (["other settings"] if len(series) > len(labels) else [])
    # The metric's full wording is long: it heads the tooltip, the axis just says "Score".
    y: dict[str, Any] = {"field": "score", "type": "quantitative", "title": "Score"}
    if bench.score_max is not None:
        span = bench.score_max - bench.score_min
        y["scale"] = {"domain": [bench.score_min, bench.score_max + span * 0.05], "nice": False}
    color = _color("setting", domain, None)
    layers: list[dict[str, Any]] = [
        {
            "data": {"values": best},
            "mark": {"type": "line", "interpolate": "step-after", "strokeWidth": 1, "opacity": 0.7},
            "encoding": {"x": _time_x(""), "y": y, "color": color},
        },
        _points(
            values,
            {
                "x": _time_x("Date of the result"),
                "y": y,
                "color": color,
                "tooltip": _tooltip(
                    {"field": "score", "title": bench.metric}, {"field": "full", "title": "Setting"}
                ),
            },
        ),
    ]
    if bench.score_max is not None:
        layers.append(
            {
                "data": {"values": [{"score": bench.score_max}]},
                "mark": {"type": "rule", "strokeDash": [6, 4]},
                "encoding": {"y": {"field": "score", "type": "quantitative"}},
            }
        )
    subtitle = [
        f"Score: {bench.metric}.",
        f"{len(values)} reported scores, dated by the result or else by the model's release.",
        "Step lines: the best score so far in each setting.",
    ]
    return _frame(title, subtitle, layers)


BUILDERS = {
    "parameters-over-time": _parameters_over_time,
    "tokens-vs-parameters": _tokens_vs_parameters,
    "compute-over-time": _compute_over_time,
    "context-over-time": _context_over_time,
    "models-per-year": _models_per_year,
}


def spec(catalog: Catalog, name: str) -> dict[str, Any] | None:
    """The Vega-Lite spec of a chart (`render.charts` names), or None for an unknown one."""
    chart = find_chart(catalog, name)
    if chart is None:
        return None
    if name in BUILDERS:
        return BUILDERS[name](catalog, chart.title)
    return _scores_over_time(catalog, name, chart.title)
