"""What practitioners compare, as docutils nodes: the architecture spec, training compute and
hardware, and reported benchmark results (each figure citing its source)."""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes

from ..catalog.derived import ComputeFigure, attention_family, some_spec
from ..catalog.store import Catalog
from ..schema import Card, Model, Parameters, Result, Spec
from . import format as fmt
from .cards import cite
from .tables import definition_table, grid
from .text import text_node, xref


def number(value: float | int | None) -> str:
    """Integers exactly (4,096); floats without trailing zeros (10,000 or 1e+06 for a base)."""
    if value is None:
        return fmt.MISSING
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else f"{value:g}"


def flops(value: float) -> str:
    """3.14e23 -> '3.14 × 10²³ FLOP' (in text that screen readers read as it is)."""
    mantissa, _, exponent = f"{value:.3g}".partition("e")
    if not exponent:
        return f"{mantissa} FLOP"
    return f"{mantissa} × 10^{int(exponent)} FLOP"


def attention_kind(spec: Spec) -> str | None:
    """MHA, GQA, MQA or MLA in words (what Raschka's comparisons call it), with the grouping."""
    family = attention_family(spec)
    if family == "GQA" and spec.attention_heads and spec.kv_heads:
        return f"grouped-query ({spec.attention_heads // spec.kv_heads} query heads per KV head)"
    words = {"MLA": "multi-head latent attention", "MHA": "multi-head", "MQA": "multi-query"}
    return words.get(family) if family else None


def layout_text(spec: Spec) -> str | None:
    layout = spec.attention
    if layout is None:
        return None
    if layout.layout == "full":
        return "full attention in every layer"
    if layout.layout == "sliding":
        text = "sliding window"
        if layout.window:
            text += f" of {layout.window:,} tokens"
        if layout.local_per_global is not None:
            text += f", {layout.local_per_global} local layers per global layer"
        return text
    if layout.layout == "hybrid-linear":
        kind = layout.linear or "linear"
        text = f"hybrid: {kind} layers with full attention"
        if layout.linear_per_full is not None:
            text += f", {layout.linear_per_full}:1"
        return text
    return "sparse attention"


def spec_rows(spec: Spec) -> list[tuple[str, str]]:
    """(label, value) for every figure the spec has, in reading order."""
    rows: list[tuple[str, str | None]] = [
        ("Layers", number(spec.layers) if spec.layers else None),
        ("Hidden size", number(spec.hidden_size) if spec.hidden_size else None),
    ]
    if spec.attention_heads:
        heads = f"{spec.attention_heads} query"
        if spec.kv_heads:
            heads += f", {spec.kv_heads} key-value"
        if spec.head_dim:
            heads += f"; head size {spec.head_dim}"
        rows.append(("Attention heads", heads))
    rows.append(("Attention type", attention_kind(spec)))
    rows.append(("Attention layout", layout_text(spec)))
    if spec.mla:
        ranks = f"key-value rank {spec.mla.kv_rank}"
        if spec.mla.q_rank:
            ranks += f", query rank {spec.mla.q_rank}"
        rows.append(("Latent attention", ranks))
    if spec.ffn:
        names = {"mlp": "MLP", "swiglu": "SwiGLU", "geglu": "GeGLU", "reglu": "ReGLU"}
        ffn: str = names[spec.ffn.type]
        if spec.ffn.size:
            ffn += f", width {spec.ffn.size:,}"
        rows.append(("Feed-forward", ffn))
    if spec.moe:
        moe = spec.moe
        text = f"{moe.experts} experts, {moe.routed} per token"
        if moe.shared:
            text += f", {moe.shared} shared"
        if moe.expert_size:
            text += f"; expert width {moe.expert_size:,}"
        if moe.dense_layers:
            text += f"; first {moe.dense_layers} layers dense"
        rows.append(("Mixture of experts", text))
    if spec.position:
        pos = spec.position
        text = {"rope": "RoPE", "alibi": "ALiBi", "none": "none (NoPE)"}.get(pos.type, pos.type)
        if pos.theta:
            text += f", base {number(pos.theta)}"
        if pos.scaling:
            text += f", {pos.scaling} scaling"
            if pos.factor:
                text += f" × {number(pos.factor)}"
        rows.append(("Positions", text))
    if spec.norm:
        norm = {"rmsnorm": "RMSNorm", "layernorm": "LayerNorm"}[spec.norm.type]
        if spec.norm.placement:
            norm += f", {spec.norm.placement}-norm"
        rows.append(("Normalization", norm))
    rows.append(("Vocabulary", number(spec.vocab_size) if spec.vocab_size else None))
    rows.append(("Max positions", number(spec.max_positions) if spec.max_positions else None))
    if spec.tied_embeddings is not None:
        rows.append(("Tied embeddings", "yes" if spec.tied_embeddings else "no"))
    if spec.note:
        rows.append(("Note", spec.note))
    return [(label, value) for label, value in rows if value is not None]


def spec_table(card: Card, spec: Spec) -> nodes.table:
    """The spec as a field/value table; the first row cites the spec's source."""
    rows: list[tuple[str, list[nodes.Node]]] = []
    for i, (label, value) in enumerate(spec_rows(spec)):
        cells: list[nodes.Node] = [text_node(value)]
        if i == 0:
            cells.append(cite(card, spec.source))
        rows.append((label, cells))
    return definition_table(rows, ["llm-infobox", "llm-spec"])


