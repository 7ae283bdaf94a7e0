"""`llm:schema` (the contributor reference of a card kind) and `llm:chart`."""

from __future__ import annotations

import json
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes

from ...commands.jsonschema import card_schema
from ...render.charts import CHARTS, SCORES_PREFIX, find_chart
from ...render.tables import definition_table
from ...render.text import inline_literal, markdown, text_node
from ...schema import CARD_TYPES, KIND_FOLDERS, KINDS
from ...schema.types import (
    COUNTRY_PATTERN,
    LINE_PATTERN,
    SLUG_PATTERN,
    SPDX_PATTERN,
    TEXT_PATTERN,
    URL_PATTERN,
)
from ..config import LLMConfig
from .base import CatalogDirective


def _type_of(prop: dict[str, Any], defs: dict[str, Any]) -> str:
    if "$ref" in prop:
        return str(prop["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in prop:
        kinds = [_type_of(p, defs) for p in prop["anyOf"] if p.get("type") != "null"]
        return " or ".join(dict.fromkeys(kinds)) or "null"
    if prop.get("type") == "array":
        return f"list of {_type_of(prop.get('items', {}), defs)}"
    if "enum" in prop:
        return "one of " + ", ".join(map(str, prop["enum"]))
    if "const" in prop:
        return json.dumps(prop["const"])
    return str(prop.get("type", "any"))


PATTERN_WORDS = {
    TEXT_PATTERN: "no invisible control characters",
    LINE_PATTERN: "one line, no invisible control characters",
    URL_PATTERN: "an http:// or https:// link",
    SLUG_PATTERN: "lower-case letters, digits and single hyphens",
    COUNTRY_PATTERN: "two capital letters (ISO 3166-1)",
    SPDX_PATTERN: "an SPDX license identifier",
}


def _constraints(prop: dict[str, Any]) -> str:
    found = []
    for source in [prop, *prop.get("anyOf", [])]:
        if "pattern" in source:
            pattern = str(source["pattern"])
            found.append(PATTERN_WORDS.get(pattern, f"pattern {pattern}"))
        if "maxLength" in source:
            found.append(f"at most {source['maxLength']} characters")
        if "minItems" in source:
            found.append(f"at least {source['minItems']} entries")
        if "maxItems" in source:
            found.append(f"at most {source['maxItems']} entries")
    return "; ".join(dict.fromkeys(found))


class SchemaDirective(CatalogDirective):
    """Field-by-field reference of one card kind, generated from the pydantic model."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        kind = self.arguments[0].strip()
        if kind not in KINDS:
            return self.problem(f"llm:schema: unknown kind '{kind}'")
        schema = card_schema(kind)
        defs = schema.get("$defs", {})
        required = set(schema.get("required", []))
        out: list[nodes.Node] = [
            nodes.paragraph(
                "",
                "",
                text_node(f"A {kind} card is a YAML file catalog/{KIND_FOLDERS[kind]}/<id>.yaml. "),
                text_node("JSON Schema for editors: "),
                inline_literal(f"catalog/schema/{kind}.schema.json"),
                text_node("."),
            )
        ]
        out.append(self.fields_table(schema.get("properties", {}), required, defs))
        model = CARD_TYPES[kind]
        for name, sub in sorted(defs.items()):
            sub_required = set(sub.get("required", []))
            doc = sub.get("description", "")
            section = nodes.section(ids=[f"schema-{kind}-{name.lower()}"])
            section += nodes.title(name, name)
            if doc:
                section += nodes.paragraph("", "", text_node(" ".join(doc.split())))
            section += self.fields_table(sub.get("properties", {}), sub_required, defs)
            out.append(section)
        del model
        return [self.container(*out, classes=["llm-schema"])]

    def fields_table(
        self, props: dict[str, Any], required: set[str], defs: dict[str, Any]
    ) -> nodes.table:
        rows = []
        for name, prop in props.items():
            value: list[nodes.Node] = [
                nodes.emphasis("", "required" if name in required else "optional"),
                text_node(f" · {_type_of(prop, defs)}"),
            ]
            constraints = _constraints(prop)
            if constraints:
                value.append(text_node(f" · {constraints}"))
            description = prop.get("description", "")
            para_nodes: list[nodes.Node] = []
            for block in markdown(" ".join(description.split())):
                para_nodes.extend(block.children if isinstance(block, nodes.paragraph) else [block])
            # One paragraph per cell: a line break node here would put a <div> inside a <p>.
            value += [text_node(" — ")] if para_nodes else []
            value += para_nodes
            examples = prop.get("examples")
            if examples:
                value += [text_node(" Example: "), inline_literal(json.dumps(examples[0]))]
            rows.append((name, value))
        return definition_table(rows, ["llm-schema-table"])


class ChartDirective(CatalogDirective):
    """A chart drawn at build time from the catalog, with alt text and a link to its data."""

    required_arguments = 1
    option_spec = {"caption": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0].strip()
        chart = find_chart(self.catalog, name)
        if chart is None:
            return self.problem(
                f"llm:chart: unknown chart '{name}'; choose from {', '.join(CHARTS)}, or "
                f"{SCORES_PREFIX}<benchmark id> for a benchmark's scores"
            )
        figure = self.chart_figure(chart)
        caption = self.options.get("caption", chart.title)
        cap = nodes.caption("", "", text_node(f"{caption}. "))
        pages = LLMConfig.of(self.env.config).pages_dir
        link = addnodes.pending_xref(
            "", refdomain="std", reftype="doc", reftarget=f"/{pages}/models/index", refexplicit=True
        )
        link += nodes.inline("", "The data behind it")
        cap += link
        cap += text_node(" is the models table.")
        figure += cap
        return [self.container(figure)]
