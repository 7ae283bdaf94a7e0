extensions = ["myst_parser", "llmcatalog.sphinxext"]
llmcatalog_path = "catalog"
llmcatalog_git_dates = False
exclude_patterns = ["_build", "catalog"]
