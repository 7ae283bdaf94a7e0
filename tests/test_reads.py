"""The recording view of the catalog: every answer it gives is noted as a read."""

from __future__ import annotations

import inspect

import pytest
from test_sphinxext import ROOT

from llmcatalog.catalog import Catalog, load_catalog
from llmcatalog.catalog.reads import ANY, CardReader, RecordingCatalog, backlink, links, read_key
from llmcatalog.schema import Model


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT / "catalog")


def test_every_public_member_of_catalog_is_recorded() -> None:
    """A member left to the base class would answer without noting the read."""
    base_members = {
        name
        for name, _ in inspect.getmembers(Catalog)
        if not name.startswith("_") and name not in {"__len__"}
    }
    own = set(vars(RecordingCatalog))
    instance_attributes = {
        "root", "problems", "entries", "parents", "children", "adoption",
        "technique_children", "by_organization", "by_family", "by_dataset", "by_benchmark",
        "results_by_benchmark",
    }  # fmt: skip
    missing = base_members - own - instance_attributes
    assert not missing, f"RecordingCatalog does not override: {sorted(missing)}"


def test_a_card_read_notes_the_field_and_passes_isinstance(catalog: Catalog) -> None:
    view = RecordingCatalog(catalog)
    card = view.models["base-2"]
    assert isinstance(card, Model)
    assert type(card) is CardReader
    assert card.name == catalog.models["base-2"].name
    assert view.reads == {read_key("model", "id", "base-2"), read_key("model", "name", "base-2")}


def test_a_method_call_counts_as_reading_the_whole_card(catalog: Catalog) -> None:
    view = RecordingCatalog(catalog)
    view.models["base-2"].model_dump()
    assert ("model", "base-2") in view.reads


def test_listing_cards_notes_the_set_of_cards(catalog: Catalog) -> None:
    view = RecordingCatalog(catalog)
    names = [m.name for m in view.models.values()]
    assert len(names) == len(catalog.models)
    assert read_key("model", "id", ANY) in view.reads
    assert all(read_key("model", "name", m) in view.reads for m in catalog.models)


def test_reverse_indexes_note_the_inverted_field_and_the_order(catalog: Catalog) -> None:
    view = RecordingCatalog(catalog)
    users = view.adoption.get("gqa", [])
    assert users == catalog.adoption["gqa"]
    assert backlink("model", "techniques", "gqa") in view.reads
    assert backlink("model", "objectives", "gqa") in view.reads
    assert all(read_key("model", "released", m) in view.reads for m in users)


def test_lineage_walks_note_each_step(catalog: Catalog) -> None:
    view = RecordingCatalog(catalog)
    found = view.descendants("base-2", 2)
    assert found == catalog.descendants("base-2", 2)
    assert backlink("model", "derived_from", "base-2") in view.reads
    for child in catalog.descendants("base-2", 1):  # the walk asked for their children too
        assert backlink("model", "derived_from", child) in view.reads


def test_links_lists_what_each_field_names(catalog: Catalog) -> None:
    found = links(catalog.models["chat-2"])
    assert found["derived_from"] == frozenset(
        d.model for d in catalog.models["chat-2"].derived_from
    )
    assert found["organizations"] == frozenset(["acme"])
