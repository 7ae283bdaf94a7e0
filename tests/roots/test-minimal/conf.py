# A project that uses llmcatalog's extension on its own small catalog, as the
# configuration page describes: nothing else from llmcatalog's own site.
project = "Minimal"
extensions = ["myst_parser", "llmcatalog.sphinxext"]
llmcatalog_path = "catalog"
llmcatalog_git_dates = False
llmcatalog_mermaid = "cdn"  # nothing fetched at build time
exclude_patterns = ["_build", "catalog"]
