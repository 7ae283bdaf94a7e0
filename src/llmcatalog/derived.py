"""Figures the catalog computes from a card's own data instead of asking contributors to type.

No Sphinx and no I/O: the validator, the exports and the pages all use these, so they agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .schema import Model

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
