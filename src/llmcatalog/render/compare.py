"""The compare page's data: every model's fields as labelled rows of plain parts.

The page (`compare.html?models=a,b,c`) lays two to four models side by side in the reader's
browser, so it needs every model's rows at once. They are built from the same node builders
as the card pages (infobox, spec, compute, results), then flattened to parts the script
renders as text and links, never as markup:

- ``["t", text]``: text;
- ``["r", kind, id, label]``: a link to a card (label empty: the card's name);
- ``["u", url, label]``: an outside link (http and https only, as everywhere).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from docutils import nodes
from sphinx import addnodes

from ..catalog.derived import some_spec
from ..catalog.store import Catalog
from ..schema import KIND_FOLDERS, Model
from . import depth
from . import format as fmt
from .cards import model_infobox, sources_list
from .graph import from_child

Part = list[str]
Row = list[Any]  # [group, label, parts]

GROUPS = ("Overview", "Lineage", "Architecture", "Training", "Results", "Sources")
"""Row groups in page order. Rows of "Sources" are listed, never marked as differing."""


def node_parts(items: Iterable[nodes.Node]) -> list[Part]:
    """Text and links of inline nodes; citation marks ([1]) are left out: the page lists
    each model's sources in full."""
    out: list[Part] = []

    def add_text(text: str) -> None:
        if out and out[-1][0] == "t":
            out[-1][1] += text
        elif text:
            out.append(["t", text])

    def walk(node: nodes.Node) -> None:
        if isinstance(node, nodes.Text):
            add_text(str(node))
        elif isinstance(node, addnodes.pending_xref) and node.get("refdomain") == "llm":
            if node["reftype"] not in KIND_FOLDERS:  # a family: its tree's page, by name
                add_text(node.astext())
                return
            label = node.astext() if node.get("refexplicit") else ""
            out.append(["r", node["reftype"], node["reftarget"], label])
        elif isinstance(node, nodes.list_item):
            if out and node.parent is not None and node.parent.index(node):
                add_text("; ")
            for child in node.children:
                walk(child)
        elif (
            isinstance(node, nodes.superscript)
            and node.next_node(nodes.reference)
            and ("llm-cite" in node.next_node(nodes.reference).get("classes", []))
        ):
            return
        elif isinstance(node, nodes.reference) and node.get("refuri", "").startswith(
            ("http://", "https://")
        ):
            out.append(["u", node["refuri"], node.astext()])
        elif isinstance(node, nodes.Element):
            for child in node.children:
                walk(child)

    for item in items:
        walk(item)
    if out and out[-1][0] == "t":
        out[-1][1] = out[-1][1].rstrip()
    return out


def _text(value: str) -> list[Part]:
    return [["t", value]]


def model_rows(catalog: Catalog, model: Model) -> list[Row]:
    """The model's rows, group by group, in the order the page shows them."""
    rows: list[Row] = []
    for row in model_infobox(catalog, model).findall(nodes.row):
        label, value = row.children
        parts: list[Part] = []
        for para in value.children:
            if parts:
                parts.append(["t", "; "])
            parts += node_parts(para.children)
        rows.append(["Overview", label.astext(), parts])
    for link in model.derived_from:
        parts = [["t", f"{from_child(link.relation)} "], ["r", "model", link.model, ""]]
        rows.append(["Lineage", "Comes from", parts])
    found = some_spec(model)
    if found is not None:
        variant, spec = found
        rows.append(["Architecture", "Spec describes", _text(variant or model.name)])
        rows += [["Architecture", label, _text(value)] for label, value in depth.spec_rows(spec)]
    figure = catalog.training_compute(model.id)
    rows.append(["Training", "Training compute", node_parts(depth.compute_nodes(model, figure))])
    if model.hardware is not None:
        rows.append(["Training", "Hardware", node_parts(depth.hardware_nodes(model))])
    for result in model.results:
        bench = catalog.benchmarks.get(result.benchmark)
        name = bench.name if bench is not None else result.benchmark
        setting = result.setting_label() or "setting not stated"
        value = depth.score_text(result)
        if result.variant:
            value += f" ({result.variant})"
        rows.append(["Results", f"{name}, {setting}", _text(value)])
    # The card page's own numbered list, so the numbers and links are the same.
    for i, item in enumerate(sources_list(model).children, start=1):
        rows.append(["Sources", f"[{i}]", node_parts(item.children)])
    return rows


def compare_data(catalog: Catalog, pages_dir: str) -> dict[str, Any]:
    """Every model's rows; models in release order. A card's page is its kind's folder
    (`folders`) and its id."""
    models = []
    for model_id in catalog.models_by_date():
        model = catalog.models[model_id]
        models.append(
            {
                "id": model.id,
                "name": model.name,
                "released": str(model.released),
                "rows": model_rows(catalog, model),
            }
        )
    return {
        "groups": list(GROUPS),
        "folders": {kind: f"{pages_dir}/{name}" for kind, name in KIND_FOLDERS.items()},
        # Names of the cards rows link to without a label of their own.
        "names": {
            "organization": {o.id: o.name for o in catalog.organizations.values()},
            "model": {m.id: m.name for m in catalog.models.values()},
        },
        "missing": fmt.MISSING,
        # Values that mean "no value": a row is marked as differing only between real values.
        "empty": [fmt.MISSING, fmt.NOT_DISCLOSED, fmt.NOT_APPLICABLE],
        "models": models,
    }
