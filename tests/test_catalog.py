"""The real catalog: every card validates and cross-checks, and its indexes agree."""

from __future__ import annotations

import pytest
from cardfactory import CATALOG

from llmcatalog.catalog import Catalog, load_catalog
from llmcatalog.commands.quality import compute_quality


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(CATALOG)


def test_every_card_validates_and_cross_checks(catalog: Catalog) -> None:
    assert [p.format() for p in catalog.problems] == []


def test_every_file_became_a_card(catalog: Catalog) -> None:
    files = sorted(p for p in CATALOG.glob("*/*.yaml"))
    assert len(catalog) == len(files)


def test_lineage_and_adoption_indexes_agree_with_the_cards(catalog: Catalog) -> None:
    edges = sum(len(m.derived_from) for m in catalog.models.values())
    assert sum(len(v) for v in catalog.parents.values()) == edges
    for tech_id, users in catalog.adoption.items():
        for model_id in users:
            model = catalog.models[model_id]
            assert tech_id in model.techniques or tech_id in model.objectives
        dates = [catalog.models[m].released.sort_key() for m in users]
        assert dates == sorted(dates)


def test_every_technique_and_organization_is_used_or_described(catalog: Catalog) -> None:
    # Cards nobody links to are fine, but each must at least explain itself.
    for entry in catalog.all_entries():
        assert entry.card.summary.strip()


def test_quality_report_counts_are_consistent(catalog: Catalog) -> None:
    quality = compute_quality(catalog)
    estimated = sum(
        1
        for m in catalog.models.values()
        for fig in (
            m.parameters.total if m.parameters else None,
            m.parameters.active if m.parameters else None,
            m.context_length,
            m.training_tokens,
        )
        if fig is not None and fig.estimated
    )
    assert len(quality.estimated) == estimated
    single = sum(1 for e in catalog.all_entries() if len(e.card.sources) == 1)
    assert len(quality.single_source) == single
