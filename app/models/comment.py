"""Comments: discussion on a claim."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import db, utcnow

if TYPE_CHECKING:
    from app.models.claim import Claim
    from app.models.user import User


class Comment(db.Model):
    """A reviewer's comment on a claim."""

    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(
        sa.ForeignKey("claims.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(sa.Text, info={"max_length": 5000})
    # "comment", or "send_back" for an editor's reason to send a verdict back.
    kind: Mapped[str] = mapped_column(sa.String(20), default="comment")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    claim: Mapped[Claim] = relationship(back_populates="comments")
    author: Mapped[User | None] = relationship()
    mentioned: Mapped[list[User]] = relationship(secondary="comment_mentions")


comment_mentions = sa.Table(
    "comment_mentions",
    db.metadata,
    sa.Column("comment_id", sa.ForeignKey("comments.id", ondelete="CASCADE"), primary_key=True),
    sa.Column(
        "user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    ),
)
