"""Benchmarks for llmcatalog: `nox -s bench` (or `python -m benchmarks`). Prints tables."""
