"""Doctree snapshots: what every directive and role of the `llm` domain puts in a page.

One Sphinx project is built once for the module: a copy of tests/roots/test-depth (its
catalog and conf.py) with one page per directive (`llm-<directive>.md`, written from
`PAGES` below) and one page for the five roles. Each test takes the resolved doctree of
one page (`env.get_and_resolve_doctree`, references already turned into links) and compares
it with its snapshot, tests/snapshots/<page>.xml, through pytest-regressions'
`file_regression`. `llm:page` is not written by hand: the extension writes one stub per
card, so the snapshots of a model's and a technique's generated pages stand for it.

When the output changes on purpose (a card page, a table, a directive's wording), write the
snapshots again and review the difference before committing it:

    python -m pytest tests/test_doctree_snapshots.py --force-regen
    git diff tests/snapshots

A run with --force-regen reports each rewritten snapshot as a failure; the next run passes.
A new directive or role fails `test_every_directive_and_role_has_a_snapshot` until it has
a page in `PAGES`.

What keeps the snapshots stable (the same bytes on every run and every machine):

- The copy's absolute path (a new temporary folder each run) is replaced by `<srcdir>`.
- `llm:whatsnew`, `llm:latest` and the card pages read git. The copy gets its own
  repository whose commits have fixed dates and identity, so these show the same dates
  whatever the clock says and wherever the temporary folder is (without it, the copy might
  sit inside some other repository, or in none). No other date comes from the clock: the
  doctree holds no `today`, and the root's conf.py sets none.
- The extension keeps some data in node attributes (table rows, chart specs, diagram code)
  that pformat() would print as one line of thousands of characters. Those attributes are
  printed below their element instead, one `@name:` block each, with `pprint`, which sorts
  the keys of dicts and the members of sets (their order means nothing; a list's order is
  kept). Booleans are printed as 1 and 0, as docutils 0.22 does (0.21 printed True and
  False). Everything else is exactly `Node.pformat()`.
"""

from __future__ import annotations

import os
import pprint
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sphinx
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

from llmcatalog.sphinxext.domain import LLMDomain

TESTS = Path(__file__).parent
ROOT = TESTS / "roots" / "test-depth"
SNAPSHOTS = TESTS / "snapshots"
INDENT = "    "

# One page per directive: its typical options, on the cards of tests/roots/test-depth.
PAGES = {
    "llm-index": """
```{llm:index} technique
```
""",
    "llm-overview": """
```{llm:overview}
```
""",
    "llm-table": """
```{llm:table}
:columns: name, released, organizations, parameters, context_length
:filter: architecture: decoder-only; released: 2019..2021
:sort: -released
:limit: 2
:caption: Decoder-only models of 2019 to 2021
```
""",
    # The family holds the hostile card: its name must stay text in the Mermaid code.
    "llm-lineage": """
```{llm:lineage}
:family: basefam
:group: year
:direction: TB
```
""",
    "llm-field-tree": """
```{llm:field-tree}
```
""",
    "llm-timeline": """
```{llm:timeline}
:years: 2019..2021
:kinds: model, technique
:filter: access: open, gated
```
""",
    "llm-card": """
```{llm:card} base-2
```
""",
    "llm-compare": """
```{llm:compare} base-1 base-2 chat-2
```
""",
    "llm-compare-page": """
```{llm:compare-page}
```
""",
    "llm-adoption": """
```{llm:adoption}
:category: attention
:filter: organizations: acme
:limit: 3
```
""",
    "llm-architectures": """
```{llm:architectures}
:models: base-2, chat-2, base-1
:all:
:caption: The base models
```
""",
    # The smallest kind's reference (a benchmark's is longer, and tells nothing more).
    "llm-schema": """
```{llm:schema} organization
```
""",
    "llm-chart": """
```{llm:chart} tokens-vs-parameters
:caption: Tokens against parameters
```
""",
    "llm-downloads": """
```{llm:downloads}
```
""",
    "llm-headline": """
```{llm:headline}
```
""",
    "llm-latest": """
```{llm:latest}
:limit: 3
```
""",
    "llm-quality": """
```{llm:quality}
```
""",
    "llm-whatsnew": """
```{llm:whatsnew}
:limit: 10
```
""",
    "llm-settings": """
```{llm:settings}
```
""",
    "llm-roles": """
{llm:model}`base-1` came first and {llm:model}`its successor <base-2>` followed. Both use
{llm:technique}`rope` or {llm:technique}`gqa`, were made by {llm:organization}`acme`, were
trained on {llm:dataset}`webby` and were scored on {llm:benchmark}`quiz`.
""",
}
# `llm:page`: the stubs the extension generates, for a model and a technique.
CARD_PAGES = ["cards/models/chat-2", "cards/techniques/gqa"]
DOCNAMES = [*PAGES, *CARD_PAGES]

# The copy's git history: a fixed identity and fixed dates, so nothing depends on the clock.
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Snapshot",
    "GIT_AUTHOR_EMAIL": "snapshot@example.org",
    "GIT_COMMITTER_NAME": "Snapshot",
    "GIT_COMMITTER_EMAIL": "snapshot@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def _git(repo: Path, date: str, *args: str) -> None:
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=repo, env=env, check=True)


