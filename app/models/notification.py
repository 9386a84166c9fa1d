"""Notifications: an event on a claim for one user, read or unread."""

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


class NotificationKind(enum.StrEnum):
    """What happened that the recipient should know about."""

    MENTION = "mention"
    ASSIGNMENT = "assignment"
    REVIEW_REQUESTED = "review_requested"
    SENT_BACK = "sent_back"
    PUBLISHED = "published"


class Notification(db.Model):
    """One event for one user; its text is written when it is shown, in the reader's language."""

    __tablename__ = "notifications"
    __table_args__ = (
        # "My notifications, newest first" and "my unread ones, newest first" (and their count).
        sa.Index("ix_notifications_recipient_newest", "recipient_id", "id"),
        sa.Index("ix_notifications_recipient_unread", "recipient_id", "read_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[NotificationKind] = mapped_column(
        enum_column(NotificationKind, "notification_kind")
    )
    claim_id: Mapped[int] = mapped_column(
        sa.ForeignKey("claims.id", ondelete="CASCADE"), index=True
    )
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    # What the text quotes: the start of a mentioning comment, or why a verdict was sent back.
    note: Mapped[str | None] = mapped_column(sa.String(300))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]

    recipient: Mapped[User] = relationship(foreign_keys=[recipient_id])
    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])
    claim: Mapped[Claim] = relationship()

    @property
    def read(self) -> bool:
        """Say whether the recipient has read it."""
        return self.read_at is not None
