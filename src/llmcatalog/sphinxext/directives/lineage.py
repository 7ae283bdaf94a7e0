"""`llm:lineage`: a family tree, an era, or one model's neighbourhood."""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives

from ...catalog.query import QueryError, parse_filter
from ...catalog.store import Catalog
from ...render.format import title_name
from ...render.graph import lineage_graph
from ...render.inline import Part
from ..graphnode import NO_SEARCH, diagram
from ..linklist import Item, link_list_node
from .base import CatalogDirective

DERIVATIVE_DEPTH = 2  # a fine-tune of a fine-tune (LLaVA from Vicuna from LLaMA) still shows
MAX_NODES = 150  # beyond this a diagram stops being readable: split by years instead


def neighbourhood(catalog: Catalog, model_id: str, depth: int) -> set[str]:
    return {model_id} | catalog.ancestors(model_id, depth) | catalog.descendants(model_id, depth)


def relation_list(catalog: Catalog, ids: set[str]) -> nodes.Node:
    """The same edges as text: readable without the diagram, and by screen readers."""
    from ...render.graph import from_child

    items: list[Item] = [
        (
            "",
            [
                ("ref", "model", edge.child, ""),
                ("text", f" — {from_child(edge.relation)} — "),
                ("ref", "model", edge.parent, ""),
            ],
        )
        for edge in catalog.edges_among(ids)
    ]
    return link_list_node(["llm-relations", NO_SEARCH], items)


def direct_relatives(catalog: Catalog, model_id: str) -> nodes.container:
    """A model, its parents above and its children below, as boxes grouped by relation.

    Written as page text rather than drawn, so it wraps to any width: on a phone, or beside
    thirteen derivatives, every direct relative stays in view at the page's own type size
    (the diagram below shows two steps and zooms).
    """
    from ...render.graph import along_arrow, from_child

    model = catalog.models[model_id]
    box = nodes.container(classes=["llm-kin", NO_SEARCH])
    box["support_smartquotes"] = False
    box += nodes.paragraph("", "Direct relatives", classes=["llm-kin-title"])
    up = [(e.parent, from_child(e.relation)) for e in catalog.parents.get(model_id, [])]
    down = [(e.child, along_arrow(e.relation)) for e in catalog.children.get(model_id, [])]

    def kin_box(card_id: str, classes: str, name: Part) -> Item:
        card = catalog.models[card_id]
        weights = f"llm-kin-box llm-kin-{card.access.weights}{classes}"
        return (weights, [name, ("text", f" ({card.released.year})")])

    def row(which: str, pairs: list[tuple[str, str]]) -> nodes.container:
        groups: dict[str, list[str]] = {}
        for card_id, phrase in pairs:
            if card_id in catalog.models:
                groups.setdefault(phrase, []).append(card_id)
        out = nodes.container(classes=["llm-kin-row", f"llm-kin-{which}"])
        for phrase, ids in groups.items():
            group = nodes.container(classes=["llm-kin-group"])
            group += nodes.paragraph("", phrase[:1].upper() + phrase[1:], classes=["llm-kin-rel"])
            boxes = [
                kin_box(card_id, "", ("ref", "model", card_id, ""))
                for card_id in catalog.models_by_date(ids)
            ]
            group += link_list_node(["llm-kin-list"], boxes)
            out += group
        return out

    if up:
        box += row("up", up)
    me = kin_box(model_id, " llm-kin-focus", ("strong", model.name))
    box += link_list_node(["llm-kin-list", "llm-kin-self"], [me])
    if down:
        box += row("down", down)
    return box


class LineageDirective(CatalogDirective):
    option_spec = {
        "family": directives.unchanged,
        "model": directives.unchanged,
        "depth": directives.positive_int,
        "years": directives.unchanged,
        "filter": directives.unchanged,
        "group": lambda v: directives.choice(v, ("family", "year", "none")),
        # docutils' choice() compares lower-cased text: accept lr/LR, tb/TB.
        "direction": lambda v: directives.choice(v, ("lr", "tb")).upper(),
    }

    def run(self) -> list[nodes.Node]:
        catalog = self.catalog
        ids: set[str]
        if "model" in self.options:
            focus = self.options["model"].strip()
            if focus not in catalog.models:
                return self.problem(f"llm:lineage: unknown model '{focus}'")
            ids = neighbourhood(catalog, focus, self.options.get("depth", 2))
            what = f"the neighbourhood of {catalog.models[focus].name}"
        else:
            focus = None
            clauses = []
            if "family" in self.options:
                clauses.append(f"family: {self.options['family']}")
            if "years" in self.options:
                clauses.append(f"year: {self.options['years']}")
            if "filter" in self.options:
                clauses.append(self.options["filter"])
            if not clauses:
                return self.problem("llm:lineage needs :family:, :model:, :years: or :filter:")
            try:
                query = parse_filter("model", "; ".join(clauses))
            except QueryError as exc:
                return self.problem(f"llm:lineage: {exc}")
            members = {m.id for m in catalog.models.values() if query(m)}
            ids = set(members)
            # Bring in the direct parents, so a family tree shows where it came from, and
            # the derivatives other labs made from its members (Alpaca, Vicuna and LLaVA
            # under Llama), up to DERIVATIVE_DEPTH steps away.
            ids |= {
                e.parent
                for i in members
                for e in catalog.parents.get(i, [])
                if e.parent in catalog.models
            }
            if "family" in self.options:
                for i in members:
                    ids |= catalog.descendants(i, DERIVATIVE_DEPTH)
            what = "; ".join(clauses)
        if not catalog.edges_among(ids):
            return [self.container(nodes.paragraph("", "No lineage relations recorded here yet."))]
        if len(ids) > MAX_NODES:
            return self.problem(
                f"llm:lineage: {len(ids)} models are too many for one diagram "
                f"(at most {MAX_NODES}); narrow it with :years: or :filter:"
            )
        group = self.options.get("group")
        graph = lineage_graph(
            catalog, ids, focus=focus, group_by=None if group in (None, "none") else group
        )
        graph.direction = self.options.get("direction", "LR")
        alt = f"Lineage diagram: {what}. The same relations are listed below it."
        details = nodes.container(classes=["llm-relations-box"])
        details += nodes.rubric("", "Relations in this diagram")
        details += relation_list(catalog, ids)
        return [*self.family_target(), self.container(*diagram(graph, "model", alt), details)]

    def family_target(self) -> list[nodes.Node]:
        """A family's tree is where its cards' "Family" row links to. It is titled by its
        section, found once the page is read (`events.record_references`)."""
        family = self.options.get("family", "").strip()
        if not family or "model" in self.options:
            return []
        target = self.domain.note_family(family, self.env.docname, title_name(family))
        return [nodes.target("", "", ids=[target])]


def section_title(node: nodes.Node | None) -> str | None:
    """The title of the section holding a node."""
    while node is not None and not isinstance(node, nodes.section):
        node = node.parent
    if node is not None and node.children and isinstance(node[0], nodes.title):
        title: str = node[0].astext()
        return title
    return None
