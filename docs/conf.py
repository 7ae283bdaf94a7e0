"""Sphinx configuration of the llmcatalog site."""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.application import Sphinx

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
    "sphinx.ext.autosectionlabel",
    "llmcatalog.sphinxext",
]
# Every essay section is a std:label ("deep-dives/attention:Grouped-query attention"), so
# other projects can link to it with intersphinx; card pages have their own labels.
autosectionlabel_prefix_document = True
autosectionlabel_maxdepth = 2

# --- hosting ------------------------------------------------------------------------------------
# The canonical address of the published site: canonical links, the sitemap and OpenGraph
# tags use it. Set LLMCATALOG_BASE_URL where you host it.
html_baseurl = os.environ.get("LLMCATALOG_BASE_URL", "https://llmcatalog.readthedocs.io/en/latest/")
sitemap_url_scheme = "{link}"
ogp_site_url = html_baseurl
ogp_site_name = "llmcatalog"
ogp_social_cards = {"enable": False}  # no images drawn at build time
# The 404 page is served in place of any missing URL, at any depth, so relative links cannot
# work there: its links are absolute paths from the site's root on its host. That root is the
# path of LLMCATALOG_BASE_URL, or of where Read the Docs publishes, else "/" (a local preview,
# GitHub Pages or a custom domain).
_hosted_at = os.environ.get("LLMCATALOG_BASE_URL") or os.environ.get("READTHEDOCS_CANONICAL_URL")
notfound_urls_prefix = urlsplit(_hosted_at or "/").path.rstrip("/") + "/"
_cards = notfound_urls_prefix + "cards/"
notfound_context = {
    "title": "Page not found",
    "body": rf"""<h1>Page not found</h1>
<p>Nothing lives at this address: the page may have moved, or the link may be mistyped.</p>
<form class="llm-notfound-search" action="{notfound_urls_prefix}search.html" method="get"
      role="search">
  <label for="llm-notfound-q">Search the catalog</label>
  <input id="llm-notfound-q" type="search" name="q" autocomplete="off">
  <button type="submit" class="btn btn-sm btn-primary">Search</button>
</form>
<p>Or start from one of these:</p>
<ul class="llm-notfound-links">
  <li><a href="{notfound_urls_prefix}index.html">the home page</a></li>
  <li><a href="{_cards}models/index.html">every model</a>,
    <a href="{_cards}techniques/index.html">technique</a>,
    <a href="{_cards}organizations/index.html">organization</a>,
    <a href="{_cards}benchmarks/index.html">benchmark</a> and
    <a href="{_cards}datasets/index.html">dataset</a></li>
  <li><a href="{notfound_urls_prefix}timeline/index.html">the timeline</a> and the
    <a href="{notfound_urls_prefix}family-trees.html">family trees</a></li>
</ul>
<script>
  // Offer the missing page's own name as the search: /cards/models/llama-9.html -> "llama 9".
  (() => {{
    const last = decodeURIComponent(location.pathname.split("/").filter(Boolean).pop() || "");
    const words = last.replace(/\.html?$/, "").replace(/[-_.]+/g, " ").trim();
    if (words && words !== "404") document.getElementById("llm-notfound-q").value = words;
  }})();
</script>
""",
}

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
# Essay diagrams at their natural size, scrolling sideways when wider than the column: the
# plugin's defaults (500px high, shrunk to the column's width) made labels 8 to 15 px.
mermaid_height = "auto"
mermaid_init_config = {
    "startOnLoad": False,
    "flowchart": {"useMaxWidth": False},
    "sequence": {"useMaxWidth": False},
}
# The plugin's full-screen button is a glyph most system fonts lack (an empty box): off.
mermaid_fullscreen = False

# --- HTML ---------------------------------------------------------------------------------------
html_theme = "pydata_sphinx_theme"
html_title = "llmcatalog"
html_context = {"default_mode": "auto"}
html_favicon = "_static/logo.svg"
html_logo = "_static/logo.svg"
html_static_path = ["_static"]
# Overrides of a few theme templates: see the comment at the top of each.
templates_path = ["_templates"]
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


# --- page weight ----------------------------------------------------------------------------
# Extensions add their assets to every page; a page gets only those it can use. Copy buttons
# go on code blocks, sphinx-design styles its own components (the home page's), and a page
# without a document (404, search, index) has no diagram for Mermaid (about 200 KB) to draw.
def _has_code(doctree: nodes.document | None) -> bool:
    return doctree is not None and next(doctree.findall(nodes.literal_block), None) is not None


def _has_design(doctree: nodes.document | None) -> bool:
    return doctree is not None and any(
        c.startswith("sd-") for n in doctree.findall(nodes.Element) for c in n["classes"]
    )


_NEEDS = {
    "clipboard.min.js": _has_code,
    "copybutton.js": _has_code,
    "copybutton.css": _has_code,
    "design-tabs.js": _has_design,
    "sphinx-design.min.css": _has_design,
}


def _needed(asset: Any, doctree: nodes.document | None) -> bool:
    if asset.filename:
        needs = _NEEDS.get(os.path.basename(str(asset.filename)))
        return needs is None or needs(doctree)
    body = asset.attributes.get("body", "")
    return doctree is not None or "import mermaid" not in body


def _only_needed_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    for key in ("script_files", "css_files"):
        context[key] = [a for a in context[key] if _needed(a, doctree)]


def _notfound_root(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    # The theme's scripts resolve site paths against <html data-content_root>, which Sphinx
    # writes relative ("./"): wrong on a page served at any depth.
    if pagename == "404":
        context["content_root"] = notfound_urls_prefix


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", _notfound_root)
    # After the extensions have added theirs (sphinxcontrib-mermaid's runs at the default 500).
    app.connect("html-page-context", _only_needed_assets, priority=900)
