"""Hostile text in every text field of every card kind: refused by validation or inert.

Cards come from strangers' pull requests. Each payload below is put into every free-text
field of a card of each kind; the card either fails validation with a clear message, or the
built pages show it as text: no element, attribute, link or diagram syntax comes from it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from llmcatalog.reading.loader import load_bytes
from llmcatalog.schema import KIND_FOLDERS

ROOT = Path(__file__).parent / "roots" / "test-basic"

# One-line payloads (names, summaries, titles, notes...) and block payloads (descriptions).
LINE_PAYLOADS = [
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "{raw}`<b>raw</b>` and {eval-rst}`.. raw:: html`",
    'A"] --> B[click A href "javascript:alert(1)"] %%{init: {"securityLevel": "loose"}}%%',
    "[link](javascript:alert(1)) [data](data:text/html,<b>x</b>)",
    "*emphasis* `code` **strong** <!-- comment -->",
    "x" * 118,
]
BLOCK_PAYLOAD = """<script>alert("block")</script>

```{raw} html
<script>alert("raw")</script>
```

```{include} /etc/passwd
```

:::{eval-rst}
.. raw:: html

   <script>alert("rst")</script>
:::

<iframe src="https://example.org"></iframe> <style>body{display:none}</style>

[x](javascript:alert(1)) ![img](https://example.org/x.png)
"""
REFUSED = ["a\u202eb", "zero\u200bwidth", "nul\x00byte", "line\nbreak"]

BASES = {
    "model": {
        "organizations": ["acme"],
        "released": "2022",
        "architecture": "decoder-only",
        "access": {"weights": "open", "license": "PAYLOAD"},
        "parameters": {"total": {"value": "7B", "note": "PAYLOAD"}},
        "derived_from": [{"model": "base-1", "relation": "fine-tune", "note": "PAYLOAD"}],
        "highlights": ["PAYLOAD"],
        "aliases": ["PAYLOAD"],
        "variants": [{"name": "PAYLOAD", "parameters": "1B"}],
    },
    "technique": {"category": "attention", "introduced": "2020", "aliases": ["PAYLOAD"]},
    "organization": {"kind": "industry", "aliases": ["PAYLOAD"]},
    "benchmark": {
        "category": "knowledge",
        "introduced": "2020",
        "measures": "PAYLOAD",
        "metric": "PAYLOAD",
    },
    "dataset": {"introduced": "2020", "license": "PAYLOAD", "aliases": ["PAYLOAD"]},
}


def _fill(value: object, payload: str) -> object:
    if value == "PAYLOAD":
        return payload
    if isinstance(value, dict):
        return {k: _fill(v, payload) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, payload) for v in value]
    return value


def hostile_card(kind: str, card_id: str, payload: str) -> dict[str, object]:
    card: dict[str, object] = {
        "id": card_id,
        "name": payload[:120],
        "summary": payload,
        "description": BLOCK_PAYLOAD,
        "sources": [{"title": payload, "url": "https://example.org/s", "kind": "paper"}],
        **_fill(BASES[kind], payload),  # type: ignore[dict-item]
    }
    return card


@pytest.mark.parametrize("kind", list(BASES))
@pytest.mark.parametrize("payload", LINE_PAYLOADS)
def test_hostile_text_validates_as_data(kind: str, payload: str) -> None:
    raw = yaml.safe_dump(hostile_card(kind, "h", payload), allow_unicode=True).encode()
    card, problems = load_bytes(raw, kind, Path("h.yaml"), "h.yaml")
    assert problems == [] and card is not None


@pytest.mark.parametrize("kind", list(BASES))
@pytest.mark.parametrize("payload", REFUSED)
def test_invisible_and_control_characters_are_refused_with_a_location(
    kind: str, payload: str
) -> None:
    raw = yaml.safe_dump(hostile_card(kind, "h", payload), allow_unicode=True).encode()
    card, problems = load_bytes(raw, kind, Path("h.yaml"), "h.yaml")
    assert card is None
    assert problems
    for problem in problems:
        assert problem.line >= 1 and problem.message
        assert re.search(r"control character|single line|not allowed", problem.message), problem


@pytest.mark.parametrize("kind", list(BASES))
def test_overlong_text_is_refused_with_the_limit(kind: str) -> None:
    raw = yaml.safe_dump(hostile_card(kind, "h", "y" * 400), allow_unicode=True).encode()
    card, problems = load_bytes(raw, kind, Path("h.yaml"), "h.yaml")
    assert card is None
    assert any(re.fullmatch(r"is too long: at most \d+ characters", p.message) for p in problems)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("hostile") / "src"
    shutil.copytree(ROOT, src)
    (src / "catalog" / "models" / "hostile.yaml").unlink()
    for kind, folder in KIND_FOLDERS.items():
        for i, payload in enumerate(LINE_PAYLOADS):
            card_id = f"hostile-{kind}-{i}"
            data = hostile_card(kind, card_id, payload)
            (src / "catalog" / folder / f"{card_id}.yaml").write_text(
                yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
            )
    out = src.parent / "out"
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", str(src), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    # Only the fixture's own deliberate warnings: no card was refused or broke a page.
    assert "/catalog/" not in done.stderr and ".yaml" not in done.stderr, done.stderr[-3000:]
    return out


def _assert_inert(parts: list, page: Path) -> None:
    for element in (e for part in parts for e in [part, *part.find_all(True)]):
        assert element.name not in {"img", "iframe", "object", "embed", "style", "form"}, page
        if element.name == "script":
            assert element.get("type") == "application/json", page
        for attribute, value in element.attrs.items():
            assert not attribute.lower().startswith("on"), (page, element.name, attribute)
            if attribute in {"href", "src"}:
                assert not str(value).lower().startswith(("javascript:", "data:")), page


def test_every_hostile_card_page_is_inert(hostile_site: Path) -> None:
    pages = sorted(hostile_site.glob("cards/*/hostile-*.html"))
    assert len(pages) == len(KIND_FOLDERS) * len(LINE_PAYLOADS)
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        parts = [soup.find("h1"), soup.find("div", class_="llm-page")]
        assert all(parts), page
        _assert_inert(parts, page)
        text = " ".join(part.get_text(" ") for part in parts)
        assert "<script>" in text  # the description's payload is shown, as text
        for diagram in parts[1].select(".llm-mermaid"):
            for line in diagram.get_text().splitlines():
                assert "%%" not in line and "click" not in line.split('"')[0]


def test_hostile_cards_reach_every_index(hostile_site: Path) -> None:
    for kind, folder in KIND_FOLDERS.items():
        page = hostile_site / "cards" / folder / "index.html"
        index = page.read_text(encoding="utf-8")
        for i in range(len(LINE_PAYLOADS)):
            assert f"hostile-{kind}-{i}.html" in index
        # The extension writes these tables' HTML itself: every name stays text.
        table = BeautifulSoup(index, "html.parser").find("table", class_="llm-table")
        assert table is not None, page
        _assert_inert([table], page)
        assert "<script>" in table.get_text(" ")
