"""The search query language: words, "quoted phrases", -exclusions and field:value filters.

    ปูติน "คาบสมุทรเกาหลี" -ข่าวลือ status:published rating:false outlet:"Thai PBS"
    lang:th assignee:me claimant:ปูติน from:2568 to:2025-08-31 type:claim

Pure code. A word that the analyzer splits into several terms (Thai written without spaces,
"e-mail") is a phrase of those terms. Dates are read in the Buddhist or the Common Era.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

from app.extraction.dates import common_era_year
from app.ingest.errors import IngestError
from app.ingest.text import parse_published
from app.search.analyzer import terms, typed_terms

FILTER_KEYS = ("status", "rating", "outlet", "lang", "assignee", "type")
ALIASES = {"language": "lang", "kind": "type"}
MAX_QUERY = 500
MAX_PHRASES = 20
_PART = re.compile(r'(-)?(?:([A-Za-z]+):)?(?:"([^"]*)"?|(\S+))')
_YEAR = re.compile(r"^\d{4}$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


@dataclass(frozen=True)
class Phrase:
    """Terms that must appear in this order; in the claimant, or anywhere in the text."""

    terms: tuple[str, ...]
    field: str = "text"
    prefix: bool = False


@dataclass(frozen=True)
class Filter:
    """A field:value filter; negated when written -field:value."""

    key: str
    value: str
    negated: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    """A query as typed, taken apart."""

    include: tuple[Phrase, ...] = ()
    exclude: tuple[Phrase, ...] = ()
    filters: tuple[Filter, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    # (code, key, value) of each part that could not be used: bad_date, too_many.
    problems: tuple[tuple[str, str, str], ...] = ()
    highlight: frozenset[str] = field(default_factory=frozenset)

    @property
    def empty(self) -> bool:
        """Tell whether the query asks for nothing at all."""
        return not (self.include or self.exclude or self.filters or self.date_from or self.date_to)

    def values(self, key: str, negated: bool = False) -> list[str]:
        """Return the values given for a filter key."""
        return [f.value for f in self.filters if f.key == key and f.negated == negated]


def parse(text: str, prefix_last: bool = False) -> ParsedQuery:
    """Take a query apart; `prefix_last` lets the last word match as a prefix (type-ahead)."""
    text = (text or "").replace("\x00", " ")[:MAX_QUERY]
    include: list[Phrase] = []
    exclude: list[Phrase] = []
    filters: list[Filter] = []
    problems: list[tuple[str, str, str]] = []
    dates: dict[str, date] = {}
    typing, typed_words = None, ""
    for match in _PART.finditer(text):
        typing = None
        negated, key, quoted, bare = match.groups()
        value = quoted if quoted is not None else bare or ""
        key = ALIASES.get((key or "").lower(), (key or "").lower())
        if key in ("from", "to"):
            _read_date(key, value, dates, problems)
        elif key in FILTER_KEYS and value.strip():
            filters.append(Filter(key, value.strip(), bool(negated)))
        else:
            words = value if key in ("claimant", "") else f"{key}:{value}"
            found = terms(words)
            if found:
                phrase = Phrase(tuple(found), "claimant" if key == "claimant" else "text")
                (exclude if negated else include).append(phrase)
                if bare is not None and not negated:
                    typing, typed_words = phrase, words
    if len(include) + len(exclude) > MAX_PHRASES:
        problems.append(("too_many", "", str(MAX_PHRASES)))
        include, exclude = include[:MAX_PHRASES], exclude[: max(0, MAX_PHRASES - len(include))]
    if prefix_last and include and typing is include[-1]:
        # The last word is still being typed: its unfinished end matches as a prefix.
        whole, unfinished = typed_terms(typed_words)
        include[-1] = Phrase((*whole, unfinished), typing.field, prefix=True)
    return ParsedQuery(
        tuple(include),
        tuple(exclude),
        tuple(filters),
        dates.get("from"),
        dates.get("to"),
        tuple(problems),
        frozenset(t for p in include for t in p.terms),
    )


def _read_date(key: str, value: str, dates: dict[str, date], problems: list) -> None:
    period = read_period(value)
    if period is None:
        problems.append(("bad_date", key, value))
    else:
        dates[key] = period[0] if key == "from" else period[1]


def read_period(value: str) -> tuple[date, date] | None:
    """Return the first and last day a date, a month (2568-08) or a year (2568) stands for."""
    value = value.strip()
    try:
        if _YEAR.match(value):
            year = common_era_year(int(value), None)
            return date(year, 1, 1), date(year, 12, 31)
        if match := _YEAR_MONTH.match(value):
            year, month = common_era_year(int(match.group(1)), None), int(match.group(2))
            last = calendar.monthrange(year, month)[1]
            return date(year, month, 1), date(year, month, last)
        day = parse_published(value)
    except (ValueError, IngestError):
        return None
    return (day, day) if day else None
