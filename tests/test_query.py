"""The filter and sort language of tables, timelines and lineage diagrams (query.py), on the
real catalog: each expectation is computed from the cards themselves, field by field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from llmcatalog.catalog import Catalog, load_catalog
from llmcatalog.catalog.query import FILTER_FIELDS, QueryError, parse_filter, sort_cards
from llmcatalog.schema import Model

CATALOG = Path(__file__).resolve().parents[1] / "catalog"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(CATALOG)


def _models(catalog: Catalog, text: str) -> set[str]:
    query = parse_filter("model", text)
    return {m.id for m in catalog.models.values() if query(m)}


def test_a_year_range_covers_whole_years(catalog: Catalog) -> None:
    found = _models(catalog, "released: 2019..2021")
    assert found == {m.id for m in catalog.models.values() if 2019 <= m.released.year <= 2021}
    assert found  # the catalog has models of those years
    # `year: 2020` is the range 2020..2020; an open bound runs to the end of the catalog.
    assert _models(catalog, "year: 2020") == {
        m.id for m in catalog.models.values() if m.released.year == 2020
    }
    assert _models(catalog, "released: 2024..") == {
        m.id for m in catalog.models.values() if m.released.earliest() >= dt.date(2024, 1, 1)
    }


def test_clauses_all_hold_and_choices_any(catalog: Catalog) -> None:
    found = _models(catalog, "architecture: decoder-only; weights: open, gated")
    expected = {
        m.id
        for m in catalog.models.values()
        if m.architecture == "decoder-only" and m.access.weights in ("open", "gated")
    }
    assert found == expected and found


def test_list_fields_match_any_member(catalog: Catalog) -> None:
    found = _models(catalog, "techniques: grouped-query-attention")
    expected = {
        m.id
        for m in catalog.models.values()
        if "grouped-query-attention" in [*m.objectives, *m.techniques]
    }
    assert found == expected and found


def test_count_ranges_use_exact_figures_and_skip_unknowns(catalog: Catalog) -> None:
    found = _models(catalog, "parameters: 70B..")
    expected = {
        m.id
        for m in catalog.models.values()
        if m.parameters and m.parameters.total and m.parameters.total.value >= 70 * 10**9
    }
    assert found == expected and found
    unknown = {m.id for m in catalog.models.values() if not (m.parameters and m.parameters.total)}
    assert unknown and not unknown & _models(catalog, "parameters: ..1T")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("relased: 2020", "did you mean 'released'"),
        ("released", "is not a clause"),
        ("released: 2019..2020..2021", "more than one '..'"),
        ("parameters: lots..", "neither a year, a date nor a count"),
    ],
)
def test_bad_filters_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        parse_filter("model", text)


def test_every_kind_filters_on_its_own_fields(catalog: Catalog) -> None:
    for kind, fields in FILTER_FIELDS.items():
        cards = [e.card for e in catalog.cards(kind).values()]
        for name in fields:
            # Every field filters every card of its kind (a getter that assumed another
            # kind's fields would raise here).
            query = parse_filter(kind, f"{name}: x")
            assert all(query(card) in (True, False) for card in cards)
        with pytest.raises(QueryError):
            parse_filter(kind, "no_such_field: x")


def test_sorting_puts_missing_values_last_either_way(catalog: Catalog) -> None:
    models: list[Model] = list(catalog.models.values())
    getters = FILTER_FIELDS["model"]
    for spec in ("context_length", "-context_length"):
        ordered = sort_cards(models, "model", spec, getters)
        assert sorted(m.id for m in ordered) == sorted(m.id for m in models)  # nothing lost
        values = [getters["context_length"](m) for m in ordered]
        known = [v for v in values if v is not None]
        assert values[: len(known)] == known  # the unknowns are all at the end
        assert known == sorted(known, reverse=spec.startswith("-"))
    by_date = sort_cards(models, "model", None, getters)  # the kind's default: release date
    dates = [m.released.sort_key() for m in by_date]
    assert dates == sorted(dates)
    with pytest.raises(QueryError, match="cannot sort models by 'colour'"):
        sort_cards(models, "model", "colour", getters)
