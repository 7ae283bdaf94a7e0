"""The `llm` domain: object types, roles, cross-references and the objects.inv entries."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from typing import Any

from docutils import nodes
from docutils.nodes import Element
from sphinx.addnodes import pending_xref
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

from ..schema import KINDS
from .state import CardKey

logger = logging.getLogger(__name__)


def anchor(kind: str, card_id: str) -> str:
    return f"llm-{kind}-{card_id}"


class LLMDomain(Domain):
    """Cards of the catalog as cross-referenceable objects: {llm:model}`llama-2`."""

    name = "llm"
    label = "LLM catalog"
    object_types = {kind: ObjType(kind, kind) for kind in KINDS}
    roles = {kind: XRefRole() for kind in KINDS}
    initial_data = {
        "objects": {},  # (kind, id) -> (docname, anchor, display name)
        "uses": {},  # docname -> set of (kind, id) shown on that page
        "charts": {},  # docname -> names of the charts on that page
        "defined": {},  # docname -> keys of the cards that page defines (for clear_doc)
    }
    data_version = 3

    @property
    def objects(self) -> dict[CardKey, tuple[str, str, str]]:
        return self.data["objects"]  # type: ignore[no-any-return]

    @property
    def uses(self) -> dict[str, set[CardKey]]:
        return self.data["uses"]  # type: ignore[no-any-return]

    @property
    def charts(self) -> dict[str, set[str]]:
        return self.data["charts"]  # type: ignore[no-any-return]

    @property
    def defined(self) -> dict[str, set[CardKey]]:
        return self.data["defined"]  # type: ignore[no-any-return]

    def note_card(self, kind: str, card_id: str, name: str, docname: str) -> str:
        target = anchor(kind, card_id)
        self.objects[(kind, card_id)] = (docname, target, name)
        self.defined.setdefault(docname, set()).add((kind, card_id))
        return target

    def note_uses(self, docname: str, keys: Iterable[CardKey]) -> None:
        self.uses.setdefault(docname, set()).update(keys)

    def clear_doc(self, docname: str) -> None:
        # Called for every page read: a scan of all objects here would make a full build
        # quadratic in the number of cards.
        for key in self.defined.pop(docname, ()):
            if self.objects.get(key, ("",))[0] == docname:
                del self.objects[key]
        self.uses.pop(docname, None)
        self.charts.pop(docname, None)

    def merge_domaindata(self, docnames: AbstractSet[str], otherdata: dict[str, Any]) -> None:
        # Called once per chunk of a parallel read with the worker's whole data: look up the
        # chunk's pages rather than scanning every page of the site each time.
        for docname in docnames:
            keys = otherdata["defined"].get(docname)
            if keys:
                self.defined.setdefault(docname, set()).update(keys)
                for key in keys:
                    value = otherdata["objects"].get(key)
                    if value is not None and value[0] == docname:
                        self.objects[key] = value
            if docname in otherdata["uses"]:
                self.uses.setdefault(docname, set()).update(otherdata["uses"][docname])
            if docname in otherdata["charts"]:
                self.charts.setdefault(docname, set()).update(otherdata["charts"][docname])

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> Element | None:
        found = self.objects.get((typ, target))
        if found is None:
            known = [i for (k, i) in self.objects if k == typ]
            close = difflib.get_close_matches(target, known, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            logger.warning(
                "unknown %s '%s'%s",
                typ,
                target,
                hint,
                location=node,
                type="llmcatalog",
                subtype="ref",
            )
            return contnode  # resolved to plain text: one clear warning, not two
        docname, target_anchor, name = found
        if not node.get("refexplicit"):
            contnode = nodes.inline(name, name, classes=contnode.get("classes", []))
        return make_refnode(builder, fromdocname, docname, target_anchor, contnode, name)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, Element]]:
        results = []
        for kind in KINDS:
            found = self.objects.get((kind, target))
            if found:
                ref = make_refnode(builder, fromdocname, found[0], found[1], contnode, found[2])
                results.append((f"llm:{kind}", ref))
        return results

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for (kind, card_id), (docname, target, name) in sorted(self.objects.items()):
            yield card_id, name, kind, docname, target, 1
