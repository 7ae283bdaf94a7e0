"""Human-readable numbers and dates, identical everywhere on the site."""

from __future__ import annotations

from ..schema import Figure

MISSING = "—"


def count(value: int | None) -> str:
    """70_000_000_000 -> '70B'; 1_542_000_000 -> '1.54B'; 131_072 -> '131,072'."""
    if value is None:
        return MISSING
    if value < 10**6:  # context lengths and the like read best exactly: 4,096, 131,072
        return f"{value:,}"
    for scale, suffix in ((10**12, "T"), (10**9, "B"), (10**6, "M"), (10**3, "K")):
        if value >= scale:
            number = value / scale
            text = f"{number:.3g}" if number < 1000 else f"{number:,.0f}"
            return f"{text}{suffix}"
    return str(value)


def exact(value: int | None) -> str:
    return MISSING if value is None else f"{value:,}"


def figure(fig: Figure | None) -> str:
    if fig is None:
        return MISSING
    text = count(fig.value)
    return f"~{text} (est.)" if fig.estimated else text


def ratio(value: float | None) -> str:
    if value is None:
        return MISSING
    return f"{value:,.0f}" if value >= 10 else f"{value:.2g}"


NOT_DISCLOSED = "not disclosed"
NOT_APPLICABLE = "n/a"


def absent(*, weights: str | None = None, applies: bool = True) -> str:
    """What an empty figure means, in words: it does not apply, its closed-weight maker kept
    it to itself, or nobody has entered it yet. The schema cannot say which (its owners keep
    one `None`), so the card's access decides: only a closed model's figures are secrets."""
    if not applies:
        return NOT_APPLICABLE
    return NOT_DISCLOSED if weights == "closed" else MISSING


def readable(slug: str) -> str:
    """A schema slug as words: 'position-encoding' -> 'position encoding'."""
    return slug.replace("-", " ").replace("_", " ")


def title_name(slug: str) -> str:
    """A family slug as a name when no page titles it: 'gpt-oss' -> 'Gpt Oss'."""
    return readable(slug).title()


def counted(n: int, noun: str, nouns: str | None = None) -> str:
    """``1 model``, ``2 models``: a number with its noun in the right number."""
    return f"{n:,} {noun if n == 1 else nouns or noun + 's'}"


def left_out(n: int, what: str) -> str:
    """What a chart leaves out for lack of a figure: ``3 models without X are not shown``."""
    return f"{counted(n, 'model')} without {what} {'is' if n == 1 else 'are'} not shown"
