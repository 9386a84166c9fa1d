"""Sources: the evidence attached to a claim."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import db, enum_column, utcnow

if TYPE_CHECKING:
    from app.models.claim import Claim
    from app.models.user import User


class Stance(enum.StrEnum):
    """How a source bears on the claim."""

    SUPPORTS = "supports"
    REFUTES = "refutes"
    CONTEXT = "context"


class SourceType(enum.StrEnum):
    """Whether the source is the origin of the information or reports on it."""

    PRIMARY = "primary"
    SECONDARY = "secondary"


class Source(db.Model):
    """A piece of evidence, with the archived text the reviewer saw."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(
        sa.ForeignKey("claims.id", ondelete="CASCADE"), index=True
    )
    url: Mapped[str | None] = mapped_column(sa.String(2048))
    title: Mapped[str] = mapped_column(sa.String(500), default="")
    publisher: Mapped[str | None] = mapped_column(sa.String(200))
    published_on: Mapped[date | None]
    accessed_at: Mapped[datetime | None]
    excerpt: Mapped[str] = mapped_column(sa.Text, default="")
    stance: Mapped[Stance] = mapped_column(enum_column(Stance, "stance"), default=Stance.CONTEXT)
    source_type: Mapped[SourceType] = mapped_column(
        enum_column(SourceType, "source_type"), default=SourceType.SECONDARY
    )
    note: Mapped[str] = mapped_column(sa.Text, default="")
    snapshot_text: Mapped[str | None] = mapped_column(sa.Text)
    snapshot_sha256: Mapped[str | None] = mapped_column(sa.String(64))
    added_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # A removed source stays in the database (and the history); it is only hidden.
    removed_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(default=1)

    claim: Mapped[Claim] = relationship(back_populates="sources")
    added_by: Mapped[User | None] = relationship()

    __mapper_args__ = {"version_id_col": version}
