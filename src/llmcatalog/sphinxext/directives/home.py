"""`llm:headline` and `llm:latest`: the home page's numbers and newest cards."""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives

from ...render import format as fmt
from ...render.text import text_node, xref
from .base import CatalogDirective


class HeadlineDirective(CatalogDirective):
    """Headline figures computed from the catalog, so they are never out of date."""

    def run(self) -> list[nodes.Node]:
        catalog = self.catalog
        models = catalog.models.values()
        years = sorted(m.released.year for m in models)
        open_count = sum(m.access.weights == "open" for m in models)
        largest = max(
            (
                m
                for m in models
                if m.parameters and m.parameters.total and m.access.weights == "open"
            ),
            key=lambda m: m.parameters.total.value,  # type: ignore[union-attr]
            default=None,
        )
        figures = [
            (str(len(catalog.models)), "models"),
            (str(len(catalog.techniques)), "techniques"),
            (str(len(catalog.organizations)), "organizations"),
            (str(sum(len(m.derived_from) for m in models)), "lineage relations"),
            (f"{years[0]}–{years[-1]}" if years else fmt.MISSING, "years covered"),
            (str(open_count), "models with open weights"),
        ]
        listing = nodes.bullet_list(classes=["llm-headline"])
        for value, label in figures:
            para = nodes.paragraph()
            para += nodes.strong(value, value)
            para += text_node(f" {label}")
            listing += nodes.list_item("", para)
        out: list[nodes.Node] = [listing]
        if largest is not None and largest.parameters and largest.parameters.total:
            para = nodes.paragraph(classes=["llm-count"])
            para += text_node("Largest open-weight model in the catalog: ")
            para += xref("model", largest.id)
            para += text_node(f" ({fmt.figure(largest.parameters.total)} parameters).")
            out.append(para)
        return [self.container(*out)]


class LatestDirective(CatalogDirective):
    """The models most recently added to the catalog, grouped by the date git first saw
    them (newest releases first within a day)."""

    option_spec = {"limit": directives.positive_int}

    def run(self) -> list[nodes.Node]:
        catalog = self.catalog
        added = {m.id: catalog.first_added("model", m.id) or "" for m in catalog.models.values()}
        models = sorted(
            catalog.models.values(),
            key=lambda m: (added[m.id], m.released.sort_key(), m.id),
            reverse=True,
        )[: self.options.get("limit", 8)]
        days: dict[str, list[nodes.Node]] = {}
        for model in models:
            line = days.setdefault(added[model.id], [])
            if line:
                line.append(text_node(", "))
            line += [xref("model", model.id), text_node(f" (released {model.released})")]
        listing = nodes.bullet_list(classes=["llm-latest"])
        for date, line in days.items():
            label = f"Added {date}: " if date else "Newest releases: "
            listing += nodes.list_item("", nodes.paragraph("", "", text_node(label), *line))
        return [self.container(listing)]
