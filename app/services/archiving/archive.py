"""Archive a source in the background: request it, run the job, retry it, and say where it is."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from app.database import utcnow
from app.extensions import db
from app.ingest.errors import IngestError
from app.ingest.fetch import Fetcher
from app.ingest.files import pdf_text
from app.ingest.html import Page, extract_page
from app.ingest.text import normalize_body, parse_published
from app.ingest.uploads import PDF
from app.jobs import enqueue
from app.models import ArchiveStatus, Job, Role, Source, SourceArchive
from app.search import index
from app.services import audit, ingest, jobs
from app.services.actors import SYSTEM, Actor
from app.services.archiving import files
from app.services.archiving.reasons import failure_reason
from app.services.errors import Conflict, NotFound
from app.services.permissions import require_role

JOB_KIND = "source_archive"
JOB_TARGET = "app.services.archiving.archive:run_job"
# A job still pending after this long was lost (a restart emptied the in-process queue).
STALE_AFTER = timedelta(minutes=15)
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ArchiveState:
    """What the claim page and the API say of a source's archive."""

    status: str
    error: str | None = None
    sha256: str | None = None
    archived_at: datetime | None = None
    can_retry: bool = False
    attempts: int = 0
    tried_at: datetime | None = None  # when the last attempt ended

    def as_json(self) -> dict:
        """Return the API's `archive` object (only the keys that apply)."""
        data: dict[str, object] = {"status": self.status}
        if self.error:
            data["error"] = self.error
        if self.sha256:
            data["sha256"] = self.sha256
        if self.archived_at:
            data["archived_at"] = self.archived_at.isoformat()
        return data


def archivable(source: Source) -> bool:
    """Say whether a source has something to archive: a web address or a PDF."""
    return bool(source.url) or source.file_type == PDF


def _stale(archive: SourceArchive) -> bool:
    return utcnow() - archive.requested_at > STALE_AFTER


def state(source: Source) -> ArchiveState:
    """Return where the source's archive stands ("none" when there is nothing to archive)."""
    archive = source.archive
    if archive is None:
        if source.snapshot_sha256:
            return ArchiveState("archived", sha256=source.snapshot_sha256)
        return ArchiveState("none")
    if archive.status == ArchiveStatus.FAILED:
        reason = str(failure_reason(archive.error_code, archive.error_detail))
        return ArchiveState(
            "failed",
            error=reason,
            can_retry=True,
            attempts=archive.attempts,
            tried_at=archive.finished_at,
        )
    if archive.status == ArchiveStatus.PENDING:
        return ArchiveState("pending", can_retry=_stale(archive))
    return ArchiveState("archived", sha256=source.snapshot_sha256, archived_at=source.accessed_at)


def request(session: Session, actor: Actor, source: Source) -> SourceArchive | None:
    """Queue archiving of a new or failed source (start the job with `start` after commit)."""
    if not archivable(source):
        return None
    label = source.url or source.file_name or f"source {source.id}"
    job = jobs.create_job(session, actor, JOB_KIND, label, str(source.id))
    archive = source.archive
    if archive is None:
        archive = SourceArchive(source=source, attempts=0)
        session.add(archive)
    archive.status, archive.job_id = ArchiveStatus.PENDING, job.id
    archive.error_code = archive.error_detail = archive.finished_at = None
    archive.requested_at, archive.attempts = utcnow(), archive.attempts + 1
    session.flush()
    return archive


def retry(session: Session, actor: Actor, source_id: int) -> Source:
    """Queue archiving again after a failure (or a job lost while pending)."""
    require_role(actor, Role.CHECKER)
    source = session.get(Source, source_id)
    if source is None or source.removed_at is not None:
        raise NotFound(_l("No such source."))
    current = state(source)
    if current.status == "none":
        raise Conflict(_l("This source has no web address or PDF to archive."))
    if current.status == "archived":
        raise Conflict(_l("This source is archived; the snapshot is kept as it was seen."))
    if not current.can_retry:
        raise Conflict(_l("This source is being archived; wait for the result."))
    request(session, actor, source)
    audit.record(
        session, actor, "source.archive_retry", source, after={"title": source.title or source.url}
    )
    return source


def start(source: Source) -> None:
    """Start the source's pending archive job (call after the commit that queued it)."""
    archive = source.archive
    if archive is not None and archive.status == ArchiveStatus.PENDING and archive.job_id:
        enqueue(JOB_TARGET, archive.job_id)


@dataclass(frozen=True)
class Target:
    """What the job reads: the source's address or its stored PDF."""

    url: str | None
    file_type: str | None
    file_sha256: str | None

    @classmethod
    def of(cls, source: Source) -> Target:
        return cls(source.url, source.file_type, source.file_sha256)


@dataclass(frozen=True)
class Outcome:
    """What reading a source gave: its page and type, or the error."""

    page: Page | None = None
    content_type: str = ""
    error: IngestError | None = None


