"""llmcatalog: a typed, sourced catalog of large language models."""

__version__ = "0.1.0"
