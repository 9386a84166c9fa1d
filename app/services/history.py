"""A claim's history: every audit event of the claim and of its sources, verdicts and comments."""

from __future__ import annotations

import difflib
import re

import sqlalchemy as sa
from pythainlp.tokenize import word_tokenize
from sqlalchemy.orm import Session

from app.models import AuditEvent, Claim, ClaimMatch, Comment, Role, User
from app.services.actors import Actor
from app.services.permissions import require_role

MERGE_ACTIONS = ("claim.merge", "claim.auto_merge", "claim.unmerge")
# Thai runs first: \w stops at Thai vowel and tone marks (they are not alphanumeric).
_TOKEN = re.compile(r"[\u0e00-\u0e7f]+|\s+|\w+|[^\w\s]")
_THAI = re.compile(r"[\u0e00-\u0e7f]")


def claim_history(session: Session, actor: Actor, claim: Claim) -> list[AuditEvent]:
    """Return the claim's audit events, oldest first."""
    require_role(actor, Role.VIEWER)
    comment_ids = session.scalars(sa.select(Comment.id).where(Comment.claim_id == claim.id)).all()
    related = {
        "claims": [claim.id],
        "sources": [s.id for s in claim.sources],
        "verdicts": [v.id for v in claim.verdicts],
        "comments": list(comment_ids),
        "appearances": [a.id for a in claim.appearances],
    }
    conditions = [
        sa.and_(AuditEvent.object_type == kind, AuditEvent.object_id.in_([str(i) for i in ids]))
        for kind, ids in related.items()
        if ids
    ]
    # Merges into this claim (and their undoing) are recorded on the merged claim, and answers
    # to "possibly the same as …" on the pair: both belong to this claim's story too.
    pairs = session.execute(
        sa.select(ClaimMatch.id, ClaimMatch.claim_id, ClaimMatch.match_claim_id).where(
            sa.or_(ClaimMatch.claim_id == claim.id, ClaimMatch.match_claim_id == claim.id)
        )
    ).all()
    others = {o for _, a, b in pairs for o in (a, b) if o and o != claim.id}
    others.update(session.scalars(sa.select(Claim.id).where(Claim.canonical_id == claim.id)))
    if others:
        conditions.append(
            sa.and_(
                AuditEvent.object_type == Claim.__tablename__,
                AuditEvent.object_id.in_([str(i) for i in others]),
                AuditEvent.action.in_(MERGE_ACTIONS),
            )
        )
    if pairs:
        conditions.append(
            sa.and_(
                AuditEvent.object_type == ClaimMatch.__tablename__,
                AuditEvent.object_id.in_([str(i) for i, _, _ in pairs]),
            )
        )
    return list(
        session.scalars(sa.select(AuditEvent).where(sa.or_(*conditions)).order_by(AuditEvent.id))
    )


def assignees(session: Session, events: list[AuditEvent]) -> dict[int, str]:
    """Return the names of the people the events assigned claims to, by user id."""
    ids = {
        (event.after or {}).get("assignee_id") for event in events if event.action == "claim.assign"
    }
    ids.discard(None)
    if not ids:
        return {}
    users = session.scalars(sa.select(User).where(User.id.in_(ids)))
    return {user.id: user.display_name for user in users}


def _words(text: str) -> list[str]:
    """Split text into words that keep Thai syllables whole (newmm), spaces and punctuation."""
    words: list[str] = []
    for token in _TOKEN.findall(text or ""):
        if _THAI.search(token):
            words.extend(word_tokenize(token, engine="newmm", keep_whitespace=True))
        else:
            words.append(token)
    return words


def text_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Return (kind, text) pieces turning old into new: kind is "same", "del" or "ins"."""
    a, b = _words(old), _words(new)
    pieces: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            pieces.append(("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(("del", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(("ins", "".join(b[j1:j2])))
    return pieces
