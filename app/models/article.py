"""Articles and the appearances of claims in them."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import db, utcnow

if TYPE_CHECKING:
    from app.models.claim import Claim
    from app.models.user import User


class Article(db.Model):
    """Published content ingested from text, a file or a URL."""

    __tablename__ = "articles"
    __table_args__ = (sa.Index("ix_articles_outlet_published", "outlet", "published_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str | None] = mapped_column(sa.String(2048))
    canonical_url: Mapped[str | None] = mapped_column(sa.String(2048), unique=True)
    title: Mapped[str] = mapped_column(sa.String(500), default="")
    outlet: Mapped[str | None] = mapped_column(sa.String(200))
    author: Mapped[str | None] = mapped_column(sa.String(200))
    published_on: Mapped[date | None] = mapped_column(index=True)
    language: Mapped[str] = mapped_column(sa.String(8), default="th", index=True)
    # The normalized plain-text body; appearance offsets are character offsets into it.
    body: Mapped[str] = mapped_column(sa.Text)
    body_sha256: Mapped[str] = mapped_column(sa.String(64), unique=True)
    ingested_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    ingested_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    ingested_by: Mapped[User | None] = relationship()
    appearances: Mapped[list[Appearance]] = relationship(
        back_populates="article", order_by="Appearance.start"
    )


class Appearance(db.Model):
    """Where a claim appears: an article and a character span of its body."""

    __tablename__ = "appearances"
    __table_args__ = (
        sa.UniqueConstraint("claim_id", "article_id", "start"),
        sa.CheckConstraint('start >= 0 AND start < "end"', name="span"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(
        sa.ForeignKey("claims.id", ondelete="CASCADE"), index=True
    )
    article_id: Mapped[int] = mapped_column(
        sa.ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    # The claim it was first recorded for: a merge moves the appearance, unmerging brings it back.
    origin_claim_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("claims.id", ondelete="SET NULL"), index=True
    )
    start: Mapped[int]
    end: Mapped[int]
    sentence: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    claim: Mapped[Claim] = relationship(back_populates="appearances", foreign_keys=[claim_id])
    article: Mapped[Article] = relationship(back_populates="appearances")
