"""Every warning the extension gives, as one documented enum of stable subtypes.

All are logged with ``type="llmcatalog"``, so ``suppress_warnings = ["llmcatalog.ref"]``
silences one kind, and each carries a location (a card file and line, or the page).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sphinx.util import logging

logger = logging.getLogger("llmcatalog")


class Warn(StrEnum):
    """Warning subtypes (``llmcatalog.<value>``)."""

    CARD_ERROR = "card"
    """A card is invalid (at the card's file and line); the card is left out of the site."""
    CARD_WARNING = "card-warning"
    """A card is valid but doubtful, e.g. released before its parent, or a compute figure far
    from 6 x parameters x tokens."""
    REF = "ref"
    """A reference names no card: a role such as {llm:model}`x` or a table cell."""
    DIRECTIVE = "directive"
    """A directive was given bad arguments or options, or names no card."""
    DUPLICATE = "duplicate"
    """Two `llm:page` directives define the same card."""
    CONFIG = "config"
    """A configuration value is wrong, or the catalog folder is missing."""

    def __str__(self) -> str:
        return self.value


def warn(subtype: Warn, message: str, *args: Any, location: Any = None) -> None:
    logger.warning(message, *args, location=location, type="llmcatalog", subtype=subtype.value)
