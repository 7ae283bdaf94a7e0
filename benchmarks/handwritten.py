"""The baseline: the same catalog written by hand as plain MyST pages, built without the extension.

Every page the extension generates has a hand-written twin here with the same content: the
title, summary, fact box with its citations, description, highlights, technique links,
lineage (the diagram's text as a code block, and the same relation lines), family list,
sources, the adoption and model tables of technique and lab pages, and one table per kind
index. Links between pages are ordinary Markdown links, which MyST resolves much as the
extension's roles are resolved. The difference between the two builds is therefore what the
extension costs, not how much text there is. Cards are orphans and the kind indexes sit in a
three-level toctree, as on the real site.
"""

from __future__ import annotations

from pathlib import Path

from llmcatalog.catalog import Catalog, load_catalog
from llmcatalog.render import format as fmt
from llmcatalog.render.graph import lineage_graph, to_mermaid
from llmcatalog.schema import KIND_FOLDERS, Figure, Model, Organization, Technique

NEIGHBOURHOOD_DEPTH = 2
KIND_TITLES = {"model": "Models", "technique": "Techniques", "organization": "Organizations"}


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _link(catalog: Catalog, kind: str, card_id: str, here: str) -> str:
    card = catalog.get(kind, card_id)
    name = card.name if card else card_id
    folder = KIND_FOLDERS[kind]
    target = f"{card_id}.md" if folder == here else f"../{folder}/{card_id}.md"
    return f"[{_cell(name)}]({target})"


def _links(catalog: Catalog, kind: str, ids: list[str], here: str) -> str:
    return ", ".join(_link(catalog, kind, i, here) for i in ids) or fmt.MISSING


def _figure(fig: Figure | None, number: int = 1) -> str:
    if fig is None:
        return fmt.MISSING
    shown = f"~{fmt.count(fig.value)} *estimate*" if fig.estimated else fmt.count(fig.value)
    return f"{shown}<sup>[[{number}]](#sources)</sup>"


def _sources(card: Model | Technique | Organization) -> str:
    lines = ["## Sources", ""]
    for i, source in enumerate(card.sources, start=1):
        lines.append(f"{i}. [{source.title}]({source.url}) ({source.kind})")
    return "\n".join(lines)


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _model_row(catalog: Catalog, model: Model, here: str) -> list[str]:
    total = model.parameters.total if model.parameters else None
    return [
        _link(catalog, "model", model.id, here),
        str(model.released),
        _links(catalog, "organization", model.organizations, here),
        model.architecture,
        fmt.figure(total),
        fmt.figure(model.context_length),
        model.access.weights,
    ]


MODEL_HEADER = [
    "Name",
    "Released",
    "Organizations",
    "Architecture",
    "Parameters",
    "Context",
    "Weights",
]


def model_page(catalog: Catalog, model: Model) -> str:
    here = "models"
    total = model.parameters.total if model.parameters else None
    license_ = f"{model.access.license} ({model.access.spdx})" if model.access.spdx else "—"
    facts = [
        ["Organizations", _links(catalog, "organization", model.organizations, here)],
        ["Released", str(model.released)],
        ["Architecture", model.architecture],
        ["Inputs", ", ".join(["text", *model.modalities])],
        ["Parameters", _figure(total)],
        ["Context length", _figure(model.context_length)],
        ["Training tokens", _figure(model.training_tokens)],
        ["Tokens per parameter", fmt.ratio(catalog.tokens_per_parameter(model.id))],
        ["Weights", model.access.weights],
        ["API", fmt.MISSING],
        ["License", _cell(license_)],
    ]
    if model.family:
        facts.append(["Family", model.family])
    if model.aliases:
        facts.append(["Also called", ", ".join(model.aliases)])
    parts = [
        f"---\norphan: true\n---\n# {model.name}\n",
        model.summary,
        _table(["Field", "Value"], [[f"**{k}**", v] for k, v in facts]),
        "## About",
        model.description or "",
        "\n".join(f"- {h}" for h in model.highlights),
        "## How it was built",
        f"- **Objectives**: {_links(catalog, 'technique', model.objectives, here)}\n"
        f"- **Techniques**: {_links(catalog, 'technique', model.techniques, here)}",
    ]
    near = (
        {model.id}
        | catalog.ancestors(model.id, NEIGHBOURHOOD_DEPTH)
        | catalog.descendants(model.id, NEIGHBOURHOOD_DEPTH)
    )
    if len(near) > 1:
        diagram, _ = to_mermaid(lineage_graph(catalog, near, focus=model.id))
        relations = [
            f"- {_link(catalog, 'model', e.child, here)} — {e.relation} of — "
            f"{_link(catalog, 'model', e.parent, here)}"
            for e in catalog.edges_among(near)
        ]
        parts += ["## Lineage", f"```text\n{diagram}\n```", "\n".join(relations)]
    siblings = catalog.family_members(model.id)
    if siblings:
        parts.append(f"## Family: {model.family}")
        parts.append(
            "\n".join(
                f"- {_link(catalog, 'model', s, here)} ({catalog.models[s].released})"
                for s in siblings
            )
        )
    parts.append(_sources(model))
    return "\n\n".join(parts) + "\n"


