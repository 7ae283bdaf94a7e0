"""Card text (a safe subset of MyST Markdown) -> docutils nodes.

Card descriptions come from strangers' pull requests, so they are never handed to the MyST
parser, which would honour directives such as ``{raw}`` or ``{include}``. markdown-it parses
them with HTML disabled, and only these tokens become nodes: paragraphs, emphasis, strong,
inline code, http(s) links, lists, code blocks, ``$...$`` and ``$$...$$`` math and
``{llm:kind}`id``` references. Anything else is kept as inert text.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.dollarmath import dollarmath_plugin
from sphinx import addnodes

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_md.disable(["image", "html_inline", "html_block"])
# No digit right after the closing `$` and no space inside it: "$5 and $6" stays money.
_md.use(dollarmath_plugin, allow_labels=True, allow_space=False, allow_digits=False)
# TeX commands with which MathJax makes links, classes, styles or loads code: such math is
# shown as its source text instead.
_UNSAFE_TEX = re.compile(
    r"\\(href|url|class|cssId|style|attr|data|html\w*|unicode|require|bbox|mmlToken"
    r"|def|let|newcommand|renewcommand|newenvironment|csname)(?![a-zA-Z])"
)
_ROLE_TAIL = re.compile(r"\{llm:(model|technique|organization|benchmark|dataset)\}$")
ROLE_RE = re.compile(
    r"\{llm:(model|technique|organization|benchmark|dataset)\}`([^`<>]*?)(?:\s*<([a-z0-9-]+)>)?`"
)


def text_node(text: str) -> nodes.Text:
    """A text node that docutils' smart quotes leave alone: data stays data."""
    return nodes.Text(text)


def inline_literal(text: str) -> nodes.literal:
    return nodes.literal(text, text)


def xref(kind: str, target: str, title: str | None = None) -> addnodes.pending_xref:
    """A reference to a card page, resolved (or warned about) by the `llm` domain."""
    node: addnodes.pending_xref = addnodes.pending_xref(
        "", refdomain="llm", reftype=kind, reftarget=target, refexplicit=title is not None
    )
    node += nodes.inline(title or target, title or target, classes=["xref", "llm", f"llm-{kind}"])
    return node


def doc_xref(label: str, docname: str) -> addnodes.pending_xref:
    """A reference to a page of the site by its document name, with the given text."""
    node: addnodes.pending_xref = addnodes.pending_xref(
        "", refdomain="std", reftype="doc", reftarget=f"/{docname}", refexplicit=True
    )
    node += nodes.inline(label, label)
    return node


def safe_link(url: str, label: str) -> nodes.Node:
    if not url.lower().startswith(("http://", "https://")):
        return nodes.Text(label)
    return nodes.reference(label, label, refuri=url)


def markdown(source: str) -> list[nodes.Node]:
    """Render card Markdown to a list of block nodes."""
    tokens = _md.parse(source)
    root = nodes.container()
    _blocks(tokens, 0, len(tokens), root)
    return list(root.children)


def _blocks(tokens: list[Token], start: int, end: int, parent: nodes.Element) -> None:
    stack: list[nodes.Element] = [parent]
    i = start
    while i < end:
        tok = tokens[i]
        kind = tok.type
        if kind in ("paragraph_open", "heading_open", "blockquote_open"):
            node: nodes.Element = (
                nodes.paragraph() if kind != "blockquote_open" else nodes.block_quote()
            )
            if kind == "heading_open":
                node = nodes.rubric()
            stack[-1] += node
            stack.append(node)
        elif kind in ("paragraph_close", "heading_close", "blockquote_close"):
            stack.pop()
        elif kind in ("bullet_list_open", "ordered_list_open"):
            node = nodes.bullet_list() if kind == "bullet_list_open" else nodes.enumerated_list()
            stack[-1] += node
            stack.append(node)
        elif kind in ("bullet_list_close", "ordered_list_close", "list_item_close"):
            stack.pop()
        elif kind == "list_item_open":
            node = nodes.list_item()
            stack[-1] += node
            stack.append(node)
        elif kind == "inline":
            target = stack[-1]
            if isinstance(target, nodes.list_item):  # tight lists carry inline text directly
                para = nodes.paragraph()
                target += para
                target = para
            for child in inline(tok.children or []):
                target += child
        elif kind in ("fence", "code_block"):
            stack[-1] += nodes.literal_block(tok.content, tok.content)
        elif kind == "hr":
            stack[-1] += nodes.transition()
        elif kind in ("math_block", "math_block_label"):
            stack[-1] += math_node(tok.content.strip(), block=True)
        i += 1


def math_node(tex: str, *, block: bool) -> nodes.Node:
    """TeX for MathJax, or for LaTeX output; math that could act on the page stays text."""
    if _UNSAFE_TEX.search(tex):
        return nodes.literal_block(tex, tex) if block else inline_literal(tex)
    if block:
        return nodes.math_block(tex, tex, nowrap=False, number=None)
    return nodes.math(tex, tex)


def inline(children: list[Token]) -> list[nodes.Node]:
    """Inline tokens -> nodes; a `{llm:kind}` text followed by inline code is a reference."""
    out: list[nodes.Node] = []
    stack: list[Any] = [out]

    def add(node: nodes.Node) -> None:
        top = stack[-1]
        if isinstance(top, list):
            top.append(node)
        else:
            top += node

    for tok in children:
        kind = tok.type
        if kind == "text":
            add(text_node(tok.content))
        elif kind in ("softbreak",):
            add(text_node(" "))
        elif kind == "hardbreak":
            add(text_node("\n"))
        elif kind == "code_inline":
            prev = _last_text(stack[-1])
            match = _ROLE_TAIL.search(prev.astext()) if prev is not None else None
            if match and prev is not None:
                _trim_text(stack[-1], prev, len(match.group(0)))
                title, target = _role_target(tok.content)
                add(xref(match.group(1), target, title))
            else:
                add(inline_literal(tok.content))
        elif kind in ("math_inline", "math_inline_double"):
            add(math_node(tok.content, block=False))
        elif kind in ("em_open", "strong_open"):
            node = nodes.emphasis() if kind == "em_open" else nodes.strong()
            add(node)
            stack.append(node)
        elif kind in ("em_close", "strong_close", "link_close"):
            if len(stack) > 1:
                stack.pop()
        elif kind == "link_open":
            href = str(tok.attrs.get("href", ""))
            if href.lower().startswith(("http://", "https://")):
                node = nodes.reference("", "", refuri=href)
            else:
                node = nodes.inline()  # an unsafe or relative link keeps only its text
            add(node)
            stack.append(node)
        else:
            add(text_node(tok.content))
    return out


def _role_target(content: str) -> tuple[str | None, str]:
    match = re.match(r"^(.*?)\s*<([a-z0-9-]+)>$", content)
    if match:
        return match.group(1), match.group(2)
    return None, content.strip()


def _last_text(container: Any) -> nodes.Text | None:
    children = container if isinstance(container, list) else container.children
    if children and isinstance(children[-1], nodes.Text):
        return children[-1]
    return None


def _trim_text(container: Any, node: nodes.Text, drop: int) -> None:
    remaining = node.astext()[:-drop]
    children = container if isinstance(container, list) else container.children
    index = len(children) - 1
    if remaining:
        replacement = text_node(remaining)
        if isinstance(container, list):
            container[index] = replacement
        else:
            container.replace(node, replacement)
    elif isinstance(container, list):
        container.pop()
    else:
        container.remove(node)
