"""Generate a realistic synthetic catalog of N model cards, with labs, techniques and lineage."""

from __future__ import annotations

import random
from pathlib import Path

CATEGORIES = ["attention", "position-encoding", "normalization", "activation", "tokenization"]
ARCHITECTURES = ["decoder-only", "decoder-only", "decoder-only", "encoder-only", "encoder-decoder"]


BENCHMARKS = 5


SCALE = {"M": 1e6, "B": 1e9, "T": 1e12}


def _amount(text: str) -> float:
    return float(text[:-1]) * SCALE[text[-1]]


def _depth(rng: random.Random, i: int, params: str, tokens: str) -> str:
    """The depth fields a well-documented card carries: a spec for the card and for one
    variant, stated or estimated compute, hardware and results in several settings."""
    layers = rng.choice([24, 32, 40, 48, 64, 80])
    heads = rng.choice([16, 32, 64])
    kv = rng.choice([1, 4, 8, heads])
    moe = (
        "\n  moe: {experts: 64, routed: 8, shared: 1, expert_size: 1408, dense_layers: 1}"
        if i % 4 == 0
        else ""
    )
    results = "\n".join(
        f"  - {{benchmark: bench-{b}, score: {rng.uniform(20, 95):.1f}, "
        f"shots: {rng.choice([0, 5])}, cot: {str(rng.random() < 0.3).lower()}, "
        f"source: paper, date: 2024-0{1 + b}}}"
        for b in rng.sample(range(BENCHMARKS), 3)
    )
    # Within the validator's factor of 10 of 6·N·D, as a real stated figure is.
    flop = 6 * _amount(params) * _amount(tokens) * rng.uniform(0.7, 1.4)
    compute = (
        f"training_compute: {{value: {flop:.3g}, source: paper, note: Stated in the paper.}}"
        if i % 3 == 0
        else f"training_compute: {{value: {flop:.3g}, estimated: true, method: from GPU-hours, "
        "source: card}"
    )
    return f"""variants:
  - name: Model {i} Small
    parameters: 1.3B
    spec: {{layers: 24, hidden_size: 2048, attention_heads: 16, kv_heads: 16, source: card}}
spec:
  source: card
  layers: {layers}
  hidden_size: {heads * 128}
  attention_heads: {heads}
  kv_heads: {kv}
  vocab_size: 32000
  max_positions: 4096
  tied_embeddings: false
  ffn: {{type: swiglu, size: {heads * 128 * 3}}}
  position: {{type: rope, theta: 10000}}
  norm: {{type: rmsnorm, placement: pre}}
  attention: {{layout: sliding, window: 4096, local_per_global: 5}}{moe}
{compute}
hardware: {{accelerator: NVIDIA A100, count: 1024, gpu_hours: 1.2M, source: paper}}
results:
{results}
"""


def write_catalog(root: Path, models: int, seed: int = 0, *, depth: bool = False) -> Path:
    """Write `models` model cards plus proportional organizations and techniques under root;
    with `depth`, every model card also has a spec, compute, hardware and results."""
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
    for b in range(BENCHMARKS if depth else 0):
        (root / "benchmarks" / f"bench-{b}.yaml").write_text(
            f"""id: bench-{b}
name: Benchmark {b}
category: knowledge
introduced: 2020
measures: Synthetic questions number {b}.
metric: accuracy
summary: Synthetic benchmark number {b}.
sources:
  - {{title: Benchmark {b} paper, url: 'https://example.org/bench/{b}', kind: paper}}
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
        tokens = rng.choice(["300B", "1T", "2T"])
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
training_tokens: {{value: {tokens}, source: paper}}
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
{_depth(rng, i, params, tokens) if depth else ""}""",
            encoding="utf-8",
        )
    return root
