"""Page descriptions cut on the text, never inside an HTML entity.

sphinxext-opengraph (0.13 and earlier) escapes the page's text first and cuts it to
`ogp_description_length` characters after, so the cut can fall inside ``&lt;`` or ``&#x27;``:
the "What's new" description ended in ``&lt...``. This handler runs after it, takes the same
text uncut, cuts the unescaped text and escapes the result, in both tags it wrote
(``og:description`` and ``description``). A description a page sets itself is left alone.
"""

from __future__ import annotations

import html
import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

# After sphinxext-opengraph's handler, which has the default priority (500).
PRIORITY = 600
_PARTIAL_ENTITY = re.compile(r"&[#\w]*$")


def cut(text: str, length: int) -> str:
    """`text` at most `length` characters long, ending in '...' when shortened (as
    sphinxext-opengraph does, but counted on the text rather than on its HTML)."""
    if len(text) <= length:
        return text
    return text[: length - 3] + "..." if length >= 3 else text[:length]


def fix_description(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    tags = context.get("metatags")
    if not isinstance(doctree, nodes.document) or not isinstance(tags, str):
        return
    # Not loaded: nothing was cut. Never import it here either: it loads matplotlib.pyplot,
    # and doing so mid-build made the next build in the process re-read every page.
    if "sphinxext.opengraph" not in app.extensions:
        return
    from sphinxext.opengraph import get_description, get_title

    fields = context.get("meta") or {}
    if "ogp_disable" in fields:
        return
    try:
        length = int(fields.get("ogp_description_length", app.config.ogp_description_length))
    except ValueError:
        return
    titles = set(get_title(context.get("title", "")))
    written = get_description(doctree, length, titles)  # what opengraph wrote
    # Enough escaped text for more than `length` characters (an entity is at most 6 long),
    # without walking the rest of a long page.
    budget = 6 * (length + 2)
    longer = get_description(doctree, budget, titles)
    if len(longer) == budget and longer.endswith("..."):
        longer = _PARTIAL_ENTITY.sub("", longer[:-3])
    full = html.unescape(longer)
    if len(full) <= length:
        return
    wrong, right = written.replace('"', "&quot;"), html.escape(cut(full, length), quote=True)
    for attribute in ('property="og:description"', 'name="description"'):
        tags = tags.replace(
            f'<meta {attribute} content="{wrong}" />', f'<meta {attribute} content="{right}" />'
        )
    context["metatags"] = tags


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", fix_description, priority=PRIORITY)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
