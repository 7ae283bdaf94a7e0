"""The card data model: pydantic types only, no I/O, no Sphinx."""

from .cards import (
    CARD_TYPES,
    KIND_FOLDERS,
    KINDS,
    Access,
    Benchmark,
    Card,
    Dataset,
    DatasetSize,
    Derivation,
    Model,
    Organization,
    Parameters,
    Source,
    Technique,
    Variant,
)
from .types import Figure, PartialDate, parse_count

__all__ = [
    "CARD_TYPES",
    "KINDS",
    "KIND_FOLDERS",
    "Access",
    "Benchmark",
    "Card",
    "Dataset",
    "DatasetSize",
    "Derivation",
    "Figure",
    "Model",
    "Organization",
    "Parameters",
    "PartialDate",
    "Source",
    "Technique",
    "Variant",
    "parse_count",
]
