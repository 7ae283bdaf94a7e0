"""Value types shared by every card kind: ids, partial dates, counts, figures and links.

Each type accepts the forms a contributor writes by hand in YAML and normalizes them to one
canonical form, so that everything downstream (pages, tables, exports) sees a single shape.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from dataclasses import dataclass
from functools import total_ordering
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    StringConstraints,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_SLUG_RE = re.compile(SLUG_PATTERN)

# Limits keep one hostile card from costing the build memory or time; real cards stay far below.
MAX_NAME = 120
MAX_SHORT_TEXT = 300
MAX_LONG_TEXT = 20_000
MAX_LIST = 200


class StrictModel(BaseModel):
    """Base for every card part: unknown keys are errors, values are never coerced silently."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        strict=False,
        str_strip_whitespace=False,
        validate_default=False,
        use_attribute_docstrings=False,
    )


def _reject_non_strings(value: Any) -> Any:
    # YAML 1.1 reads unquoted yes/no/on/off/true as booleans and 1.0 as a float; saying so is
    # kinder than pydantic's generic "Input should be a valid string".
    if isinstance(value, bool):
        raise PydanticCustomError(
            "yaml_boolean",
            "expected text but YAML read a boolean; quote the value "
            "(unquoted yes/no/on/off/true/false are booleans in YAML)",
        )
    if isinstance(value, (int, float)):
        raise PydanticCustomError(
            "yaml_number", "expected text but YAML read a number; quote the value"
        )
    return value


# Control, bidi-override and zero-width characters: all invisible in a reviewed diff.
_CONTROL_RE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)


def _no_control_chars(value: str) -> str:
    # Control and bidi-override characters can hide text from reviewers ("Trojan Source").
    match = _CONTROL_RE.search(value)
    if match:
        raise PydanticCustomError(
            "control_character",
            "contains the invisible control character U+{code}; remove it",
            {"code": f"{ord(match.group()):04X}"},
        )
    return value


def _single_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise PydanticCustomError("multiline", "must be a single line")
    if value != value.strip():
        raise PydanticCustomError("whitespace", "must not start or end with whitespace")
    if not value:
        raise PydanticCustomError("empty", "must not be empty")
    return value


Text = Annotated[
    str,
    BeforeValidator(_reject_non_strings),
    StringConstraints(max_length=MAX_LONG_TEXT),
    AfterValidator(_no_control_chars),
]
"""Free text (MyST allowed where a field says so)."""

Line = Annotated[
    str,
    BeforeValidator(_reject_non_strings),
    StringConstraints(max_length=MAX_SHORT_TEXT),
    AfterValidator(_no_control_chars),
    AfterValidator(_single_line),
]
"""One line of plain text."""

Name = Annotated[
    str,
    BeforeValidator(_reject_non_strings),
    StringConstraints(max_length=MAX_NAME),
    AfterValidator(_no_control_chars),
    AfterValidator(_single_line),
]


def _check_slug(value: str) -> str:
    if not _SLUG_RE.match(value):
        raise PydanticCustomError(
            "slug",
            "'{value}' is not a valid id: use lower-case letters, digits and single hyphens "
            "(for example 'llama-2-70b')",
            {"value": value[:80]},
        )
    return value


Slug = Annotated[
    str,
    BeforeValidator(_reject_non_strings),
    StringConstraints(max_length=MAX_NAME),
    AfterValidator(_check_slug),
    Field(json_schema_extra={"pattern": SLUG_PATTERN}),
]
"""A card id: lower-case letters, digits and single hyphens."""


def _check_url(value: str) -> str:
    lowered = value.lower()
    if not (lowered.startswith("https://") or lowered.startswith("http://")):
        if ":" not in value.split("/", 1)[0]:
            raise PydanticCustomError(
                "url_scheme",
                "a link must start with https:// (or http://); got '{value}'",
                {"value": value[:40]},
            )
        raise PydanticCustomError(
            "url_scheme",
            "only http(s) links are allowed, not '{scheme}'",
            {"scheme": value.split(":", 1)[0][:20]},
        )
    if any(ch.isspace() for ch in value) or any(ch in value for ch in "<>\"'`"):
        raise PydanticCustomError(
            "url_chars", "a link may not contain spaces, quotes or angle brackets"
        )
    if len(value) <= len("https://"):
        raise PydanticCustomError("url_host", "the link has no host")
    return value


Url = Annotated[
    str,
    BeforeValidator(_reject_non_strings),
    StringConstraints(max_length=2000),
    AfterValidator(_no_control_chars),
    AfterValidator(_check_url),
    Field(json_schema_extra={"pattern": "^https?://", "format": "uri"}),
]
"""An absolute http:// or https:// link."""


def _pattern_type(pattern: str, code: str, message: str, max_length: int = 64) -> Any:
    compiled = re.compile(pattern)

    def check(value: str) -> str:
        if not compiled.match(value):
            raise PydanticCustomError(code, message, {"value": value[:40]})
        return value

    return Annotated[
        str,
        BeforeValidator(_reject_non_strings),
        StringConstraints(max_length=max_length),
        AfterValidator(check),
        Field(json_schema_extra={"pattern": pattern}),
    ]


CountryCode = _pattern_type(
    r"^[A-Z]{2}$",
    "country",
    "'{value}' is not a country code; use the two capital letters of ISO 3166-1 (US, FR, CN)",
)
SpdxId = _pattern_type(
    r"^[A-Za-z0-9][A-Za-z0-9.+-]*$",
    "spdx",
    "'{value}' is not an SPDX identifier (such as Apache-2.0 or MIT); leave spdx empty "
    "for licenses that have none",
)


