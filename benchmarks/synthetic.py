"""Generate a realistic synthetic catalog of N model cards, with labs, techniques and lineage."""

from __future__ import annotations

import random
from pathlib import Path

CATEGORIES = ["attention", "position-encoding", "normalization", "activation", "tokenization"]
ARCHITECTURES = ["decoder-only", "decoder-only", "decoder-only", "encoder-only", "encoder-decoder"]


def write_catalog(root: Path, models: int, seed: int = 0) -> Path:
    """Write `models` model cards plus proportional organizations and techniques under root."""
    rng = random.Random(seed)
    n_orgs = max(3, models // 30)
    n_techs = max(6, models // 15)
    for kind in ("models", "techniques", "organizations", "benchmarks", "datasets"):
        (root / kind).mkdir(parents=True, exist_ok=True)
    for i in range(n_orgs):
        (root / "organizations" / f"lab-{i}.yaml").write_text(
            f"""id: lab-{i}
name: Lab {i}
kind: industry
country: US
url: https://lab{i}.example.org
summary: Synthetic lab number {i}.
sources:
  - {{title: About lab {i}, url: 'https://lab{i}.example.org/about', kind: docs}}
""",
            encoding="utf-8",
        )
    (root / "techniques" / "causal-lm.yaml").write_text(
        """id: causal-lm
name: Causal language modelling
category: pretraining-objective
introduced: 2018
summary: Predict the next token.
sources:
  - {title: Paper, url: 'https://example.org/clm', kind: paper, key: paper}
introduced_by: [paper]
""",
        encoding="utf-8",
    )
    for i in range(n_techs):
        parents = f"[tech-{rng.randrange(i)}]" if i and rng.random() < 0.5 else "[]"
        (root / "techniques" / f"tech-{i}.yaml").write_text(
            f"""id: tech-{i}
name: Technique {i}
category: {CATEGORIES[i % len(CATEGORIES)]}
introduced: {2017 + i % 8}-{1 + i % 12:02d}
introduced_by: [paper]
parents: {parents}
summary: Synthetic technique number {i}.
description: |
  A made-up method used to measure how the build scales. It stands in for a real
  technique card with a paragraph or two of description.
sources:
  - {{key: paper, title: Paper {i}, url: 'https://example.org/tech/{i}', kind: paper}}
""",
            encoding="utf-8",
        )
    for i in range(models):
        months = (i * 108) // max(models, 1)  # nine years, in release order
        year, month = 2017 + months // 12, 1 + months % 12
        techniques = sorted({f"tech-{rng.randrange(n_techs)}" for _ in range(6)})
        parent = ""
        if i > 10 and rng.random() < 0.6:
            j = rng.randrange(max(0, i - 50), i)
            parent = (
                f"derived_from:\n  - {{model: model-{j}, relation: fine-tune, source: paper}}\n"
            )
        params = rng.choice(["125M", "1.3B", "7B", "13B", "70B", "175B"])
        (root / "models" / f"model-{i}.yaml").write_text(
            f"""# yaml-language-server: $schema=../schema/model.schema.json
id: model-{i}
name: Model {i}
aliases: [M{i}]
family: family-{i % max(1, models // 8)}
organizations: [lab-{i % n_orgs}]
released: {year}-{month:02d}
architecture: {ARCHITECTURES[i % len(ARCHITECTURES)]}
parameters:
  total: {params}
context_length: {rng.choice([512, 2048, 4096, 8192, 32768])}
training_tokens: {{value: {rng.choice(["300B", "1T", "2T"])}, source: paper}}
objectives: [causal-lm]
techniques: [{", ".join(techniques)}]
{parent}access:
  weights: {rng.choice(["open", "gated", "closed"])}
  license: Apache License 2.0
  spdx: Apache-2.0
summary: Synthetic model number {i}, generated to measure the build.
description: |
  Model {i} is a synthetic card. Its text is about as long as a real card's
  description, with *emphasis*, `code` and a [link](https://example.org/{i}).
highlights:
  - First synthetic highlight.
  - Second synthetic highlight.
sources:
  - {{key: paper, title: Paper of model {i}, url: 'https://example.org/m/{i}', kind: paper}}
  - {{key: card, title: Model card {i}, url: 'https://example.org/card/{i}', kind: model-card}}
""",
            encoding="utf-8",
        )
    return root
