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
    from app.models.job import Job
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


class ArchiveStatus(enum.StrEnum):
    """Where archiving a source's page or file stands."""

    PENDING = "pending"
    ARCHIVED = "archived"
    FAILED = "failed"


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
    excerpt: Mapped[str] = mapped_column(sa.Text, default="", info={"max_length": 5000})
    stance: Mapped[Stance] = mapped_column(enum_column(Stance, "stance"), default=Stance.CONTEXT)
    source_type: Mapped[SourceType] = mapped_column(
        enum_column(SourceType, "source_type"), default=SourceType.SECONDARY
    )
    note: Mapped[str] = mapped_column(sa.Text, default="", info={"max_length": 5000})
    snapshot_text: Mapped[str | None] = mapped_column(sa.Text)
    snapshot_sha256: Mapped[str | None] = mapped_column(sa.String(64))
    # An uploaded screenshot or PDF, stored content-addressed by its SHA-256 (services/archiving).
    file_sha256: Mapped[str | None] = mapped_column(sa.String(64))
    file_type: Mapped[str | None] = mapped_column(sa.String(40))
    file_size: Mapped[int | None]
    file_name: Mapped[str | None] = mapped_column(sa.String(255))
    added_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # A removed source stays in the database (and the history); it is only hidden.
    removed_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(default=1)

    claim: Mapped[Claim] = relationship(back_populates="sources")
    added_by: Mapped[User | None] = relationship()
    # One-to-one and small: joined so that a page of sources never loads it row by row.
    archive: Mapped[SourceArchive | None] = relationship(
        back_populates="source", lazy="joined", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}


class SourceArchive(db.Model):
    """Where archiving a source stands: a row of its own, so that the background job never
    bumps the source's version under a reviewer who is editing it. Each attempt's outcome is
    also an audit event ("source.archive"); the text itself is the source's snapshot."""

    __tablename__ = "source_archives"

    source_id: Mapped[int] = mapped_column(
        sa.ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True
    )
    status: Mapped[ArchiveStatus] = mapped_column(
        enum_column(ArchiveStatus, "archive_status"), default=ArchiveStatus.PENDING
    )
    # An app/ingest error code (timeout, http_error...), shown in words; the detail is technical.
    error_code: Mapped[str | None] = mapped_column(sa.String(40))
    error_detail: Mapped[str | None] = mapped_column(sa.String(300))
    content_type: Mapped[str | None] = mapped_column(sa.String(100))
    job_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("jobs.id", ondelete="SET NULL"), index=True
    )
    attempts: Mapped[int] = mapped_column(default=1)
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]

    source: Mapped[Source] = relationship(back_populates="archive")
    job: Mapped[Job | None] = relationship()
