"""Known fact-checks: import other organisations' fact-checks, list and read them.

Every file is read by `app.factchecks` (ClaimReview JSON-LD in its many shapes, Google Fact
Check Tools results, the Anti-Fake News Center's CSV); what can be taken is stored once (keyed
by the review's URL, the claim's text and the publisher), what cannot is reported with its
reason, and nothing stops at the first bad item.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from app.factchecks import KnownFactCheck as ParsedItem
from app.factchecks import UnreadableFile, parse_file
from app.ingest.errors import IngestError
from app.ingest.text import canonical_url
from app.models import AuditEvent, KnownFactCheck, Role
from app.services.actors import Actor
from app.services.errors import NotFound
from app.services.permissions import require_role
from app.services.query import LIKE_ESCAPE, contains

# At most this many items are read from one file (the web upload reads fewer: it runs in the
# request, and a larger file is for `flask fact-checks import`).
MAX_ITEMS = 100_000
WEB_MAX_ITEMS = 5_000
URL_LENGTH = 2048
APPEARANCE_LENGTH = 8192
CHUNK = 500
# Failure codes of items the parser still returns (the item is imported, the value left out).
IMPORTED_ANYWAY = frozenset({"bad_url"})


def fact_check_key(url: str | None, claim_text: str, publisher: str) -> str:
    """Return the key the same fact-check is recognised by: URL, claim text and publisher."""
    normalised = ""
    if url:
        try:
            normalised = canonical_url(url)
        except (IngestError, ValueError):  # ValueError: a port that is no port
            normalised = url.strip()
    text = " ".join(unicodedata.normalize("NFC", claim_text).casefold().split())
    by = " ".join(unicodedata.normalize("NFC", publisher).casefold().split())
    return hashlib.sha256(f"{normalised}\n{text}\n{by}".encode()).hexdigest()


@dataclass
class ImportReport:
    """What an import did: how many were stored, already known, and what failed and why."""

    imported: int = 0
    duplicates: int = 0
    failed: list[dict] = field(default_factory=list)
    # Items imported with something left out (a review URL that is not a web address).
    notes: list[dict] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    formats: dict[str, str] = field(default_factory=dict)

    def json(self) -> dict:
        """Return the report as `flask fact-checks import --json` prints it."""
        return {"imported": self.imported, "duplicates": self.duplicates, "failed": self.failed}


def _web(url: str | None, longest: int = URL_LENGTH) -> str | None:
    """Return a web address Satja may link to and store: http or https, and short enough for
    its column (the review's 2048; where the claim appeared is kept in JSON, longer ones too)."""
    ok = url and url.lower().startswith(("http://", "https://")) and len(url) <= longest
    return url if ok else None


def _model(item: ParsedItem, key: str, source: str, actor: Actor) -> KnownFactCheck:
    return KnownFactCheck(
        key=key,
        claim_text=item.claim_text,
        publisher=item.publisher,
        url=_web(item.url),
        title=item.title,
        rating=item.rating,
        rating_value=item.rating_value,
        best_rating=item.best_rating,
        worst_rating=item.worst_rating,
        verdict=item.verdict,
        review_date=item.review_date,
        claim_date=item.claim_date,
        claimant=item.claimant,
        language=item.language,
        appearances=[u for u in item.appearances if _web(u, APPEARANCE_LENGTH)],
        checked_by=item.checked_by,
        finding=item.finding,
        source_format=item.source_format,
        imported_from=source[:300],
        imported_by_id=getattr(actor, "id", None),
    )


def _store(session: Session, actor: Actor, name: str, items: list[ParsedItem], report) -> int:
    """Store the items not known yet; return how many were stored."""
    keyed = {}
    for item in items:
        key = fact_check_key(item.url, item.claim_text, item.publisher)
        if key in keyed:
            report.duplicates += 1
        else:
            keyed[key] = item
    stored = 0
    keys = list(keyed)
    for start in range(0, len(keys), CHUNK):
        chunk = keys[start : start + CHUNK]
        known = set(
            session.scalars(sa.select(KnownFactCheck.key).where(KnownFactCheck.key.in_(chunk)))
        )
        report.duplicates += len(known)
        for key in chunk:
            if key not in known:
                session.add(_model(keyed[key], key, name, actor))
                stored += 1
        session.flush()
    return stored


def import_files(
    session: Session, actor: Actor, files: list[tuple[str, bytes]], max_items: int = MAX_ITEMS
) -> ImportReport:
    """Import known fact-checks from files (editor or above); one audit event per file."""
    require_role(actor, Role.EDITOR)
    report = ImportReport()
    for name, data in files:
        try:
            parsed = parse_file(name, data, max_items=max_items)
        except UnreadableFile as error:
            report.unreadable.append(name)
            report.failed.append(
                {"path": name, "item": None, "reason": f"{error.code}: {error.detail}"}
            )
            continue
        report.formats[name] = parsed.format
        for failure in parsed.failures:
            entry = {
                "path": name,
                "item": failure.item,
                "reason": f"{failure.code}: {failure.detail}",
            }
            # The item itself was taken, without its unusable URL.
            (report.notes if failure.code in IMPORTED_ANYWAY else report.failed).append(entry)
        stored = _store(session, actor, name, parsed.items, report)
        report.imported += stored
        session.add(
            AuditEvent(
                actor_id=getattr(actor, "id", None),
                action="fact_check.import",
                object_type=KnownFactCheck.__tablename__,
                object_id=None,
                after={
                    "file": name[:300],
                    "format": parsed.format,
                    "imported": stored,
                    "read": len(parsed.items),
                    "failed": sum(1 for f in parsed.failures if f.code not in IMPORTED_ANYWAY),
                },
            )
        )
        session.flush()
    return report


def known_query(actor: Actor, publisher: str | None = None) -> sa.Select[tuple[KnownFactCheck]]:
    """Return the known fact-checks, the most recently reviewed first (any signed-in user)."""
    require_role(actor, Role.VIEWER)
    query = sa.select(KnownFactCheck).order_by(
        KnownFactCheck.review_date.desc().nulls_last(), KnownFactCheck.id.desc()
    )
    if publisher:
        query = query.where(KnownFactCheck.publisher.ilike(contains(publisher), escape=LIKE_ESCAPE))
    return query


def get_known(session: Session, actor: Actor, fact_check_id: int) -> KnownFactCheck:
    """Return one known fact-check, or raise NotFound."""
    require_role(actor, Role.VIEWER)
    found = session.get(KnownFactCheck, fact_check_id)
    if found is None:
        raise NotFound(_l("No such known fact-check."))
    return found
