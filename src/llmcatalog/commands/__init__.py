"""What contributors and other projects run: the `llmcatalog` command (`cli`) and the
services behind its subcommands: exports, the data diff between revisions, the quality
report, new-card templates, `import-config` and the JSON Schemas."""
