"""Counts and data-quality findings over the catalog (for `llmcatalog stats` and the site)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..catalog.derived import some_spec
from ..catalog.store import Catalog
from ..schema import KINDS, Model


@dataclass
class Stats:
    by_kind: dict[str, int]
    models_by_year: dict[int, int]
    models_by_architecture: dict[str, int]
    models_by_access: dict[str, int]
    lineage_edges: int


def compute_stats(catalog: Catalog) -> Stats:
    models = catalog.models.values()
    return Stats(
        by_kind={kind: len(catalog.cards(kind)) for kind in KINDS},
        models_by_year=dict(sorted(Counter(m.released.year for m in models).items())),
        models_by_architecture=dict(Counter(m.architecture for m in models).most_common()),
        models_by_access=dict(Counter(m.access.weights for m in models).most_common()),
        lineage_edges=sum(len(m.derived_from) for m in models),
    )


# Fields whose absence makes a model card much less useful to readers.
KEY_MODEL_FIELDS = ("parameters", "context_length", "training_tokens", "techniques")


@dataclass
class Quality:
    missing: dict[str, list[str]] = field(default_factory=dict)
    """Key field -> ids of model cards that leave it empty."""
    estimated: list[tuple[str, str]] = field(default_factory=list)
    """(card id, field) of every figure marked estimated."""
    single_source: list[tuple[str, str]] = field(default_factory=list)
    """(kind, id) of cards with only one source."""
    unsourced_relations: list[tuple[str, str]] = field(default_factory=list)
    """(child, parent) lineage edges that name no source."""
    released_weights: int = 0
    """Model cards whose weights are open or gated: the ones a spec can be checked for."""
    without_spec: list[str] = field(default_factory=list)
    """Ids of those with no architecture spec, on the card or on any variant."""


def compute_quality(catalog: Catalog) -> Quality:
    quality = Quality(missing={name: [] for name in KEY_MODEL_FIELDS})
    for model_id in sorted(catalog.models):
        model = catalog.models[model_id]
        for name in KEY_MODEL_FIELDS:
            if not getattr(model, name):
                quality.missing[name].append(model_id)
        quality.estimated.extend((model_id, f) for f in _estimated_fields(model))
        quality.unsourced_relations.extend(
            (model_id, link.model) for link in model.derived_from if link.source is None
        )
        if model.access.weights in ("open", "gated"):
            quality.released_weights += 1
            if some_spec(model) is None:
                quality.without_spec.append(model_id)
    for entry in catalog.all_entries():
        if len(entry.card.sources) == 1:
            quality.single_source.append((entry.card.card_kind, entry.card.id))
    return quality


def spec_share(quality: Quality) -> float:
    """The share of open- and gated-weight models with an architecture spec."""
    if not quality.released_weights:
        return 1.0
    return 1 - len(quality.without_spec) / quality.released_weights


def _estimated_fields(model: Model) -> list[str]:
    found = []
    if model.parameters:
        for part in ("total", "active"):
            fig = getattr(model.parameters, part)
            if fig is not None and fig.estimated:
                found.append(f"parameters.{part}")
    for name in ("context_length", "training_tokens"):
        fig = getattr(model, name)
        if fig is not None and fig.estimated:
            found.append(name)
    return found


def format_stats(stats: Stats) -> str:
    lines = ["Cards by kind:"]
    lines += [f"  {kind:<14}{count:>6}" for kind, count in stats.by_kind.items()]
    lines.append(f"  {'lineage edges':<14}{stats.lineage_edges:>6}")
    lines.append("Models by year:")
    lines += [f"  {year:<14}{count:>6}" for year, count in stats.models_by_year.items()]
    lines.append("Models by architecture:")
    lines += [f"  {arch:<18}{count:>6}" for arch, count in stats.models_by_architecture.items()]
    lines.append("Models by access to weights:")
    lines += [f"  {access:<14}{count:>6}" for access, count in stats.models_by_access.items()]
    return "\n".join(lines)


def format_quality(quality: Quality) -> str:
    lines = ["Model cards missing key fields:"]
    for name, ids in quality.missing.items():
        lines.append(f"  {name}: {len(ids)}" + (f" ({', '.join(ids)})" if ids else ""))
    lines.append(f"Figures marked estimated: {len(quality.estimated)}")
    lines += [f"  {card_id}: {name}" for card_id, name in quality.estimated]
    lines.append(f"Cards with a single source: {len(quality.single_source)}")
    lines += [f"  {kind} {card_id}" for kind, card_id in quality.single_source]
    lines.append(f"Lineage relations without their own source: {len(quality.unsourced_relations)}")
    lines += [f"  {child} <- {parent}" for child, parent in quality.unsourced_relations]
    lines.append(
        f"Open- or gated-weight models without an architecture spec: "
        f"{len(quality.without_spec)} of {quality.released_weights}"
        + (f" ({', '.join(quality.without_spec)})" if quality.without_spec else "")
    )
    return "\n".join(lines)
