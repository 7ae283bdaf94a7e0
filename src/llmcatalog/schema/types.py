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
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    Strict,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_SLUG_RE = re.compile(SLUG_PATTERN)  # also used by the CLI for new ids

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


# Every text check below is a regular expression that pydantic-core runs in Rust: validating
# a card makes no Python call per string. The loader turns pattern errors back into messages
# for people (see loader._message), keyed by these patterns.

# Control, bidi-override and zero-width characters: all invisible in a reviewed diff.
INVISIBLE = (
    "\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f"  # C0 controls but tab, newline, return; DEL
    "\\u200b-\\u200f\\u2060-\\u2064\\ufeff"  # zero-width characters and marks
    "\\u202a-\\u202e\\u2066-\\u2069"  # bidirectional embeddings, overrides and isolates
)
_INVISIBLE_RE = re.compile(f"[{INVISIBLE}]")
TEXT_PATTERN = f"^[^{INVISIBLE}]*$"
# One line, no surrounding whitespace, not empty.
LINE_PATTERN = f"^[^{INVISIBLE}\\n\\r\\s](?:[^{INVISIBLE}\\n\\r]*[^{INVISIBLE}\\n\\r\\s])?$"
URL_PATTERN = f"^[hH][tT][tT][pP][sS]?://[^{INVISIBLE}\\s<>\"'`]+$"


def invisible_character(value: str) -> str | None:
    """The first invisible character of a text, as U+XXXX, if it has one."""
    match = _INVISIBLE_RE.search(value)
    return f"U+{ord(match.group()):04X}" if match else None


# Editors flag a value the validator would refuse as unfinished (see templates.PLACEHOLDER).
_NOT_PLACEHOLDER = Field(json_schema_extra={"not": {"pattern": "^TODO"}})

Text = Annotated[
    str,
    Strict(),
    StringConstraints(max_length=MAX_LONG_TEXT, pattern=TEXT_PATTERN),
    _NOT_PLACEHOLDER,
]
"""Free text (MyST allowed where a field says so)."""

Line = Annotated[
    str,
    Strict(),
    StringConstraints(max_length=MAX_SHORT_TEXT, pattern=LINE_PATTERN),
    _NOT_PLACEHOLDER,
]
"""One line of plain text."""

Name = Annotated[
    str, Strict(), StringConstraints(max_length=MAX_NAME, pattern=LINE_PATTERN), _NOT_PLACEHOLDER
]

Slug = Annotated[str, Strict(), StringConstraints(max_length=MAX_NAME, pattern=SLUG_PATTERN)]
"""A card id: lower-case letters, digits and single hyphens."""

Url = Annotated[str, Strict(), StringConstraints(max_length=2000, pattern=URL_PATTERN)]
"""An absolute http:// or https:// link."""

COUNTRY_PATTERN = r"^[A-Z]{2}$"
SPDX_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9.+-]*$"
CountryCode = Annotated[str, Strict(), StringConstraints(max_length=8, pattern=COUNTRY_PATTERN)]
SpdxId = Annotated[str, Strict(), StringConstraints(max_length=64, pattern=SPDX_PATTERN)]


# --- partial dates ---------------------------------------------------------------------------

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$", re.ASCII)
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
# The same for editors, but without months past 12 or days a month never has (29 February is
# let through in every year: leap years are left to the validator).
DATE_SCHEMA_PATTERN = (
    r"^[1-9]\d{3}(-(0[1-9]|1[0-2])|-(0[13578]|1[02])-(0[1-9]|[12]\d|3[01])"
    r"|-(0[469]|11)-(0[1-9]|[12]\d|30)|-02-(0[1-9]|1\d|2\d))?$"
)


@total_ordering
@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the year, the month or the day: ``2019``, ``2019-02`` or ``2019-02-14``."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        # Dates repeat across cards, and a PartialDate is immutable: share each one.
        known = _PARSED_DATES.get(text)
        if known is not None:
            return known
        date = cls._parse(text)
        if len(_PARSED_DATES) < 65536:
            _PARSED_DATES[text] = date
        return date

    @classmethod
    def _parse(cls, text: str) -> PartialDate:
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
        # YAML reads `founded: 2019` as a number; the validator accepts it, so editors must.
        return {
            "anyOf": [
                {"type": "string", "pattern": DATE_SCHEMA_PATTERN},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ],
            "examples": ["2019", "2019-02", "2019-02-14"],
        }


_PARSED_DATES: dict[str, PartialDate] = {}


# --- counts ----------------------------------------------------------------------------------

_SUFFIXES = {"K": 10**3, "M": 10**6, "B": 10**9, "T": 10**12}
_COUNT_RE = re.compile(r"^(\d+(?:\.\d+)?)\s*([KMBT])?$", re.ASCII)
COUNT_PATTERN = r"^\d+(\.\d+)?\s*[KMBT]?$"
MAX_COUNT = 10**18


def parse_count(value: Any) -> int:
    """Turn ``117M``, ``1.5T``, ``70_000_000_000`` or ``7e9`` into an exact integer."""
    # Most counts (layers, heads, widths) are plain integers already: take them first.
    if value.__class__ is int and 0 < value <= MAX_COUNT:
        return value
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
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "exclusiveMinimum": 0},
                {"type": "string", "pattern": COUNT_PATTERN},
            ],
            "examples": [117000000, "117M", "70B", "1.5T"],
        }
    ),
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
        return {"anyOf": figure_forms(handler.resolve_ref_schema(handler(schema)))}


def estimate_rule(*required: str) -> JsonSchemaValue:
    """JSON Schema for "an estimate must name these fields" (the validator's rule), so
    editors flag an estimate without its source as it is typed."""
    return {
        "if": {"properties": {"estimated": {"const": True}}, "required": ["estimated"]},
        "then": {"required": list(required)},
    }


def figure_forms(mapping: JsonSchemaValue) -> list[JsonSchemaValue]:
    """The ways a figure may be written: a count, a count with a suffix, or the mapping."""
    checked = {**mapping, **estimate_rule("source")}
    return [
        {"type": "integer", "exclusiveMinimum": 0},
        {"type": "string", "pattern": COUNT_PATTERN},
        checked,
    ]


def _figure_shorthand(value: Any) -> Any:
    if isinstance(value, (int, float, str)) and not isinstance(value, bool):
        return {"value": value}
    if isinstance(value, bool):
        raise PydanticCustomError("count_type", "expected a count, got a boolean")
    return value
