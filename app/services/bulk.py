"""Bulk import: many articles from a JSON Lines or CSV file, each in its own savepoint."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.extensions import db
from app.ingest.bulk import Record, records_from_text
from app.ingest.errors import IngestError
from app.ingest.fetch import Fetcher
from app.ingest.text import decode_text
from app.models import Job
from app.services import ingest, jobs
from app.services.actors import SYSTEM, Actor
from app.services.errors import DomainError

COMMIT_EVERY = 25
# Commit (and so beat the job's heartbeat) at least this often, however slow the lines are. On
# SQLite a batch holds the one write lock: the desk's writes wait at most about this long.
COMMIT_SECONDS = 1.0
DEADLOCK = "40P01"  # PostgreSQL's SQLSTATE for a deadlock it broke
JOB_TARGET = "app.services.bulk:run_job"
Progress = Callable[[int, Counter, list[dict[str, object]]], None]


@dataclass
class ImportReport:
    """What an import did: counts and, per failed line, why."""

    counts: Counter = field(default_factory=Counter)
    failures: list[dict[str, object]] = field(default_factory=list)

    @property
    def processed(self) -> int:
        return sum(self.counts.values())


def parse(filename: str, data: bytes) -> list[Record]:
    """Read a bulk file, or raise IngestRefused when it is not one."""
    return parse_text(filename, decode(data))


def decode(data: bytes) -> str:
    """Return a bulk file's text, decoded the one way every edge decodes it.

    UTF-8 (with or without BOM), else the Thai legacy TIS-620/Windows-874; refused otherwise
    rather than stored with replacement characters.
    """
    try:
        return decode_text(data)
    except IngestError as error:
        raise ingest.IngestRefused(error) from None


def parse_text(filename: str, text: str) -> list[Record]:
    """Read a decoded bulk file, or raise IngestRefused when it is not one."""
    try:
        return records_from_text(filename, text)
    except IngestError as error:
        raise ingest.IngestRefused(error) from None


def _submission(record: Record) -> ingest.Submission:
    fields = record.fields
    return ingest.Submission(
        text=fields.get("text"),
        html=fields.get("html"),
        url=fields.get("url"),
        title=fields.get("title"),
        outlet=fields.get("outlet"),
        author=fields.get("author"),
        published=fields.get("published"),
        language=fields.get("language"),
    )


def import_records(
    session: Session,
    actor: Actor,
    records: list[Record],
    progress: Progress | None = None,
    fetch: Fetcher | None = None,
    resume: ResumePoint | None = None,
) -> ImportReport:
    """Ingest each record in its own savepoint, committing in batches; report per line.

    `progress` is called just before each commit, so what it records lands with the lines it
    counts; `resume` skips the lines an interrupted run had committed and calls its checkpoint
    after each commit."""
    resume = resume or ResumePoint()
    report = resume.report
    last_commit = time.monotonic()
    for index in range(resume.done + 1, len(records) + 1):

        def release(done: int = index - 1) -> None:
            # Before a fetch: commit the lines done so far with the progress that counts them,
            # so a run killed during the fetch resumes after them, not before.
            if progress:
                progress(done, report.counts, report.failures)
            session.commit()

        _import_line(session, actor, records[index - 1], report, fetch, release)
        batch_full = index % COMMIT_EVERY == 0 or index == len(records)
        if batch_full or time.monotonic() - last_commit >= COMMIT_SECONDS:
            if progress:
                progress(index, report.counts, report.failures)
            session.commit()
            last_commit = time.monotonic()
            if resume.checkpoint:
                resume.checkpoint()
    return report


@dataclass
class ResumePoint:
    """Where an import starts: lines already done, their report, a check after each commit."""

    done: int = 0
    report: ImportReport = field(default_factory=ImportReport)
    checkpoint: Callable[[], None] | None = None


def _import_line(
    session: Session,
    actor: Actor,
    record: Record,
    report: ImportReport,
    fetch: Fetcher | None,
    release: Callable[[], None],
) -> None:
    if record.error:
        report.counts["failed"] += 1
        report.failures.append({"line": record.line, "code": record.error, "detail": record.detail})
    else:
        _import_one(session, actor, record, report, fetch, release)


def _import_one(
    session: Session,
    actor: Actor,
    record: Record,
    report: ImportReport,
    fetch: Fetcher | None,
    release: Callable[[], None],
) -> None:
    try:
        # The job is its own edge: what it holds is committed before a fetch, so no
        # transaction (on SQLite the write lock) stays open while the site answers.
        submission = ingest.fetched(actor, _submission(record), fetch, release=release)
    except DomainError as error:
        report.counts["failed"] += 1
        detail = getattr(error, "detail", "")
        report.failures.append({"line": record.line, "code": error.code, "detail": detail})
        return
    for attempt in range(2):
        savepoint = session.begin_nested()
        try:
            _, created = ingest.ingest(session, actor, submission, fetch)
        except DomainError as error:
            savepoint.rollback()
            report.counts["failed"] += 1
            report.failures.append(
                {"line": record.line, "code": error.code, "detail": getattr(error, "detail", "")}
            )
            return
        except OperationalError as error:
            savepoint.rollback()
            if attempt or getattr(error.orig, "sqlstate", None) != DEADLOCK:
                raise
            # Two imports waited on each other's new claims (PostgreSQL chose us): commit what
            # we hold, so the other goes on, and try the line again.
            session.commit()
            continue
        savepoint.commit()
        report.counts["created" if created else "duplicates"] += 1
        return


def run_job(job_id: int) -> None:
    """Run the bulk-import job `job_id` (called by the job runner)."""
    session = db.session

    def work(job: Job) -> None:
        records = parse_text(job.label, job.payload or "")
        # A resumed run carries on after the lines the interrupted one had committed.
        done = min(job.processed, len(records))
        report = ImportReport(Counter(job.counts), list(job.failures.get("lines", [])))
        jobs.start(job, len(records))
        session.commit()
        started_at = job.started_at

        def progress(processed: int, counts: Counter, failures: list) -> None:
            jobs.progress(job, processed, counts, failures)

        resume = ResumePoint(done, report, lambda: jobs.checkpoint(job, started_at))
        import_records(session, job.created_by or SYSTEM, records, progress, resume=resume)

    jobs.run(session, job_id, work)
