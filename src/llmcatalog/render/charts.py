"""Charts drawn at build time from the catalog, as SVG text (matplotlib, no display needed).

Each chart is drawn twice, for the light and the dark theme, so axis text stays readable.
"""

from __future__ import annotations

import io
import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ..catalog.store import Catalog
from ..schema import PartialDate
from .format import left_out

if TYPE_CHECKING:
    from matplotlib.axes import Axes

THEMES = {
    "light": {
        "fg": "#222222",
        "grid": "#dddddd",
        "open": "#1f77b4",
        "closed": "#d62728",
        "gated": "#9467bd",
        "other": "#2ca02c",
        "fifth": "#8c564b",
        "sixth": "#e377c2",
        "muted": "#999999",
    },
    "dark": {
        "fg": "#e6e6e6",
        "grid": "#444444",
        "open": "#6cb6ff",
        "closed": "#ff7b72",
        "gated": "#d2a8ff",
        "other": "#7ee787",
        "fifth": "#e3b341",
        "sixth": "#f778ba",
        "muted": "#8b949e",
    },
}


@dataclass(frozen=True)
class Chart:
    name: str
    title: str
    alt: str
    draw: Callable[[Catalog, Axes, dict[str, str]], None]
    legend: Literal["upper left", "lower right"] = "upper left"


def midpoint(date: PartialDate) -> tuple[int, int, int]:
    """Where a date sits on a time axis: a missing month or day at mid-year or mid-month."""
    year, month, day = date.sort_key()
    return year, month or 6, day or 15


def _decimal_year(date: PartialDate) -> float:
    year, month, day = midpoint(date)
    return year + (month - 1) / 12 + (day - 1) / 365


CHINCHILLA_RULE = "20 tokens per parameter (Chinchilla rule, fitted on dense models)"
COMPUTE_STATUS = {
    "disclosed": "disclosed by the makers",
    "estimated": "third-party estimate",
    "derived": "derived here: 6 x parameters x tokens",
}
"""How a training-compute figure came to be, in the charts' legends."""


