"""What the fact-check readers return: items, failures, and the one error they raise."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# Caps on text fields (characters); longer values are cut, never rejected.
CLAIM_MAX = 5000
TITLE_MAX = 500
RATING_MAX = 200
PUBLISHER_MAX = 200
CLAIMANT_MAX = 300
FINDING_MAX = 5000
DETAIL_MAX = 200
APPEARANCES_MAX = 50


@dataclass(frozen=True)
class KnownFactCheck:
    """One fact-check published by another organisation, normalised."""

    claim_text: str
    publisher: str
    url: str | None
    title: str | None
    rating: str | None
    rating_value: float | None
    best_rating: float | None
    worst_rating: float | None
    verdict: str | None
    review_date: date | None
    claim_date: date | None
    claimant: str | None
    language: str | None
    appearances: tuple[str, ...]
    checked_by: str | None
    finding: str | None
    source_format: str


@dataclass(frozen=True)
class Failure:
    """Something in a file that was not imported, or was imported with a loss (see `code`).

    Codes: no_claim_text, no_publisher, not_fact_check, bad_json, not_claimreview, no_review,
    too_many_items, too_many_failures, and bad_url, the one code whose item *was* imported, without
    its URL.
    """

    item: str
    code: str
    detail: str


@dataclass(frozen=True)
class Parsed:
    """The result of reading one file."""

    items: list[KnownFactCheck]
    failures: list[Failure]
    format: str


class UnreadableFile(Exception):
    """A file that cannot be read at all; `code` says why, `detail` shows what was seen."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail


def short(text: str, limit: int = DETAIL_MAX) -> str:
    """Return `text` cut to `limit` characters, with an ellipsis when cut."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class Results:
    """Items and failures gathered while reading, bounded by `limit` each."""

    limit: int
    items: list[KnownFactCheck] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    dropped_failures: int = 0
    truncated: bool = False

    @property
    def done(self) -> bool:
        """Tell whether the file had more items than the limit, so reading may stop."""
        return self.truncated

    def add(self, item: KnownFactCheck) -> None:
        """Keep an item, or note that the file had more than the limit."""
        if len(self.items) >= self.limit:
            self.truncated = True
        else:
            self.items.append(item)

    def fail(self, where: str, code: str, detail: str) -> None:
        """Record a failure; past the limit, only count it."""
        if len(self.failures) >= self.limit:
            self.dropped_failures += 1
        else:
            self.failures.append(Failure(where, code, short(detail)))

    def finish(self, fmt: str) -> Parsed:
        """Return the result, noting any items or failures left out by the limit."""
        failures = list(self.failures)
        if self.truncated:
            failures.append(Failure("file", "too_many_items", f"stopped after {self.limit} items"))
        if self.dropped_failures:
            detail = f"{self.dropped_failures} more failures not listed"
            failures.append(Failure("file", "too_many_failures", detail))
        return Parsed(items=list(self.items), failures=failures, format=fmt)