# --- partial dates ---------------------------------------------------------------------------

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$", re.ASCII)
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"


@total_ordering
@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the year, the month or the day: ``2019``, ``2019-02`` or ``2019-02-14``."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        match = _DATE_RE.match(text)
        if not match:
            raise ValueError(f"'{text[:40]}' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        if year < 1000:
            raise ValueError(f"year {year} is not a four-digit year")
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"month {month:02d} does not exist")
        if day is not None:
            try:
                _dt.date(year, month or 1, day)
            except ValueError:
                raise ValueError(f"{text} is not a day of the calendar") from None
        return cls(year, month, day)

    @property
    def precision(self) -> Literal["year", "month", "day"]:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def earliest(self) -> _dt.date:
        """The first day this date can mean."""
        return _dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> _dt.date:
        """The last day this date can mean."""
        if self.day is not None:
            return _dt.date(self.year, self.month or 1, self.day)
        if self.month is None:
            return _dt.date(self.year, 12, 31)
        following = _dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return following - _dt.timedelta(days=1)

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        def validate(value: Any) -> PartialDate:
            if isinstance(value, PartialDate):
                return value
            if isinstance(value, bool):
                raise PydanticCustomError("date_type", "expected a date, got a boolean")
            if isinstance(value, int):
                value = str(value)
            elif isinstance(value, _dt.date):
                value = value.isoformat()
            if not isinstance(value, str):
                raise PydanticCustomError(
                    "date_type", "expected a date as YYYY, YYYY-MM or YYYY-MM-DD"
                )
            try:
                return cls.parse(value)
            except ValueError as exc:
                raise PydanticCustomError("date", str(exc)) from None

        return core_schema.no_info_plain_validator_function(
            validate,
            serialization=core_schema.plain_serializer_function_ser_schema(str, when_used="always"),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "type": "string",
            "pattern": DATE_PATTERN,
            "examples": ["2019", "2019-02", "2019-02-14"],
        }


# --- counts ----------------------------------------------------------------------------------

_SUFFIXES = {"K": 10**3, "M": 10**6, "B": 10**9, "T": 10**12}
_COUNT_RE = re.compile(r"^(\d+(?:\.\d+)?)\s*([KMBT])?$", re.ASCII)
COUNT_PATTERN = r"^\d+(\.\d+)?\s*[KMBT]?$"
MAX_COUNT = 10**18


def parse_count(value: Any) -> int:
    """Turn ``117M``, ``1.5T``, ``70_000_000_000`` or ``7e9`` into an exact integer."""
    if isinstance(value, bool):
        raise PydanticCustomError("count_type", "expected a count, got a boolean")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise PydanticCustomError("count_finite", "a count must be a finite number")
        if value != int(value):
            raise PydanticCustomError(
                "count_integer", "a count must be a whole number (write 1.5B, not 1.5)"
            )
        value = int(value)
    if isinstance(value, str):
        match = _COUNT_RE.match(value.strip().replace("_", "").replace(",", ""))
        if not match:
            raise PydanticCustomError(
                "count_format",
                "'{value}' is not a count; write a number with an optional K, M, B or T "
                "suffix, such as 117M, 70B or 1.5T",
                {"value": value[:40]},
            )
        number, suffix = match.groups()
        scale = _SUFFIXES[suffix] if suffix else 1
        whole, _, frac = number.partition(".")
        # Exact decimal arithmetic: 1.542B must be 1_542_000_000, not a float approximation.
        numerator = int(whole + frac) * scale
        denominator = 10 ** len(frac)
        if numerator % denominator:
            raise PydanticCustomError(
                "count_integer",
                "'{value}' is not a whole number of units",
                {"value": value[:40]},
            )
        value = numerator // denominator
    if not isinstance(value, int):
        raise PydanticCustomError("count_type", "expected a count such as 117M, 70B or 1.5T")
    if value <= 0:
        raise PydanticCustomError("count_positive", "a count must be greater than zero")
    if value > MAX_COUNT:
        raise PydanticCustomError("count_range", "a count above 10^18 is not plausible here")
    return value


Count = Annotated[
    int,
    BeforeValidator(parse_count),
    Field(json_schema_extra={"examples": [117000000, "117M", "70B", "1.5T"]}),
]


# --- figures with provenance -----------------------------------------------------------------


class Figure(StrictModel):
    """A number with its provenance.

    In YAML a figure is either the bare value (``70B``: disclosed by the card's first source)
    or a mapping that says where it comes from and whether it is an estimate.
    """

    value: Count = Field(
        description="The number itself. Counts accept K, M, B and T suffixes (117M, 70B, 1.5T); "
        "the export always writes integers."
    )
    estimated: bool = Field(
        default=False,
        description="true when the makers never disclosed the figure and it comes from a "
        "third-party estimate; `source` must then name the estimate's source.",
    )
    source: Slug | None = Field(
        default=None,
        description="The `key` of the entry in this card's `sources` that states the figure. "
        "Empty means the card's first source.",
    )
    note: Line | None = Field(
        default=None,
        description="A short remark, e.g. how sources disagree ('the model card says 1,542M').",
    )

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        return _figure_shorthand(value)

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        mapping = handler(schema)
        return {
            "anyOf": [
                {"type": "integer", "exclusiveMinimum": 0},
                {"type": "string", "pattern": COUNT_PATTERN},
                mapping,
            ]
        }


def _figure_shorthand(value: Any) -> Any:
    if isinstance(value, (int, float, str)) and not isinstance(value, bool):
        return {"value": value}
    if isinstance(value, bool):
        raise PydanticCustomError("count_type", "expected a count, got a boolean")
    return value
