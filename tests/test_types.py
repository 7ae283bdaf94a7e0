"""Value types: counts, partial dates, links, figures."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError

from llmcatalog.schema import Figure, Model, PartialDate, parse_count
from llmcatalog.schema.messages import explain
from llmcatalog.schema.types import Url


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("117M", 117_000_000),
        ("70B", 70_000_000_000),
        ("1.5T", 1_500_000_000_000),
        ("1.542B", 1_542_000_000),
        ("46.7B", 46_700_000_000),
        ("8K", 8_000),
        ("1_000", 1_000),
        (4096, 4096),
        (7e9, 7_000_000_000),
        ("175B", 175_000_000_000),
    ],
)
def test_counts_parse_exactly(raw: object, expected: int) -> None:
    assert parse_count(raw) == expected


@pytest.mark.parametrize(
    "raw", ["7Q", "-5", 0, -1, True, float("nan"), float("inf"), 1.5, "1.2345K", ""]
)
def test_bad_counts_are_refused(raw: object) -> None:
    with pytest.raises(Exception, match=r"count|whole|finite|zero|boolean"):
        parse_count(raw)


@pytest.mark.parametrize(
    ("text", "precision"), [("2019", "year"), ("2019-02", "month"), ("2019-02-14", "day")]
)
def test_partial_dates_keep_precision(text: str, precision: str) -> None:
    date = PartialDate.parse(text)
    assert date.precision == precision
    assert str(date) == text


def test_partial_dates_order_by_what_is_known() -> None:
    dates = [PartialDate.parse(t) for t in ["2019-02-14", "2019", "2018-12", "2019-02"]]
    assert [str(d) for d in sorted(dates)] == ["2018-12", "2019", "2019-02", "2019-02-14"]


@pytest.mark.parametrize("text", ["2019-13", "2019-02-30", "19", "2019/02", "0999"])
def test_impossible_dates_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        PartialDate.parse(text)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "data:text/html,<script>",
        "ftp://example.org",
        "//example.org",
        "https://exa mple.org",
        'https://example.org/"onmouseover=x',
        "https://",
    ],
)
def test_only_plain_http_links(url: str) -> None:
    with pytest.raises(ValidationError):
        TypeAdapter(Url).validate_python(url)


def test_figure_shorthand_and_full_form_agree() -> None:
    short = Figure.model_validate("70B")
    full = Figure.model_validate({"value": 70_000_000_000})
    assert short == full
    assert short.estimated is False
    assert short.source is None


def test_export_dump_round_trips_through_the_model() -> None:
    data = {
        "id": "m",
        "name": "M",
        "organizations": ["acme"],
        "released": "2020-05",
        "architecture": "decoder-only",
        "parameters": {"total": "47B", "active": "13B"},
        "access": {"weights": "open"},
        "summary": "S.",
        "sources": [{"title": "T", "url": "https://example.org", "kind": "paper"}],
    }
    model = Model.model_validate(data)
    dumped = model.model_dump(mode="json")
    assert dumped["parameters"]["total"]["value"] == 47_000_000_000
    assert dumped["released"] == "2020-05"
    assert Model.model_validate(dumped) == model


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("https://example.org/\u202eevil", "control character U+202E"),
        ("https://exa\u200bmple.org", "control character U+200B"),
        ("arxiv.org/abs/1706.03762", "must start with https://"),
    ],
)
def test_links_refuse_invisible_characters_and_missing_schemes(text: str, problem: str) -> None:
    with pytest.raises(ValidationError) as info:
        TypeAdapter(Url).validate_python(text)
    assert problem in explain(info.value.errors()[0])


@pytest.mark.parametrize("text", ["\u0662\u0660\u0662\u0663", "２０２３"])
def test_dates_take_ascii_digits_only(text: str) -> None:
    with pytest.raises(ValueError, match="not a date"):
        PartialDate.parse(text)


def test_counts_take_ascii_digits_only() -> None:
    with pytest.raises(Exception, match="not a count"):
        parse_count("\u0667B")


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("2023", "2023-01-01", "2023-12-31"),
        ("2024-02", "2024-02-01", "2024-02-29"),
        ("2023-12", "2023-12-01", "2023-12-31"),
        ("2023-07-18", "2023-07-18", "2023-07-18"),
    ],
)
def test_partial_dates_span_what_they_can_mean(text: str, earliest: str, latest: str) -> None:
    date = PartialDate.parse(text)
    assert (date.earliest().isoformat(), date.latest().isoformat()) == (earliest, latest)


def test_cards_without_sources_or_organizations_are_refused() -> None:
    data = {
        "id": "m",
        "name": "M",
        "released": "2020",
        "architecture": "decoder-only",
        "access": {"weights": "open"},
        "summary": "S.",
    }
    with pytest.raises(ValidationError) as info:
        Model.model_validate(data)
    missing = {e["loc"][0] for e in info.value.errors() if e["type"] == "missing"}
    assert missing == {"sources", "organizations"}


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "0 models without a figure are not shown"),
        (1, "1 model without a figure is not shown"),
        (2, "2 models without a figure are not shown"),
        (1234, "1,234 models without a figure are not shown"),
    ],
)
def test_counts_in_words_agree_with_their_number(n: int, expected: str) -> None:
    from llmcatalog.render.format import counted, left_out

    assert left_out(n, "a figure") == expected
    assert counted(n, "organization card") == f"{n:,} organization card{'' if n == 1 else 's'}"
