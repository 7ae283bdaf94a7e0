"""The parts of a card page: infobox, sources, techniques, relations, as docutils nodes."""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes

from ..catalog import Catalog
from ..schema import Card, Figure, Model, Organization, Parameters, Source, Technique, parse_count
from . import format as fmt
from .tables import definition_table
from .text import markdown, safe_link, text_node, xref


def source_anchor(index: int) -> str:
    return f"llm-source-{index}"


def source_number(card: Card, key: str | None) -> int:
    """1-based number of the source a figure cites (the first source when none is named)."""
    if key is None:
        return 1
    for i, source in enumerate(card.sources, start=1):
        if source.key == key:
            return i
    return 1


def cite(card: Card, key: str | None) -> nodes.Node:
    number = source_number(card, key)
    ref = nodes.reference("", "", refid=source_anchor(number), classes=["llm-cite"])
    ref += text_node(f"[{number}]")
    return nodes.superscript("", "", ref)


def figure_nodes(card: Card, fig: Figure | None, *, exact: bool = True) -> list[nodes.Node]:
    """A figure with its citation; estimates are marked in words, not only by style."""
    if fig is None:
        return [text_node(fmt.MISSING)]
    shown = fmt.count(fig.value)
    if exact and shown != fmt.exact(fig.value) and parse_count(shown) != fig.value:
        shown = f"{shown} ({fmt.exact(fig.value)})"  # the short form rounds: show both
    out: list[nodes.Node] = []
    if fig.estimated:
        out.append(nodes.inline("", "", text_node(f"~{shown}"), classes=["llm-estimated"]))
        out.append(nodes.emphasis("", "", text_node(" estimate")))
    else:
        out.append(text_node(shown))
    out.append(cite(card, fig.source))
    if fig.note:
        out.append(nodes.inline("", "", text_node(f" — {fig.note}"), classes=["llm-note"]))
    return out


def _params(card: Card, params: Parameters | None) -> list[nodes.Node]:
    if params is None or (params.total is None and params.active is None):
        return [text_node(fmt.MISSING)]
    out: list[nodes.Node] = []
    if params.total is not None:
        out += figure_nodes(card, params.total)
    if params.active is not None:
        out += [text_node("; active per token: " if out else "active: ")]
        out += figure_nodes(card, params.active)
    return out


def _links(kind: str, ids: Sequence[str]) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for i, target in enumerate(ids):
        if i:
            out.append(text_node(", "))
        out.append(xref(kind, target))
    return out or [text_node(fmt.MISSING)]


def labelled_links(label: str, kind: str, ids: Sequence[str]) -> nodes.paragraph:
    """A line such as "Techniques: RoPE, RMSNorm" with each id linked to its card."""
    para = nodes.paragraph("", "", nodes.strong(label, label), text_node(": "))
    para.extend(_links(kind, ids))
    return para


def model_infobox(catalog: Catalog, model: Model) -> nodes.table:
    rows: list[tuple[str, list[nodes.Node]]] = [
        ("Organizations", _links("organization", model.organizations)),
        ("Released", [text_node(str(model.released))]),
        ("Architecture", [text_node(model.architecture)]),
        ("Inputs", [text_node(", ".join(["text", *model.modalities]))]),
        ("Parameters", _params(model, model.parameters)),
    ]
    if model.variants:
        items: list[nodes.Node] = []
        for i, variant in enumerate(model.variants):
            if i:
                items.append(text_node("; "))
            items.append(text_node(f"{variant.name}: "))
            items += _params(model, variant.parameters)
        rows.append(("Variants", items))
    rows += [
        ("Context length", figure_nodes(model, model.context_length)),
        ("Training tokens", figure_nodes(model, model.training_tokens)),
        ("Tokens per parameter", [text_node(fmt.ratio(catalog.tokens_per_parameter(model.id)))]),
        ("Weights", [text_node(model.access.weights)]),
        ("API", [text_node(_yes_no(model.access.api))]),
        ("License", [text_node(_license(model))]),
    ]
    if model.family:
        rows.append(("Family", [text_node(model.family)]))
    if model.aliases:
        rows.append(("Also called", [text_node(", ".join(model.aliases))]))
    return definition_table(rows, ["llm-infobox"])


def _yes_no(value: bool | None) -> str:
    return fmt.MISSING if value is None else ("yes" if value else "no")


def _license(model: Model) -> str:
    access = model.access
    if access.license and access.spdx:
        return f"{access.license} ({access.spdx})"
    return access.license or access.spdx or fmt.MISSING


def technique_infobox(catalog: Catalog, technique: Technique) -> nodes.table:
    introduced_by: list[nodes.Node] = []
    for key in technique.introduced_by:
        number = source_number(technique, key)
        source = technique.sources[number - 1]
        if introduced_by:
            introduced_by.append(text_node("; "))
        introduced_by += [text_node(source.title), cite(technique, key)]
    first = catalog.first_adopter(technique.id)
    rows: list[tuple[str, list[nodes.Node]]] = [
        ("Category", [text_node(technique.category)]),
        ("Introduced", [text_node(str(technique.introduced or fmt.MISSING))]),
        ("Introduced by", introduced_by or [text_node(fmt.MISSING)]),
        ("Builds on", _links("technique", technique.parents)),
        ("First adopter here", [xref("model", first)] if first else [text_node(fmt.MISSING)]),
        ("Models using it", [text_node(str(len(catalog.adoption.get(technique.id, []))))]),
    ]
    if technique.aliases:
        rows.append(("Also called", [text_node(", ".join(technique.aliases))]))
    return definition_table(rows, ["llm-infobox"])


def organization_infobox(catalog: Catalog, org: Organization) -> nodes.table:
    rows: list[tuple[str, list[nodes.Node]]] = [
        ("Type", [text_node(org.kind)]),
        ("Country", [text_node(org.country or fmt.MISSING)]),
        ("Founded", [text_node(str(org.founded or fmt.MISSING))]),
        ("Web site", [safe_link(org.url, org.url)] if org.url else [text_node(fmt.MISSING)]),
        ("Models in the catalog", [text_node(str(len(catalog.by_organization.get(org.id, []))))]),
    ]
    if org.aliases:
        rows.append(("Also called", [text_node(", ".join(org.aliases))]))
    return definition_table(rows, ["llm-infobox"])


def generic_infobox(fields: Sequence[tuple[str, str | None]]) -> nodes.table:
    rows = [(label, [text_node(value or fmt.MISSING)]) for label, value in fields]
    return definition_table(rows, ["llm-infobox"])


def sources_list(card: Card) -> nodes.enumerated_list:
    """The numbered sources; figures cite them as [n]."""
    listing = nodes.enumerated_list(classes=["llm-sources"])
    for i, source in enumerate(card.sources, start=1):
        item = nodes.list_item(ids=[source_anchor(i)])
        para = nodes.paragraph()
        para += safe_link(source.url, source.title)
        para += text_node(f" ({_source_detail(source)})")
        item += para
        listing += item
    return listing


def _source_detail(source: Source) -> str:
    parts: list[str] = [source.kind]
    if source.date:
        parts.append(str(source.date))
    return ", ".join(parts)


def description(card: Card) -> list[nodes.Node]:
    return markdown(card.description) if card.description else []


def highlights(items: Sequence[str]) -> list[nodes.Node]:
    if not items:
        return []
    listing = nodes.bullet_list(classes=["llm-highlights"])
    for text in items:
        listing += nodes.list_item("", nodes.paragraph("", "", text_node(text)))
    return [listing]
