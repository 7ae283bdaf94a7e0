"""Charts drawn at build time from the catalog, as SVG text (matplotlib, no display needed).

Each chart is drawn twice, for the light and the dark theme, so axis text stays readable.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..catalog import Catalog
from ..schema import PartialDate

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
    },
    "dark": {
        "fg": "#e6e6e6",
        "grid": "#444444",
        "open": "#6cb6ff",
        "closed": "#ff7b72",
        "gated": "#d2a8ff",
        "other": "#7ee787",
    },
}


@dataclass(frozen=True)
class Chart:
    name: str
    title: str
    alt: str
    draw: Callable[[Catalog, Axes, dict[str, str]], None]


def _decimal_year(date: PartialDate) -> float:
    year, month, day = date.sort_key()
    return year + ((month or 6) - 1) / 12 + ((day or 15) - 1) / 365


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
    ax.set_yscale("log")
    ax.set_xlabel("Release date")
    ax.set_ylabel("Parameters (log scale)")


def _tokens_vs_params(catalog: Catalog, ax: Axes, colors: dict[str, str]) -> None:
    xs, ys = [], []
    for model in catalog.models.values():
        if model.parameters and model.parameters.total and model.training_tokens:
            xs.append(model.parameters.total.value)
            ys.append(model.training_tokens.value)
    ax.scatter(xs, ys, s=18, color=colors["open"], label="models with both figures")
    if xs:
        lo, hi = min(xs) / 2, max(xs) * 2
        ax.plot(
            [lo, hi],
            [20 * lo, 20 * hi],
            color=colors["closed"],
            linestyle="--",
            label="20 tokens per parameter (Chinchilla)",
        )
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("Parameters (total)")
    ax.set_ylabel("Training tokens")


def _context_over_time(catalog: Catalog, ax: Axes, colors: dict[str, str]) -> None:
    xs, ys = [], []
    for model in catalog.models.values():
        if model.context_length:
            xs.append(_decimal_year(model.released))
            ys.append(model.context_length.value)
    ax.scatter(xs, ys, s=18, color=colors["open"], label="context length at release")
    ax.set_yscale("log", base=2)
    ax.set_xlabel("Release date")
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
            "Log-log scatter plot of training tokens against total parameters, with a dashed "
            "line at 20 tokens per parameter, the Chinchilla rule of thumb.",
            _tokens_vs_params,
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


def chart_inputs(catalog: Catalog) -> str:
    """Everything the charts plot, as text: equal text means equal charts."""
    rows = []
    for model_id in sorted(catalog.models):
        m = catalog.models[model_id]
        params = m.parameters
        rows.append(
            "|".join(
                str(x)
                for x in (
                    model_id,
                    m.released,
                    m.architecture,
                    m.access.weights,
                    params.total.value if params and params.total else "",
                    params.active.value if params and params.active else "",
                    m.training_tokens.value if m.training_tokens else "",
                    m.context_length.value if m.context_length else "",
                )
            )
        )
    return "\n".join(rows)


def render_svg(catalog: Catalog, name: str, theme: str) -> str:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    colors = THEMES[theme]
    chart = CHARTS[name]
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
            ax.legend(loc="upper left", fontsize="small", frameon=False)
            buffer = io.StringIO()
            # A fixed layout, not bbox_inches="tight", which draws every figure twice.
            fig.savefig(buffer, format="svg", metadata={"Date": None})
        finally:
            plt.close(fig)
    return buffer.getvalue()
