"""Links to card pages from HTML the extension writes itself (tables, diagrams, the tree of
the field, live charts): the one place that turns a card id into a page-relative URL.

Roles and the domain's references resolve through Sphinx (`make_refnode`); this is for
writers that put URLs into markup or JSON directly, at the time the page is written, so a
card moving to another page never leaves a link pointing at the old one.
"""

from __future__ import annotations

from sphinx.builders import Builder


class Hrefs:
    """Card URLs relative to the page being written, each target page's URI worked out once
    (a 10,000-row index links to 10,000 cards on a handful of pages)."""

    def __init__(self, builder: Builder) -> None:
        self.builder = builder
        self.here = builder.current_docname  # type: ignore[attr-defined]
        self.objects: dict[tuple[str, str], tuple[str, str, str]] = builder.env.domains[
            "llm"
        ].objects  # type: ignore[attr-defined]
        self._uris: dict[str, str] = {}

    def card(self, kind: str, card_id: str) -> tuple[str, str] | None:
        """(href, card name), or None for an id the catalog does not have."""
        found = self.objects.get((kind, card_id))
        if found is None:
            return None
        docname, anchor, name = found
        if docname == self.here:
            return f"#{anchor}", name
        if docname not in self._uris:
            self._uris[docname] = self.builder.get_relative_uri(self.here, docname)
        return f"{self._uris[docname]}#{anchor}", name

    def page(self, docname: str) -> str:
        """A page of the site, relative to the page being written."""
        if docname not in self._uris:
            self._uris[docname] = self.builder.get_relative_uri(self.here, docname)
        return self._uris[docname]

    def url(self, kind: str, card_id: str) -> str | None:
        found = self.card(kind, card_id)
        return found[0] if found else None
