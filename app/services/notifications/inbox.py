"""Read one's notifications, count the unread ones, mark them read; the review inbox."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session, joinedload

from app.database import utcnow
from app.models import Notification, Role, Verdict, VerdictState
from app.services.actors import Actor
from app.services.errors import NotFound
from app.services.permissions import require_role

PAGE = 30
MAX_PAGE = 100
COUNT_CAP = 100  # a badge shows "99+" beyond this, so counting further is wasted work
INBOX = 50


@dataclass(frozen=True)
class NotificationPage:
    """Some of a user's notifications, newest first, and where the next page starts."""

    items: list[Notification]
    next_before: int | None


def notifications(
    session: Session,
    actor: Actor,
    unread_only: bool = False,
    before: int | None = None,
    limit: int = PAGE,
) -> NotificationPage:
    """Return the actor's notifications older than id `before`, newest first (keyset paged)."""
    require_role(actor, Role.VIEWER)
    limit = max(1, min(limit, MAX_PAGE))
    query = sa.select(Notification).where(Notification.recipient_id == actor.id)
    if unread_only:
        query = query.where(Notification.read_at.is_(None))
    if before is not None:
        query = query.where(Notification.id < before)
    rows = session.scalars(
        query.options(joinedload(Notification.actor), joinedload(Notification.claim))
        .order_by(Notification.id.desc())
        .limit(limit + 1)
    ).all()
    items = list(rows[:limit])
    return NotificationPage(items, items[-1].id if len(rows) > limit else None)


def _capped_count(session: Session, query: sa.Select) -> int:
    return session.scalar(sa.select(sa.func.count()).select_from(query.limit(COUNT_CAP).subquery()))


def unread_count(session: Session, actor: Actor) -> int:
    """Return how many notifications the actor has not read (up to COUNT_CAP)."""
    return _capped_count(
        session,
        sa.select(Notification.id).where(
            Notification.recipient_id == actor.id, Notification.read_at.is_(None)
        ),
    )


def _own(session: Session, actor: Actor, notification_id: int) -> Notification:
    notification = session.get(Notification, notification_id)
    # Someone else's notification is answered as missing: its existence is theirs to know.
    if notification is None or notification.recipient_id != actor.id:
        raise NotFound(_l("No such notification."))
    return notification


def mark_read(session: Session, actor: Actor, notification_id: int) -> Notification:
    """Mark one of the actor's notifications read (reading is private: not audited)."""
    require_role(actor, Role.VIEWER)
    notification = _own(session, actor, notification_id)
    if notification.read_at is None:
        notification.read_at = utcnow()
        session.flush()
    return notification


def mark_all_read(session: Session, actor: Actor) -> int:
    """Mark every unread notification of the actor read; return how many."""
    require_role(actor, Role.VIEWER)
    result = session.execute(
        sa.update(Notification)
        .where(Notification.recipient_id == actor.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    session.expire_all()
    return result.rowcount or 0


def _waiting(actor: Actor) -> sa.Select:
    """Verdicts in review that the actor may approve: everyone's but their own (four eyes)."""
    return sa.select(Verdict).where(
        Verdict.state == VerdictState.IN_REVIEW,
        sa.or_(Verdict.author_id.is_(None), Verdict.author_id != actor.id),
    )


def may_review(actor: Actor | None) -> bool:
    """Say whether the actor approves verdicts (and so has a review inbox)."""
    return actor is not None and actor.active and actor.role.includes(Role.EDITOR)


def review_inbox(session: Session, actor: Actor, limit: int = INBOX) -> list[Verdict]:
    """Return the verdicts waiting for the actor's review, the longest waiting first."""
    require_role(actor, Role.EDITOR)
    return list(
        session.scalars(
            _waiting(actor)
            .options(
                joinedload(Verdict.claim),
                joinedload(Verdict.rating),
                joinedload(Verdict.author),
            )
            .order_by(Verdict.submitted_at, Verdict.id)
            .limit(limit)
        )
    )


def review_count(session: Session, actor: Actor) -> int:
    """Return how many verdicts wait for the actor's review (up to COUNT_CAP)."""
    require_role(actor, Role.EDITOR)
    return _capped_count(session, _waiting(actor).with_only_columns(Verdict.id))