def _year_axis(ax: Axes, label: str) -> None:
    """Dates as decimal years, ticked at each new year and labelled 2023, not 2023.5."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: f"{x:.0f}"))
    ax.set_xlabel(label)


LogTicks = Literal["si", "power", "binary"]
"""How a log axis labels its ticks: 100M, 1B, 1T; 1e24; 4K, 128K, 1M."""


def tick_label(value: float, ticks: LogTicks) -> str:
    """A log-axis tick in plain text, written as the live charts write it
    (`vegacharts.SI_LABEL`, `POWER_LABEL`, `BINARY_LABEL`), so both versions of a chart read
    alike. Plain text also keeps matplotlib from its math-text parser, which its default
    10-to-the-n labels go through and which took half the time of drawing a chart."""
    if value <= 0:
        return ""
    if ticks == "power":
        return f"1e{round(math.log10(value))}"
    if ticks == "binary":
        for scale, suffix in ((2.0**20, "M"), (2.0**10, "K")):
            if value >= scale:
                return f"{value / scale:g}{suffix}"
        return f"{value:g}"
    for scale, suffix in ((1e15, "P"), (1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if value >= scale:
            return f"{value / scale:g}{suffix}"
    return f"{value:g}"


def _log_axes(ax: Axes, *, x: LogTicks | None = None, y: LogTicks | None = None) -> None:
    """Log scales labelled in plain text, unless nothing was plotted (a log axis cannot hold
    no data): then a note."""
    import numpy as np  # matplotlib's own dependency; imported only when drawing
    from matplotlib.ticker import FuncFormatter, LogLocator, NullLocator

    if not any(np.size(c.get_offsets()) for c in ax.collections):
        ax.text(
            0.5,
            0.5,
            "No model in the catalog has these figures yet.",
            ha="center",
            transform=ax.transAxes,
        )
        return
    for ticks, set_scale, axis in ((x, ax.set_xscale, ax.xaxis), (y, ax.set_yscale, ax.yaxis)):
        if ticks is None:
            continue
        set_scale("log", base=2 if ticks == "binary" else 10)
        # Powers of four on a binary axis: every other power of two, as the live chart ticks.
        axis.set_major_locator(LogLocator(base=4 if ticks == "binary" else 10))
        axis.set_major_formatter(FuncFormatter(lambda v, _, t=ticks: tick_label(v, t)))
        axis.set_minor_locator(NullLocator())


def _params_over_time(catalog: Catalog, ax: Axes, colors: dict[str, str]) -> None:
    for weights in ("open", "gated", "closed"):
        xs, ys, xa, ya = [], [], [], []
        for model in catalog.models.values():
            params = model.parameters
            if model.access.weights != weights or not params or not params.total:
                continue
            xs.append(_decimal_year(model.released))
            ys.append(params.total.value)
            if params.active:
                xa.append(_decimal_year(model.released))
                ya.append(params.active.value)
        ax.scatter(xs, ys, s=18, color=colors[weights], label=f"{weights} weights (total)")
        if xa:
            ax.scatter(
                xa,
                ya,
                s=18,
                facecolors="none",
                edgecolors=colors[weights],
                label=f"{weights}: active (MoE)",
            )
    _log_axes(ax, y="si")
    _year_axis(ax, "Release date")
    ax.set_ylabel("Parameters (log scale)")


def _tokens_vs_params(catalog: Catalog, ax: Axes, colors: dict[str, str]) -> None:
    xs, ys, xa, ya = [], [], [], []
    for model in catalog.models.values():
        if model.parameters and model.parameters.total and model.training_tokens:
            xs.append(model.parameters.total.value)
            ys.append(model.training_tokens.value)
            if model.parameters.active:  # mixture of experts: also by active parameters
                xa.append(model.parameters.active.value)
                ya.append(model.training_tokens.value)
    ax.scatter(xs, ys, s=18, color=colors["open"], label="by total parameters")
    if xa:
        ax.scatter(
            xa, ya, s=18, facecolors="none", edgecolors=colors["gated"],
            label="mixture of experts, by active parameters",
        )  # fmt: skip
    if xs:
        lo, hi = min(xs + xa) / 2, max(xs) * 2
        ax.plot(
            [lo, hi],
            [20 * lo, 20 * hi],
            color=colors["closed"],
            linestyle="--",
            label=CHINCHILLA_RULE,
        )
    _log_axes(ax, x="si", y="si")
    ax.set_xlabel("Parameters (total)")
    ax.set_ylabel("Training tokens")


def _compute_over_time(catalog: Catalog, ax: Axes, colors: dict[str, str]) -> None:
    markers = {"disclosed": "o", "estimated": "s", "derived": "x"}
    styles = {k: {"marker": m, "label": COMPUTE_STATUS[k]} for k, m in markers.items()}
    points: dict[str, tuple[list[float], list[float]]] = {k: ([], []) for k in styles}
    missing = 0
    for model_id in sorted(catalog.models):
        figure = catalog.training_compute(model_id)
        if figure is None:
            missing += 1
            continue
        xs, ys = points[figure.status]
        xs.append(_decimal_year(catalog.models[model_id].released))
        ys.append(figure.value)
    for status, style in styles.items():
        xs, ys = points[status]
        if not xs:
            continue
        face = colors["open"] if status == "disclosed" else "none"
        edge = colors["closed"] if status == "derived" else colors["open"]
        if status == "derived":
            ax.scatter(xs, ys, s=22, marker="x", color=edge, label=style["label"])
        else:
            ax.scatter(
                xs, ys, s=22, marker=style["marker"], facecolors=face, edgecolors=edge,
                label=style["label"],
            )  # fmt: skip
    _log_axes(ax, y="power")
    _year_axis(ax, "Release date")
    ax.set_ylabel("Training compute, FLOP (log scale)")
    ax.text(
        0.99, 0.02, left_out(missing, "a figure"), ha="right",
        transform=ax.transAxes, fontsize="small", color=colors["fg"],
    )  # fmt: skip


def _context_over_time(catalog: Catalog, ax: Axes, colors: dict[str, str]) -> None:
    xs, ys = [], []
    for model in catalog.models.values():
        if model.context_length:
            xs.append(_decimal_year(model.released))
            ys.append(model.context_length.value)
    ax.scatter(xs, ys, s=18, color=colors["open"], label="context length at release")
    _log_axes(ax, y="binary")
    _year_axis(ax, "Release date")
    ax.set_ylabel("Context length in tokens (log scale)")


def _models_per_year(catalog: Catalog, ax: Axes, colors: dict[str, str]) -> None:
    counts = Counter((m.released.year, m.architecture) for m in catalog.models.values())
    years = sorted({y for y, _ in counts})
    archs = sorted({a for _, a in counts})
    palette = [
        colors["open"],
        colors["closed"],
        colors["gated"],
        colors["other"],
        colors["fg"],
        colors["grid"],
    ]
    bottom = [0] * len(years)
    for i, arch in enumerate(archs):
        heights = [counts.get((y, arch), 0) for y in years]
        ax.bar(years, heights, bottom=bottom, color=palette[i % len(palette)], label=arch)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    ax.set_xlabel("Year of release")
    ax.set_ylabel("Models in the catalog")


# --- scores on one benchmark over time ------------------------------------------------------

SCORES_PREFIX = "scores-"
"""Chart names `scores-<benchmark id>`: one per benchmark that has reported results."""
SETTING_STYLES = 6
"""Settings drawn in their own colour and marker; the rest share one muted style."""


@dataclass(frozen=True, slots=True)
class ScorePoint:
    when: float
    score: float
    model: str
    date: PartialDate
    """The result's own date, else its model's release (what `when` is computed from)."""


def score_series(catalog: Catalog, benchmark_id: str) -> dict[str, list[ScorePoint]]:
    """Reported scores on one benchmark, per setting, oldest first. A result is dated by its
    own `date`, else by its model's release. Settings are kept apart: a 5-shot score and a
    0-shot chain-of-thought score are not points on one curve."""
    series: dict[str, list[ScorePoint]] = {}
    for model_id, result in catalog.results_for(benchmark_id):
        when = result.date or catalog.models[model_id].released
        label = result.setting_label() or "setting not stated"
        point = ScorePoint(_decimal_year(when), result.score, model_id, when)
        series.setdefault(label, []).append(point)
    for points in series.values():
        points.sort(key=lambda p: (p.when, p.model))
    # The settings with the most results first: they get the distinct styles.
    return dict(sorted(series.items(), key=lambda item: (-len(item[1]), item[0])))


def _scores_over_time(benchmark_id: str) -> Callable[[Catalog, Axes, dict[str, str]], None]:
    def draw(catalog: Catalog, ax: Axes, colors: dict[str, str]) -> None:
        bench = catalog.benchmarks[benchmark_id]
        palette = ["open", "closed", "gated", "other", "fifth", "sixth"]
        markers = ["o", "s", "D", "^", "v", "P"]
        series = score_series(catalog, benchmark_id)
        rest: list[ScorePoint] = []
        for i, (label, points) in enumerate(series.items()):
            if i >= SETTING_STYLES:
                rest += points
                continue
            color = colors[palette[i]]
            xs = [p.when for p in points]
            ys = [p.score for p in points]
            name = f"{label} ({len(points)})"
            ax.scatter(xs, ys, s=22, marker=markers[i], color=color, label=name)
            # The best score reported so far in this setting: where it flattens, the
            # benchmark saturates.
            best = [max(ys[: k + 1]) for k in range(len(ys))]
            ax.step(xs, best, where="post", color=color, linewidth=1, alpha=0.7)
        if rest:
            ax.scatter(
                [p.when for p in rest], [p.score for p in rest], s=18, marker="x",
                color=colors["muted"], label=f"other settings ({len(rest)})",
            )  # fmt: skip
        if bench.score_max is not None:
            ax.axhline(
                bench.score_max, color=colors["fg"], linestyle="--", linewidth=1,
                label=f"highest possible score ({bench.score_max:g})",
            )  # fmt: skip
            span = bench.score_max - bench.score_min
            ax.set_ylim(bench.score_min, bench.score_max + span * 0.05)
        _year_axis(ax, "Date of the result (its model's release where the result has no date)")
        ax.set_ylabel(bench.metric)
        count = sum(len(points) for points in series.values())
        ax.text(
            0.01, 0.02, f"{count} reported scores; step lines: best so far in each setting",
            ha="left", transform=ax.transAxes, fontsize="small", color=colors["fg"],
        )  # fmt: skip

    return draw


def scores_chart_name(benchmark_id: str) -> str:
    return SCORES_PREFIX + benchmark_id


def find_chart(catalog: Catalog, name: str) -> Chart | None:
    """A site-wide chart by name, or the scores chart `scores-<id>` of a benchmark card."""
    if name in CHARTS:
        return CHARTS[name]
    if not name.startswith(SCORES_PREFIX):
        return None
    bench = catalog.benchmarks.get(name[len(SCORES_PREFIX) :])
    if bench is None:
        return None
    return Chart(
        name,
        f"{bench.name}: reported scores over time",
        f"Scatter plot of the scores models reported on {bench.name} ({bench.metric}) against "
        "the date of each result, one colour and marker per evaluation setting, with a step "
        "line of the best score so far in each setting and a dashed line at the highest "
        "possible score; scores from different settings are not comparable.",
        _scores_over_time(bench.id),
        legend="lower right",
    )


CHARTS: dict[str, Chart] = {
    chart.name: chart
    for chart in (
        Chart(
            "parameters-over-time",
            "Parameters over time",
            "Scatter plot of parameter counts (log scale) against release date, coloured by "
            "whether weights are open, gated or closed; hollow markers show active parameters "
            "of mixture-of-experts models.",
            _params_over_time,
        ),
        Chart(
            "tokens-vs-parameters",
            "Training tokens against parameters",
            "Log-log scatter plot of training tokens against total parameters; hollow markers "
            "place mixture-of-experts models by their active parameters. A dashed line marks "
            "20 tokens per parameter, the Chinchilla rule of thumb, which was fitted on dense "
            "models.",
            _tokens_vs_params,
        ),
        Chart(
            "compute-over-time",
            "Training compute over time",
            "Scatter plot of total training compute in FLOP (log scale) against release date. "
            "Filled circles are figures the makers disclosed, hollow squares third-party "
            "estimates, and crosses figures derived here as 6 x parameters x training tokens "
            "(active parameters for mixture-of-experts models); the number of models without "
            "any figure is written in the corner.",
            _compute_over_time,
        ),
        Chart(
            "context-over-time",
            "Context length over time",
            "Scatter plot of context length at release (log scale) against release date.",
            _context_over_time,
        ),
        Chart(
            "models-per-year",
            "Models per year by architecture",
            "Stacked bar chart of the number of catalog models released each year, split by "
            "architecture.",
            _models_per_year,
        ),
    )
}


def render_svg(catalog: Catalog, name: str, theme: str) -> str:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    colors = THEMES[theme]
    chart = find_chart(catalog, name)
    if chart is None:
        raise KeyError(f"no chart named {name!r}")
    with matplotlib.rc_context(
        {
            "svg.hashsalt": "llmcatalog",  # stable ids: unchanged data gives unchanged files
            "svg.fonttype": "none",
            "text.color": colors["fg"],
            "axes.labelcolor": colors["fg"],
            "axes.edgecolor": colors["fg"],
            "xtick.color": colors["fg"],
            "ytick.color": colors["fg"],
            "axes.facecolor": "none",
            "figure.facecolor": "none",
            "grid.color": colors["grid"],
        }
    ):
        fig, ax = plt.subplots(figsize=(8, 4.5), layout="constrained")
        try:
            chart.draw(catalog, ax, colors)
            ax.grid(True, which="major")
            ax.set_title(chart.title)
            ax.legend(loc=chart.legend, fontsize="small", frameon=False)
            buffer = io.StringIO()
            # A fixed layout, not bbox_inches="tight", which draws every figure twice.
            fig.savefig(buffer, format="svg", metadata={"Date": None})
        finally:
            plt.close(fig)
    return buffer.getvalue()