def compute_nodes(card: Model, figure: ComputeFigure | None) -> list[nodes.Node]:
    """Training compute with how it is known: disclosed [n], estimated by a third party [n],
    or derived here as 6·N·D (marked, never shown as if disclosed)."""
    if figure is None:
        return [text_node(fmt.MISSING)]
    if figure.status == "derived":
        return [
            nodes.inline("", "", text_node(f"~{flops(figure.value)}"), classes=["llm-estimated"]),
            nodes.emphasis("", "", text_node(" derived: 6 × parameters × tokens")),
        ]
    out: list[nodes.Node] = []
    if figure.status == "estimated":
        out.append(
            nodes.inline("", "", text_node(f"~{flops(figure.value)}"), classes=["llm-estimated"])
        )
        method = f" estimate ({figure.method})" if figure.method else " estimate"
        out.append(nodes.emphasis("", "", text_node(method)))
    else:
        out.append(text_node(flops(figure.value)))
    out.append(cite(card, figure.source))
    return out


def hardware_nodes(card: Model) -> list[nodes.Node]:
    hw = card.hardware
    if hw is None:
        return [text_node(fmt.MISSING)]
    parts = [hw.accelerator]
    if hw.count:
        parts.insert(0, f"{hw.count:,} ×")
    text = " ".join(parts)
    if hw.gpu_hours:
        text += f"; {fmt.count(hw.gpu_hours)} accelerator-hours"
    out: list[nodes.Node] = [text_node(text), cite(card, hw.source)]
    if hw.note:
        out.append(nodes.inline("", "", text_node(f" — {hw.note}"), classes=["llm-note"]))
    return out


def score_text(result: Result) -> str:
    return number(result.score)


def results_table(card: Model) -> nodes.table:
    """The card's reported scores, grouped by benchmark, each with its setting and source."""
    ordered = sorted(enumerate(card.results), key=lambda item: (item[1].benchmark, item[0]))
    rows = [
        [
            [xref("benchmark", result.benchmark)],
            [text_node(score_text(result)), cite(card, result.source)],
            [text_node(result.setting_label() or fmt.MISSING)],
            [text_node(result.variant or card.name)],
        ]
        for _, result in ordered
    ]
    header = ("Benchmark", "Score", "Setting", "Model evaluated")
    return grid(header, rows, ["llm-results"])


def benchmark_results(
    catalog: Catalog, benchmark_id: str, results: Sequence[tuple[str, Result]]
) -> list[nodes.Node]:
    """Every reported score on one benchmark, one table per setting: scores from different
    settings (shots, chain of thought, tools) are never put in one ranking."""
    groups: dict[str, list[tuple[str, Result]]] = {}
    for model_id, result in results:
        groups.setdefault(result.setting_label() or "setting not stated", []).append(
            (model_id, result)
        )
    out: list[nodes.Node] = []
    header = ("Model", "Score", "Model evaluated", "Released")
    for label in sorted(groups):
        rows = []
        for model_id, result in sorted(groups[label], key=lambda item: -item[1].score):
            model = catalog.models[model_id]
            rows.append(
                [
                    [xref("model", model_id)],
                    [text_node(score_text(result))],
                    [text_node(result.variant or model.name)],
                    [text_node(str(model.released))],
                ]
            )
        out.append(grid(header, rows, ["llm-results"], f"Setting: {label}"))
    return out


ARCHITECTURE_COLUMNS = (
    "Model",
    "Released",
    "Parameters",
    "Layers",
    "Width",
    "Heads (KV)",
    "Attention",
    "Positions",
    "Norm",
    "Feed-forward",
    "Experts",
    "Context",
)


def architecture_rows(catalog: Catalog, ids: Sequence[str]) -> list[list[list[nodes.Node]]]:
    """Raschka-style comparison rows: one model per row, the spec side by side."""
    out = []
    for model_id in ids:
        model = catalog.models[model_id]
        found = some_spec(model)
        variant, spec = found if found else (None, None)
        sized = _variant_parameters(model, variant)
        params = fmt.figure(sized.total) if sized else fmt.MISSING
        if sized and sized.active:
            params += f" ({fmt.figure(sized.active)} active)"
        values: list[str] = [str(model.released), params]
        if spec is None:
            values += [fmt.MISSING] * 8
        else:
            rows = dict(spec_rows(spec))
            heads = fmt.MISSING
            if spec.attention_heads:
                heads = f"{spec.attention_heads} ({spec.kv_heads or spec.attention_heads})"
            attn = attention_kind(spec) or fmt.MISSING
            if spec.attention and spec.attention.layout != "full":
                attn += f"; {layout_text(spec)}"
            values += [
                rows.get("Layers", fmt.MISSING),
                rows.get("Hidden size", fmt.MISSING),
                heads,
                attn,
                rows.get("Positions", fmt.MISSING),
                rows.get("Normalization", fmt.MISSING),
                rows.get("Feed-forward", fmt.MISSING),
                rows.get("Mixture of experts", fmt.MISSING),
            ]
        values.append(fmt.figure(model.context_length))
        name: list[nodes.Node] = [xref("model", model_id)]
        if variant:
            name.append(text_node(f" ({variant})"))
        out.append([name, *[[text_node(v)] for v in values]])
    return out


def _variant_parameters(model: Model, variant: str | None) -> Parameters | None:
    """The parameter counts of the row's model: the variant's when the spec is a variant's."""
    if variant is not None:
        for v in model.variants:
            if v.name == variant and v.parameters is not None:
                return v.parameters
    return model.parameters


def architecture_table(catalog: Catalog, ids: Sequence[str]) -> nodes.table:
    rows = architecture_rows(catalog, ids)
    return grid(ARCHITECTURE_COLUMNS, rows, ["llm-table", "llm-architectures"])
