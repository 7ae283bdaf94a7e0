"""Catalog tables: one column registry, cells as plain parts, docutils tables from them.

A cell is a list of parts (see `render.inline`): text, literals and card references. Parts
are plain data: the HTML writer turns a whole table into markup in one pass, while other
builders (PDF, text) get a docutils table made from the same parts by ``build_table``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from docutils import nodes

from ..catalog.derived import attention_family, is_mixture_of_experts, spec_of
from ..catalog.store import Catalog
from ..schema import Benchmark, Card, Dataset, Model, Organization, Spec, Technique
from . import format as fmt
from .inline import Part, part_nodes
from .text import text_node

Cell = Callable[[Catalog, Card], list[Part]]


@dataclass(frozen=True)
class Column:
    title: str
    cell: Cell
    sort: str = "text"
    """How the browser sorts it: text, number or date."""
    facet: bool = False
    """The browser offers a menu of the column's values to filter by (few distinct values)."""
    multi: bool = False
    """A cell holds several values (its links): the menu lists each one."""
    range: bool = False
    """The browser offers from-to boxes (numbers and dates)."""

    @property
    def header_class(self) -> str:
        classes = [f"llm-sort-{self.sort}"]
        if self.facet:
            classes.append("llm-facet")
        if self.multi:
            classes.append("llm-facet-multi")
        if self.range:
            classes.append("llm-range")
        return " ".join(classes)


def _text(value: object) -> list[Part]:
    return [("text", fmt.MISSING if value in (None, "", []) else str(value))]


def _number(value: str) -> list[Part]:
    # The browser sorts on the readable text (70B, 1.5T, 2K): no hidden sort key needed.
    return [("text", value)]


def _count(index: Callable[[Catalog], dict[str, list[str]]]) -> Cell:
    """How many models an index lists under the card (adopters, an organization's models)."""
    return lambda c, card: _number(str(len(index(c).get(card.id, []))))


def _links(kind: str, ids: Sequence[str]) -> list[Part]:
    if not ids:
        return _text(None)
    out: list[Part] = []
    for i, target in enumerate(ids):
        if i:
            out.append(("text", ", "))
        out.append(("ref", kind, target, ""))
    return out


def _name(catalog: Catalog, card: Card) -> list[Part]:
    return [("ref", card.card_kind, card.id, card.name)]


def _params(model: Model) -> list[Part]:
    params = model.parameters
    if params is None or params.total is None:
        if params and params.active:
            return _number(f"{fmt.figure(params.active)} active")
        return _text(None)
    text = fmt.figure(params.total)
    if params.active is not None:
        text += f" ({fmt.figure(params.active)} active)"
    return _number(text)


def _model(fn: Callable[[Catalog, Model], list[Part]]) -> Cell:
    def cell(catalog: Catalog, card: Card) -> list[Part]:
        return fn(catalog, card) if isinstance(card, Model) else _text(None)

    return cell


def _fig(name: str) -> Cell:
    def cell(catalog: Catalog, card: Card) -> list[Part]:
        fig = getattr(card, name, None)
        return _number(fmt.figure(fig))

    return cell


def _date(name: str) -> Cell:
    def cell(catalog: Catalog, card: Card) -> list[Part]:
        return _text(getattr(card, name, None))

    return cell


def _spec_cell(fn: Callable[[Spec], object]) -> Cell:
    """A figure of the spec of the card's main model (`derived.headline_spec`); a dash when
    the card has no spec or the spec lacks the figure."""

    def cell(catalog: Catalog, card: Card) -> list[Part]:
        spec = spec_of(card) if isinstance(card, Model) else None
        return _text(fn(spec) if spec is not None else None)

    return cell


def _experts(spec: Spec) -> str:
    moe = spec.moe
    return "dense" if moe is None else f"{moe.experts} experts, {moe.routed} per token"


def _positions(spec: Spec) -> str | None:
    names = {"rope": "RoPE", "alibi": "ALiBi", "none": "none (NoPE)"}
    return names.get(spec.position.type, spec.position.type) if spec.position else None


def _norm(spec: Spec) -> str | None:
    if spec.norm is None:
        return None
    name = {"rmsnorm": "RMSNorm", "layernorm": "LayerNorm"}[spec.norm.type]
    return f"{name}, {spec.norm.placement}-norm" if spec.norm.placement else name


_FFNS = {"mlp": "MLP", "swiglu": "SwiGLU", "geglu": "GeGLU", "reglu": "ReGLU"}


def _tpp(catalog: Catalog, card: Card) -> list[Part]:
    value = catalog.tokens_per_parameter(card.id) if isinstance(card, Model) else None
    return _number(fmt.ratio(value))


