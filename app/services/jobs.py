"""Jobs: create, follow and finish background work."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session, selectinload

from app import jobs as runner
from app.database import utcnow
from app.models import Job, JobStatus, Role
from app.services import audit
from app.services.actors import Actor
from app.services.errors import Conflict, DomainError, NotAllowed, NotFound
from app.services.permissions import require_role

MAX_FAILURES_KEPT = 500
# The kinds a person may retry (after a failure) or resume (after an interruption), and the
# function that runs each: an import skips the lines it had committed (docs/operations.md), a
# report is built again.
RESUMABLE = {
    "import": "app.services.bulk:run_job",
    "report": "app.services.reports:run_period_job",
}
# Errors that say nothing about the job itself (the database or the network went away): the
# attempt is tried again after a backoff, up to SATJA_JOB_RETRIES times.
TRANSIENT = (sa.exc.OperationalError, sa.exc.InterfaceError, OSError)
# Where a job of a RESUMABLE kind may be tried again, and where cancelled.
RETRYABLE = (JobStatus.FAILED, JobStatus.INTERRUPTED)
CANCELLABLE = (JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.INTERRUPTED, JobStatus.FAILED)
log = logging.getLogger(__name__)


class JobStopped(Exception):
    """Raised inside a job's work to stop it: cancelled, or taken over by another run."""

    def __init__(self, cancelled: bool) -> None:
        super().__init__("cancelled" if cancelled else "superseded")
        self.cancelled = cancelled


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


JOBS_LISTED = 100


def list_jobs(session: Session, actor: Actor) -> list[Job]:
    """Return the most recent jobs (JOBS_LISTED): the actor's own, or everyone's for an editor."""
    require_role(actor, Role.VIEWER)
    query = sa.select(Job).order_by(Job.created_at.desc(), Job.id.desc()).limit(JOBS_LISTED)
    if not actor.role.includes(Role.EDITOR):
        query = query.where(Job.created_by_id == actor.id)
    return list(session.scalars(query.options(selectinload(Job.created_by))))


def mark_stale(session: Session, job_ids: list[int], stale_after: float) -> None:
    """Mark interrupted those of the jobs whose runner stopped answering (checked again, read
    afresh: a runner may have beaten us to it)."""
    for job in session.scalars(sa.select(Job).where(Job.id.in_(job_ids))):
        if is_stale(job, stale_after):
            mark_interrupted(session, job)


def can_retry(job: Job) -> bool:
    """Say whether a person may try the job again (Retry or Resume)."""
    return job.kind in RESUMABLE and job.status in RETRYABLE and job.payload is not None


def can_cancel(job: Job) -> bool:
    """Say whether a person may cancel the job."""
    return job.kind in RESUMABLE and not job.cancel_requested and job.status in CANCELLABLE


def start(job: Job, total: int) -> None:
    """Mark a job running with `total` items to do (this run's start is its `started_at`)."""
    now = utcnow()
    job.status, job.total, job.started_at, job.heartbeat_at = JobStatus.RUNNING, total, now, now


def checkpoint(job: Job, started_at: datetime | None) -> None:
    """Stop the run (raise JobStopped) if a person cancelled the job, or if it is no longer this
    run's (marked interrupted and resumed by another); call it after each commit."""
    if job.cancel_requested:
        raise JobStopped(cancelled=True)
    if job.status != JobStatus.RUNNING or job.started_at != started_at:
        raise JobStopped(cancelled=False)


def progress(
    job: Job, processed: int, counts: dict[str, int], failures: list[dict[str, object]]
) -> None:
    """Record how far a job is, and that its runner is alive."""
    job.heartbeat_at = utcnow()
    job.processed = processed
    job.counts = dict(counts)
    job.failures = {"lines": failures[:MAX_FAILURES_KEPT], "more": max(0, len(failures) - 500)}


def finish(job: Job, error: str | None = None, status: JobStatus | None = None) -> None:
    """Mark a job finished (or failed with `error`, or `status`); drop its input unless it
    failed (a person may retry it)."""
    job.status = status or (JobStatus.FAILED if error else JobStatus.FINISHED)
    job.error, job.finished_at = error, utcnow()
    if job.status != JobStatus.FAILED:
        job.payload = None


