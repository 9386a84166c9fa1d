"""Verdicts (versioned) and the rating scale they use."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import db, enum_column, utcnow

if TYPE_CHECKING:
    from app.models.claim import Claim
    from app.models.user import User


class Rating(db.Model):
    """A label of the rating scale; `value` is its place on the scale, None when off-scale."""

    __tablename__ = "ratings"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(40), unique=True)
    label_en: Mapped[str] = mapped_column(sa.String(100))
    label_th: Mapped[str] = mapped_column(sa.String(100))
    sort_order: Mapped[int] = mapped_column(default=0)
    value: Mapped[int | None]

    def label(self, locale: str) -> str:
        """Return the label in the given language (Thai or English)."""
        return self.label_th if locale.startswith("th") else self.label_en


class VerdictState(enum.StrEnum):
    """Where a verdict version stands in review and publication."""

    DRAFT = "draft"
    IN_REVIEW = "in_review"
    APPROVED = "approved"
    PUBLISHED = "published"
    SUPERSEDED = "superseded"


class Verdict(db.Model):
    """One version of the verdict on a claim; a correction is a new version."""

    __tablename__ = "verdicts"
    __table_args__ = (
        sa.UniqueConstraint("claim_id", "number"),
        # The review inbox: verdicts in review, the longest waiting first.
        sa.Index("ix_verdicts_state_submitted", "state", "submitted_at"),
        # The public list and the reports: published verdicts, the latest first.
        sa.Index("ix_verdicts_state_published", "state", "published_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(
        sa.ForeignKey("claims.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(default=1)
    rating_id: Mapped[int] = mapped_column(
        sa.ForeignKey("ratings.id", ondelete="RESTRICT"), index=True
    )
    conclusion: Mapped[str] = mapped_column(sa.String(500))
    explanation: Mapped[str] = mapped_column(sa.Text, default="", info={"max_length": 20000})
    state: Mapped[VerdictState] = mapped_column(
        enum_column(VerdictState, "verdict_state"), default=VerdictState.DRAFT, index=True
    )
    correction_note: Mapped[str | None] = mapped_column(sa.Text, info={"max_length": 2000})
    author_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    approver_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    # Who last wrote its rating, conclusion, explanation or correction note (four eyes).
    content_editor_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(index=True)
    # When it was last sent for review (the review inbox waits from then).
    submitted_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(default=1)

    claim: Mapped[Claim] = relationship(back_populates="verdicts")
    rating: Mapped[Rating] = relationship()
    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    approver: Mapped[User | None] = relationship(foreign_keys=[approver_id])
    content_editor: Mapped[User | None] = relationship(foreign_keys=[content_editor_id])

    __mapper_args__ = {"version_id_col": version}
