"""Comments on claims, with @mentions, and each user's work list."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session, joinedload

from app.models import Claim, ClaimStatus, Comment, Role, User
from app.models.comment import comment_mentions
from app.services import audit, workflow
from app.services.actors import Actor
from app.services.errors import InvalidInput
from app.services.notifications import events
from app.services.permissions import require_role
from app.services.query import LIKE_ESCAPE, like_literal

MENTION = re.compile(r"(?<![\w.@])@([\w.+-]+(?:@[\w-]+(?:\.[\w-]+)+)?)")
MAX_COMMENT = 5000
OPEN_WORK = (ClaimStatus.ACCEPTED, ClaimStatus.IN_RESEARCH, ClaimStatus.IN_REVIEW)


def mentioned_users(session: Session, body: str) -> list[User]:
    """Return the active users a comment mentions, as @email or @the-part-before-the-at."""
    found: list[User] = []
    for handle in dict.fromkeys(m.lower() for m in MENTION.findall(body)):
        literal = like_literal(handle)
        pattern = literal if "@" in handle else f"{literal}@%"
        user = session.scalar(
            sa.select(User)
            .where(
                User.active.is_(True), sa.func.lower(User.email).like(pattern, escape=LIKE_ESCAPE)
            )
            .limit(1)
        )
        if user is not None and user not in found:
            found.append(user)
    return found


def add_comment(session: Session, actor: Actor, claim_id: int, body: str) -> Comment:
    """Comment on a claim (checker or above); @mentioned users are notified."""
    require_role(actor, Role.CHECKER)
    claim = workflow.get_claim(session, claim_id)
    body = body.strip()
    if not body:
        raise InvalidInput(_l("Write the comment."), field="body")
    if len(body) > MAX_COMMENT:
        raise InvalidInput(_l("A comment may have at most 5000 characters."), field="body")
    comment = Comment(
        claim=claim, author_id=actor.id, body=body, mentioned=mentioned_users(session, body)
    )
    session.add(comment)
    session.flush()
    audit.record(
        session,
        actor,
        "comment.add",
        comment,
        after={"claim_id": claim.id, "mentions": [u.id for u in comment.mentioned]},
    )
    events.mentioned(session, actor, comment)
    return comment


# My work shows the oldest open claims of each status, up to this many (the search above the
# list finds any of them): a desk editor with 15,000 assigned claims gets a page, not 9 MB.
WORK_SHOWN = 50


@dataclass(frozen=True)
class WorkList:
    """A user's oldest assigned claims by status (with how many each status holds), and the
    comments that mention them."""

    assigned: dict[ClaimStatus, list[Claim]]
    mentions: list[Comment]
    counts: dict[ClaimStatus, int] = field(default_factory=dict)


def my_work(session: Session, actor: Actor) -> WorkList:
    """Return the actor's oldest open assigned claims of each status (WORK_SHOWN at most, read
    off the (assignee, status, updated_at) index), how many each status holds, and recent
    mentions."""
    require_role(actor, Role.VIEWER)
    mine = Claim.assignee_id == actor.id
    counts = dict(
        session.execute(
            sa.select(Claim.status, sa.func.count())
            .where(mine, Claim.status.in_(OPEN_WORK))
            .group_by(Claim.status)
        ).all()
    )
    # Each status's oldest, as a subquery (SQLite takes no LIMIT inside a bare UNION member).
    oldest = [
        sa.select(
            sa.select(Claim.id)
            .where(mine, Claim.status == status)
            .order_by(Claim.updated_at, Claim.id)
            .limit(WORK_SHOWN)
            .subquery()
            .c.id
        )
        for status in OPEN_WORK
        if counts.get(status)
    ]
    claims = (
        session.scalars(
            sa.select(Claim)
            .where(Claim.id.in_(sa.union_all(*oldest).subquery().select()))
            .order_by(Claim.updated_at, Claim.id)
        ).all()
        if oldest
        else []
    )
    assigned: dict[ClaimStatus, list[Claim]] = {}
    for claim in claims:
        assigned.setdefault(claim.status, []).append(claim)
    assigned = {status: assigned[status] for status in OPEN_WORK if status in assigned}
    mentions = session.scalars(
        sa.select(Comment)
        .join(comment_mentions, comment_mentions.c.comment_id == Comment.id)
        .where(comment_mentions.c.user_id == actor.id)
        .options(joinedload(Comment.author))
        .order_by(Comment.created_at.desc())
        .limit(50)
    ).all()
    return WorkList(assigned, list(mentions), counts)
