"""Jobs: create, follow and finish background work."""

from __future__ import annotations

import logging
from collections.abc import Callable

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from app.database import utcnow
from app.models import Job, JobStatus, Role
from app.services import audit
from app.services.actors import Actor
from app.services.errors import DomainError, NotAllowed, NotFound
from app.services.permissions import require_role

MAX_FAILURES_KEPT = 500
log = logging.getLogger(__name__)


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


def run(session: Session, job_id: int, work: Callable[[Job], None]) -> None:
    """Do a queued job's work and end it: finished, or failed with a reason its page can show.

    Called by each job's runner function. A refusal (DomainError) is shown as it is; anything
    else is logged with its trace and shown by its kind, so the page stops waiting whatever
    happens. `work` records progress and commits between long steps.
    """
    job = session.get(Job, job_id)
    if job is None or job.done:
        return
    kind = job.kind
    try:
        work(job)
        finish(job)
    except Exception as error:
        if isinstance(error, DomainError):
            reason = str(error.message)
        else:
            log.exception("%s job %s failed", kind, job_id)
            reason = str(
                _l(
                    "The job could not finish (%(error)s); the server log has the details.",
                    error=type(error).__name__,
                )
            )
        session.rollback()
        finish(session.get(Job, job_id), reason)
    session.commit()
