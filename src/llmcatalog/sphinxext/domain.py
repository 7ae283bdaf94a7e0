"""The `llm` domain: object types, roles, cross-references and the objects.inv entries."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any

from docutils import nodes
from docutils.nodes import Element
from sphinx.addnodes import pending_xref
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from ..catalog.reads import Read, RecordingCatalog
from ..catalog.store import Catalog
from ..schema import KINDS
from .state import CardKey, CardState
from .warnings import Warn, warn


@dataclass
class BuildData:
    """What builder-inited loaded for this build."""

    catalog: Catalog
    changed: dict[CardKey, str] = field(default_factory=dict)
    """Date each card last changed in git."""
    added: dict[CardKey, str] = field(default_factory=dict)
    """Date each card first appeared in git."""
    touched: set[Read] | None = None
    """The reads whose answers changed since the last build (None: there was none)."""
    whole_in: int = field(default_factory=os.getpid)
    """The process whose domain data covers every page (a parallel reader keeps only its own)."""


def anchor(kind: str, card_id: str) -> str:
    return f"llm-{kind}-{card_id}"


FAMILY = "family"  # a reference type, not a card kind: a family tree drawn on some page
MENTION = "llm_mention"  # marks a reference an author wrote (a role), not generated


class CardRole(XRefRole):
    """`{llm:model}`llama-2``: an ordinary link in running text, not a code chip."""

    def __init__(self) -> None:
        super().__init__(warn_dangling=True, innernodeclass=nodes.inline)

    def result_nodes(
        self, document: nodes.document, env: BuildEnvironment, node: Element, is_ref: bool
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        node[MENTION] = True  # "Explained in" lists the pages whose authors cite a card
        return [node], []


class LLMDomain(Domain):
    """Cards of the catalog as cross-referenceable objects: {llm:model}`llama-2`."""

    name = "llm"
    label = "LLM catalog"
    object_types = {kind: ObjType(kind, kind) for kind in KINDS}
    roles = {kind: CardRole() for kind in KINDS}
    initial_data = {
        "objects": {},  # (kind, id) -> (docname, anchor, display name)
        "uses": {},  # docname -> the reads (see llmcatalog.catalog.reads) its content made
        "charts": {},  # docname -> names of the charts on that page
        "defined": {},  # docname -> keys of the cards that page defines (for clear_doc)
        "cards": {},  # (kind, id) -> CardState: each card as the last build saw it
        "stamps": {},  # generated file group -> digest of what it was made from
        "chart_reads": {},  # chart name -> what drawing it read
        "neighbours": {},  # kind -> card id -> (previous, next) in the kind index's order
        "families": {},  # docname -> {family: (anchor, title)} of the family trees it draws
        "mentions": {},  # docname -> keys of the cards its text cites with a role
        "family_refs": {},  # docname -> the families whose tree its links point to
        "explained": {},  # card key -> ((docname, title), ...) its page listed when written
        "trees": {},  # family -> (docname, anchor, title) its links pointed to when written
    }
    data_version = 7

    # This build's catalog and git dates: set at builder-inited, never pickled (the domain
    # object is made anew for each build; forked parallel readers inherit it).
    build: BuildData | None = None
    saved_jobs: int | None = None
    froze_heap: bool = False
    """Whether this build froze the heap for the collector (see `heap`)."""

    @property
    def objects(self) -> dict[CardKey, tuple[str, str, str]]:
        return self.data["objects"]  # type: ignore[no-any-return]

    @property
    def uses(self) -> dict[str, set[Read]]:
        return self.data["uses"]  # type: ignore[no-any-return]

    @property
    def charts(self) -> dict[str, set[str]]:
        return self.data["charts"]  # type: ignore[no-any-return]

    @property
    def defined(self) -> dict[str, set[CardKey]]:
        return self.data["defined"]  # type: ignore[no-any-return]

    @property
    def cards(self) -> dict[CardKey, CardState]:
        return self.data["cards"]  # type: ignore[no-any-return]

    @property
    def neighbours(self) -> dict[str, dict[str, tuple[str | None, str | None]]]:
        return self.data["neighbours"]  # type: ignore[no-any-return]

    @property
    def chart_reads(self) -> dict[str, set[Read]]:
        return self.data["chart_reads"]  # type: ignore[no-any-return]

    @property
    def families(self) -> dict[str, dict[str, tuple[str, str]]]:
        return self.data["families"]  # type: ignore[no-any-return]

    @property
    def mentions(self) -> dict[str, set[CardKey]]:
        return self.data["mentions"]  # type: ignore[no-any-return]

    @property
    def family_refs(self) -> dict[str, set[str]]:
        return self.data["family_refs"]  # type: ignore[no-any-return]

    @property
    def trees(self) -> dict[str, tuple[str, str, str]]:
        return self.data["trees"]  # type: ignore[no-any-return]

    @property
    def explained(self) -> dict[CardKey, tuple[tuple[str, str], ...]]:
        return self.data["explained"]  # type: ignore[no-any-return]

    def note_family(self, family: str, docname: str, title: str) -> str:
        target = f"llm-family-{family}"
        self.families.setdefault(docname, {})[family] = (target, title)
        return target

    def family_tree(self, family: str) -> tuple[str, str, str] | None:
        """(docname, anchor, title) of the page section that draws a family's tree: where
        several pages draw it, the one drawing the most families (the family-trees page)."""
        pages = [(-len(trees), d) for d, trees in self.families.items() if family in trees]
        if not pages:
            return None
        docname = min(pages)[1]
        return docname, *self.families[docname][family]

    def mentioned_in(self, key: CardKey, titles: dict[str, str]) -> tuple[tuple[str, str], ...]:
        """(docname, title) of the pages whose text cites the card, by title."""
        docs = [(titles.get(d, d), d) for d, keys in self.mentions.items() if key in keys]
        return tuple((doc, title) for title, doc in sorted(docs))

    @property
    def stamps(self) -> dict[str, str]:
        return self.data["stamps"]  # type: ignore[no-any-return]

    def current(self) -> BuildData:
        if self.build is None:  # pragma: no cover - builder-inited always runs first
            raise RuntimeError("the llmcatalog extension has not loaded the catalog yet")
        return self.build

    def reader(self, docname: str) -> RecordingCatalog:
        """The catalog for one page: what it reads becomes what the page depends on."""
        data = self.current()
        reads = self.uses.setdefault(docname, set())
        return RecordingCatalog(data.catalog, reads, changed=data.changed, added=data.added)

    def note_card(
        self, kind: str, card_id: str, name: str, docname: str, location: Any = None
    ) -> str:
        target = anchor(kind, card_id)
        previous = self.objects.get((kind, card_id))
        if previous is not None and previous[0] != docname:
            warn(
                Warn.DUPLICATE,
                "%s '%s' is already defined on page %s",
                kind,
                card_id,
                previous[0],
                location=location or docname,
            )
        self.objects[(kind, card_id)] = (docname, target, name)
        self.defined.setdefault(docname, set()).add((kind, card_id))
        return target

    def note_uses(self, docname: str, keys: Iterable[Read]) -> None:
        self.uses.setdefault(docname, set()).update(keys)

    def clear_doc(self, docname: str) -> None:
        # Called for every page read: a scan of all objects here would make a full build
        # quadratic in the number of cards.
        for key in self.defined.pop(docname, ()):
            if self.objects.get(key, ("",))[0] == docname:
                del self.objects[key]
        self.uses.pop(docname, None)
        self.charts.pop(docname, None)
        self.families.pop(docname, None)
        self.mentions.pop(docname, None)
        self.family_refs.pop(docname, None)

    # A parallel reader is forked with the data of every page read so far, and Sphinx sends
    # its whole environment back for each chunk: at 10,000 cards that pickling grew with the
    # square of the pages and was half of the build. What comes back is merged page by page
    # (merge_domaindata), so a reader keeps only what it makes: it forgets the rest before
    # it reads its first page. Chart reads stay: a reader uses them to skip drawing a chart.
    READER_FORGETS = (
        "objects", "defined", "uses", "charts", "families", "mentions", "family_refs",
        "cards", "neighbours", "explained", "trees", "stamps",
    )  # fmt: skip

    def start_reader(self) -> None:
        """In a process forked to read a chunk of pages: forget the other pages' data."""
        build = self.current()
        if build.whole_in == os.getpid():
            return
        build.whole_in = os.getpid()
        for name in self.READER_FORGETS:
            self.data[name].clear()

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
                        previous = self.objects.get(key)
                        if previous is not None and previous[0] != docname:
                            warn(
                                Warn.DUPLICATE,
                                "%s '%s' is already defined on page %s",
                                *key,
                                previous[0],
                                location=docname,
                            )
                        self.objects[key] = value
            if docname in otherdata["uses"]:
                self.uses.setdefault(docname, set()).update(otherdata["uses"][docname])
            if docname in otherdata["charts"]:
                self.charts.setdefault(docname, set()).update(otherdata["charts"][docname])
            for name in ("families", "mentions", "family_refs"):
                if docname in otherdata[name]:
                    self.data[name][docname] = otherdata[name][docname]
        for name, reads in otherdata["chart_reads"].items():
            self.chart_reads.setdefault(name, set()).update(reads)

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
        if typ == FAMILY:
            return self._family_ref(builder, fromdocname, target, contnode)
        found = self.objects.get((typ, target))
        if found is None:
            return None  # intersphinx and nitpick_ignore get their turn; see warn_missing
        return self._refnode(builder, fromdocname, typ, found, node, contnode)

    def _family_ref(
        self, builder: Builder, fromdocname: str, family: str, contnode: Element
    ) -> Element:
        # A family no page draws is not an error: its readable name stays as text.
        tree = self.family_tree(family)
        if tree is None:
            return contnode
        docname, target_anchor, title = tree
        text = nodes.inline(title, title, classes=contnode.get("classes", []))
        return make_refnode(builder, fromdocname, docname, target_anchor, text, title)

    def _refnode(
        self,
        builder: Builder,
        fromdocname: str,
        typ: str,
        found: tuple[str, str, str],
        node: pending_xref,
        contnode: Element,
    ) -> Element:
        docname, target_anchor, name = found
        if not node.get("refexplicit"):
            contnode = nodes.inline(name, name, classes=contnode.get("classes", []))
        return make_refnode(builder, fromdocname, docname, target_anchor, contnode, name)

    def hint(self, typ: str, target: str) -> str:
        """'; did you mean ...?' for an unknown id, or nothing."""
        known = [i for (k, i) in self.objects if k == typ]
        close = difflib.get_close_matches(target, known, n=1)
        return f"; did you mean '{close[0]}'?" if close else ""

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
                ref = self._refnode(builder, fromdocname, kind, found, node, contnode)
                results.append((f"llm:{kind}", ref))
        return results

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for (kind, card_id), (docname, target, name) in sorted(self.objects.items()):
            yield card_id, name, kind, docname, target, 1
