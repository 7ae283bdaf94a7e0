"""Sphinx configuration of the llmcatalog site."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

project = "llmcatalog"
author = "the llmcatalog contributors"
copyright = "the llmcatalog contributors; data CC BY 4.0"

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinx_copybutton",
    "sphinxext.opengraph",
    "sphinx_sitemap",
    "notfound.extension",
    "llmcatalog.sphinxext",
]

# --- hosting ------------------------------------------------------------------------------------
# The canonical address of the published site: canonical links, the sitemap, OpenGraph tags
# and the 404 page's absolute links all use it. Set LLMCATALOG_BASE_URL where you host it.
html_baseurl = os.environ.get("LLMCATALOG_BASE_URL", "https://llmcatalog.readthedocs.io/en/latest/")
sitemap_url_scheme = "{link}"
ogp_site_url = html_baseurl
ogp_site_name = "llmcatalog"
ogp_social_cards = {"enable": False}  # no images drawn at build time
notfound_urls_prefix = urlsplit(html_baseurl).path.rstrip("/") + "/"

# --- the catalog ------------------------------------------------------------------------------
llmcatalog_path = "../catalog"
llmcatalog_pages_dir = "cards"
llmcatalog_repo_url = os.environ.get(
    "LLMCATALOG_REPO_URL", "https://github.com/llmcatalog/llmcatalog"
)

# --- MyST ---------------------------------------------------------------------------------------
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist"]
myst_heading_anchors = 3
suppress_warnings = ["myst.header"]

# --- Mermaid: the extension serves a pinned copy from the npm registry (cached in
# ~/.cache/llmcatalog); hosting may set LLMCATALOG_MERMAID=cdn to load it from a CDN instead.
llmcatalog_mermaid = os.environ.get("LLMCATALOG_MERMAID", "local")

# --- HTML ---------------------------------------------------------------------------------------
html_theme = "pydata_sphinx_theme"
html_title = "llmcatalog"
html_context = {"default_mode": "auto"}
html_favicon = "_static/logo.svg"
html_logo = "_static/logo.svg"
html_static_path = ["_static"]
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
    "secondary_sidebar_items": ["page-toc"],
    "navbar_align": "left",
}
# Pages without sub-pages get the full width (no empty section navigation).
html_sidebars = {
    page: []
    for page in (
        "cards/**",
        "index",
        "family-trees",
        "downloads",
        "data-quality",
        "whats-new",
        "glossary",
        "performance/index",
    )
}
# The benchmark tables (written by `nox -s bench`) are only {include}d into
# performance/index.md; as documents of their own they became untitled pages.
exclude_patterns = [
    "_build",
    "Thumbs.db",
    ".DS_Store",
    "README.md",
    "performance/results-*.md",
]
