"""The evidence ledger: sources by URL (fetched and archived) or by hand; edits and removal."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from app.database import utcnow
from app.ingest.errors import IngestError
from app.ingest.fetch import Fetcher
from app.ingest.html import extract_page
from app.ingest.text import normalize_body, parse_published
from app.models import ClaimStatus, Role, Source, SourceType, Stance
from app.services import audit, ingest, workflow
from app.services.actors import Actor
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
    "removed_at",
    "version",
)
CLOSED = (ClaimStatus.DISMISSED, ClaimStatus.MERGED)


@dataclass(frozen=True)
class SourceInput:
    """A source as a reviewer gives it; with a URL, what is left empty is read from the page."""

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


def _published(value: str | None) -> date | None:
    try:
        return parse_published(value)
    except IngestError as error:
        raise ingest.IngestRefused(error) from None


def add_source(
    session: Session, actor: Actor, claim_id: int, given: SourceInput, fetch: Fetcher | None = None
) -> Source:
    """Attach a source to a claim; a URL is fetched through the SSRF guard and archived."""
    require_role(actor, Role.CHECKER)
    claim = workflow.get_claim(session, claim_id)
    if claim.status in CLOSED:
        raise Conflict(_l("A dismissed or merged claim takes no sources."))
    stance = _choice(Stance, given.stance, "stance")
    source_type = _choice(SourceType, given.source_type, "source_type")
    if not given.url and not given.title.strip():
        raise InvalidInput(_l("A source without a web address needs a title."), field="title")
    source = Source(
        claim_id=claim.id,
        stance=stance,
        source_type=source_type,
        excerpt=given.excerpt.strip(),
        note=given.note.strip(),
        added_by_id=actor.id,
    )
    title, publisher, published = given.title.strip(), given.publisher, given.published
    if given.url:
        page = _archive(source, given.url, fetch)
        title, publisher = title or page.title, publisher or page.site_name
        published = published or page.published
    source.title, source.publisher = title[:500], (publisher or None)
    source.published_on = _published(published)
    session.add(source)
    session.flush()
    session.refresh(claim, ["sources"])
    audit.record(session, actor, "source.add", source, after=audit.snapshot(source, SOURCE_FIELDS))
    workflow.start_research(session, actor, claim)
    return source


def _archive(source: Source, url: str, fetch: Fetcher | None):
    """Fetch the page, keep its main text as the snapshot with its SHA-256 and the time."""
    try:
        fetched = (fetch or ingest.fetcher()).fetch(url)
        page = extract_page(fetched.text, fetched.url)
    except IngestError as error:
        raise ingest.IngestRefused(error) from None
    source.url = url
    source.snapshot_text = normalize_body(page.text)
    source.snapshot_sha256 = hashlib.sha256(source.snapshot_text.encode("utf-8")).hexdigest()
    source.accessed_at = utcnow()
    return page


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
    audit.record(
        session, actor, "source.edit", source, before, audit.snapshot(source, SOURCE_FIELDS)
    )
    return source


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
    return source


def active_sources(claim) -> list[Source]:
    """Return the claim's sources that have not been removed."""
    return [s for s in claim.sources if s.removed_at is None]


__all__ = ["SourceInput", "active_sources", "add_source", "edit_source", "remove_source"]
