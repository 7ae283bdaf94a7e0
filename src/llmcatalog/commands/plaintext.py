"""Card text (the small MyST subset of `description`) as plain text, for the CSV export.

`render.text` builds docutils nodes and needs Sphinx; exports must run without it, so this
is a separate, regex-only reading of the same subset: ``{llm:kind}`id``` becomes the card's
name (or the title given as ``{llm:kind}`Title <id>```), ``[label](url)`` becomes
``label (url)``, and inline code, emphasis and backslash escapes lose their markers.
Paragraphs and list lines are kept as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# A reference role or a plain code span: both protect their content from emphasis rules.
_CODE_OR_ROLE = re.compile(
    r"\{llm:(?P<kind>model|technique|organization|benchmark|dataset)\}`(?P<role>[^`]*)`"
    r"|(?P<ticks>`+)(?P<code>.*?)(?P=ticks)",
    re.S,
)
_TITLED = re.compile(r"^(?P<title>.*?)\s*<(?P<target>[a-z0-9-]+)>$", re.S)
_LINK = re.compile(r"\[(?P<label>[^\]\n]*)\]\((?P<url>[^)\s]+)\)")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(?P<text>.+?)(?<=\S)\1", re.S)
_EM_STAR = re.compile(r"(?<![\w*\\])\*(?=[^\s*])(?P<text>.+?)(?<=[^\s*\\])\*(?![\w*])", re.S)
_EM_UNDER = re.compile(r"(?<![\w\\])_(?=[^\s_])(?P<text>.+?)(?<=[^\s_\\])_(?!\w)", re.S)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")

# (kind, id) -> the card's name, or None for an unknown card (the id is shown instead).
NameLookup = Callable[[str, str], str | None]


def plain_text(source: str, name_of: NameLookup) -> str:
    """`source` without markup; references read as the names of the cards they point to."""
    out: list[str] = []
    last = 0
    for match in _CODE_OR_ROLE.finditer(source):
        out.append(_inline(source[last : match.start()]))
        if match.group("kind"):
            out.append(_reference(match.group("kind"), match.group("role"), name_of))
        else:
            out.append(match.group("code"))
        last = match.end()
    out.append(_inline(source[last:]))
    return "".join(out)


def roles_only(source: str, name_of: NameLookup) -> str:
    """Only the reference roles replaced: for one-line fields, where `*` or `_` is text."""
    return _ROLE_ONLY.sub(lambda m: _reference(m.group(1), m.group(2), name_of), source)


_ROLE_ONLY = re.compile(r"\{llm:(model|technique|organization|benchmark|dataset)\}`([^`]*)`")


def _reference(kind: str, content: str, name_of: NameLookup) -> str:
    titled = _TITLED.match(content)
    if titled and titled.group("title"):
        return titled.group("title")
    target = (titled.group("target") if titled else content).strip()
    return name_of(kind, target) or target


def _inline(text: str) -> str:
    text = _LINK.sub(_link, text)
    text = _STRONG.sub(lambda m: m.group("text"), text)
    text = _EM_STAR.sub(lambda m: m.group("text"), text)
    text = _EM_UNDER.sub(lambda m: m.group("text"), text)
    return _ESCAPE.sub(r"\1", text)


def _link(match: re.Match[str]) -> str:
    label, url = match.group("label"), match.group("url")
    return url if not label or label == url else f"{label} ({url})"
