"""Commented starting points for new cards (`llmcatalog new KIND ID`).

Every TODO is a value the validator rejects until it is replaced, so a half-filled card can
never pass review by accident.
"""

from __future__ import annotations

import datetime as _dt

from ..reading.loader import PLACEHOLDER
from ..schema import KIND_FOLDERS

_SOURCE = """\
sources:                     # primary sources, most authoritative first
  - key: paper               # figures and relations refer to sources by key
    title: {todo}
    url: {todo}              # http(s) only
    kind: {todo}             # paper | model-card | blog | code | docs | analysis
    accessed: {today}
"""

_BODIES = {
    "model": """\
name: {todo}
# aliases: [Other Name]
# family: {family_hint}
organizations: [{org}]       # organization ids, lead lab first
released: {todo}             # first public appearance: YYYY, YYYY-MM or YYYY-MM-DD
# architecture: encoder-only | decoder-only | encoder-decoder | state-space | hybrid | recurrent
architecture: {todo}
parameters: {todo}           # e.g. 7B, or {{total: 47B, active: 13B}} for mixture-of-experts
# context_length: 4096
# training_tokens: 2T        # or {{value: 2T, estimated: true, source: <key>}}
objectives: [{todo}]          # e.g. causal-lm, masked-lm, span-corruption
techniques: []               # technique ids: attention, positions, norm, activation, tokenizer
# datasets: []
# benchmarks: []
# derived_from:
#   - model: parent-id
#     relation: fine-tune    # successor | fine-tune | instruction-tune | distillation | ...
access:
  weights: {todo}             # open | gated | closed
  # api: true
  # license: Apache License 2.0
  # spdx: Apache-2.0
summary: {todo}              # one sentence in your own words
highlights: []
""",
    "technique": """\
name: {todo}
category: {todo}             # attention | position-encoding | normalization | activation | ...
introduced: {todo}           # YYYY, YYYY-MM or YYYY-MM-DD
introduced_by: [paper]       # keys of the sources below that introduced it
parents: []                  # technique ids it builds on
summary: {todo}
""",
    "organization": """\
name: {todo}
kind: {todo}                 # industry | academia | nonprofit | collaboration | government
country: {todo}              # ISO code such as US, GB, FR, CN; delete for international groups
url: {todo}
summary: {todo}
""",
    "benchmark": """\
name: {todo}
category: {todo}             # language-understanding | knowledge | reasoning | math | code | ...
introduced: {todo}
organizations: []
measures: {todo}             # what it measures, one line
metric: {todo}               # e.g. accuracy, pass@1
summary: {todo}
""",
    "dataset": """\
name: {todo}
introduced: {todo}
organizations: []
# size:
#   tokens: 1T
summary: {todo}
""",
}


def render_template(
    kind: str,
    card_id: str,
    *,
    organization: str | None = None,
    family: str | None = None,
    today: _dt.date | None = None,
) -> str:
    today = today or _dt.date.today()
    header = (
        f"# yaml-language-server: $schema=../schema/{kind}.schema.json\n"
        f"# New {kind} card. Replace every {PLACEHOLDER}, then run: llmcatalog validate "
        f"catalog/{KIND_FOLDERS[kind]}/{card_id}.yaml\n"
        f"id: {card_id}\n"
    )
    body = _BODIES[kind].format(
        todo=PLACEHOLDER,
        org=organization or PLACEHOLDER,
        family_hint=family or "family-slug",
        today=today.isoformat(),
    )
    if family and kind == "model":
        body = body.replace(f"# family: {family}", f"family: {family}")
    return header + body + _SOURCE.format(todo=PLACEHOLDER, today=today.isoformat())
