"""Claims: check-worthy statements and their workflow state."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import db, enum_column, utcnow

if TYPE_CHECKING:
    from app.models.article import Appearance
    from app.models.comment import Comment
    from app.models.source import Source
    from app.models.user import User
    from app.models.verdict import Verdict


class ClaimStatus(enum.StrEnum):
    """Where a claim stands in the workflow (see docs/architecture.md)."""

    CANDIDATE = "candidate"
    ACCEPTED = "accepted"
    DISMISSED = "dismissed"
    IN_RESEARCH = "in_research"
    IN_REVIEW = "in_review"
    PUBLISHED = "published"
    MERGED = "merged"


# The longest claim text a person may type (the edit form and the API); extracted claims are
# sentences of articles and are not cut.
MAX_CLAIM_TEXT = 5000


class Claim(db.Model):
    """One check-worthy statement, checked once however often it appears."""

    __tablename__ = "claims"
    __table_args__ = (
        # The triage queue: one status, most check-worthy first, ties by id (page 1 and every
        # page after it read straight off the index, no sort).
        sa.Index("ix_claims_queue", "status", sa.literal_column("score").desc(), "id"),
        # The claims list of one status, newest first.
        sa.Index("ix_claims_status_created", "status", "created_at", "id"),
        # My work: one person's claims of a status, the oldest first.
        sa.Index("ix_claims_assignee_work", "assignee_id", "status", "updated_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(sa.Text)
    # SHA-256 of the text folded for exact-duplicate lookup (NFC, whitespace, case); unique, so
    # two imports at once cannot both create the same statement (services/extraction.py).
    text_key: Mapped[str] = mapped_column(sa.String(64), index=True, unique=True)
    claimant: Mapped[str | None] = mapped_column(sa.String(300))
    # Who passed the claimant's words on ("สื่อของรัฐรายงานว่า …"), when a channel is named.
    reported_by: Mapped[str | None] = mapped_column(sa.String(300))
    claim_date: Mapped[date | None]
    language: Mapped[str] = mapped_column(sa.String(8), default="th")
    score: Mapped[float] = mapped_column(default=0.0)
    reasons: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[ClaimStatus] = mapped_column(
        enum_column(ClaimStatus, "claim_status"), default=ClaimStatus.CANDIDATE
    )
    dismiss_reason: Mapped[str | None] = mapped_column(sa.Text, info={"max_length": 500})
    assignee_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    canonical_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("claims.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    assignee: Mapped[User | None] = relationship()
    canonical: Mapped[Claim | None] = relationship(remote_side=[id])
    appearances: Mapped[list[Appearance]] = relationship(
        back_populates="claim", foreign_keys="Appearance.claim_id"
    )
    sources: Mapped[list[Source]] = relationship(back_populates="claim")
    verdicts: Mapped[list[Verdict]] = relationship(
        back_populates="claim", order_by="Verdict.number"
    )
    comments: Mapped[list[Comment]] = relationship(
        back_populates="claim", order_by="Comment.created_at"
    )

    __mapper_args__ = {"version_id_col": version}
