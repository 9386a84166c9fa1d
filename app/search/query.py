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
from app.search.analyzer import fine_terms, terms, typed_terms

FILTER_KEYS = ("status", "rating", "outlet", "lang", "assignee", "type")
ALIASES = {"language": "lang", "kind": "type"}
MAX_QUERY = 500
MAX_PHRASES = 20
# Terms in all the words and phrases together: each one costs the engines a posting list.
MAX_TERMS = 32
# key:value parts with these keys are web addresses, searched as words without a remark.
URL_SCHEMES = frozenset({"http", "https", "ftp", "mailto", "www"})
# A part: -?, key:?, then "a quoted value", a bare value, or nothing right after a key's colon.
_PART = re.compile(r'(-)?(?:([A-Za-z]+):)?(?:"([^"]*)"?|(\S+)|(?<=:)(?=\s|$))')
_YEAR = re.compile(r"^\d{4}$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


@dataclass(frozen=True)
class Phrase:
    """Terms that must appear in this order; in the claimant, or anywhere in the text."""

    terms: tuple[str, ...]
    field: str = "text"
    prefix: bool = False
    # The terms with Thai compounds split (analyzer.parts), when that differs: either matches.
    fine: tuple[str, ...] = ()


@dataclass(frozen=True)
class Filter:
    """A field:value filter; negated when written -field:value."""

    key: str
    value: str
    negated: bool = False
    # The part as typed (to take it out of the query again), e.g. outlet:"Thai PBS".
    raw: str = field(default="", compare=False)


@dataclass(frozen=True)
class ParsedQuery:
    """A query as typed, taken apart."""

    include: tuple[Phrase, ...] = ()
    exclude: tuple[Phrase, ...] = ()
    filters: tuple[Filter, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    # (code, key, value) of each part not used as written: bad_date, too_many, no_value,
    # not_a_filter, negated_date, reversed.
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
    reader = _Reader()
    for match in _PART.finditer((text or "").replace("\x00", " ")[:MAX_QUERY]):
        reader.read(match)
    include, exclude, problems = reader.include, reader.exclude, reader.problems
    if prefix_last and include and reader.typing is include[-1]:
        # The last word is still being typed: its unfinished end matches as a prefix.
        whole, unfinished = typed_terms(reader.typed_words)
        include[-1] = Phrase((*whole, unfinished), include[-1].field, prefix=True)
    dates = reader.dates
    if "from" in dates and "to" in dates and dates["to"] < dates["from"]:
        problems.append(("reversed", "to", dates["to"].isoformat()))
    return ParsedQuery(
        tuple(include),
        tuple(exclude),
        tuple(reader.filters),
        dates.get("from"),
        dates.get("to"),
        tuple(problems),
        frozenset(t for p in include for t in (*p.terms, *p.fine)),
    )


class _Reader:
    """Reads a query's parts one by one, keeping within MAX_PHRASES and MAX_TERMS."""

    def __init__(self) -> None:
        self.include: list[Phrase] = []
        self.exclude: list[Phrase] = []
        self.filters: list[Filter] = []
        self.problems: list[tuple[str, str, str]] = []
        self.dates: dict[str, date] = {}
        self.typing: Phrase | None = None
        self.typed_words = ""
        self.budget = MAX_TERMS

    def read(self, match: re.Match) -> None:
        self.typing = None
        negated, key, quoted, bare = match.groups()
        value = (quoted if quoted is not None else bare or "").strip()
        key = ALIASES.get((key or "").lower(), (key or "").lower())
        if key in ("from", "to"):
            if negated:
                self.problems.append(("negated_date", key, value))
            _read_date(key, value, self.dates, self.problems)
        elif key in FILTER_KEYS or (key == "claimant" and not value):
            if value:
                self.filters.append(Filter(key, value, bool(negated), raw=match.group().strip()))
            else:
                self.problems.append(("no_value", key, ""))
        else:
            if key and key != "claimant" and key not in URL_SCHEMES:
                self.problems.append(("not_a_filter", key, value))
            words = value if key in ("claimant", "") else f"{key}:{value}"
            self._words(words, "claimant" if key == "claimant" else "text", negated, bare)

    def _words(self, words: str, place: str, negated, bare) -> None:
        found = terms(words)
        if not found:
            return
        if len(found) > self.budget or len(self.include) + len(self.exclude) >= MAX_PHRASES:
            if not any(p[0] == "too_many" for p in self.problems):
                self.problems.append(("too_many", "", str(MAX_TERMS)))
            if self.budget <= 0 or len(self.include) + len(self.exclude) >= MAX_PHRASES:
                return
        phrase = _phrase(found[: self.budget], place)
        self.budget -= len(phrase.terms)
        (self.exclude if negated else self.include).append(phrase)
        if bare is not None and not negated:
            self.typing, self.typed_words = phrase, words


def _phrase(found: list[str], place: str) -> Phrase:
    fine = fine_terms(found) if place == "text" else found
    return Phrase(tuple(found), place, fine=tuple(fine) if fine != found else ())


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
