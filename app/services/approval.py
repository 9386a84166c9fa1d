"""The four-eyes rule: who may submit and approve a verdict, what publication re-checks, and an
approval withdrawn when the claim or evidence it approved changes.

Kept apart from `review` so that the claim and source services, which `review` uses, can send
an approved verdict back to review without an import cycle.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from app.database import utcnow
from app.models import AuditEvent, Claim, Role, Verdict, VerdictState
from app.services import audit
from app.services.actors import Actor
from app.services.errors import Conflict, NotAllowed
from app.services.notifications import events

VERDICT_FIELDS = (
    "number",
    "rating_id",
    "conclusion",
    "explanation",
    "state",
    "correction_note",
    "author_id",
    "content_editor_id",
    "approver_id",
    "published_at",
    "version",
)
# The audit actions that write a verdict's content (rating, conclusion, explanation, note).
CONTENT_ACTIONS = ("verdict.draft", "verdict.correct", "verdict.edit")


def content_writers(session: Session, verdict: Verdict) -> set[int]:
    """Return the ids of everyone who wrote this verdict's content: author and every editor."""
    written = session.scalars(
        sa.select(AuditEvent.actor_id)
        .where(
            AuditEvent.object_type == Verdict.__tablename__,
            AuditEvent.object_id == str(verdict.id),
            AuditEvent.action.in_(CONTENT_ACTIONS),
            AuditEvent.actor_id.is_not(None),
        )
        .distinct()
    )
    known = {verdict.author_id, verdict.content_editor_id, *written}
    return {user_id for user_id in known if user_id is not None}


def approval_refusal(session: Session, actor: Actor, verdict: Verdict):
    """Return why the actor may not approve this verdict under four eyes, or None."""
    if actor.id == verdict.author_id:
        return _l("Four eyes: another editor must approve your own verdict.")
    if actor.id in content_writers(session, verdict):
        return _l(
            "Four eyes: you changed this verdict's content, so another editor must approve it."
        )
    return None


def require_may_approve(session: Session, actor: Actor, verdict: Verdict) -> None:
    """Refuse an approval by anyone who wrote the verdict's content."""
    reason = approval_refusal(session, actor, verdict)
    if reason is not None:
        raise Conflict(reason)


def require_may_submit(actor: Actor, verdict: Verdict) -> None:
    """Let a draft go to review from its author, or from an editor (for an absent author)."""
    if verdict.author_id != actor.id and not actor.role.includes(Role.EDITOR):
        raise NotAllowed(_l("Only the verdict's author or an editor may submit it for review."))


def require_reviewable(verdict: Verdict) -> None:
    """Refuse a verdict whose claim has no active source (checked at submit and at publish)."""
    if not any(s.removed_at is None for s in verdict.claim.sources):
        raise Conflict(_l("Add at least one source before submitting the verdict."))


def review_again(session: Session, actor: Actor, claim: Claim, reason: str) -> Verdict | None:
    """Send the claim's approved, unpublished verdict back to review after its claim or sources
    changed: the approval covered what the approver saw, not what is there now."""
    verdict = next((v for v in claim.verdicts if v.state == VerdictState.APPROVED), None)
    if verdict is None:
        return None
    before = audit.snapshot(verdict, VERDICT_FIELDS)
    verdict.state, verdict.approver_id = VerdictState.IN_REVIEW, None
    verdict.submitted_at = utcnow()  # the review inbox waits from now
    session.flush()
    after = {**audit.snapshot(verdict, VERDICT_FIELDS), "because": reason}
    audit.record(session, actor, "verdict.review_again", verdict, before, after)
    events.review_requested(session, actor, verdict)
    return verdict
