"""Figures the catalog computes from a card's own data instead of asking contributors to type.

No Sphinx and no I/O: the validator, the exports and the pages all use these, so they agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..schema import Model, Spec

SIX_ND_METHOD = "6 x parameters x training tokens (active parameters for mixture-of-experts)"

ComputeStatus = Literal["disclosed", "estimated", "derived"]


@dataclass(frozen=True, slots=True)
class ComputeFigure:
    """Training compute in FLOP and how the catalog knows it.

    `disclosed`: a primary source states it; `estimated`: a third party estimated it (with
    `method`); `derived`: the catalog computed 6·N·D from the card's own figures.
    """

    value: float
    status: ComputeStatus
    method: str | None
    source: str | None


def six_nd(card: Model) -> float | None:
    """6 x parameters (active ones for mixture-of-experts) x training tokens, or None."""
    params = card.parameters
    tokens = card.training_tokens
    if params is None or tokens is None:
        return None
    n = params.active or params.total
    if n is None:
        return None
    return 6.0 * n.value * tokens.value


def training_compute(card: Model) -> ComputeFigure | None:
    """The card's stated compute if it has one, else 6·N·D when both figures are known."""
    stated = card.training_compute
    if stated is not None:
        status: ComputeStatus = "estimated" if stated.estimated else "disclosed"
        return ComputeFigure(stated.value, status, stated.method, stated.source)
    derived = six_nd(card)
    if derived is None:
        return None
    return ComputeFigure(derived, "derived", SIX_ND_METHOD, None)


def tokens_per_parameter(card: Model, *, active: bool = False) -> float | None:
    """Training tokens per parameter: total parameters, or active ones when `active`.

    The Chinchilla rule of about 20 tokens per parameter was fitted on dense models; for a
    mixture-of-experts model the two ratios differ and neither is that rule's ratio.
    """
    params = card.parameters
    tokens = card.training_tokens
    if params is None or tokens is None:
        return None
    n = (params.active or params.total) if active else params.total
    if n is None:
        return None
    return tokens.value / n.value


def _variant_specs(card: Model) -> list[tuple[str, Spec, float | None]]:
    found: list[tuple[str, Spec, float | None]] = []
    for variant in card.variants:
        if variant.spec is not None:
            counts = variant.parameters.total if variant.parameters else None
            found.append((variant.name, variant.spec, counts.value if counts else None))
    return found


def headline_spec(card: Model) -> tuple[str | None, Spec] | None:
    """The spec of the card's main model, and the variant it is given under (None for the
    card's own): the card's spec, else that of the variant with the card's total parameter
    count. Tables and filters use it, so a row's figures describe the size the row names."""
    if card.spec is not None:
        return None, card.spec
    total = card.parameters.total if card.parameters else None
    if total is None:
        return None
    for name, spec, size in _variant_specs(card):
        if size == total.value:
            return name, spec
    return None


def spec_of(card: Model) -> Spec | None:
    """Only the spec of `headline_spec`."""
    found = headline_spec(card)
    return found[1] if found else None


def some_spec(card: Model) -> tuple[str | None, Spec] | None:
    """`headline_spec`, else the first variant that has a spec: for comparisons that name the
    variant they show, so that a card with figures for a smaller size only still appears."""
    found = headline_spec(card)
    if found is not None:
        return found
    variants = _variant_specs(card)
    return (variants[0][0], variants[0][1]) if variants else None


def attention_family(spec: Spec) -> str | None:
    """MHA, GQA, MQA or MLA: what the head counts (or latent ranks) make the attention."""
    if spec.mla is not None:
        return "MLA"
    heads, kv = spec.attention_heads, spec.kv_heads
    if heads is None or kv is None:
        return None
    return "MHA" if kv == heads else "MQA" if kv == 1 else "GQA"


def is_mixture_of_experts(model: Model) -> bool:
    """Whether "active parameters" applies: its spec or techniques say experts are routed."""
    has_active = model.parameters is not None and model.parameters.active is not None
    moe_spec = model.spec is not None and model.spec.moe is not None
    return has_active or moe_spec or "mixture-of-experts" in model.techniques
