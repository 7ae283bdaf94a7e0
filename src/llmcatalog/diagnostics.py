"""Problems found in cards, located to file, line, column and field."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]
FieldPath = tuple[str | int, ...]


def format_field(path: FieldPath) -> str:
    """``("sources", 0, "url")`` -> ``sources[0].url``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One thing wrong with one card. Ordered by file, then position."""

    path: str
    line: int
    column: int
    field: str
    message: str
    severity: Severity = "error"
    code: str = "invalid"

    def format(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}:"
        level = "" if self.severity == "error" else " warning:"
        field = f" {self.field}:" if self.field else ""
        return f"{where}{level}{field} {self.message}"


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)


def to_json(problems: list[Problem]) -> str:
    errors = sum(p.severity == "error" for p in problems)
    payload = {
        "errors": errors,
        "warnings": len(problems) - errors,
        "problems": [asdict(p) for p in problems],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False)
