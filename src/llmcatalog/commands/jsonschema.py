"""JSON Schemas of the card kinds, for editors (yaml-language-server) and the downloads page."""

from __future__ import annotations

import json
from typing import Any

from ..schema import CARD_TYPES


def card_schema(kind: str) -> dict[str, Any]:
    model = CARD_TYPES[kind]
    schema = model.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"{kind}.schema.json"
    schema["title"] = f"llmcatalog {kind} card"
    return schema


def schema_files() -> dict[str, str]:
    """File name -> text of each kind's schema; stable bytes, so staleness is a plain compare."""
    return {
        f"{kind}.schema.json": json.dumps(card_schema(kind), indent=2, sort_keys=True) + "\n"
        for kind in CARD_TYPES
    }
