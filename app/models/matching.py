"""Claim matching: suggested and decided pairs, and fact-checks other organisations published."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import JSONType, db, enum_column, utcnow

if TYPE_CHECKING:
    from app.models.claim import Claim
    from app.models.user import User


class KnownFactCheck(db.Model):
    """A fact-check another organisation published (imported ClaimReview, Fact Check Tools
    results, the Anti-Fake News Center's open data): a claim, its rating, where it was checked."""

    __tablename__ = "known_fact_checks"

    id: Mapped[int] = mapped_column(primary_key=True)
    # SHA-256 of the normalised review URL, the folded claim text and the folded publisher:
    # importing the same fact-check again finds it.
    key: Mapped[str] = mapped_column(sa.String(64), unique=True)
    claim_text: Mapped[str] = mapped_column(sa.Text)
    publisher: Mapped[str] = mapped_column(sa.String(200), index=True)
    url: Mapped[str | None] = mapped_column(sa.String(2048))
    title: Mapped[str | None] = mapped_column(sa.String(500))
    rating: Mapped[str | None] = mapped_column(sa.String(200))
    rating_value: Mapped[float | None]
    best_rating: Mapped[float | None]
    worst_rating: Mapped[float | None]
    # false, mostly_false, mixed, mostly_true, true, or None when the rating says nothing plain.
    verdict: Mapped[str | None] = mapped_column(sa.String(20))
    review_date: Mapped[date | None] = mapped_column(index=True)
    claim_date: Mapped[date | None]
    claimant: Mapped[str | None] = mapped_column(sa.String(300))
    language: Mapped[str | None] = mapped_column(sa.String(8))
    appearances: Mapped[list[str]] = mapped_column(JSONType, default=list)
    checked_by: Mapped[str | None] = mapped_column(sa.String(300))
    finding: Mapped[str | None] = mapped_column(sa.Text)
    source_format: Mapped[str] = mapped_column(sa.String(20))
    imported_from: Mapped[str | None] = mapped_column(sa.String(300))
    imported_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    imported_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    imported_by: Mapped[User | None] = relationship()


class MatchState(enum.StrEnum):
    """What became of a pair the matcher found."""

    SUGGESTED = "suggested"  # above `suggest`: a person is asked
    LINKED = "linked"  # above `auto`: the candidate was merged into the claim it matches
    MERGED = "merged"  # a person said it is the same claim
    DIFFERENT = "different"  # a person said it is not (never suggested or linked again)


class ClaimMatch(db.Model):
    """A claim and an existing claim or known fact-check it may be the same as."""

    __tablename__ = "claim_matches"
    __table_args__ = (
        sa.UniqueConstraint("claim_id", "match_claim_id"),
        sa.UniqueConstraint("claim_id", "fact_check_id"),
        sa.CheckConstraint("(match_claim_id IS NULL) <> (fact_check_id IS NULL)", name="one_match"),
        sa.Index("ix_claim_matches_state_claim", "state", "claim_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(sa.ForeignKey("claims.id", ondelete="CASCADE"))
    match_claim_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("claims.id", ondelete="CASCADE"), index=True
    )
    fact_check_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("known_fact_checks.id", ondelete="CASCADE"), index=True
    )
    score: Mapped[float]
    reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    state: Mapped[MatchState] = mapped_column(
        enum_column(MatchState, "match_state"), default=MatchState.SUGGESTED
    )
    decided_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    decided_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    claim: Mapped[Claim] = relationship(foreign_keys=[claim_id])
    match_claim: Mapped[Claim | None] = relationship(foreign_keys=[match_claim_id])
    fact_check: Mapped[KnownFactCheck | None] = relationship()
    decided_by: Mapped[User | None] = relationship()
