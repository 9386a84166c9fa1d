"""Jobs: create, follow and finish background work."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from app.database import utcnow
from app.models import Job, JobStatus, Role
from app.services import audit
from app.services.actors import Actor
from app.services.errors import NotAllowed, NotFound
from app.services.permissions import require_role

MAX_FAILURES_KEPT = 500


def create_job(
    session: Session,
    actor: Actor,
    kind: str,
    label: str,
    payload: str,
    minimum: Role = Role.CHECKER,
) -> Job:
    """Record a queued job started by actor (who needs at least the role `minimum`)."""
    require_role(actor, minimum)
    job = Job(
        kind=kind,
        label=label[:300],
        payload=payload,
        created_by_id=actor.id,
        counts={},
        failures={"lines": []},
    )
    session.add(job)
    session.flush()
    audit.record(session, actor, "job.create", job, after={"kind": kind, "label": job.label})
    return job


def get_job(session: Session, actor: Actor, job_id: int) -> Job:
    """Return a job its starter (or an editor) may follow."""
    require_role(actor, Role.VIEWER)
    job = session.get(Job, job_id)
    if job is None:
        raise NotFound(_l("No such job."))
    if job.created_by_id != actor.id and not actor.role.includes(Role.EDITOR):
        raise NotAllowed(_l("This job was started by someone else."))
    return job


def start(job: Job, total: int) -> None:
    """Mark a job running with `total` items to do."""
    job.status, job.total, job.started_at = JobStatus.RUNNING, total, utcnow()


def progress(
    job: Job, processed: int, counts: dict[str, int], failures: list[dict[str, object]]
) -> None:
    """Record how far a job is."""
    job.processed = processed
    job.counts = dict(counts)
    job.failures = {"lines": failures[:MAX_FAILURES_KEPT], "more": max(0, len(failures) - 500)}


def finish(job: Job, error: str | None = None) -> None:
    """Mark a job finished (or failed with `error`) and drop its input."""
    job.status = JobStatus.FAILED if error else JobStatus.FINISHED
    job.error, job.payload, job.finished_at = error, None, utcnow()
