"""What every catalog directive shares: the catalog, dependency notes, warnings, containers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ...catalog import Catalog
from ...query import DEFAULT_SORT
from ...render.tables import COLUMNS
from ..domain import LLMDomain
from ..state import ALL, TEXT, CardKey, field_key, get_catalog

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

    def uses_fields(
        self, kind: str, card_ids: Iterable[str], fields: Iterable[str] = ("name",)
    ) -> None:
        """This page shows only these fields of these cards: other edits leave it alone."""
        names = tuple(fields)
        self.domain.note_uses(
            self.env.docname, [field_key(kind, f, i) for i in card_ids for f in names]
        )

    def uses_rows(self, kind: str, card_ids: Iterable[str], columns: Iterable[str]) -> None:
        """This page has a table of these cards (``[ALL]``: of any card of the kind) in these
        columns, in the default order: it depends on the fields the columns and the order
        show, and on the fields the cells show of other cards (linked names, counts)."""
        chosen = [COLUMNS[c] for c in columns if c in COLUMNS]
        self.uses_fields(
            kind, card_ids, {DEFAULT_SORT[kind], *(f for c in chosen for f in c.fields)}
        )
        self.domain.note_uses(
            self.env.docname, {field_key(k, f) for column in chosen for k, f in column.others}
        )

    def note_columns(
        self, kind: str, columns: Iterable[str], *, selection_fixed: bool = True
    ) -> None:
        """A table of every `kind` card in these columns: re-read when a card is added or
        removed, or a field the table shows changes. A table whose rows a filter or a custom
        sort picks (``selection_fixed=False``) depends on every listed field of the kind."""
        columns = list(columns)
        self.uses_rows(kind, [ALL], columns)
        self.uses_fields(kind, [ALL], ["id"])
        if not selection_fixed:
            self.uses_all(kind)
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
