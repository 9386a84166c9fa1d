"""The evidence ledger: sources by URL, by file or by hand; edits and removal.

A source is stored at once with what the checker typed; its page or PDF is archived by a
background job (`services/archiving`), so a page that cannot be fetched never refuses a source.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from app.database import utcnow
from app.ingest.errors import IngestError
from app.ingest.text import fetchable_address, parse_published
from app.models import ClaimStatus, Role, Source, SourceType, Stance
from app.services import approval, audit, ingest, workflow
from app.services.actors import Actor
from app.services.archiving import archive, files
from app.services.errors import Conflict, InvalidInput, NotFound
from app.services.permissions import require_role

SOURCE_FIELDS = (
    "url",
    "title",
    "publisher",
    "published_on",
    "excerpt",
    "stance",
    "source_type",
    "note",
    "snapshot_sha256",
    "file_sha256",
    "file_name",
    "removed_at",
    "version",
)
CLOSED = (ClaimStatus.DISMISSED, ClaimStatus.MERGED)


@dataclass(frozen=True)
class SourceInput:
    """A source as a reviewer gives it; with a URL, what is left empty is read from the page
    when it is archived."""

    url: str | None = None
    title: str = ""
    publisher: str | None = None
    published: str | None = None
    excerpt: str = ""
    stance: str = Stance.CONTEXT.value
    source_type: str = SourceType.SECONDARY.value
    note: str = ""


def _choice(enum_class, value: str, field: str):
    try:
        return enum_class(value)
    except ValueError:
        raise InvalidInput(_l("Unknown value: %(value)s", value=value), field=field) from None


# A date is a few words; the web form allows 60 characters, and so does every other edge.
MAX_PUBLISHED = 60


def _published(value: str | None) -> date | None:
    if value is not None and len(value) > MAX_PUBLISHED:
        raise ingest.IngestRefused(IngestError("bad_date", value[:MAX_PUBLISHED]))
    try:
        return parse_published(value)
    except IngestError as error:
        raise ingest.IngestRefused(error) from None


def _checked_url(url: str | None) -> str | None:
    """Return a web address worth archiving, or refuse one that is not http(s)."""
    url = (url or "").strip()
    if not url:
        return None
    try:
        fetchable_address(url)
    except IngestError as error:  # refused now rather than by the archive job later
        raise InvalidInput(ingest.MESSAGES[error.code], field="url") from None
    if len(url) > 2048:
        raise InvalidInput(ingest.MESSAGES["bad_url"], field="url")
    return url


def add_source(
    session: Session,
    actor: Actor,
    claim_id: int,
    given: SourceInput,
    upload: files.Upload | None = None,
) -> Source:
    """Attach a source to a claim at once; its page or PDF is archived by a queued job.

    The edge starts the job with `archiving.archive.start(source)` after committing.
    """
    require_role(actor, Role.CHECKER)
    claim = workflow.get_claim(session, claim_id)
    if claim.status in CLOSED:
        raise Conflict(_l("A dismissed or merged claim takes no sources."))
    url = _checked_url(given.url)
    if not (url or given.title.strip() or upload):
        raise InvalidInput(_l("A source without a web address or a file needs a title."), "title")
    source = Source(
        claim_id=claim.id,
        url=url,
        title=given.title.strip(),
        publisher=(given.publisher or "").strip() or None,
        published_on=_published(given.published),
        stance=_choice(Stance, given.stance, "stance"),
        source_type=_choice(SourceType, given.source_type, "source_type"),
        excerpt=given.excerpt.strip(),
        note=given.note.strip(),
        added_by_id=actor.id,
    )
    if upload is not None:
        _attach(source, files.store(upload))
    session.add(source)
    session.flush()
    session.refresh(claim, ["sources"])
    audit.record(session, actor, "source.add", source, after=audit.snapshot(source, SOURCE_FIELDS))
    archive.request(session, actor, source)
    workflow.start_research(session, actor, claim)
    approval.review_again(session, actor, claim, "source.add")
    return source


def _attach(source: Source, stored: files.StoredFile) -> None:
    source.file_sha256, source.file_type = stored.sha256, stored.media_type
    source.file_size, source.file_name = stored.size, stored.name


def _source(session: Session, source_id: int) -> Source:
    source = session.get(Source, source_id)
    if source is None or source.removed_at is not None:
        raise NotFound(_l("No such source."))
    return source


def edit_source(
    session: Session, actor: Actor, source_id: int, given: SourceInput, version: int | None = None
) -> Source:
    """Change a source's description (the archived snapshot stays as it was)."""
    require_role(actor, Role.CHECKER)
    source = _source(session, source_id)
    workflow.check_version(source, version)
    before = audit.snapshot(source, SOURCE_FIELDS)
    source.title = given.title.strip() or source.title
    source.publisher = given.publisher or None
    source.published_on = _published(given.published)
    source.excerpt, source.note = given.excerpt.strip(), given.note.strip()
    source.stance = _choice(Stance, given.stance, "stance")
    source.source_type = _choice(SourceType, given.source_type, "source_type")
    session.flush()
    after = audit.snapshot(source, SOURCE_FIELDS)
    audit.record(session, actor, "source.edit", source, before, after)
    if _described_differently(before, after):
        approval.review_again(session, actor, source.claim, "source.edit")
    return source


def _described_differently(before: dict, after: dict) -> bool:
    return any(before[name] != after[name] for name in SOURCE_FIELDS if name != "version")


def remove_source(
    session: Session, actor: Actor, source_id: int, version: int | None = None
) -> Source:
    """Hide a source from the claim; it stays in the history."""
    require_role(actor, Role.CHECKER)
    source = _source(session, source_id)
    workflow.check_version(source, version)
    if source.claim.status == ClaimStatus.PUBLISHED:
        require_role(actor, Role.EDITOR)  # the published verdict cites it
    before = audit.snapshot(source, SOURCE_FIELDS)
    source.removed_at = utcnow()
    session.flush()
    audit.record(
        session, actor, "source.remove", source, before, audit.snapshot(source, SOURCE_FIELDS)
    )
    approval.review_again(session, actor, source.claim, "source.remove")
    return source


def active_sources(claim) -> list[Source]:
    """Return the claim's sources that have not been removed."""
    return [s for s in claim.sources if s.removed_at is None]


def file_of(session: Session, actor: Actor, source_id: int) -> tuple[Source, bytes]:
    """Return a source's uploaded file for staff (viewers of public pages never reach it)."""
    require_role(actor, Role.VIEWER)
    source = _source(session, source_id)
    data = files.read(source.file_sha256) if source.file_sha256 else None
    if data is None:
        raise NotFound(_l("This source has no file."))
    return source, data


__all__ = [
    "SourceInput",
    "active_sources",
    "add_source",
    "edit_source",
    "file_of",
    "remove_source",
]
