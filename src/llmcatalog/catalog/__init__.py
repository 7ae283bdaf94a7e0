"""The catalog as a whole: every card loaded and cross-checked (`store`), the checks across
cards (`crosscheck`), computed figures (`derived`), the filter and sort language (`query`),
and the recording view the Sphinx extension reads through (`reads`).

`Catalog` and `load_catalog` are the package's public entry points."""

from .store import Catalog, Edge, load_catalog

__all__ = ["Catalog", "Edge", "load_catalog"]
