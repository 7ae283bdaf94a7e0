"""Lineage graphs: a small graph model, built from the catalog, and a Mermaid writer for it.

Mermaid text is a language of its own, so card values never reach it as syntax: node ids are
generated (n0, n1, ...), and every label character outside [A-Za-z0-9 ] is written as a
Mermaid entity code (#NNN;). A name such as `A"] --> B[` or `%%{init}%%` stays a label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..catalog.store import Catalog

# Colours come from CSS classes, so diagrams follow the light and dark themes.
RELATION_STYLE = {
    "successor": "-->",
    "fine-tune": "-.->",
    "instruction-tune": "-.->",
    "distillation": "-.->",
    "continued-pretraining": "-.->",
    "merge": "-.->",
    "quantization": "-.->",
    "architecture": "==>",
    "upcycling": "==>",
}
# How each relation reads: along a diagram's arrow (parent -> child), and in the text list,
# which names the child first ("Alpaca — fine-tuned from — LLaMA").
RELATION_PHRASES: dict[str, tuple[str, str]] = {
    "successor": ("succeeded by", "successor of"),
    "fine-tune": ("fine-tuned into", "fine-tuned from"),
    "instruction-tune": ("instruction-tuned into", "instruction-tuned from"),
    "distillation": ("distilled into", "distilled from"),
    "continued-pretraining": ("further pretrained into", "further pretrained from"),
    "merge": ("merged into", "merged from"),
    "quantization": ("quantized into", "quantized from"),
    "architecture": ("architecture reused by", "same architecture as"),
    "upcycling": ("upcycled into", "upcycled from"),
}


def along_arrow(relation: str) -> str:
    """The relation as it reads from parent to child, e.g. "fine-tuned into"."""
    return RELATION_PHRASES.get(relation, (relation, relation))[0]


def from_child(relation: str) -> str:
    """The relation as it reads from child to parent, e.g. "fine-tuned from"."""
    return RELATION_PHRASES.get(relation, (relation, f"{relation} of"))[1]


ELK_THRESHOLD = 40  # above this many nodes the ELK layout keeps big trees readable


@dataclass
class GraphNode:
    key: str
    label: str
    url_target: str | None = None
    classes: tuple[str, ...] = ()
    group: str | None = None


@dataclass
class GraphEdge:
    source: str
    target: str
    label: str


@dataclass
class Graph:
    nodes: list[GraphNode] = field(default_factory=list)
    edges: list[GraphEdge] = field(default_factory=list)
    direction: str = "LR"

    def __len__(self) -> int:
        return len(self.nodes)


def lineage_graph(
    catalog: Catalog,
    ids: set[str],
    *,
    focus: str | None = None,
    group_by: str | None = None,
) -> Graph:
    """The lineage among `ids` (parent -> child edges), oldest first."""
    graph = Graph()
    for model_id in catalog.models_by_date(ids):
        model = catalog.models[model_id]
        group = None
        if group_by == "family":
            group = model.family or "other"
        elif group_by == "year":
            group = str(model.released.year)
        classes = ["llm-node", f"llm-{model.access.weights}"]
        if model_id == focus:
            classes.append("llm-focus")
        label = f"{model.name} ({model.released.year})"
        graph.nodes.append(GraphNode(model_id, label, model_id, tuple(classes), group))
    for edge in catalog.edges_among(ids):
        graph.edges.append(GraphEdge(edge.parent, edge.child, edge.relation))
    return graph


_SAFE = re.compile(r"[A-Za-z0-9 ]")


def mermaid_label(text: str) -> str:
    """Escape a label: keep letters, digits and spaces; everything else as #NNN; codes."""
    return "".join(ch if _SAFE.match(ch) else f"#{ord(ch)};" for ch in text)


def to_mermaid(graph: Graph) -> tuple[str, dict[str, str]]:
    """Mermaid flowchart text, and the map of Mermaid node id -> graph node key."""
    ids = {node.key: f"n{i}" for i, node in enumerate(graph.nodes)}
    lines = []
    if len(graph) > ELK_THRESHOLD:
        lines.append("---\nconfig:\n  layout: elk\n---")
    lines.append(f"flowchart {graph.direction}")
    groups: dict[str | None, list[GraphNode]] = {}
    for node in graph.nodes:
        groups.setdefault(node.group, []).append(node)
    for index, (group, members) in enumerate(groups.items()):
        indent = "  "
        if group is not None:
            lines.append(f'  subgraph g{index}["{mermaid_label(group)}"]')
            indent = "    "
        for node in members:
            lines.append(f'{indent}{ids[node.key]}["{mermaid_label(node.label)}"]')
        if group is not None:
            lines.append("  end")
    for edge in graph.edges:
        arrow = RELATION_STYLE.get(edge.label, "-->")
        lines.append(
            f'  {ids[edge.source]} {arrow}|"{mermaid_label(along_arrow(edge.label))}"| '
            f"{ids[edge.target]}"
        )
    by_class: dict[str, list[str]] = {}
    for node in graph.nodes:
        for cls in node.classes:
            by_class.setdefault(cls.replace("llm-", "llm_"), []).append(ids[node.key])
    for cls, node_ids in sorted(by_class.items()):
        lines.append(f"  class {','.join(node_ids)} {cls}")
    return "\n".join(lines) + "\n", {ids[n.key]: n.key for n in graph.nodes}
