"""Messages for people from pydantic's pattern and type errors on card text.

The text checks run as regular expressions inside pydantic-core (fast, no Python call per
string), so their raw errors only say that a pattern did not match. This module looks at the
pattern and the offending value and says what is wrong and how to fix it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .types import (
    COUNTRY_PATTERN,
    LINE_PATTERN,
    SLUG_PATTERN,
    SPDX_PATTERN,
    TEXT_PATTERN,
    URL_PATTERN,
    invisible_character,
)


def _invisible(value: str) -> str | None:
    code = invisible_character(value)
    return f"contains the invisible control character {code}; remove it" if code else None


def _line(value: str) -> str:
    if not value:
        return "must not be empty"
    if "\n" in value or "\r" in value:
        return "must be a single line"
    return _invisible(value) or "must not start or end with whitespace"


def _url(value: str) -> str:
    problem = _invisible(value)
    if problem:
        return problem
    lowered = value.lower()
    if not lowered.startswith(("http://", "https://")):
        if ":" not in value.split("/", 1)[0]:
            return f"a link must start with https:// (or http://); got '{value[:40]}'"
        return f"only http(s) links are allowed, not '{value.split(':', 1)[0][:20]}'"
    if len(value) <= len("https://"):
        return "the link has no host"
    return "a link may not contain spaces, quotes or angle brackets"


def _short(value: str) -> str:
    return value if len(value) <= 60 else value[:57] + "..."


PATTERN_MESSAGES: dict[str, Callable[[str], str]] = {
    SLUG_PATTERN: lambda v: (
        f"'{_short(v)}' is not a valid id: use lower-case letters, digits "
        "and single hyphens (for example 'llama-2-70b')"
    ),
    URL_PATTERN: _url,
    LINE_PATTERN: _line,
    TEXT_PATTERN: lambda v: _invisible(v) or "contains a character that is not allowed",
    COUNTRY_PATTERN: lambda v: (
        f"'{_short(v)}' is not a country code; use the two capital "
        "letters of ISO 3166-1 (US, FR, CN)"
    ),
    SPDX_PATTERN: lambda v: (
        f"'{_short(v)}' is not an SPDX identifier (such as Apache-2.0 or "
        "MIT); leave spdx empty for licenses that have none"
    ),
}


def explain(error: Any) -> str | None:
    """A message for people for one pydantic error, or None to use the default."""
    kind = error["type"]
    value = error.get("input")
    if kind == "string_pattern_mismatch" and isinstance(value, str):
        message = PATTERN_MESSAGES.get(str((error.get("ctx") or {}).get("pattern")))
        return message(value) if message else None
    if kind == "string_type":
        if isinstance(value, bool):
            return (
                "expected text but YAML read a boolean; quote the value (unquoted "
                "yes/no/on/off/true/false are booleans in YAML)"
            )
        if isinstance(value, (int, float)):
            return "expected text but YAML read a number; quote the value"
    if kind == "string_too_long":
        limit = (error.get("ctx") or {}).get("max_length")
        return f"is too long: at most {limit} characters"
    return None
