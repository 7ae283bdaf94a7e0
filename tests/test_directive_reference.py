"""The examples of docs/contributing/directives.md are real: each one builds on a copy of
tests/roots/test-basic without a single warning of its own.

Every fenced block with the language `md` on that page is one example. Each becomes its own
page in the copy; the warnings of that build, minus those the copy gives without the
examples (the fixture site has deliberately bad pages and cards), must be none.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from test_sphinxext import ROOT, warnings

REPO = Path(__file__).resolve().parent.parent
PAGE = REPO / "docs" / "contributing" / "directives.md"
FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})\s*(?P<lang>[^\s`]*)\s*$")


def fenced_blocks(text: str) -> list[tuple[str, str]]:
    """(language, body) of every top-level fenced block of a MyST page, in order."""
    blocks: list[tuple[str, str]] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        match = FENCE.match(lines[i])
        if not match:
            i += 1
            continue
        fence, lang = match["fence"], match["lang"]
        body: list[str] = []
        i += 1
        while i < len(lines) and lines[i].rstrip() != fence:
            body.append(lines[i])
            i += 1
        blocks.append((lang, "\n".join(body) + "\n"))
        i += 1
    return blocks


def examples() -> list[str]:
    return [body for lang, body in fenced_blocks(PAGE.read_text(encoding="utf-8")) if lang == "md"]


def _copy(tmp_path: Path, name: str) -> Path:
    src = tmp_path / name
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns("_build", "cards"))
    return src


def _lines(text: str) -> set[str]:
    """The warnings of a build, with the copy's folder cut off (the same warning in two
    builds differs only there). Each Sphinx application after the first in one process
    says that node classes and directives "are already registered": not the examples'."""
    return {
        line.split("/src/", 1)[-1].split("/examples/", 1)[-1]
        for line in text.splitlines()
        if line.strip() and "while setting up extension" not in line
    }


def test_the_page_has_examples_of_every_directive(make_app, tmp_path) -> None:
    found = examples()
    assert len(found) >= 20
    shown = {m for body in found for m in re.findall(r"\{llm:([a-z-]+)\}", body)}
    app = make_app("html", srcdir=_copy(tmp_path, "src"), freshenv=True)
    registered = set(app.registry.domain_directives["llm"])
    assert len(registered) == 20
    # `llm:page` is written by the extension, not by hand: its example is the stub (below).
    assert registered - {"page"} <= shown, sorted(registered - {"page"} - shown)
    assert {"model", "technique", "organization", "benchmark", "dataset"} <= shown


def test_every_example_builds_without_warnings(make_app, tmp_path) -> None:
    found = examples()
    baseline = make_app("html", srcdir=_copy(tmp_path, "src"), freshenv=True)
    baseline.build()
    expected = _lines(warnings(baseline))

    src = _copy(tmp_path, "examples")
    names = []
    for number, body in enumerate(found, 1):
        name = f"example-{number:02d}"
        (src / f"{name}.md").write_text(
            f"---\norphan: true\n---\n# Example {number}\n\n{body}", encoding="utf-8"
        )
        names.append(name)
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    got = warnings(app)
    new = sorted(_lines(got) - expected)
    assert new == [], "\n".join(new)
    assert "example-" not in got
    for name, body in zip(names, found, strict=True):
        page = BeautifulSoup((Path(app.outdir) / f"{name}.html").read_text(), "html.parser")
        main = page.select_one('div.body, [role="main"]')
        assert main is not None, name
        if "```{llm:" in body:  # a directive example shows the extension's output
            assert main.select(".llm"), (name, body)
        else:  # a roles example: every role became a link to a card page
            links = main.select("a.reference.internal")
            assert len(links) == body.count("{llm:"), (name, body)
            assert all("/cards/" in a["href"] or "cards/" in a["href"] for a in links)


def test_the_page_example_is_the_generated_stub(make_app, tmp_path) -> None:
    stubs = [
        body for lang, body in fenced_blocks(PAGE.read_text(encoding="utf-8")) if lang == "rst"
    ]
    assert len(stubs) == 1 and ".. llm:page:: model base-1" in stubs[0]
    src = _copy(tmp_path, "src")
    make_app("html", srcdir=src, freshenv=True)  # builder-inited writes the stubs
    assert (src / "cards" / "models" / "base-1.rst").read_text(encoding="utf-8") == stubs[0]


def test_roles_show_the_name_or_the_given_title(make_app, tmp_path) -> None:
    roles = next(body for body in examples() if "```" not in body)
    src = _copy(tmp_path, "src")
    (src / "roles.md").write_text(f"---\norphan: true\n---\n# Roles\n\n{roles}", encoding="utf-8")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    page = BeautifulSoup((Path(app.outdir) / "roles.html").read_text(), "html.parser")
    texts = [a.get_text() for a in page.select("a.reference.internal")]
    assert texts[:2] == ["Base One", "its successor"]


@pytest.mark.parametrize("form", ["{llm:model}`base-1`", "{external+basic:llm:model}`base-1`"])
def test_ids_missing_here_resolve_through_intersphinx(make_app, tmp_path, form) -> None:
    """What the page says about other projects: a miss is left to intersphinx."""
    other = _copy(tmp_path, "other")
    first = make_app("html", srcdir=other, freshenv=True)
    first.build()

    here = tmp_path / "here"
    for folder in ("models", "techniques", "organizations", "benchmarks", "datasets"):
        (here / "catalog" / folder).mkdir(parents=True)
    (here / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx.ext.intersphinx", "llmcatalog.sphinxext"]\n'
        'llmcatalog_path = "catalog"\n'
        "llmcatalog_git_dates = False\n"
        'exclude_patterns = ["_build", "catalog"]\n'
        f"intersphinx_mapping = {{'basic': ({str(first.outdir)!r}, None)}}\n",
        encoding="utf-8",
    )
    (here / "index.md").write_text(
        f"# Here\n\nSee {form}.\n\n```{{toctree}}\ncards/index\n```\n", encoding="utf-8"
    )
    app = make_app("html", srcdir=here, freshenv=True)
    app.build()
    assert "base-1" not in warnings(app)
    page = BeautifulSoup((Path(app.outdir) / "index.html").read_text(), "html.parser")
    link = page.find("a", href=re.compile(r"cards/models/base-1\.html#llm-model-base-1$"))
    assert link is not None and link.get_text() == "Base One"


def test_projects_without_the_extension_link_through_std_labels(make_app, tmp_path) -> None:
    other = _copy(tmp_path, "other")
    first = make_app("html", srcdir=other, freshenv=True)
    first.build()

    here = tmp_path / "plain"
    here.mkdir()
    (here / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx.ext.intersphinx"]\n'
        f"intersphinx_mapping = {{'basic': ({str(first.outdir)!r}, None)}}\n",
        encoding="utf-8",
    )
    (here / "index.md").write_text(
        "# Plain\n\nSee {external+basic:ref}`llm-model-base-1`.\n", encoding="utf-8"
    )
    app = make_app("html", srcdir=here, freshenv=True)
    app.build()
    assert "llm-model-base-1" not in warnings(app)
    page = BeautifulSoup((Path(app.outdir) / "index.html").read_text(), "html.parser")
    link = page.find("a", href=re.compile(r"cards/models/base-1\.html#llm-model-base-1$"))
    assert link is not None and link.get_text() == "Base One (model)"