def _history(src: Path) -> None:
    """Two commits: the catalog (with a card that is then removed), then one card edited."""
    retired = src / "catalog" / "models" / "retired.yaml"
    retired.write_text("id: retired\n", encoding="utf-8")  # never validated: gone by then
    first = "2024-01-02T12:00:00+00:00"
    _git(src, first, "init", "-q")
    _git(src, first, "add", ".")
    _git(src, first, "commit", "-qm", "Add the test catalog")
    retired.unlink()
    card = src / "catalog" / "models" / "chat-2.yaml"
    card.write_text(card.read_text(encoding="utf-8") + "# reviewed\n", encoding="utf-8")
    second = "2024-03-04T12:00:00+00:00"
    _git(src, second, "commit", "-qam", "Review Chat Two; retire a card")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    """The copy of test-depth with every page of `PAGES`, built once."""
    src = tmp_path_factory.mktemp("snapshots") / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns("_build", "cards"))
    # The root's own pages would only add doctrees nobody checks; its compare page would
    # be a second `llm:compare-page`. The copy's index lists the snapshot pages instead.
    (src / "compare.md").unlink()
    toctree = "\n".join([*PAGES, "cards/index"])
    (src / "index.md").write_text(
        f"# Snapshots\n\n```{{toctree}}\n{toctree}\n```\n", encoding="utf-8"
    )
    for name, body in PAGES.items():
        title = name.replace("llm-", "llm:", 1)
        (src / f"{name}.md").write_text(f"# {title}\n{body}", encoding="utf-8")
    _history(src)
    app = SphinxTestApp(
        "html",
        srcdir=src,
        freshenv=True,
        confoverrides={
            "llmcatalog_compare_page": "llm-compare-page",
            "llmcatalog_git_dates": True,  # pinned by the copy's own history
            "llmcatalog_mermaid": "cdn",  # no download; the doctrees are the same
        },
    )
    try:
        app.build()
        text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
        # Each application after the first in one process says its nodes "are already
        # registered": that is the test process, not the pages.
        lines = [
            line
            for line in text.splitlines()
            if line.strip() and "while setting up extension" not in line
        ]
        assert lines == [], "\n".join(lines)
        yield app
    finally:
        app.cleanup()


@pytest.fixture
def original_datadir() -> Path:
    """pytest-regressions keeps the snapshots in tests/snapshots/, not beside this file."""
    return SNAPSHOTS


def _is_data(value: Any) -> bool:
    """An attribute pformat() would print as one long line: a container of anything but
    strings (a list of ids or classes stays in the tag), or text of several lines."""
    if isinstance(value, str):
        return "\n" in value
    if isinstance(value, list):
        return not all(isinstance(item, str) for item in value)
    return isinstance(value, dict | tuple | set | frozenset)


def _block(value: Any, indent: str) -> str:
    text = value if isinstance(value, str) else pprint.pformat(value, width=100)
    return "".join(f"{indent}{line}\n" for line in text.splitlines())


def snapshot_text(node: nodes.Node, level: int = 0) -> str:
    """`node.pformat()`, with the data attributes (see `_is_data`) as blocks of their own."""
    if not isinstance(node, nodes.Element):
        return node.pformat(INDENT, level)
    data = {key: value for key, value in node.attributes.items() if _is_data(value)}
    for key in data:
        del node.attributes[key]
    for key, value in node.attributes.items():
        if isinstance(value, bool):  # docutils 0.22 prints 1 and 0, 0.21 True and False
            node.attributes[key] = int(value)
    out = [f"{INDENT * level}{node.starttag()}\n"]
    for key, value in sorted(data.items()):
        out.append(f"{INDENT * (level + 1)}@{key}:\n")
        out.append(_block(value, INDENT * (level + 2)))
    out.extend(snapshot_text(child, level + 1) for child in node.children)
    return "".join(out)


def page_snapshot(app: SphinxTestApp, docname: str) -> str:
    # get_and_resolve_doctree unpickles a fresh doctree each time: changing it is safe.
    # Sphinx 9 wants the builder's tags (and warns without them); Sphinx 8.2 takes none.
    tags = {"tags": app.builder.tags} if sphinx.version_info >= (9,) else {}
    doctree = app.env.get_and_resolve_doctree(docname, app.builder, **tags)
    text = snapshot_text(doctree)
    for folder in {str(app.srcdir), str(Path(app.srcdir).resolve())}:
        text = text.replace(folder, "<srcdir>")
    assert str(Path(app.srcdir).parent) not in text, "a temporary path is left in the snapshot"
    return text


def test_every_directive_and_role_has_a_snapshot(project: SphinxTestApp) -> None:
    registered = set(project.registry.domain_directives["llm"])
    shown = {m for body in PAGES.values() for m in re.findall(r"\{llm:([a-z-]+)\}", body)}
    # `llm:page` is only ever written by the extension: CARD_PAGES are its snapshots.
    assert registered - {"page"} <= shown, sorted(registered - {"page"} - shown)
    assert set(LLMDomain.roles) <= shown, sorted(set(LLMDomain.roles) - shown)
    assert all(project.env.doc2path(name).is_file() for name in CARD_PAGES)


@pytest.mark.parametrize("docname", DOCNAMES)
def test_doctree_snapshot(project: SphinxTestApp, docname: str, file_regression) -> None:
    file_regression.check(
        page_snapshot(project, docname), basename=docname.replace("/", "-"), extension=".xml"
    )
