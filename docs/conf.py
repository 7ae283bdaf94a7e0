"""Sphinx configuration of the llmcatalog site."""

from __future__ import annotations

import os
from pathlib import Path

project = "llmcatalog"
author = "the llmcatalog contributors"
copyright = "the llmcatalog contributors; data CC BY 4.0"

extensions = [
    "myst_parser",
    "sphinx_design",
    "llmcatalog.sphinxext",
]

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

# --- Mermaid: served from a local copy fetched from the npm registry (see noxfile.py) ------------
_mermaid = Path(__file__).parent / "_static" / "mermaid" / "mermaid.esm.min.mjs"
if _mermaid.is_file():
    mermaid_use_local = "mermaid/mermaid.esm.min.mjs"
mermaid_init_config = {"startOnLoad": False, "securityLevel": "strict"}

# --- HTML ---------------------------------------------------------------------------------------
html_theme = "pydata_sphinx_theme"
html_title = "llmcatalog"
html_static_path = ["_static"]
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
    "secondary_sidebar_items": ["page-toc"],
    "navbar_align": "left",
}
html_sidebars = {"cards/**": []}
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store", "README.md"]
