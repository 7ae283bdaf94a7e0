"""Sphinx extension: the catalog's cards as pages, tables, diagrams, timelines and charts.

Glue only: configuration, events and registration. Data work lives in `llmcatalog.catalog`,
node building in `llmcatalog.render`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

from .. import __version__
from . import assets
from .directives.downloads import DownloadsDirective
from .directives.home import HeadlineDirective, LatestDirective
from .directives.lineage import LineageDirective
from .directives.page import PageDirective
from .directives.quality import QualityDirective, WhatsNewDirective
from .directives.reference import ChartDirective, SchemaDirective
from .directives.tables import KindIndexDirective, TableDirective
from .directives.views import (
    AdoptionDirective,
    CardDirective,
    CompareDirective,
    OverviewDirective,
    TimelineDirective,
)
from .domain import LLMDomain
from .events import (
    add_page_assets,
    load_and_sync,
    outdated_pages,
    restore_jobs,
    serial_for_few_pages,
)

logger = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"
# Bump when what the extension stores in the environment changes shape.
ENV_VERSION = 7


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinxcontrib.mermaid")
    app.add_config_value("llmcatalog_path", "../catalog", "env", types=[str])
    app.add_config_value("llmcatalog_pages_dir", "cards", "env", types=[str])
    app.add_config_value("llmcatalog_repo_url", "", "html", types=[str])
    app.add_config_value("llmcatalog_repo_branch", "main", "html", types=[str])
    app.add_config_value("llmcatalog_repo_catalog_path", "catalog", "html", types=[str])
    app.add_config_value("llmcatalog_git_dates", True, "env", types=[bool])
    # "local": serve Mermaid and MathJax from the site itself; "cdn": load them from CDNs.
    app.add_config_value("llmcatalog_mermaid", "local", "html", types=[str])

    app.add_domain(LLMDomain)
    for name, directive in {
        "page": PageDirective,
        "index": KindIndexDirective,
        "overview": OverviewDirective,
        "table": TableDirective,
        "lineage": LineageDirective,
        "timeline": TimelineDirective,
        "card": CardDirective,
        "compare": CompareDirective,
        "adoption": AdoptionDirective,
        "schema": SchemaDirective,
        "chart": ChartDirective,
        "downloads": DownloadsDirective,
        "headline": HeadlineDirective,
        "latest": LatestDirective,
        "quality": QualityDirective,
        "whatsnew": WhatsNewDirective,
    }.items():
        app.add_directive_to_domain("llm", name, directive)

    from . import graphnode, tablenode

    graphnode.setup(app)
    tablenode.setup(app)
    app.connect("builder-inited", load_and_sync)
    app.connect("env-get-outdated", outdated_pages)
    app.connect("env-before-read-docs", serial_for_few_pages)
    app.connect("build-finished", restore_jobs)
    app.connect("html-page-context", add_page_assets)
    app.connect("config-inited", _add_static)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def _add_static(app: Sphinx, config: Any) -> None:
    config.html_static_path = [*config.html_static_path, str(STATIC)]
    app.add_css_file("llmcatalog.css")
    # Diagrams render in the reader's browser: never let a card's text become markup there.
    config.mermaid_init_config = {**config.mermaid_init_config, "securityLevel": "strict"}
    mode = config.llmcatalog_mermaid
    if mode == "local":
        folder = assets.static_dir()
        config.html_static_path = [*config.html_static_path, str(folder)]
        config.mermaid_use_local = "mermaid/mermaid.esm.min.mjs"
        config.mermaid_include_elk = True
        config.mermaid_elk_use_local = "mermaid/mermaid-layout-elk.esm.min.mjs"
        config.mathjax_path = "mathjax/tex-mml-chtml.js"
    elif mode != "cdn":
        raise ExtensionError(f"llmcatalog_mermaid must be 'local' or 'cdn', not {mode!r}")
