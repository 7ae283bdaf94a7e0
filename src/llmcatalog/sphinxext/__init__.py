"""Sphinx extension: the catalog's cards as pages, tables, diagrams, timelines and charts.

Glue only: configuration, events and registration. Data work lives in `llmcatalog.catalog`,
node building in `llmcatalog.render`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

from .. import __version__
from . import assets
from .comparepage import ComparePageDirective
from .config import AssetSource, LLMConfig
from .directives.architectures import ArchitecturesDirective
from .directives.downloads import DownloadsDirective
from .directives.home import HeadlineDirective, LatestDirective
from .directives.lineage import LineageDirective
from .directives.page import PageDirective
from .directives.quality import QualityDirective, WhatsNewDirective
from .directives.reference import ChartDirective, SchemaDirective
from .directives.settings import SettingsDirective
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
    fill_explained_in,
    load_and_sync,
    outdated_pages,
    publish_std_labels,
    record_references,
    restore_jobs,
    rewrite_for_references,
    serial_for_few_pages,
    start_reading_page,
    warn_missing,
)
from .fieldtree import FieldTreeDirective

logger = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"
# Bump when what the extension stores in the environment changes shape.
ENV_VERSION = 12


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinxcontrib.mermaid")
    app.setup_extension("llmcatalog.sphinxext.description")  # opengraph's cut, repaired
    LLMConfig.register(app)

    app.add_domain(LLMDomain)
    for name, directive in {
        "page": PageDirective,
        "index": KindIndexDirective,
        "overview": OverviewDirective,
        "table": TableDirective,
        "lineage": LineageDirective,
        "field-tree": FieldTreeDirective,
        "timeline": TimelineDirective,
        "card": CardDirective,
        "compare": CompareDirective,
        "compare-page": ComparePageDirective,
        "adoption": AdoptionDirective,
        "architectures": ArchitecturesDirective,
        "schema": SchemaDirective,
        "settings": SettingsDirective,
        "chart": ChartDirective,
        "downloads": DownloadsDirective,
        "headline": HeadlineDirective,
        "latest": LatestDirective,
        "quality": QualityDirective,
        "whatsnew": WhatsNewDirective,
    }.items():
        app.add_directive_to_domain("llm", name, directive)

    from . import chartnode, comparepage, fieldtree, graphnode, heap, htmlout, linklist, tablenode

    chartnode.setup(app)
    comparepage.setup(app)
    fieldtree.setup(app)
    graphnode.setup(app)
    heap.setup(app)
    htmlout.setup(app)
    linklist.setup(app)
    tablenode.setup(app)
    app.connect("builder-inited", load_and_sync)
    app.connect("source-read", start_reading_page)
    app.connect("doctree-read", record_references)
    app.connect("doctree-read", publish_std_labels)
    app.connect("warn-missing-reference", warn_missing)
    app.connect("env-get-outdated", outdated_pages)
    app.connect("env-updated", rewrite_for_references)
    app.connect("doctree-resolved", fill_explained_in)
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
    settings = LLMConfig.of(config)
    if settings.mermaid is AssetSource.LOCAL:
        folder = assets.static_dir()
        config.html_static_path = [*config.html_static_path, str(folder)]
        config.mermaid_use_local = "mermaid/mermaid.esm.min.mjs"
        config.mermaid_include_elk = True
        config.mermaid_elk_use_local = "mermaid/mermaid-layout-elk.esm.min.mjs"
        config.mathjax_path = "mathjax/tex-mml-chtml.js"
    else:
        # Lineage diagrams are drawn by our own module, which imports Mermaid from these.
        cdn = "https://cdn.jsdelivr.net/npm"
        mermaid = f"{cdn}/mermaid@{assets.MERMAID.version}/dist/mermaid.esm.min.mjs"
        elk = (
            f"{cdn}/@mermaid-js/layout-elk@{assets.ELK.version}/dist/mermaid-layout-elk.esm.min.mjs"
        )
        vega = [f"{cdn}/{p.name}@{p.version}/build/{p.name}.min.js" for p in assets.VEGA_PACKAGES]
        config.mermaid_version = assets.MERMAID.version
        config.mermaid_elk_version = assets.ELK.version
        app.add_js_file(
            None,
            body=f"window.llmcatalogMermaidUrl={json.dumps(mermaid)};"
            f"window.llmcatalogElkUrl={json.dumps(elk)};"
            f"window.llmcatalogVegaUrls={json.dumps(vega)};",
        )