COLUMNS: dict[str, Column] = {
    "name": Column("Name", _name),
    "id": Column("Id", lambda c, card: [("code", card.id)]),
    "released": Column("Released", _date("released"), "date", range=True),
    "introduced": Column("Introduced", _date("introduced"), "date"),
    "organizations": Column(
        "Organizations",
        lambda c, card: _links("organization", getattr(card, "organizations", [])),
        facet=True,
        multi=True,
    ),
    "architecture": Column("Architecture", _model(lambda c, m: _text(m.architecture)), facet=True),
    "parameters": Column("Parameters", _model(lambda c, m: _params(m)), "number", range=True),
    "active_parameters": Column(
        "Active parameters",
        _model(lambda c, m: _number(fmt.figure(m.parameters.active if m.parameters else None))),
        "number",
    ),
    "context_length": Column("Context", _fig("context_length"), "number"),
    "training_tokens": Column("Training tokens", _fig("training_tokens"), "number"),
    "tokens_per_parameter": Column("Tokens / parameter", _tpp, "number"),
    "access": Column("Weights", _model(lambda c, m: _text(m.access.weights)), facet=True),
    "license": Column("License", _model(lambda c, m: _text(m.access.license))),
    "family": Column("Family", _model(lambda c, m: _text(m.family))),
    "techniques": Column(
        "Techniques",
        _model(lambda c, m: _links("technique", m.techniques)),
    ),
    "objectives": Column(
        "Objectives",
        _model(lambda c, m: _links("technique", m.objectives)),
    ),
    "modalities": Column(
        "Inputs",
        _model(lambda c, m: _text(", ".join(dict.fromkeys(["text", *m.modalities])))),
        facet=True,
        multi=True,
    ),
    "moe": Column(
        "Mixture of experts",
        _model(lambda c, m: _text("yes" if is_mixture_of_experts(m) else "no")),
        facet=True,
    ),
    "category": Column("Category", lambda c, card: _text(getattr(card, "category", None))),
    "parents": Column(
        "Builds on",
        lambda c, card: _links("technique", card.parents if isinstance(card, Technique) else []),
    ),
    "adopters": Column(
        "Models using it",
        _count(lambda c: c.adoption),
        "number",
    ),
    "kind": Column(
        "Type",
        lambda c, card: _text(card.kind if isinstance(card, Organization) else None),
    ),
    "country": Column(
        "Country",
        lambda c, card: _text(card.country if isinstance(card, Organization) else None),
    ),
    "models": Column(
        "Models",
        _count(lambda c: c.by_organization),
        "number",
    ),
    "measures": Column(
        "Measures",
        lambda c, card: _text(card.measures if isinstance(card, Benchmark) else None),
    ),
    "metric": Column(
        "Metric",
        lambda c, card: _text(card.metric if isinstance(card, Benchmark) else None),
    ),
    "size": Column(
        "Size",
        lambda c, card: (
            _number(fmt.count(card.size))
            if isinstance(card, Benchmark)
            else _text(_dataset_size(card) if isinstance(card, Dataset) else None)
        ),
    ),
    "summary": Column("Summary", lambda c, card: _text(card.summary)),
    # The spec of the card's main model (figures per variant are on the card's page).
    "layers": Column("Layers", _spec_cell(lambda s: s.layers), "number"),
    "attention_type": Column("Attention", _spec_cell(attention_family), facet=True),
    "kv_heads": Column("KV heads", _spec_cell(lambda s: s.kv_heads), "number", facet=True),
    "attention_layout": Column(
        "Layout", _spec_cell(lambda s: s.attention.layout if s.attention else None), facet=True
    ),
    "experts": Column("Experts", _spec_cell(_experts), facet=True),
    "positions": Column("Positions", _spec_cell(_positions), facet=True),
    "norm": Column("Normalization", _spec_cell(_norm), facet=True),
    "ffn": Column(
        "Feed-forward", _spec_cell(lambda s: _FFNS[s.ffn.type] if s.ffn else None), facet=True
    ),
}

INDEX_COLUMNS: dict[str, list[str]] = {
    # The model index: what readers filter the field by. INDEX_OPTIONAL's columns follow,
    # hidden at first in the browser (its column chooser shows them).
    "model": [
        "name",
        "released",
        "organizations",
        "architecture",
        "parameters",
        "active_parameters",
        "context_length",
        "training_tokens",
        "access",
    ],
}
INDEX_OPTIONAL: dict[str, list[str]] = {
    "model": ["moe", "modalities", "family", "license", "attention_type", "kv_heads", "experts"],
}

DEFAULT_COLUMNS: dict[str, list[str]] = {
    "model": [
        "name",
        "released",
        "organizations",
        "architecture",
        "parameters",
        "context_length",
        "access",
    ],
    "technique": ["name", "category", "introduced", "parents", "adopters"],
    "organization": ["name", "kind", "country", "models"],
    "benchmark": ["name", "category", "introduced", "metric", "measures"],
    "dataset": ["name", "introduced", "organizations", "size"],
}


