"""The compare page and the links to it: `llm:compare-page` and each model card's link.

The page holds no table: every model's rows go to one JSON file beside the downloads, which
the page links to (so readers can take the data too) and its script reads, laying out the
models named in the address, `compare.html?models=a,b`, side by side. A card's link to the
page needs the page's address relative to the card, known only to the builder: it is a
node written when the page is, and left out by builders without pages.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from ..render.compare import compare_data
from .config import LLMConfig
from .directives.base import CatalogDirective
from .generated import DATA_DIR
from .htmlout import add_html_node, tag
from .pages import _write_if_changed

COMPARE_FILE = "compare.json"
MAX_MODELS = 4
COMPARE_THIS = "Compare with other models side by side"


class compare_link(nodes.Inline, nodes.Element):  # type: ignore[misc]
    """A link to the compare page, with one model chosen (``model``) or none."""


def card_link(model_id: str) -> nodes.paragraph:
    para = nodes.paragraph(classes=["llm-compare-link"])
    para += compare_link(model=model_id)
    return para


def compare_sentence() -> compare_link:
    """A sentence pointing to the compare page (the model index's introduction ends so)."""
    return compare_link(model="")


class ComparePageDirective(CatalogDirective):
    """The comparison of two to four models the reader picks, kept in the page's address."""

    def run(self) -> list[nodes.Node]:
        pages = LLMConfig.of(self.env.config).pages_dir
        data = compare_data(self.catalog, pages)
        data["max"] = MAX_MODELS
        path = Path(self.env.srcdir) / pages / DATA_DIR / COMPARE_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_if_changed(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
        box = self.container(classes=["llm-comparator"])
        intro = nodes.paragraph(
            "",
            "",
            nodes.Text(
                f"Choose 2 to {MAX_MODELS} models below; the address of this page keeps "
                "the choice, so it can be shared. Rows are marked where the models differ, "
                "only where both have a value. The data behind it: "
            ),
        )
        link = addnodes.download_reference(
            "", "", reftarget=f"/{pages}/{DATA_DIR}/{COMPARE_FILE}", refexplicit=True
        )
        link += nodes.literal(COMPARE_FILE, COMPARE_FILE)
        intro += link
        intro += nodes.Text(".")
        box += intro
        box += nodes.paragraph(
            "",
            "",
            nodes.Text(
                "The comparison is drawn by a script in the browser; without it, each "
                "model's card page shows the same fields."
            ),
            classes=["llm-noscript"],
        )
        return [box]


def visit_link_html(self: HTML5Translator, node: compare_link) -> None:
    """The link, when the site has a compare page (known only now: written, not read)."""
    page = LLMConfig.of(self.builder.config).compare_page
    if page and page in self.builder.env.found_docs:
        uri = self.builder.get_relative_uri(self.builder.current_docname, page)
        if node["model"]:
            href = f"{uri}?models={quote(node['model'])}"
            link = tag(self, "a", "reference internal llm-compare-to", href=href)
            self.body.append(f"{link}{COMPARE_THIS}</a>")
        else:
            link = tag(self, "a", "reference internal", href=uri)
            self.body.append(
                f" To put models side by side, open the {link}compare page</a> (or any "
                "model's card) and add them there."
            )
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    add_html_node(app, compare_link, visit_link_html)
