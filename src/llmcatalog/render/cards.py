"""The parts of a card page: infobox, sources, techniques, relations, as docutils nodes."""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes

from ..catalog.derived import is_mixture_of_experts
from ..catalog.store import Catalog
from ..schema import (
    Card,
    Figure,
    Model,
    Organization,
    Parameters,
    Source,
    Technique,
    Variant,
    parse_count,
)
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


def figure_nodes(
    card: Card, fig: Figure | None, *, exact: bool = True, empty: str = fmt.MISSING
) -> list[nodes.Node]:
    """A figure with its citation; estimates are marked in words, not only by style.

    `empty` is what a missing figure reads as (see `format.absent`)."""
    if fig is None:
        return [text_node(empty)]
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


def joined(parts: Sequence[tuple[str, list[nodes.Node]]]) -> list[nodes.Node]:
    """Labelled figures in one cell: "47B [1]; active per token: 13B [1]".

    A figure's note is a sentence: after one, the next part starts a sentence of its own
    ("... at launch. Active per token: 13B") instead of a stray ".;"."""
    out: list[nodes.Node] = []
    for label, value in parts:
        if out and _ends_sentence(out[-1]):
            out.append(text_node(f" {label[:1].upper()}{label[1:]}"))
        elif out:
            out.append(text_node(f"; {label}"))
        elif label:
            out.append(text_node(label))
        out += value
    return out


def _ends_sentence(node: nodes.Node) -> bool:
    text: str = node.astext()
    return text.rstrip().endswith((".", "!", "?"))


def _total(model: Model, params: Parameters | None) -> list[nodes.Node]:
    fig = params.total if params is not None else None
    return figure_nodes(model, fig, empty=fmt.absent(weights=model.access.weights))


def _active(model: Model, params: Parameters | None) -> list[nodes.Node]:
    fig = params.active if params is not None else None
    weights = model.access.weights
    # A closed model that disclosed no size may be dense or not: that too is undisclosed.
    secret = weights == "closed" and (params is None or params.total is None)
    applies = is_mixture_of_experts(model) or secret
    return figure_nodes(model, fig, empty=fmt.absent(weights=weights, applies=applies))


def _variant(model: Model, variant: Variant) -> list[nodes.Node]:
    """A variant by what it has: sizes, context, tokens, date; its name alone if nothing."""
    parts: list[tuple[str, list[nodes.Node]]] = []
    params = variant.parameters
    if params is not None and params.total is not None:
        parts.append(("", figure_nodes(model, params.total)))
    if params is not None and params.active is not None:
        parts.append(("active per token: ", figure_nodes(model, params.active)))
    if variant.context_length is not None:
        parts.append(("context: ", figure_nodes(model, variant.context_length)))
    if variant.training_tokens is not None:
        parts.append(("training tokens: ", figure_nodes(model, variant.training_tokens)))
    if variant.released is not None:
        parts.append(("released ", [text_node(str(variant.released))]))
    name = nodes.strong(variant.name, variant.name)
    return [name, text_node(": "), *joined(parts)] if parts else [name]


def _variants(model: Model) -> list[nodes.Node]:
    # One line each: a list cannot run one variant's note into the next variant's name.
    listing = nodes.bullet_list(classes=["llm-variants"])
    for variant in model.variants:
        listing += nodes.list_item("", nodes.paragraph("", "", *_variant(model, variant)))
    return [listing]


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
    # The schema's "beyond text" list may name text too: say each input once, in order.
    inputs = list(dict.fromkeys(["text", *model.modalities]))
    rows: list[tuple[str, list[nodes.Node]]] = [
        ("Organizations", _links("organization", model.organizations)),
        ("Released", [text_node(str(model.released))]),
        ("Architecture", [text_node(model.architecture)]),
        ("Inputs", [text_node(", ".join(inputs))]),
        *_size_rows(catalog, model),
        ("Weights", [text_node(model.access.weights)]),
        ("API", [text_node(_yes_no(model.access.api))]),
        ("License", [text_node(_license(model))]),
    ]
    if model.family:
        rows.append(("Family", [family_link(model.family)]))
    if model.aliases:
        rows.append(("Also called", [text_node(", ".join(model.aliases))]))
    return definition_table(rows, ["llm-infobox"])


def _size_rows(catalog: Catalog, model: Model) -> list[tuple[str, list[nodes.Node]]]:
    """Parameters, variants, context and tokens; an empty one says why (`format.absent`)."""
    empty = fmt.absent(weights=model.access.weights)
    ratio = catalog.tokens_per_parameter(model.id)
    rows: list[tuple[str, list[nodes.Node]]] = [
        ("Parameters", _total(model, model.parameters)),
        ("Active per token", _active(model, model.parameters)),
    ]
    if model.variants:
        rows.append(("Variants", _variants(model)))
    return [
        *rows,
        ("Context length", figure_nodes(model, model.context_length, empty=empty)),
        ("Training tokens", figure_nodes(model, model.training_tokens, empty=empty)),
        ("Tokens per parameter", [text_node(empty if ratio is None else fmt.ratio(ratio))]),
    ]


def family_link(family: str) -> nodes.Node:
    """The family as a link to its family tree when a page draws one (the `llm` domain
    resolves it, or leaves the readable name as text), never as the bare slug."""
    return xref("family", family, fmt.title_name(family))


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
        ("Category", [text_node(fmt.readable(technique.category))]),
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
        ("Type", [text_node(fmt.readable(org.kind))]),
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
