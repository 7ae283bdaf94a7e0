"""What every catalog directive shares: the recorded catalog view, warnings, containers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ...reads import RecordingCatalog
from ..domain import LLMDomain
from ..warnings import Warn, warn


class CatalogDirective(SphinxDirective):
    """Base: renders from the catalog through a view that records what the page reads.

    There is nothing to declare: whatever a directive reads through `self.catalog` is what
    its page depends on (see `llmcatalog.reads`).
    """

    _view: RecordingCatalog | None = None

    @property
    def catalog(self) -> RecordingCatalog:
        if self._view is None:
            self._view = self.domain.reader(self.env.docname)
        return self._view

    @property
    def domain(self) -> LLMDomain:
        return cast(LLMDomain, self.env.domains["llm"])

    def problem(self, message: str) -> list[nodes.Node]:
        warn(Warn.DIRECTIVE, "%s", message, location=self.get_location())
        return []

    def container(self, *children: nodes.Node, classes: Iterable[str] = ()) -> nodes.container:
        # Generated text is data: docutils' smart quotes must not rewrite it.
        box = nodes.container(classes=["llm", *classes])
        box["support_smartquotes"] = False
        box.extend(children)
        return box