def run_job(job_id: int) -> None:
    """Archive the source of job `job_id` (called by the job runner)."""
    session = db.session

    def work(job: Job) -> None:
        jobs.start(job, 1)
        archive = session.scalar(sa.select(SourceArchive).where(SourceArchive.job_id == job.id))
        if archive is None or archive.status != ArchiveStatus.PENDING:
            return
        target, source_id = Target.of(archive.source), archive.source_id
        # No transaction stays open while the page is fetched (SQLite's BEGIN IMMEDIATE would
        # hold the write lock, PostgreSQL the rows' locks, for as long as the site takes).
        session.commit()
        outcome = read(target)
        archive = session.get(SourceArchive, source_id)
        if archive is None or archive.job_id != job.id:
            return  # the claim was deleted meanwhile, or a newer attempt owns the archive
        # The person asked for the archive (source.add, source.archive_retry); the result is
        # the system's, as the history says.
        record(session, archive, SYSTEM, outcome)
        ok = archive.status == ArchiveStatus.ARCHIVED
        jobs.progress(job, 1, {"archived" if ok else "failed": 1}, [])

    jobs.run(session, job_id, work)
    _settle(session, job_id)


def _settle(session: Session, job_id: int) -> None:
    """Fail an archive whose job ended without recording it (it crashed), so it can be retried."""
    archive = session.scalar(sa.select(SourceArchive).where(SourceArchive.job_id == job_id))
    if archive is not None and archive.status == ArchiveStatus.PENDING:
        archive.status, archive.error_code = ArchiveStatus.FAILED, "crashed"
        archive.finished_at = utcnow()
        session.commit()


def read(target: Target, fetch: Fetcher | None = None) -> Outcome:
    """Fetch the page (or read the PDF) and return its text, or the reason it cannot be."""
    try:
        page, content_type = _read(target, fetch)
        text = normalize_body(page.text)[: current_app.config["SATJA_ARCHIVE_MAX_CHARS"]]
        if not text:
            raise IngestError("no_text")
    except IngestError as error:
        return Outcome(error=error)
    return Outcome(dataclasses.replace(page, text=text), content_type)


def record(session: Session, archive: SourceArchive, actor: Actor, outcome: Outcome) -> None:
    """Keep what was read as the source's snapshot, or the failure; audit either."""
    source, error = archive.source, outcome.error
    archive.finished_at = utcnow()
    if error is not None or outcome.page is None:
        code = error.code if error else "no_text"
        archive.status, archive.error_code = ArchiveStatus.FAILED, code
        archive.error_detail = (error.detail if error else "")[:300]
        after = {"title": source.title or source.url, "status": "failed", "error": code}
        audit.record(session, actor, "source.archive_failed", source, after=after)
        return
    archive.status, archive.content_type = ArchiveStatus.ARCHIVED, outcome.content_type[:100]
    title = source.title or outcome.page.title or source.url
    sha256 = _keep_snapshot(session, source, outcome.page)
    audit.record(
        session, actor, "source.archive", source, after={"title": title, "snapshot_sha256": sha256}
    )


def _read(target: Target, fetch: Fetcher | None) -> tuple[Page, str]:
    """Return the text of the source's PDF file, else of its page; and the type read."""
    config = current_app.config
    limits = config["SATJA_ARCHIVE_PDF_PAGES"], config["SATJA_ARCHIVE_MAX_CHARS"]
    if target.file_type == PDF and target.file_sha256:
        data = files.read(target.file_sha256)
        if data is None:
            raise IngestError("missing_file", target.file_sha256)
        return Page(text=pdf_text(data, *limits)), PDF
    fetcher = fetch or ingest.fetcher()
    # A government report as a PDF may be as large as the file a checker could upload.
    largest = max(fetcher.max_bytes, config["SATJA_SOURCE_FILE_MAX_BYTES"])
    fetcher = dataclasses.replace(fetcher, accept_pdf=True, max_bytes=largest)
    fetched = fetcher.fetch(target.url or "")
    if fetched.is_pdf:
        return Page(text=pdf_text(fetched.content, *limits), url=fetched.url), PDF
    if fetched.content_type.startswith("text/plain"):
        return Page(text=fetched.text, url=fetched.url), fetched.content_type
    return extract_page(fetched.text, fetched.url), fetched.content_type


def _published(value: str | None):
    try:
        return parse_published(value)
    except IngestError:
        return None  # a page's odd date is no reason to lose its text


def _keep_snapshot(session: Session, source: Source, page: Page) -> str:
    """Write the snapshot, and fill title, publisher and date only where they are still empty.

    A Core UPDATE, so the source's version stays: a reviewer editing it meanwhile is not told
    their edit is stale, and what they typed is never overwritten (the filling is in SQL).
    """
    table, claim_id = Source.__table__, source.claim_id
    sha256 = hashlib.sha256(page.text.encode("utf-8")).hexdigest()
    values: dict[str, object] = {
        "snapshot_text": page.text,
        "snapshot_sha256": sha256,
        "accessed_at": utcnow(),
    }
    if page.title:
        values["title"] = sa.case((table.c.title == "", page.title[:500]), else_=table.c.title)
    if page.site_name:
        values["publisher"] = sa.func.coalesce(table.c.publisher, page.site_name[:200])
    published = _published(page.published)
    if published:
        values["published_on"] = sa.func.coalesce(table.c.published_on, published)
    session.execute(table.update().where(table.c.id == source.id).values(**values))
    session.expire(source)
    index.mark_claims(session, [claim_id])
    return sha256
