"""Bugs a review of the extension found, each pinned by the behaviour a user would see."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from docutils import nodes
from test_sphinxext import ROOT, built, soup, warnings

__all__ = ["built"]  # the fixture, shared with the extension tests


def _site(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    return src


def test_pages_read_after_a_card_page_keep_smart_quotes(make_app, tmp_path) -> None:
    src = _site(tmp_path)
    # "zz" sorts after "cards/...": it is read after every card page, in the same process.
    (src / "zz.md").write_text(
        '---\norphan: true\n---\n# Quotes\n\nShe said "hello" and it\'s fine.\n'
    )
    app = make_app("html", srcdir=src, freshenv=True, parallel=0)
    app.build()
    text = soup(app, "zz").find("div", class_="body").get_text()
    assert "\u201chello\u201d" in text
    assert "it\u2019s" in text
    # Card text stays as written: data is never rewritten.
    card = soup(app, "cards/models/hostile").get_text()
    assert "\u201c" not in card


def test_cdn_mode_points_the_diagram_script_at_the_pinned_mermaid(make_app, tmp_path) -> None:
    from llmcatalog.sphinxext.assets import ELK, MERMAID

    src = _site(tmp_path)
    app = make_app("html", srcdir=src, freshenv=True, confoverrides={"llmcatalog_mermaid": "cdn"})
    app.build()
    page = (Path(app.outdir) / "cards/models/base-2.html").read_text()
    assert "llmcatalog-graph.js" in page
    assert f"mermaid@{MERMAID.version}/dist/mermaid.esm.min.mjs" in page
    assert f"layout-elk@{ELK.version}/" in page
    assert re.search(r"window\.llmcatalogMermaidUrl=\"https://", page)
    assert not (Path(app.outdir) / "_static" / "mermaid").exists()
    # The live charts' Vega scripts come from the same CDN, at the pinned versions.
    from llmcatalog.sphinxext.assets import VEGA_PACKAGES

    for package in VEGA_PACKAGES:
        assert f"{package.name}@{package.version}/build/{package.name}.min.js" in page
    assert not (Path(app.outdir) / "_static" / "vega").exists()


def test_a_bad_mermaid_setting_is_a_clear_config_error(make_app, tmp_path) -> None:
    import pytest
    from sphinx.errors import ConfigError

    src = _site(tmp_path)
    with pytest.raises(ConfigError, match="llmcatalog_mermaid must be one of 'local', 'cdn'"):
        make_app("html", srcdir=src, freshenv=True, confoverrides={"llmcatalog_mermaid": "cnd"})


def test_an_empty_catalog_builds_and_shows_an_empty_chart(make_app, tmp_path) -> None:
    src = _site(tmp_path)
    for folder in (src / "catalog").iterdir():
        shutil.rmtree(folder)
        folder.mkdir()
    for page in ("essay.md", "report.md", "bad-refs.md"):
        (src / page).unlink()
    (src / "index.md").write_text(
        "# Empty\n\n```{llm:chart} tokens-vs-parameters\n```\n\n```{toctree}\ncards/index\n```\n"
    )
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert (src / "cards" / "_charts" / "tokens-vs-parameters-light.svg").is_file()
    assert "Traceback" not in warnings(app)


def test_models_without_training_tokens_build(make_app, tmp_path) -> None:
    src = _site(tmp_path)
    for card in (src / "catalog" / "models").glob("*.yaml"):
        text = re.sub(r"(?m)^training_tokens:.*\n", "", card.read_text())
        card.write_text(text)
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert (Path(app.outdir) / "essay.html").is_file()


def test_unknown_ids_give_one_warning_and_nitpick_ignore_silences_it(make_app, tmp_path) -> None:
    src = _site(tmp_path)
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    found = [w for w in warnings(app).splitlines() if "unknown model 'base-3'" in w]
    assert len(found) == 1 and "did you mean 'base-2'" in found[0]
    assert "[llmcatalog.ref]" in found[0]

    quiet = make_app(
        "html",
        srcdir=_site(tmp_path / "again"),
        freshenv=True,
        confoverrides={"nitpicky": True, "nitpick_ignore": [("llm:model", "base-3")]},
    )
    quiet.build()
    assert "base-3" not in warnings(quiet)


def test_a_miss_is_left_to_other_resolvers(make_app, tmp_path) -> None:
    """`resolve_xref` returns None, so `missing-reference` (what intersphinx uses) resolves
    an id the local catalog lacks."""
    src = _site(tmp_path)
    app = make_app("html", srcdir=src, freshenv=True)

    def resolve(app, env, node, contnode):
        if node.get("refdomain") == "llm" and node["reftarget"] == "base-3":
            return nodes.reference("", "", contnode, refuri="https://example.org/base-3")
        return None

    app.connect("missing-reference", resolve)
    app.build()
    page = BeautifulSoup((Path(app.outdir) / "bad-refs.html").read_text(), "html.parser")
    assert page.find("a", href="https://example.org/base-3") is not None
    assert "unknown model 'base-3'" not in warnings(app)


def test_two_pages_defining_one_card_warn(make_app, tmp_path) -> None:
    src = _site(tmp_path)
    (src / "again.md").write_text(
        "---\norphan: true\n---\n# Again\n\n```{llm:page} model base-1\n```\n"
    )
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert re.search(
        r"model 'base-1' is already defined on page .*\[llmcatalog\.duplicate\]", warnings(app)
    )


def test_schema_tables_are_valid_html_blocks(built) -> None:
    page = soup(built, "essay")
    schema = page.find(class_="llm-schema")
    assert schema is not None
    assert schema.select("p div") == []  # a <div> inside a <p> is invalid HTML


def test_lineage_direction_accepts_both_cases(make_app, tmp_path) -> None:
    src = _site(tmp_path)
    (src / "tb.md").write_text(
        "---\norphan: true\n---\n# TB\n\n```{llm:lineage}\n:model: base-2\n:direction: TB\n```\n"
    )
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert "tb.md" not in warnings(app)
    assert "flowchart TB" in (Path(app.outdir) / "tb.html").read_text()


def test_the_heap_is_frozen_while_writing_and_handed_back_after(make_app, tmp_path) -> None:
    """The catalog and environment are kept out of the collector's scans during the build
    (see sphinxext/heap.py), and nothing stays frozen once the build is over."""
    import gc

    assert gc.get_freeze_count() == 0
    app = make_app("html", srcdir=_site(tmp_path), freshenv=True, parallel=0)
    frozen_while_writing: list[int] = []
    app.connect(
        "doctree-resolved",
        lambda app, doctree, docname: frozen_while_writing.append(gc.get_freeze_count()),
    )
    app.build()
    assert frozen_while_writing and min(frozen_while_writing) > 0
    assert gc.get_freeze_count() == 0


def test_an_application_made_but_not_built_freezes_nothing(make_app, tmp_path) -> None:
    import gc

    assert gc.get_freeze_count() == 0
    make_app("html", srcdir=_site(tmp_path), freshenv=True)
    assert gc.get_freeze_count() == 0


def test_a_host_that_froze_its_own_heap_keeps_it_frozen(make_app, tmp_path) -> None:
    import gc

    gc.freeze()
    try:
        app = make_app("html", srcdir=_site(tmp_path), freshenv=True, parallel=0)
        managed: list[bool] = []
        app.connect(
            "doctree-resolved",
            lambda app, doctree, docname: managed.append(app.env.domains["llm"].froze_heap),
        )
        app.build()
        assert managed and not any(managed)  # the build left the host's heap alone
        assert gc.get_freeze_count() > 0  # and did not unfreeze it
    finally:
        gc.unfreeze()


def test_parallel_readers_send_back_only_their_pages_and_lose_nothing(make_app, tmp_path) -> None:
    """A forked reader forgets the other pages' data before reading (so the environment it
    pickles back is its own chunk's), and the merged result equals a serial build's."""
    import os

    def build(parallel: int, name: str) -> tuple[Any, set[int]]:
        src = tmp_path / name
        shutil.copytree(ROOT, src)
        pids = src / "pids.txt"
        app = make_app("html", srcdir=src, freshenv=True, parallel=parallel)

        def note_reader(app: Any, doctree: nodes.document) -> None:
            held = len(app.env.domains["llm"].uses)  # pages whose reads this process holds
            with pids.open("a") as out:
                out.write(f"{os.getpid()} {held}\n")

        app.connect("doctree-read", note_reader)
        app.build()
        rows = [line.split() for line in pids.read_text().splitlines()]
        readers = {int(pid) for pid, _ in rows}
        # A reader never holds more pages than it has read itself.
        read_here: dict[int, int] = {}
        for pid, held in rows:
            read_here[int(pid)] = read_here.get(int(pid), 0) + 1
            assert int(held) <= read_here[int(pid)], (pid, held)
        return app, readers

    serial, serial_readers = build(0, "serial")
    parallel, readers = build(2, "parallel")
    assert len(serial_readers) == 1
    assert os.getpid() not in readers and len(readers) > 1  # the pages were read in workers
    merged, alone = parallel.env.domains["llm"], serial.env.domains["llm"]
    for name in ("objects", "defined", "uses", "charts", "families", "mentions", "family_refs"):
        assert merged.data[name] == alone.data[name], name
    for page in ("cards/models/chat-2", "essay", "cards/techniques/gqa"):
        body = soup(parallel, page).find("div", class_="body")
        assert body is not None and body.get_text()
        assert body.get_text() == soup(serial, page).find("div", class_="body").get_text()
