"""Incremental builds equal clean builds, page by page, after random edits of random fields.

Which pages an edit re-reads is decided by what each page read from the catalog (see
`llmcatalog.reads`). If any page read something without recording it, some edit here leaves
that page stale, and its text or links differ from a clean build of the same sources.
"""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).parent / "roots" / "test-basic"
Edit = Callable[[random.Random, Path], str]


def _cards(src: Path, folder: str) -> list[Path]:
    return sorted((src / "catalog" / folder).glob("*.yaml"))


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _save(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def rename(rng: random.Random, src: Path) -> str:
    path = rng.choice(
        [*_cards(src, "models"), *_cards(src, "techniques"), *_cards(src, "organizations")]
    )
    data = _load(path)
    data["name"] = f"{data['name']} {rng.choice(['Prime', 'Neo', 'II'])}"
    _save(path, data)
    return f"rename {path.stem}"


def redate(rng: random.Random, src: Path) -> str:
    path = rng.choice(_cards(src, "models"))
    data = _load(path)
    data["released"] = f"{rng.randint(2018, 2023)}-{rng.randint(1, 12):02d}"
    _save(path, data)
    return f"redate {path.stem}"


def move_edge(rng: random.Random, src: Path) -> str:
    models = _cards(src, "models")
    path = rng.choice(models)
    data = _load(path)
    others = [p.stem for p in models if p.stem != path.stem]
    parent = rng.choice(others)
    data["derived_from"] = [{"model": parent, "relation": rng.choice(["fine-tune", "successor"])}]
    _save(path, data)
    return f"edge {path.stem} -> {parent}"


def toggle_technique(rng: random.Random, src: Path) -> str:
    path = rng.choice(_cards(src, "models"))
    data = _load(path)
    techniques = [p.stem for p in _cards(src, "techniques") if p.stem != "causal-lm"]
    chosen = rng.choice(techniques)
    used = list(data.get("techniques") or [])
    data["techniques"] = [t for t in used if t != chosen] if chosen in used else [*used, chosen]
    _save(path, data)
    return f"technique {chosen} on {path.stem}"


def change_figure(rng: random.Random, src: Path) -> str:
    path = rng.choice(_cards(src, "models"))
    data = _load(path)
    field = rng.choice(["context_length", "training_tokens"])
    data[field] = rng.choice([2048, 4096, 32768, "1T", "300B"])
    _save(path, data)
    return f"{field} of {path.stem}"


def change_summary(rng: random.Random, src: Path) -> str:
    path = rng.choice([*_cards(src, "models"), *_cards(src, "techniques")])
    data = _load(path)
    data["summary"] = f"A rewritten summary, version {rng.randint(1, 999)}."
    _save(path, data)
    return f"summary of {path.stem}"


def add_model(rng: random.Random, src: Path) -> str:
    parent = rng.choice(_cards(src, "models")).stem
    card_id = f"new-{rng.randint(100, 999)}"
    data = {
        "id": card_id,
        "name": f"New {card_id}",
        "organizations": ["acme"],
        "released": "2023-06",
        "architecture": "decoder-only",
        "techniques": [rng.choice(["rope", "gqa"])],
        "derived_from": [{"model": parent, "relation": "fine-tune"}],
        "access": {"weights": "open"},
        "summary": "A model added by the property test.",
        "sources": [{"title": "Paper", "url": f"https://example.org/{card_id}", "kind": "paper"}],
    }
    _save(src / "catalog" / "models" / f"{card_id}.yaml", data)
    return f"add {card_id} under {parent}"


def remove_model(rng: random.Random, src: Path) -> str:
    models = _cards(src, "models")
    if len(models) <= 3:
        return add_model(rng, src)
    path = rng.choice(models)
    path.unlink()
    return f"remove {path.stem}"


EDITS: list[Edit] = [
    rename,
    redate,
    move_edge,
    toggle_technique,
    change_figure,
    change_summary,
    add_model,
    remove_model,
]


def page_content(html: str) -> tuple[str, list[tuple[str, str]]]:
    """What a reader sees of a page: the body's text and its links."""
    body = BeautifulSoup(html, "html.parser").select_one('div.body, [role="main"]')
    assert body is not None
    text = re.sub(r"\s+", " ", body.get_text(" ")).strip()
    links = [(a.get("href", ""), re.sub(r"\s+", " ", a.get_text(" ")).strip()) for a in body("a")]
    return text, links


def site_pages(outdir: Path) -> dict[str, tuple[str, list[tuple[str, str]]]]:
    pages = {}
    for path in sorted(outdir.rglob("*.html")):
        rel = path.relative_to(outdir).as_posix()
        if rel.startswith(("_", "genindex", "search")):
            continue
        pages[rel] = page_content(path.read_text(encoding="utf-8"))
    return pages


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_incremental_build_equals_clean_build_after_random_edits(make_app, tmp_path, seed) -> None:
    rng = random.Random(seed)
    src = tmp_path / "incremental"
    shutil.copytree(ROOT, src)
    make_app("html", srcdir=src, freshenv=True).build()
    history: list[str] = []
    for step in range(4):
        history.append(rng.choice(EDITS)(rng, src))
        app = make_app("html", srcdir=src)
        app.build()
        clean_src = tmp_path / f"clean-{step}"
        shutil.copytree(src, clean_src, ignore=shutil.ignore_patterns("_build", "cards"))
        clean = make_app("html", srcdir=clean_src, freshenv=True)
        clean.build()
        expected = site_pages(Path(clean.outdir))
        got = site_pages(Path(app.outdir))
        for page, content in expected.items():
            assert page in got, (history, page)
            assert got[page][0] == content[0], (history, page, "text differs")
            assert got[page][1] == content[1], (history, page, "links differ")
