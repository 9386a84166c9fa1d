"""Many rows fast, for tests that compare a page with 10 rows and with 1,000: ORM bulk inserts
(one executemany per table), no services, no audit, no search index unless asked for."""

from __future__ import annotations

import hashlib
import itertools
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import (
    Appearance,
    Article,
    AuditEvent,
    Claim,
    ClaimStatus,
    Comment,
    KnownFactCheck,
    Notification,
    NotificationKind,
    Rating,
    Role,
    Source,
    User,
    Verdict,
    VerdictState,
)
from app.models.comment import comment_mentions
from app.search import index

_serial = itertools.count(1)
START = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Place:
    """Where a claim is to appear: an article and a sentence's span of its body."""

    article_id: int
    start: int
    end: int
    sentence: str


def _digest(text: str) -> str:
    """Return the SHA-256 of a text, in hex."""
    return hashlib.sha256(text.encode()).hexdigest()


def _insert(session: Session, model, rows: list[dict]) -> list[int]:
    """Insert the rows in one executemany and return their ids in the rows' order."""
    if not rows:
        return []
    statement = sa.insert(model).returning(model.id, sort_by_parameter_order=True)
    return list(session.scalars(statement, rows))


def moment(n: int) -> datetime:
    """Return a distinct timestamp for the n-th row, a minute apart."""
    return START + timedelta(minutes=n)


def add_users(session: Session, count: int, role: Role = Role.CHECKER) -> list[int]:
    """Insert users who cannot sign in (their password hash is not a hash)."""
    rows = []
    for _ in range(count):
        n = next(_serial)
        rows.append(
            {
                "email": f"bulk{n}@example.org",
                "name": f"Bulk {n}",
                "password_hash": "-",
                "role": role,
            }
        )
    return _insert(session, User, rows)


def add_articles(
    session: Session, count: int, sentences: int = 1, by: int | None = None, outlet: str = "Daily"
) -> list[list[Place]]:
    """Insert articles of `sentences` sentences each; return each article's sentence places."""
    rows, bodies = [], []
    for _ in range(count):
        n = next(_serial)
        said = [f"Report {n}.{i}: prices rose {i} percent in 2025." for i in range(sentences)]
        body = " ".join(said)
        bodies.append(said)
        rows.append(
            {
                "title": f"Article {n}",
                "outlet": outlet,
                "language": "en",
                "body": body,
                "body_sha256": _digest(body),
                "ingested_by_id": by,
                "ingested_at": moment(n),
                "published_on": moment(n).date(),
            }
        )
    places = []
    for article_id, said in zip(_insert(session, Article, rows), bodies, strict=True):
        offset, spans = 0, []
        for sentence in said:
            spans.append(Place(article_id, offset, offset + len(sentence), sentence))
            offset += len(sentence) + 1
        places.append(spans)
    return places


def add_claims(
    session: Session,
    places: list[Place],
    status: ClaimStatus = ClaimStatus.CANDIDATE,
    assignee_id: int | None = None,
) -> list[int]:
    """Insert one claim for each place, appearing there; return the claims' ids."""
    rows = []
    for place in places:
        n = next(_serial)
        text = f"{place.sentence} (#{n})"
        rows.append(
            {
                "text": text,
                "text_key": _digest(text),
                "claimant": f"Minister {n % 7}",
                "language": "en",
                "score": 0.5 + (n % 50) / 100,
                "reasons": {"reasons": ["number", "date"]},
                "status": status,
                "assignee_id": assignee_id,
                "created_at": moment(n),
                "updated_at": moment(n),
            }
        )
    ids = _insert(session, Claim, rows)
    add_appearances(session, list(zip(ids, places, strict=True)))
    return ids


def add_appearances(session: Session, found: list[tuple[int, Place]]) -> None:
    """Insert an appearance of each claim at its place."""
    rows = [
        {
            "claim_id": claim_id,
            "article_id": p.article_id,
            "origin_claim_id": claim_id,
            "start": p.start,
            "end": p.end,
            "sentence": p.sentence,
        }
        for claim_id, p in found
    ]
    _insert(session, Appearance, rows)


def rating_id(session: Session, key: str = "false") -> int:
    """Return the id of a rating of the default scale."""
    return session.scalars(sa.select(Rating.id).where(Rating.key == key)).one()


