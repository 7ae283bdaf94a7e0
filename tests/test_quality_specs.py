"""The quality report counts the open- and gated-weight models that lack an architecture spec."""

from __future__ import annotations

from pathlib import Path

from cardfactory import CATALOG, model_text, write_card

from llmcatalog.catalog import load_catalog
from llmcatalog.commands.quality import compute_quality, format_quality, spec_share

SPEC = "spec:\n  source: paper\n  layers: 32\n  hidden_size: 4096\n"


def test_a_spec_on_the_card_or_a_variant_counts_and_closed_models_are_not_asked(
    tiny_catalog: Path,
) -> None:
    write_card(tiny_catalog, "model", "with-spec", model_text("with-spec", extra=SPEC))
    variant = "variants:\n  - name: Small\n    " + SPEC.replace("\n  ", "\n      ").rstrip() + "\n"
    write_card(tiny_catalog, "model", "variant-spec", model_text("variant-spec", extra=variant))
    closed = model_text("closed").replace("{weights: open}", "{weights: closed}")
    write_card(tiny_catalog, "model", "closed", closed)
    catalog = load_catalog(tiny_catalog)
    assert not catalog.problems, catalog.problems
    quality = compute_quality(catalog)
    assert quality.released_weights == 4  # base, child, with-spec, variant-spec
    assert quality.without_spec == ["base", "child"]
    assert spec_share(quality) == 0.5
    assert "without an architecture spec: 2 of 4 (base, child)" in format_quality(quality)


def test_nine_in_ten_released_models_have_a_spec() -> None:
    """What practitioners compare: the catalog keeps specs for at least 90 % of the models
    whose weights anyone can download."""
    quality = compute_quality(load_catalog(CATALOG))
    assert spec_share(quality) >= 0.9, quality.without_spec


def test_the_catalog_keeps_the_compute_and_results_it_promises() -> None:
    """Training compute (stated, or 6·N·D from the card's own figures) for at least 60
    models, and results from the models' own reports on at least 10 benchmarks, covering
    at least 60 models."""
    catalog = load_catalog(CATALOG)
    with_compute = [m for m in catalog.models if catalog.training_compute(m) is not None]
    assert len(with_compute) >= 60, len(with_compute)
    by_benchmark = catalog.results_by_benchmark
    assert len(by_benchmark) >= 10, sorted(by_benchmark)
    scored = {model for results in by_benchmark.values() for model, _ in results}
    assert len(scored) >= 60, len(scored)
