"""Record the notifications an event on a claim causes: one per recipient, never the actor."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.database import utcnow
from app.models import Comment, Notification, NotificationKind, Role, User, Verdict
from app.services.actors import Actor
from app.services.notifications import mail

MAX_NOTE = 300
REVIEWER_ROLES = (Role.EDITOR, Role.ADMIN)


def _clip(note: str | None) -> str | None:
    if not note:
        return None
    note = " ".join(note.split())
    return note if len(note) <= MAX_NOTE else note[: MAX_NOTE - 1] + "…"


def notify(
    session: Session,
    actor: Actor,
    recipients: Iterable[User | None],
    kind: NotificationKind,
    claim_id: int,
    note: str | None = None,
) -> list[Notification]:
    """Record `kind` on a claim for each active recipient but the actor, once each."""
    made, seen = [], set()
    for user in recipients:
        if user is None or not user.active or user.id == actor.id or user.id in seen:
            continue
        seen.add(user.id)
        made.append(
            Notification(
                recipient=user, kind=kind, claim_id=claim_id, actor_id=actor.id, note=_clip(note)
            )
        )
    session.add_all(made)
    session.flush()
    mail.queue(session, made)
    return made


def mentioned(session: Session, actor: Actor, comment: Comment) -> list[Notification]:
    """Tell the users a comment mentions."""
    return notify(
        session, actor, comment.mentioned, NotificationKind.MENTION, comment.claim_id, comment.body
    )


def assigned(
    session: Session, actor: Actor, claim_id: int, assignee_id: int | None, before: int | None
) -> list[Notification]:
    """Tell a claim's new assignee, unless the assignment did not change."""
    if assignee_id is None or assignee_id == before:
        return []
    assignee = session.get(User, assignee_id)
    return notify(session, actor, [assignee], NotificationKind.ASSIGNMENT, claim_id)


def review_requested(session: Session, actor: Actor, verdict: Verdict) -> list[Notification]:
    """Tell every active editor and admin but the verdict's author that it waits for review."""
    reviewers = session.scalars(
        sa.select(User)
        .where(
            User.active.is_(True),
            User.role.in_(REVIEWER_ROLES),
            User.id != sa.func.coalesce(verdict.author_id, 0),
        )
        .order_by(User.id)
    )
    return notify(session, actor, reviewers, NotificationKind.REVIEW_REQUESTED, verdict.claim_id)


def review_settled(session: Session, claim_id: int) -> None:
    """Mark the claim's unread "waits for your review" notices read: an editor took it up
    (approved or sent back), so no one else's badge should still ask for it."""
    session.execute(
        sa.update(Notification)
        .where(
            Notification.claim_id == claim_id,
            Notification.kind == NotificationKind.REVIEW_REQUESTED,
            Notification.read_at.is_(None),
        )
        .values(read_at=utcnow())
        .execution_options(synchronize_session="fetch")
    )


def sent_back(session: Session, actor: Actor, verdict: Verdict, reason: str) -> list[Notification]:
    """Tell a verdict's author it was sent back, and why."""
    return notify(
        session, actor, [verdict.author], NotificationKind.SENT_BACK, verdict.claim_id, reason
    )


def published(session: Session, actor: Actor, verdict: Verdict) -> list[Notification]:
    """Tell a verdict's author and the claim's assignee that it is published."""
    claim = verdict.claim
    assignee = session.get(User, claim.assignee_id) if claim.assignee_id else None
    return notify(session, actor, [verdict.author, assignee], NotificationKind.PUBLISHED, claim.id)
