"""Writing the extension's own nodes through the HTML translator.

Tags come from the active translator's `starttag` (which escapes attribute values and lets a
theme's translator add what it adds), tables from its `visit_table`/`depart_table` (so a theme
such as pydata-sphinx-theme wraps and classes them as it does its own). Data for the page's
scripts travels in `<script type="application/json">`, written here only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.writers.html5 import HTML5Translator

from ..render.inline import Part
from .hrefs import Hrefs

logger = logging.getLogger(__name__)

# (href, card name) of a card reference, or None when the catalog does not have the card.
Found = tuple[str, str] | None


def tag(self: HTML5Translator, name: str, classes: str, **attributes: str) -> str:
    """An opening tag with these classes and attributes, escaped by the translator (a
    boolean attribute is written with its own name as value: `hidden="hidden"`). A fresh
    element, so no node's ids are repeated."""
    return str(self.starttag(nodes.Element(), name, "", CLASS=classes, **attributes))


def json_script(self: HTML5Translator, classes: str, text: str) -> str:
    """A JSON payload for a page script. Every '<' is escaped: no card text inside it can
    end the element."""
    opening = tag(self, "script", classes, type="application/json")
    return opening + text.replace("<", "\\u003c") + "</script>"


def find_card(hrefs: Hrefs, part: Part, line: int | None) -> Found:
    """Where a card reference points, or None (with a warning at the page) if it is unknown."""
    _, kind, card_id, _label = part
    found = hrefs.card(kind, card_id)
    if found is None:
        logger.warning(
            "unknown %s '%s'",
            kind,
            card_id,
            location=(hrefs.here, line),
            type="llmcatalog",
            subtype="ref",
        )
    return found


def part_html(part: Part, found: Found, page_uri: Callable[[str], str]) -> str:
    """One part as markup, written as Sphinx writes the same content from nodes (`found`
    is `find_card`'s answer for a card reference)."""
    what = part[0]
    if what == "ref":
        _, kind, card_id, label = part
        if found is None:
            return escape(label or card_id)
        href, name = found
        return (
            f'<a class="reference internal" href="{escape(href)}" title="{escape(name)}">'
            f'<span class="xref llm llm-{kind}">{escape(label or name)}</span></a>'
        )
    if what == "doc":
        return (
            f'<a class="reference internal" href="{escape(page_uri(part[1]))}">'
            f'<span class="doc">{escape(part[2])}</span></a>'
        )
    if what == "code":
        return f'<code class="docutils literal notranslate">{escape(part[1])}</code>'
    if what == "strong":
        return f"<strong>{escape(part[1])}</strong>"
    return escape(part[1])


def parts_html(hrefs: Hrefs, parts: Sequence[Part], line: int | None) -> str:
    return "".join(
        part_html(p, find_card(hrefs, p, line) if p[0] == "ref" else None, hrefs.page)
        for p in parts
    )


def open_table(self: HTML5Translator, stand_in: nodes.table) -> None:
    """The translator's own opening of a table (and the theme's wrapper, if any)."""
    self.visit_table(stand_in)


def close_table(self: HTML5Translator, stand_in: nodes.table) -> None:
    self.depart_table(stand_in)


# Builders whose page URLs make plain relative links; the rest get docutils nodes.
DIRECT_BUILDERS = frozenset({"html", "dirhtml"})


class data_node(nodes.General, nodes.Element):  # type: ignore[misc]
    """A node holding plain data (a catalog table, a list of links) that the HTML writer
    writes in one pass; other builders get `as_docutils()` instead."""

    def as_docutils(self) -> nodes.Element:
        raise NotImplementedError


class DataNodeFallback(SphinxPostTransform):
    """For builders that do not write plain HTML pages: each data node becomes ordinary
    docutils nodes, in one walk of the page. Runs before references are resolved, so their
    links resolve like any other."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        # Sphinx 9 names the builder class on the environment (``app`` is deprecated there).
        builder = getattr(self.env, "_builder_cls", None) or self.app.builder
        if builder.name in DIRECT_BUILDERS:
            return
        for node in list(self.document.findall(data_node)):
            node.replace_self(node.as_docutils())


def skip(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


def add_html_node(app: Sphinx, node: type[nodes.Element], visit: Any) -> None:
    """Register a node the extension writes as HTML only; the other writers leave it out
    (what it shows is in the page in another form, or replaced before they run)."""
    skipped = (skip, None)
    app.add_node(node, html=(visit, None), latex=skipped, text=skipped, man=skipped,
                 texinfo=skipped)  # fmt: skip


def setup(app: Sphinx) -> None:
    app.add_post_transform(DataNodeFallback)
