"""`llm:quality` (what the catalog still lacks) and `llm:whatsnew` (changes from git)."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives

from ...loader import FOLDER_KINDS
from ...quality import KEY_MODEL_FIELDS, compute_quality
from ...render.text import text_node, xref
from ...schema import KINDS
from ..gitdates import git_log
from .base import CatalogDirective


def _links(kind: str, ids: list[str]) -> nodes.paragraph:
    para = nodes.paragraph()
    for i, card_id in enumerate(ids):
        if i:
            para += text_node(", ")
        para += xref(kind, card_id)
    if not ids:
        para += text_node("none")
    return para


class QualityDirective(CatalogDirective):
    """The data-quality report: the same computation as `llmcatalog stats --quality`."""

    def run(self) -> list[nodes.Node]:
        quality = compute_quality(self.catalog)
        out: list[nodes.Node] = []
        listing = nodes.bullet_list()
        for name in KEY_MODEL_FIELDS:
            ids = quality.missing[name]
            item = nodes.list_item()
            item += nodes.paragraph(
                "",
                "",
                nodes.strong(name, name),
                text_node(f": {len(ids)} model cards leave it empty"),
            )
            item += _links("model", ids)
            listing += item
        out.append(self.section("Model cards missing key fields", "missing", listing))
        estimated = nodes.bullet_list()
        for card_id, field in quality.estimated:
            para = nodes.paragraph("", "", xref("model", card_id), text_node(f": {field}"))
            estimated += nodes.list_item("", para)
        out.append(
            self.section(
                f"Figures marked as estimates ({len(quality.estimated)})",
                "estimated",
                estimated if quality.estimated else nodes.paragraph("", "None."),
            )
        )
        by_kind: dict[str, list[str]] = {}
        for kind, card_id in quality.single_source:
            by_kind.setdefault(kind, []).append(card_id)
        single = nodes.bullet_list()
        for kind in KINDS:
            ids = by_kind.get(kind, [])
            item = nodes.list_item()
            item += nodes.paragraph("", "", nodes.strong(kind, kind), text_node(f": {len(ids)}"))
            item += _links(kind, ids)
            single += item
        out.append(
            self.section(
                f"Cards with a single source ({len(quality.single_source)})",
                "single-source",
                single,
            )
        )
        relations = nodes.bullet_list()
        for child, parent in quality.unsourced_relations:
            para = nodes.paragraph(
                "", "", xref("model", child), text_node(" ← "), xref("model", parent)
            )
            relations += nodes.list_item("", para)
        out.append(
            self.section(
                f"Lineage relations that name no source ({len(quality.unsourced_relations)})",
                "unsourced-relations",
                relations if quality.unsourced_relations else nodes.paragraph("", "None."),
            )
        )
        return [self.container(*out)]

    @staticmethod
    def section(title: str, ident: str, *children: nodes.Node) -> nodes.section:
        sec = nodes.section(ids=[f"quality-{ident}"])
        sec += nodes.title(title, title)
        sec.extend(children)
        return sec


class WhatsNewDirective(CatalogDirective):
    """Recent changes to the cards, from the git history (one git call per build)."""

    option_spec = {"limit": directives.positive_int}

    def run(self) -> list[nodes.Node]:
        root = self.catalog.root
        # Commits change the history without changing a card: read this page every build.
        self.env.note_reread()
        commits = _history(root.resolve(), self.options.get("limit", 30))
        if commits is None:
            return [
                self.container(nodes.paragraph("", "No git history is available for this build."))
            ]
        listing = nodes.bullet_list(classes=["llm-whatsnew"])
        for date, subject, changes in commits:
            item = nodes.list_item()
            item += nodes.paragraph("", "", nodes.strong(date, date), text_node(f" — {subject}"))
            for verb, label in (("A", "Added"), ("M", "Changed"), ("D", "Removed")):
                keys = [k for v, k in changes if v == verb]
                if not keys:
                    continue
                para = nodes.paragraph("", "", text_node(f"{label} ({len(keys)}): "))
                shown = keys[:40]
                for i, (kind, card_id) in enumerate(shown):
                    if i:
                        para += text_node(", ")
                    if verb != "D" and self.catalog.get(kind, card_id) is not None:
                        para += xref(kind, card_id)
                    else:
                        para += nodes.literal(card_id, card_id)
                if len(keys) > len(shown):
                    para += text_node(f" and {len(keys) - len(shown)} more")
                item += para
            listing += item
        return [self.container(listing)]


def _history(
    root: Path, limit: int
) -> list[tuple[str, str, list[tuple[str, tuple[str, str]]]]] | None:
    output = git_log(root, [f"-{limit}", "--format=%x00%cs%x09%s", "--name-status"])
    if output is None:
        return None
    commits: list[tuple[str, str, list[tuple[str, tuple[str, str]]]]] = []
    for line in output.splitlines():
        if line.startswith("\x00"):
            date, _, subject = line[1:].partition("\t")
            commits.append((date, subject, []))
        elif line and commits:
            status, _, path = line.partition("\t")
            parts = Path(path.split("\t")[-1]).parts
            if len(parts) >= 2 and parts[-2] in FOLDER_KINDS and parts[-1].endswith(".yaml"):
                key = (FOLDER_KINDS[parts[-2]], Path(parts[-1]).stem)
                commits[-1][2].append((status[:1] if status[:1] in "AMD" else "M", key))
    return [c for c in commits if c[2]]
