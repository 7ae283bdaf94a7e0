"""What every catalog directive shares: the catalog, dependency notes, warnings, containers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ...catalog import Catalog
from ..domain import LLMDomain
from ..state import ALL, TEXT, CardKey, get_catalog

logger = logging.getLogger(__name__)


class CatalogDirective(SphinxDirective):
    """Base: renders from the validated catalog and records which cards the page shows."""

    @property
    def catalog(self) -> Catalog:
        return get_catalog(self.env.srcdir)

    @property
    def domain(self) -> LLMDomain:
        return cast(LLMDomain, self.env.domains["llm"])

    def uses(self, keys: Iterable[CardKey]) -> None:
        """This page shows these cards: re-read it when one of them changes."""
        self.domain.note_uses(self.env.docname, keys)

    def uses_all(self, kind: str) -> None:
        """This page shows a selection of `kind` cards that any change can alter."""
        self.domain.note_uses(self.env.docname, [(kind, ALL)])

    def uses_text(self, kind: str, card_id: str = ALL) -> None:
        """This page also shows the summary of that card (or of every card of the kind)."""
        self.domain.note_uses(self.env.docname, [(kind + TEXT, card_id)])

    def note_columns(self, kind: str, columns: Iterable[str]) -> None:
        """A table of `kind` cards depends on every such card, and on the cards its columns
        draw from: organization names, technique names, or counts computed from models."""
        self.uses_all(kind)
        columns = set(columns)
        if "organizations" in columns:
            self.uses_all("organization")
        if columns & {"techniques", "objectives", "parents"}:
            self.uses_all("technique")
        if columns & {"adopters", "models"}:
            self.uses_all("model")
        if "summary" in columns:
            self.uses_text(kind)

    def problem(self, message: str) -> list[nodes.Node]:
        logger.warning(
            message, location=self.get_location(), type="llmcatalog", subtype="directive"
        )
        return []

    def container(self, *children: nodes.Node, classes: Iterable[str] = ()) -> nodes.container:
        # Generated text is data: docutils' smart quotes must not rewrite it.
        box = nodes.container(classes=["llm", *classes])
        box["support_smartquotes"] = False
        box.extend(children)
        return box
