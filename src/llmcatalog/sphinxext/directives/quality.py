"""`llm:quality` (what the catalog still lacks) and `llm:whatsnew` (changes from git)."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives

from ...commands.quality import KEY_MODEL_FIELDS, compute_quality, spec_share
from ...reading.loader import FOLDER_KINDS
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
        share = spec_share(quality)
        specs = nodes.paragraph(
            "",
            f"{quality.released_weights - len(quality.without_spec)} of "
            f"{quality.released_weights} open- or gated-weight models ({share:.0%}) have an "
            "architecture spec. These do not:",
        )
        out.append(
            self.section(
                f"Open models without an architecture spec ({len(quality.without_spec)})",
                "without-spec",
                specs,
                _links("model", quality.without_spec),
            )
        )
        return [self.container(*out)]

    @staticmethod
    def section(title: str, ident: str, *children: nodes.Node) -> nodes.section:
        sec = nodes.section(ids=[f"quality-{ident}"])
        sec += nodes.title(title, title)
        sec.extend(children)
        return sec


CardKey = tuple[str, str]
SHOWN = 40  # cards named per line; the rest are counted


class Day:
    """What happened to the cards on one date: commit subjects, and cards by change."""

    def __init__(self) -> None:
        self.subjects: list[str] = []
        self.changes: dict[str, list[CardKey]] = {"A": [], "M": [], "D": []}


class WhatsNewDirective(CatalogDirective):
    """Changes to the cards by date: additions by the date git first saw each card (as on
    the card pages and the home page), changes and removals from the git log."""

    option_spec = {"limit": directives.positive_int}

    def run(self) -> list[nodes.Node]:
        # Commits change the history without changing a card: read this page every build.
        self.env.note_reread()
        days = _history(self.catalog.root.resolve())
        if days is None:
            return [
                self.container(nodes.paragraph("", "No git history is available for this build."))
            ]
        self.add_first_added(days)
        listing = nodes.bullet_list(classes=["llm-whatsnew"])
        for date in sorted(days, reverse=True)[: self.options.get("limit", 30)]:
            listing += self.day_item(date, days[date])
        return [self.container(listing)]

    def add_first_added(self, days: dict[str, Day]) -> None:
        """Additions by first-added date; a card changed on the day it came is just added.
        A card since removed keeps the day git saw it added."""
        added: dict[CardKey, str] = {}
        present = {(e.card.card_kind, e.card.id) for e in self.catalog.all_entries()}
        for day in days.values():
            day.changes["A"] = [k for k in day.changes["A"] if k not in present]
        for key in sorted(present):
            when = self.catalog.first_added(*key)
            if when:
                added[key] = when
                days.setdefault(when, Day()).changes["A"].append(key)
        for date, day in days.items():
            day.changes["M"] = [k for k in day.changes["M"] if added.get(k) != date]

    def day_item(self, date: str, day: Day) -> nodes.list_item:
        item = nodes.list_item()
        head = nodes.paragraph("", "", nodes.strong(date, date))
        if day.subjects:
            head += text_node(" — " + "; ".join(day.subjects))
        item += head
        for verb, label in (("A", "Added"), ("M", "Changed"), ("D", "Removed")):
            keys = sorted(set(day.changes[verb]), key=lambda k: (KINDS.index(k[0]), k[1]))
            if keys:
                item += self.card_line(label, keys, linked=verb != "D")
        return item

    def card_line(self, label: str, keys: list[CardKey], *, linked: bool) -> nodes.paragraph:
        para = nodes.paragraph("", "", text_node(f"{label} ({len(keys)}): "))
        for i, (kind, card_id) in enumerate(keys[:SHOWN]):
            if i:
                para += text_node(", ")
            if linked and self.catalog.get(kind, card_id) is not None:
                para += xref(kind, card_id)
            else:
                para += nodes.literal(card_id, card_id)
        if len(keys) > SHOWN:
            para += text_node(f" and {len(keys) - SHOWN} more")
        return para


def _history(root: Path) -> dict[str, Day] | None:
    """Changed or removed cards, and the subjects of the commits that touched cards, by
    commit date (one git call)."""
    output = git_log(root, ["--format=%x00%cs%x09%s", "--name-status"])
    if output is None:
        return None
    days: dict[str, Day] = {}
    date, subject = "", ""
    for line in output.splitlines():
        if line.startswith("\x00"):
            date, _, subject = line[1:].partition("\t")
            continue
        key = _card_key(line.partition("\t")[2])
        if not line or not date or key is None:
            continue
        day = days.setdefault(date, Day())
        if not day.subjects or day.subjects[-1] != subject:
            day.subjects.append(subject)
        # A rename counts as a change. For cards still in the catalog, additions are
        # replaced by their first-added dates (`add_first_added`).
        day.changes[line[:1] if line[:1] in ("A", "D") else "M"].append(key)
    return days


def _card_key(path: str) -> CardKey | None:
    parts = Path(path.split("\t")[-1]).parts
    if len(parts) >= 2 and parts[-2] in FOLDER_KINDS and parts[-1].endswith(".yaml"):
        return (FOLDER_KINDS[parts[-2]], Path(parts[-1]).stem)
    return None