def technique_page(catalog: Catalog, technique: Technique) -> str:
    here = "techniques"
    facts = [
        ["Category", technique.category],
        ["Introduced", f"{technique.introduced}<sup>[[1]](#sources)</sup>"],
    ]
    parts = [
        f"---\norphan: true\n---\n# {technique.name}\n",
        technique.summary,
        _table(["Field", "Value"], [[f"**{k}**", v] for k, v in facts]),
        technique.description or "",
    ]
    children = catalog.technique_children.get(technique.id, [])
    related = []
    if technique.parents:
        related.append(f"- **Builds on**: {_links(catalog, 'technique', technique.parents, here)}")
    if children:
        related.append(f"- **Built upon by**: {_links(catalog, 'technique', children, here)}")
    if related:
        parts += ["## Related techniques", "\n".join(related)]
    adopters = catalog.adoption.get(technique.id, [])
    if adopters:
        first = catalog.models[adopters[0]]
        rows = [
            [
                _link(catalog, "model", m, here),
                str(catalog.models[m].released),
                _links(catalog, "organization", catalog.models[m].organizations, here),
                catalog.models[m].architecture,
            ]
            for m in adopters
        ]
        parts += [
            "## Adoption",
            f"First model in the catalog to use it: {_link(catalog, 'model', first.id, here)} "
            f"({first.released}).",
            _table(["Name", "Released", "Organizations", "Architecture"], rows),
        ]
    parts.append(_sources(technique))
    return "\n\n".join(parts) + "\n"


def organization_page(catalog: Catalog, org: Organization) -> str:
    here = "organizations"
    facts = [["Kind", org.kind], ["Country", org.country or fmt.MISSING], ["Website", org.url]]
    parts = [
        f"---\norphan: true\n---\n# {org.name}\n",
        org.summary,
        _table(["Field", "Value"], [[f"**{k}**", str(v)] for k, v in facts]),
    ]
    models = [catalog.models[m] for m in catalog.by_organization.get(org.id, [])]
    if models:
        parts += [
            "## Models",
            _table(MODEL_HEADER, [_model_row(catalog, m, here) for m in models]),
            "## Timeline",
        ]
        years: dict[int, list[str]] = {}
        for m in models:
            years.setdefault(m.released.year, []).append(_link(catalog, "model", m.id, here))
        parts.append(
            "\n\n".join(f"{y}\n: {', '.join(links)}" for y, links in sorted(years.items()))
        )
    parts.append(_sources(org))
    return "\n\n".join(parts) + "\n"


def kind_index(catalog: Catalog, kind: str) -> str:
    here = KIND_FOLDERS[kind]
    cards = catalog.cards(kind)
    if kind == "model":
        rows = [_model_row(catalog, catalog.models[i], here) for i in catalog.models_by_date()]
        table = _table(MODEL_HEADER, rows)
    elif kind == "technique":
        table = _table(
            ["Name", "Category", "Introduced", "Builds on", "Adopters"],
            [
                [
                    _link(catalog, kind, t.id, here),
                    t.category,
                    str(t.introduced),
                    _links(catalog, kind, t.parents, here),
                    str(len(catalog.adoption.get(t.id, []))),
                ]
                for t in catalog.techniques.values()
            ],
        )
    else:
        table = _table(
            ["Name", "Kind", "Country", "Models"],
            [
                [
                    _link(catalog, kind, o.id, here),
                    o.kind,
                    o.country or fmt.MISSING,
                    str(len(catalog.by_organization.get(o.id, []))),
                ]
                for o in catalog.organizations.values()
            ],
        )
    return f"# {KIND_TITLES[kind]}\n\nAll {len(cards)} {kind} cards.\n\n{table}\n"


def write_project(src: Path, catalog_dir: Path, conf: str) -> Path:
    """Write the hand-written twin of the site built from ``catalog_dir`` into ``src``."""
    catalog = load_catalog(catalog_dir)
    cards = src / "cards"
    cards.mkdir(parents=True)
    (src / "conf.py").write_text(conf, encoding="utf-8")
    (src / "index.md").write_text(
        "# Catalog benchmark\n\n```{toctree}\ncards/index\n```\n", encoding="utf-8"
    )
    kinds = ["model", "technique", "organization"]
    toc = "\n".join(f"{KIND_FOLDERS[k]}/index" for k in kinds)
    (cards / "index.md").write_text(
        f"# The catalog\n\n```{{toctree}}\n:maxdepth: 1\n\n{toc}\n```\n", encoding="utf-8"
    )
    writers = {"model": model_page, "technique": technique_page, "organization": organization_page}
    for kind in kinds:
        folder = cards / KIND_FOLDERS[kind]
        folder.mkdir()
        (folder / "index.md").write_text(kind_index(catalog, kind), encoding="utf-8")
        for card_id, entry in catalog.cards(kind).items():
            page = writers[kind](catalog, entry.card)  # type: ignore[operator]
            (folder / f"{card_id}.md").write_text(page, encoding="utf-8")
    return src
