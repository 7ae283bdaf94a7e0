"""What every catalog directive shares: the recorded catalog view, warnings, containers."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import cast

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ...catalog.reads import RecordingCatalog
from ...render.charts import Chart
from ...render.vegacharts import spec
from ..chartnode import live_chart
from ..config import LLMConfig
from ..domain import LLMDomain
from ..generated import CHARTS_DIR, draw_chart
from ..warnings import Warn, warn


class CatalogDirective(SphinxDirective):
    """Base: renders from the catalog through a view that records what the page reads.

    There is nothing to declare: whatever a directive reads through `self.catalog` is what
    its page depends on (see `llmcatalog.catalog.reads`).
    """

    _view: RecordingCatalog | None = None

    @property
    def catalog(self) -> RecordingCatalog:
        if self._view is None:
            self._view = self.domain.reader(self.env.docname)
        return self._view

    @property
    def domain(self) -> LLMDomain:
        return cast(LLMDomain, self.env.domains["llm"])

    def problem(self, message: str) -> list[nodes.Node]:
        warn(Warn.DIRECTIVE, "%s", message, location=self.get_location())
        return []

    def container(self, *children: nodes.Node, classes: Iterable[str] = ()) -> nodes.container:
        # Generated text is data: docutils' smart quotes must not rewrite it.
        box = nodes.container(classes=["llm", *classes])
        box["support_smartquotes"] = False
        box.extend(children)
        return box

    def chart_figure(self, chart: Chart) -> nodes.figure:
        """A chart's figure (one image per colour theme, with its alt text) on this page.

        Charts a page showed last time are drawn (when stale) at builder-inited; a chart new
        to the site is drawn here. Either way the page depends on what the chart plots.
        """
        pages = LLMConfig.of(self.env.config).pages_dir
        domain = self.domain
        domain.charts.setdefault(self.env.docname, set()).add(chart.name)
        if chart.name not in domain.chart_reads:
            folder = Path(self.env.srcdir) / pages / CHARTS_DIR
            domain.chart_reads[chart.name] = draw_chart(
                domain.current().catalog, folder, chart.name
            )
        self.catalog.reads.update(domain.chart_reads[chart.name])
        figure = nodes.figure(classes=["llm-chart"])
        live = spec(self.catalog, chart.name)
        if live is not None:
            figure += live_chart("", spec={**live, "description": chart.alt})
        for theme in ("light", "dark"):
            figure += nodes.image(
                uri=f"/{pages}/{CHARTS_DIR}/{chart.name}-{theme}.svg",
                alt=chart.alt,
                classes=[f"only-{theme}"],
            )
        return figure