def _dataset_size(card: Dataset) -> str | None:
    if card.size is None:
        return None
    parts = []
    for unit in ("tokens", "bytes", "documents", "words", "examples"):
        fig = getattr(card.size, unit)
        if fig is not None:
            parts.append(f"{fmt.figure(fig)} {unit}")
    return ", ".join(parts) or None


class ColumnError(ValueError):
    pass


def check_columns(names: Sequence[str]) -> None:
    unknown = [n for n in names if n not in COLUMNS]
    if unknown:
        raise ColumnError(
            f"unknown column(s) {', '.join(unknown)}; choose from {', '.join(sorted(COLUMNS))}"
        )


def table_rows(catalog: Catalog, cards: Sequence[Card], columns: Sequence[str]) -> list[Row]:
    """The cells of each card's row, as parts."""
    check_columns(columns)
    cells = [COLUMNS[name].cell for name in columns]
    return [[cell(catalog, card) for cell in cells] for card in cards]


Row = list[list[Part]]


def build_table(
    catalog: Catalog, cards: Sequence[Card], columns: Sequence[str], *, caption: str | None = None
) -> nodes.table:
    """A docutils table of `cards` with the named columns, header row first."""
    rows = table_rows(catalog, cards, columns)
    return table_from_rows(table_header(columns), rows, caption)


def table_header(columns: Sequence[str]) -> list[tuple[str, str]]:
    """(title, classes of the heading cell) per column: how the browser sorts and filters."""
    return [(COLUMNS[name].title, COLUMNS[name].header_class) for name in columns]


def table_from_rows(
    header: Sequence[tuple[str, str]], rows: Sequence[Row], caption: str | None = None
) -> nodes.table:
    return grid(
        [title for title, _ in header],
        [[part_nodes(parts) for parts in cells] for cells in rows],
        ["llm-table"],
        caption,
        [classes for _, classes in header],
    )


def grid(
    header: Sequence[str],
    rows: Sequence[Sequence[Sequence[nodes.Node]]],
    classes: list[str],
    caption: str | None = None,
    header_classes: Sequence[str] | None = None,
) -> nodes.table:
    """A docutils table: a header row, then one row per entry of `rows`, each cell's inline
    content in one paragraph."""
    table = nodes.table(classes=classes)
    if caption:
        table += nodes.title("", "", text_node(caption))
    group = nodes.tgroup(cols=len(header))
    table += group
    # Widths in characters, from the longest text (the text writer uses them as they are).
    for i, title in enumerate(header):
        longest = max((len("".join(n.astext() for n in cells[i])) for cells in rows), default=0)
        group += nodes.colspec(colwidth=min(max(len(title), longest, 3), 40))
    head = nodes.thead()
    group += head
    row = nodes.row()
    head += row
    for i, title in enumerate(header):
        entry = nodes.entry(classes=[header_classes[i]] if header_classes else [])
        entry += nodes.paragraph("", "", text_node(title))
        row += entry
    body = nodes.tbody()
    group += body
    for cells in rows:
        row = nodes.row()
        body += row
        for cell in cells:
            entry = nodes.entry()
            entry += nodes.paragraph("", "", *cell)
            row += entry
    return table


def _blocks(value: Sequence[nodes.Node]) -> list[nodes.Node]:
    """Inline nodes gathered into paragraphs; block nodes (a list) stay as they are, since
    HTML does not allow a block inside a paragraph."""
    out: list[nodes.Node] = []
    inline: list[nodes.Node] = []
    for node in value:
        if not isinstance(node, (nodes.Inline, nodes.Text)):
            if inline:
                out.append(nodes.paragraph("", "", *inline))
                inline = []
            out.append(node)
        else:
            inline.append(node)
    if inline or not out:
        out.append(nodes.paragraph("", "", *inline))
    return out


def definition_table(
    rows: Sequence[tuple[str, list[nodes.Node]]], classes: list[str]
) -> nodes.table:
    """A two-column field/value table (infoboxes and comparisons)."""
    table = nodes.table(classes=classes)
    group = nodes.tgroup(cols=2)
    table += group
    # Widths in characters: the text writer uses them as they are (1 and 3 would wrap every
    # value into a column a few characters wide, which is very slow on long text).
    group += nodes.colspec(colwidth=min(max((len(label) for label, _ in rows), default=5), 30))
    group += nodes.colspec(colwidth=60)
    body = nodes.tbody()
    group += body
    for label, value in rows:
        row = nodes.row()
        head = nodes.entry(classes=["llm-field"])
        head += nodes.paragraph("", "", nodes.strong(label, label))
        cell = nodes.entry()
        cell.extend(_blocks(value))
        row += head
        row += cell
        body += row
    return table
