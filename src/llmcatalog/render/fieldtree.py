"""The tree of the whole field: every model card and every lineage relation, as plain data.

The reader's browser lays it out (ELK, a layered graph layout engine) and draws it; what is
decided here is only what the picture holds. Everything is data for a JSON payload, never
markup: names are drawn as SVG text nodes, so a card's name cannot become HTML there.
"""

from __future__ import annotations

from typing import Any

from ..catalog.store import Catalog
from .graph import RELATION_STYLE, along_arrow

# Line style of each relation in the drawing, named like the lineage diagrams' legend.
EDGE_KIND = {"-->": "solid", "-.->": "dotted", "==>": "thick"}


def field_tree(catalog: Catalog) -> dict[str, Any]:
    """Nodes oldest first (`month` is months since January 2017, which orders the rows)
    and edges parent -> child. `card` ids are resolved to page links when the page is
    written."""
    ids = catalog.models_by_date()
    index = {model_id: i for i, model_id in enumerate(ids)}
    models = catalog.models
    nodes = []
    for model_id in ids:
        model = models[model_id]
        released = model.released
        # A date without its month sorts (and is drawn) with the year's January.
        month = released.month or 1
        nodes.append(
            {
                "card": model_id,
                "name": model.name,
                "date": f"{released.year:04d}" + (f"-{month:02d}" if released.month else ""),
                "month": (released.year - 2017) * 12 + month - 1,
                "architecture": model.architecture,
                "weights": model.access.weights,
                "family": model.family or "",
            }
        )
    edges = [
        {
            "from": index[edge.parent],
            "to": index[edge.child],
            "style": EDGE_KIND[RELATION_STYLE.get(edge.relation, "-->")],
            "label": along_arrow(edge.relation),
        }
        for edge in catalog.edges_among(set(ids))
    ]
    return {"nodes": nodes, "edges": edges}
