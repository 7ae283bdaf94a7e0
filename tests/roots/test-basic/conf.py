extensions = ["myst_parser", "llmcatalog.sphinxext"]
llmcatalog_path = "catalog"
llmcatalog_git_dates = False
llmcatalog_repo_url = "https://example.org/repo"
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build", "catalog"]
