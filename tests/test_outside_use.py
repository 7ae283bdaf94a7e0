"""llmcatalog as other projects use it: a plain intersphinx client links into a catalog site,
and a project of its own builds with the extension installed from the `sphinx` extra alone."""

from __future__ import annotations

import os
import shutil
import subprocess
import venv
import zlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from test_sphinxext import ROOT, warnings

REPO = Path(__file__).parent.parent
MINIMAL = Path(__file__).parent / "roots" / "test-minimal"


def _labels(outdir: Path) -> dict[str, str]:
    """std:label name -> display name, read from objects.inv as any client reads it."""
    raw = (outdir / "objects.inv").read_bytes()
    body = zlib.decompress(raw.split(b"\n", 4)[4]).decode()
    found = {}
    for line in body.splitlines():
        name, role, _prio, _uri, display = line.split(" ", 4)
        if role == "std:label":
            found[name] = display
    return found


def test_a_plain_intersphinx_client_links_to_cards(make_app, tmp_path) -> None:
    site = tmp_path / "site"
    shutil.copytree(ROOT, site)
    app = make_app("html", srcdir=site, freshenv=True)
    app.build()
    outdir = Path(app.outdir)
    labels = _labels(outdir)
    # Every card has a label that needs no llmcatalog on the other side.
    for name in ("llm-model-base-1", "llm-technique-gqa", "llm-organization-acme"):
        assert name in labels
    assert labels["llm-model-base-1"] == "Base One (model)"

    client = tmp_path / "client"
    client.mkdir()
    (client / "conf.py").write_text(
        "extensions = ['myst_parser', 'sphinx.ext.intersphinx']\n"
        f"intersphinx_mapping = {{'llmcatalog': ('https://example.org/llm/', {str(outdir / 'objects.inv')!r})}}\n"
        "nitpicky = True\n"
    )
    (client / "index.md").write_text(
        "# Client\n\n"
        "See {external+llmcatalog:ref}`llm-model-base-1` and "
        "{external+llmcatalog:ref}`the GQA card <llm-technique-gqa>`.\n"
    )
    reader = make_app("html", srcdir=client, freshenv=True)
    reader.build()
    # (Sphinx warns about node classes registered twice when two apps share a process.)
    problems = [w for w in warnings(reader).splitlines() if "index.md" in w]
    assert problems == []
    page = BeautifulSoup((Path(reader.outdir) / "index.html").read_text(), "html.parser")
    hrefs = {a.get_text(): a["href"] for a in page.select("a.reference.external")}
    assert (
        hrefs["Base One (model)"]
        == "https://example.org/llm/cards/models/base-1.html#llm-model-base-1"
    )
    assert hrefs["the GQA card"].endswith("cards/techniques/gqa.html#llm-technique-gqa")


@pytest.mark.slow
def test_a_project_of_its_own_builds_with_the_sphinx_extra(tmp_path: Path) -> None:
    """A clean virtual environment with only `llmcatalog[sphinx]`: the extension's runtime
    needs are declared, and a small catalog without training tokens builds strictly."""
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", f"{REPO}[sphinx]"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert install.returncode == 0, install.stderr[-3000:]
    project = tmp_path / "project"
    shutil.copytree(MINIMAL, project)
    done = subprocess.run(
        [
            str(python),
            "-m",
            "sphinx",
            "-b",
            "html",
            "-n",
            "-W",
            "-q",
            str(project),
            str(project / "_build"),
        ],
        capture_output=True,
        text=True,
        check=False,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    index = (project / "_build" / "index.html").read_text()
    assert "Tiny One" in index and "Tiny Two" in index
    # The other project's own catalog, pages and chart: nothing from llmcatalog's site.
    assert (project / "_build" / "cards" / "models" / "tiny-two.html").is_file()