def is_stale(job: Job, stale_after: float, now: datetime | None = None) -> bool:
    """Say whether a running job's runner has stopped answering (no heartbeat for too long)."""
    if job.status != JobStatus.RUNNING:
        return False
    last = job.heartbeat_at or job.started_at or job.created_at
    return last < (now or utcnow()) - timedelta(seconds=stale_after)


def mark_interrupted(session: Session, job: Job) -> None:
    """Record that a running job's runner is gone, so a person can resume or cancel it."""
    job.status = JobStatus.INTERRUPTED
    session.flush()
    audit.record(session, None, "job.interrupted", job, after={"processed": job.processed})


def cancel(session: Session, actor: Actor, job_id: int) -> Job:
    """Cancel a job: a waiting, interrupted or failed one at once, a running one at its next
    step."""
    require_role(actor, Role.VIEWER)
    job = get_job(session, actor, job_id)
    if job.kind not in RESUMABLE:
        raise Conflict(_l("This kind of job cannot be cancelled."))
    if job.status == JobStatus.RUNNING:
        job.cancel_requested = True
    elif job.status in CANCELLABLE:
        finish(job, status=JobStatus.CANCELLED)
    else:
        raise Conflict(_l("This job has ended already."))
    session.flush()
    audit.record(session, actor, "job.cancel", job, after={"status": job.status.value})
    return job


def resume(session: Session, actor: Actor, job_id: int) -> tuple[Job, str]:
    """Queue an interrupted or failed job again (Resume, Retry); return it and the function
    the edge should enqueue."""
    require_role(actor, Role.VIEWER)
    job = get_job(session, actor, job_id)
    if job.kind not in RESUMABLE or job.status not in RETRYABLE:
        raise Conflict(_l("Only an interrupted or failed job can be tried again."))
    if job.payload is None:
        raise Conflict(_l("This job's input is no longer kept: start it again."))
    action = "job.retry" if job.status == JobStatus.FAILED else "job.resume"
    job.status, job.cancel_requested, job.error, job.attempts = JobStatus.QUEUED, False, None, 0
    job.finished_at = None
    session.flush()
    audit.record(session, actor, action, job, after={"processed": job.processed})
    return job, RESUMABLE[job.kind]


def run(session: Session, job_id: int, work: Callable[[Job], None]) -> None:
    """Do a queued job's work and end it: finished, or failed with a reason its page can show.

    Called by each job's runner function. A refusal (DomainError) is shown as it is; anything
    else is logged with its trace and shown by its kind, so the page stops waiting whatever
    happens. `work` records progress and commits between long steps.
    """
    job = session.get(Job, job_id)
    # A retry takes over the job its failed or killed attempt left running (or interrupted).
    takeover = runner.retrying() and job is not None and not job.cancel_requested
    takeover = takeover and job.status in (JobStatus.RUNNING, JobStatus.INTERRUPTED)
    if job is None or not (job.status == JobStatus.QUEUED or takeover):
        return  # cancelled while it waited, or already run
    kind = job.kind
    job.attempts += 1
    session.commit()  # counted even if this attempt dies, so retries stay bounded
    try:
        work(job)
        finish(job)
    except JobStopped as stop:
        session.rollback()
        if stop.cancelled:
            finish(session.get(Job, job_id), status=JobStatus.CANCELLED)
    except TRANSIENT as error:
        session.rollback()
        job = session.get(Job, job_id)
        reason = f"{type(error).__name__}: {str(error).splitlines()[0][:200] if str(error) else ''}"
        if job.attempts <= len(current_app.config["SATJA_JOB_RETRIES"]):
            log.warning("%s job %s attempt %d failed (%s)", kind, job_id, job.attempts, reason)
            job.status = JobStatus.QUEUED
            job.error = str(
                _l(
                    "Attempt %(n)d could not finish (%(error)s); it is tried again shortly.",
                    n=job.attempts,
                    error=type(error).__name__,
                )
            )
            session.commit()
            raise runner.RetryLater(reason) from error
        log.exception("%s job %s failed after %d attempts", kind, job_id, job.attempts)
        finish(job, _failed_reason(error))
    except Exception as error:
        if isinstance(error, DomainError):
            reason = str(error.message)
        else:
            log.exception("%s job %s failed", kind, job_id)
            reason = _failed_reason(error)
        session.rollback()
        finish(session.get(Job, job_id), reason)
    session.commit()


def _failed_reason(error: Exception) -> str:
    return str(
        _l(
            "The job could not finish (%(error)s); the server log has the details.",
            error=type(error).__name__,
        )
    )
