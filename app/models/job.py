"""Background jobs (bulk imports now, exports later) and their progress."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import db, enum_column, utcnow

if TYPE_CHECKING:
    from app.models.user import User


class JobStatus(enum.StrEnum):
    """Where a job stands."""

    QUEUED = "queued"
    RUNNING = "running"
    FINISHED = "finished"
    FAILED = "failed"
    # Its runner stopped answering (the process was killed): it can be resumed or cancelled.
    INTERRUPTED = "interrupted"
    CANCELLED = "cancelled"


# A job in one of these states will not move again by itself.
ENDED = (JobStatus.FINISHED, JobStatus.FAILED, JobStatus.CANCELLED)


class Job(db.Model):
    """A piece of long work with its progress, counts and per-line failures."""

    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(40), index=True)
    status: Mapped[JobStatus] = mapped_column(
        enum_column(JobStatus, "job_status"), default=JobStatus.QUEUED
    )
    label: Mapped[str] = mapped_column(sa.String(300), default="")
    # The job's input (the uploaded file's text); cleared when the job ends.
    payload: Mapped[str | None] = mapped_column(sa.Text)
    total: Mapped[int] = mapped_column(default=0)
    processed: Mapped[int] = mapped_column(default=0)
    counts: Mapped[dict[str, Any]] = mapped_column(default=dict)
    failures: Mapped[dict[str, Any]] = mapped_column(default=dict)
    error: Mapped[str | None] = mapped_column(sa.Text)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    # Written whenever the runner commits progress; an old one means the runner is gone.
    heartbeat_at: Mapped[datetime | None]
    # Asked for by "Cancel"; the runner checks it between steps and stops.
    cancel_requested: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # How many times a runner has started it (a retry after a failure or a killed worker).
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")

    created_by: Mapped[User | None] = relationship()

    @property
    def percent(self) -> int:
        """Return the share of work done, 0 to 100."""
        if not self.total:
            return 100 if self.done else 0
        return min(100, round(100 * self.processed / self.total))

    @property
    def done(self) -> bool:
        """Say whether the job has stopped moving (ended, or interrupted: waiting for a person)."""
        return self.status in (*ENDED, JobStatus.INTERRUPTED)
