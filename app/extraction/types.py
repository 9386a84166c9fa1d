"""The values the extractor returns."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """A piece of the analysis text: [start, end) and its language."""

    start: int
    end: int
    language: str


@dataclass(frozen=True)
class ClaimCandidate:
    """A statement proposed as a claim, with where it is in the input and why."""

    text: str
    start: int
    end: int
    score: float
    reasons: tuple[str, ...]
    claimant: str | None
    language: str
    dates: tuple[str, ...]
    numbers: tuple[int | float, ...]
    # Who passed the claimant's words on ("สื่อของรัฐรายงานว่า คิม จองอึน บอกกับปูตินว่า…"):
    # the channel, kept apart from the claimant.
    reported_by: str | None = None

    @property
    def checkworthy(self) -> bool:
        """Say whether the score reaches the default threshold."""
        from app.extraction.scoring import THRESHOLD

        return self.score >= THRESHOLD

    def as_dict(self) -> dict[str, object]:
        """Return the candidate as JSON-ready values."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "score": self.score,
            "reasons": list(self.reasons),
            "claimant": self.claimant,
            "reported_by": self.reported_by,
            "language": self.language,
            "dates": list(self.dates),
            "numbers": list(self.numbers),
        }
