"""Page descriptions (og:description, description) are cut on the text, not inside an entity."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from cardfactory import REPO

from llmcatalog.sphinxext.description import cut

# The real "What's new" introduction (its directive needs the whole catalog, so it is left
# out), and a page whose cut falls exactly inside `&lt;` once the text is escaped.
INTRO = (REPO / "docs" / "whats-new.md").read_text(encoding="utf-8").split("```")[0]
LONG = "a" * 195 + " < b comes after the cut, and so does this."
DENSE = "x & y < z; " * 120  # five times longer escaped than as text
CONF = """
extensions = ["myst_parser", "sphinxext.opengraph"{extra}]
ogp_site_url = "https://example.org/"
ogp_social_cards = {{"enable": False}}
"""
MINE = ', "llmcatalog.sphinxext.description"'
PAGES = {
    "index": "# Home\n\nShort.\n\n```{toctree}\nwhats-new\nlong\ndense\n```\n",
    "whats-new": INTRO,
    "long": f"# Long\n\n{LONG}\n",
    "dense": f"# Dense\n\n{DENSE}\n",
}


def _build(make_app, src: Path, extra: str) -> dict[str, str]:
    src.mkdir()
    (src / "conf.py").write_text(CONF.format(extra=extra))
    for name, text in PAGES.items():
        (src / f"{name}.md").write_text(text, encoding="utf-8")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    tags = {}
    for page in PAGES:
        raw = (Path(app.outdir) / f"{page}.html").read_text()
        soup = BeautifulSoup(raw, "html.parser")
        og = soup.find("meta", property="og:description")
        plain = soup.find("meta", attrs={"name": "description"})
        assert og is not None and plain is not None, page
        assert og["content"] == plain["content"], page
        tags[page] = str(og["content"])  # as a browser reads it: entities decoded
    return tags


def test_descriptions_are_cut_on_the_text(make_app, tmp_path: Path) -> None:
    before = _build(make_app, tmp_path / "plain", "")
    after = _build(make_app, tmp_path / "fixed", MINE)
    # sphinxext-opengraph alone leaves half an entity before the dots.
    assert before["long"] == "a" * 195 + " &..."
    assert after["long"] == cut(LONG, 200) == "a" * 195 + " <..."
    assert after["dense"] == cut(DENSE.strip(), 200) and len(after["dense"]) == 200
    text = after["whats-new"]
    assert text.endswith("...") and len(text) == 200 and "&" not in text, text
    assert text.startswith("Recent changes to the catalog")
    assert after["index"] == before["index"]  # short descriptions are left as they are
    assert not after["index"].endswith("...")


def test_cut_counts_characters_of_the_text() -> None:
    assert cut("a < b & c", 9) == "a < b & c"
    assert cut("a < b & c", 8) == "a < b..."
    assert cut("abc", 2) == "ab"
