"""Inline content as plain data ("parts"), for nodes that the HTML writer writes in one pass.

A part is one of:

- ``("text", s)`` and ``("strong", s)``: text, plain or strong;
- ``("code", s)``: an inline literal;
- ``("ref", kind, id, label)``: a link to a card (``label`` empty for the card's own name,
  filled in when links are resolved);
- ``("doc", docname, label)``: a link to a page of the site.

Catalog tables and link lists hold their content as parts. The HTML writer turns them into
markup directly; other builders (PDF, text) get docutils nodes from the same parts here.
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes

from .text import doc_xref, text_node, xref

Part = tuple[str, ...]


def part_nodes(parts: Sequence[Part]) -> list[nodes.Node]:
    """Docutils nodes for parts: text, literals, and references Sphinx resolves."""
    out: list[nodes.Node] = []
    for part in parts:
        what = part[0]
        if what == "ref":
            out.append(xref(part[1], part[2], part[3] or None))
        elif what == "doc":
            out.append(doc_xref(part[2], part[1]))
        elif what == "code":
            out.append(nodes.literal(part[1], part[1]))
        elif what == "strong":
            out.append(nodes.strong(part[1], part[1]))
        else:
            out.append(text_node(part[1]))
    return out


def parts_text(parts: Sequence[Part]) -> str:
    """The text as read (a card reference by its label, else its id)."""
    return "".join(
        (p[3] or p[2]) if p[0] == "ref" else p[2] if p[0] == "doc" else p[1] for p in parts
    )


def card_refs(parts: Sequence[Part]) -> list[tuple[str, str, bool]]:
    """(kind, id, shows the card's own name) of every card reference among the parts."""
    return [(p[1], p[2], not p[3]) for p in parts if p[0] == "ref"]
