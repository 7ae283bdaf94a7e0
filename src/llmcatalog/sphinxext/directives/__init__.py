"""Directives of the `llm` domain, one module per component."""