def add_verdicts(
    session: Session,
    claim_ids: list[int],
    state: VerdictState,
    author_ids: list[int],
    approver_id: int | None = None,
    rating: str = "false",
) -> list[int]:
    """Insert a verdict (number 1) on each claim, written by the authors in turn."""
    chosen = rating_id(session, rating)
    published = state in (VerdictState.PUBLISHED, VerdictState.SUPERSEDED)
    rows = []
    for claim_id, author_id in zip(claim_ids, itertools.cycle(author_ids)):
        n = next(_serial)
        rows.append(
            {
                "claim_id": claim_id,
                "number": 1,
                "rating_id": chosen,
                "conclusion": f"Conclusion {n}",
                "explanation": f"Explanation **{n}**",
                "state": state,
                "author_id": author_id,
                "content_editor_id": author_id,
                "approver_id": approver_id,
                "submitted_at": moment(n),
                "published_at": moment(n) if published else None,
            }
        )
    return _insert(session, Verdict, rows)


def add_sources(session: Session, claim_id: int, count: int, by_ids: list[int]) -> list[int]:
    """Insert sources on a claim, added by the users in turn."""
    rows = []
    for _, user_id in zip(range(count), itertools.cycle(by_ids)):
        n = next(_serial)
        rows.append(
            {
                "claim_id": claim_id,
                "url": f"https://stats.example.org/{n}",
                "title": f"Statistics {n}",
                "publisher": "Statistics Office",
                "excerpt": f"Prices rose {n % 9} percent.",
                "added_by_id": user_id,
                "created_at": moment(n),
            }
        )
    return _insert(session, Source, rows)


def add_comments(
    session: Session, claim_id: int, count: int, by_ids: list[int], mention: int | None = None
) -> list[int]:
    """Insert comments on a claim by the users in turn, each mentioning `mention` if given."""
    rows = []
    for _, user_id in zip(range(count), itertools.cycle(by_ids)):
        n = next(_serial)
        body = f"Comment {n}: please look at the figures."
        rows.append(
            {"claim_id": claim_id, "author_id": user_id, "body": body, "created_at": moment(n)}
        )
    ids = _insert(session, Comment, rows)
    if mention is not None and ids:
        session.execute(
            sa.insert(comment_mentions), [{"comment_id": i, "user_id": mention} for i in ids]
        )
    return ids


def add_notifications(
    session: Session, recipient_id: int, claim_ids: list[int], actor_ids: list[int]
) -> list[int]:
    """Insert an unread assignment notification about each claim, from the actors in turn."""
    rows = [
        {
            "recipient_id": recipient_id,
            "kind": NotificationKind.ASSIGNMENT,
            "claim_id": claim_id,
            "actor_id": actor_id,
            "created_at": moment(next(_serial)),
        }
        for claim_id, actor_id in zip(claim_ids, itertools.cycle(actor_ids))
    ]
    return _insert(session, Notification, rows)


def add_audit_events(session: Session, count: int, actor_ids: list[int]) -> list[int]:
    """Insert claim.accept events by the actors in turn."""
    rows = []
    for _, actor_id in zip(range(count), itertools.cycle(actor_ids)):
        n = next(_serial)
        rows.append(
            {
                "actor_id": actor_id,
                "action": "claim.accept",
                "object_type": "claim",
                "object_id": str(n),
                "before": {"status": "candidate"},
                "after": {"status": "accepted"},
                "created_at": moment(n),
            }
        )
    return _insert(session, AuditEvent, rows)


def add_known_fact_checks(session: Session, count: int, by: int | None = None) -> list[int]:
    """Insert fact-checks published by another organisation."""
    rows = []
    for _ in range(count):
        n = next(_serial)
        rows.append(
            {
                "key": f"bulk-{n}",
                "claim_text": f"Prices rose {n} percent",
                "publisher": "Cofact",
                "url": f"https://cofact.example.org/{n}",
                "rating": "False",
                "verdict": "false",
                "language": "en",
                "source_format": "claimreview",
                "imported_by_id": by,
                "imported_at": moment(n),
            }
        )
    return _insert(session, KnownFactCheck, rows)


def index_rows(session: Session, claim_ids: list[int], article_ids: list[int] = ()) -> None:
    """Build the search documents of bulk-inserted claims and articles (inserts skip the index)."""
    index.refresh(session, sorted(claim_ids), sorted(article_ids))
