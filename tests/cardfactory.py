"""Paths and small card builders shared by the tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

TESTS = Path(__file__).parent
REPO = TESTS.parent
CATALOG = REPO / "catalog"
CORPUS = TESTS / "corpus"
FIXED_TODAY = dt.date(2026, 1, 1)


ORG = """id: acme
name: Acme Research
kind: industry
country: US
url: https://example.org
summary: A test lab.
sources:
  - {title: About, url: 'https://example.org/about', kind: docs}
"""

TECH = """id: causal-lm
name: Causal language modelling
category: pretraining-objective
introduced: 2018
summary: Predict the next token.
sources:
  - {title: Paper, url: 'https://example.org/clm', kind: paper, key: paper}
introduced_by: [paper]
"""


def model_text(card_id: str, *, released: str = "2020-05-01", extra: str = "") -> str:
    return f"""id: {card_id}
name: Model {card_id}
organizations: [acme]
released: {released}
architecture: decoder-only
parameters: 7B
training_tokens: 1T
objectives: [causal-lm]
access: {{weights: open}}
summary: A test model.
sources:
  - {{title: Paper, url: 'https://example.org/{card_id}', kind: paper, key: paper}}
{extra}"""


FOLDERS = {
    "model": "models",
    "technique": "techniques",
    "organization": "organizations",
    "benchmark": "benchmarks",
    "dataset": "datasets",
}


def write_card(root: Path, kind: str, card_id: str, text: str) -> Path:
    path = root / FOLDERS[kind] / f"{card_id}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
