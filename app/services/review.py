"""Verdicts: draft, submit, four-eyes approval or send-back, publication and corrections."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from app.database import utcnow
from app.models import ClaimStatus, Comment, Rating, Role, Verdict, VerdictState
from app.services import approval, audit, workflow
from app.services.actors import Actor
from app.services.approval import VERDICT_FIELDS
from app.services.errors import Conflict, InvalidInput, NotAllowed, NotFound
from app.services.notifications import events
from app.services.permissions import require_role

OPEN_STATES = (VerdictState.DRAFT, VerdictState.IN_REVIEW, VerdictState.APPROVED)
MAX_CONCLUSION = 500


@dataclass(frozen=True)
class VerdictInput:
    """What a reviewer writes: the rating's key, a one-line conclusion, a Markdown explanation."""

    rating: str
    conclusion: str
    explanation: str = ""
    correction_note: str | None = None


def rating_by_key(session: Session, key: str) -> Rating:
    """Return the rating of the scale with this key (or id), or refuse."""
    query = sa.select(Rating).where(Rating.key == str(key))
    rating = session.scalar(query)
    if rating is None:
        raise InvalidInput(_l("Choose a rating of the scale."), field="rating")
    return rating


def get_verdict(session: Session, verdict_id: int) -> Verdict:
    """Return the verdict or raise NotFound."""
    verdict = session.get(Verdict, verdict_id)
    if verdict is None:
        raise NotFound(_l("No such verdict."))
    return verdict


def open_verdict(claim) -> Verdict | None:
    """Return the claim's verdict that is being written or reviewed, if any."""
    return next((v for v in claim.verdicts if v.state in OPEN_STATES), None)


def published_verdict(claim) -> Verdict | None:
    """Return the claim's verdict that is published now, if any."""
    return next((v for v in reversed(claim.verdicts) if v.state == VerdictState.PUBLISHED), None)


def _fill(session: Session, verdict: Verdict, given: VerdictInput) -> None:
    conclusion = " ".join(given.conclusion.split())
    if not conclusion:
        raise InvalidInput(_l("Write the one-line conclusion."), field="conclusion")
    if len(conclusion) > MAX_CONCLUSION:
        raise InvalidInput(
            _l("The conclusion is one line: 500 characters at most."), field="conclusion"
        )
    verdict.rating = rating_by_key(session, given.rating)
    verdict.conclusion, verdict.explanation = conclusion, given.explanation.strip()


def _audit(session, actor, action, verdict, before=None) -> Verdict:
    session.flush()
    audit.record(session, actor, action, verdict, before, audit.snapshot(verdict, VERDICT_FIELDS))
    return verdict


def draft(session: Session, actor: Actor, claim_id: int, given: VerdictInput) -> Verdict:
    """Start the verdict on an accepted claim (checker or above)."""
    require_role(actor, Role.CHECKER)
    claim = workflow.get_claim(session, claim_id)
    if claim.status == ClaimStatus.PUBLISHED:
        raise Conflict(_l("This claim is published: change its verdict with a correction."))
    if claim.status not in (ClaimStatus.ACCEPTED, ClaimStatus.IN_RESEARCH):
        raise Conflict(_l("Accept the claim before writing its verdict."))
    if open_verdict(claim) is not None:
        raise Conflict(_l("This claim already has a verdict in progress."))
    return _new_version(session, actor, claim, given, "verdict.draft")


def _new_version(session, actor, claim, given: VerdictInput, action: str) -> Verdict:
    verdict = Verdict(
        claim_id=claim.id,
        number=len(claim.verdicts) + 1,
        author_id=actor.id,
        content_editor_id=actor.id,
        state=VerdictState.DRAFT,
        correction_note=given.correction_note,
    )
    _fill(session, verdict, given)  # validates before the verdict joins the session
    session.add(verdict)
    session.flush()
    session.refresh(claim, ["verdicts"])
    workflow.start_research(session, actor, claim)
    return _audit(session, actor, action, verdict)


def correct(session: Session, actor: Actor, claim_id: int, given: VerdictInput) -> Verdict:
    """Start a correction of a published verdict: a new version with a public note."""
    require_role(actor, Role.CHECKER)
    claim = workflow.get_claim(session, claim_id)
    if published_verdict(claim) is None:
        raise Conflict(_l("Only a published verdict can be corrected."))
    if open_verdict(claim) is not None:
        raise Conflict(_l("This claim already has a verdict in progress."))
    if not (given.correction_note or "").strip():
        raise InvalidInput(
            _l("A correction needs a public note saying what changed and why."),
            field="correction_note",
        )
    given = VerdictInput(
        given.rating, given.conclusion, given.explanation, given.correction_note.strip()
    )
    return _new_version(session, actor, claim, given, "verdict.correct")


def edit(
    session: Session, actor: Actor, verdict_id: int, given: VerdictInput, version: int | None = None
) -> Verdict:
    """Change a draft (its author, or an editor)."""
    require_role(actor, Role.CHECKER)
    verdict = get_verdict(session, verdict_id)
    workflow.check_version(verdict, version)
    _require(verdict, (VerdictState.DRAFT,), _l("Only a draft can be edited."))
    if verdict.author_id != actor.id and not actor.role.includes(Role.EDITOR):
        raise NotAllowed(_l("Only the author or an editor may edit this draft."))
    if verdict.correction_note is not None and not (given.correction_note or "").strip():
        raise InvalidInput(
            _l("A correction needs a public note saying what changed and why."),
            field="correction_note",
        )
    before = audit.snapshot(verdict, VERDICT_FIELDS)
    _fill(session, verdict, given)
    if verdict.correction_note is not None:
        verdict.correction_note = given.correction_note.strip()
    verdict.content_editor_id = actor.id
    return _audit(session, actor, "verdict.edit", verdict, before)


def _require(verdict: Verdict, states: tuple[VerdictState, ...], message) -> None:
    if verdict.state not in states:
        raise Conflict(message)


def submit(session: Session, actor: Actor, verdict_id: int, version: int | None = None) -> Verdict:
    """Send a draft for review (its author, or an editor; editors are notified); the claim needs
    at least one source."""
    require_role(actor, Role.CHECKER)
    verdict = get_verdict(session, verdict_id)
    workflow.check_version(verdict, version)
    _require(verdict, (VerdictState.DRAFT,), _l("Only a draft can be submitted."))
    approval.require_may_submit(actor, verdict)
    approval.require_reviewable(verdict)
    before = audit.snapshot(verdict, VERDICT_FIELDS)
    verdict.state, verdict.submitted_at = VerdictState.IN_REVIEW, utcnow()
    workflow.set_status(session, actor, verdict.claim, ClaimStatus.IN_REVIEW, "claim.in_review")
    _audit(session, actor, "verdict.submit", verdict, before)
    events.review_requested(session, actor, verdict)
    return verdict


def approve(session: Session, actor: Actor, verdict_id: int, version: int | None = None) -> Verdict:
    """Approve a verdict in review: an editor who wrote none of it (four eyes)."""
    require_role(actor, Role.EDITOR)
    verdict = get_verdict(session, verdict_id)
    workflow.check_version(verdict, version)
    _require(verdict, (VerdictState.IN_REVIEW,), _l("Only a verdict in review can be approved."))
    approval.require_may_approve(session, actor, verdict)
    approval.require_reviewable(verdict)
    before = audit.snapshot(verdict, VERDICT_FIELDS)
    verdict.state, verdict.approver_id = VerdictState.APPROVED, actor.id
    events.review_settled(session, verdict.claim_id)
    return _audit(session, actor, "verdict.approve", verdict, before)


def send_back(
    session: Session, actor: Actor, verdict_id: int, comment: str, version: int | None = None
) -> Verdict:
    """Return a verdict in review (or approved) to its author with a required comment."""
    require_role(actor, Role.EDITOR)
    verdict = get_verdict(session, verdict_id)
    workflow.check_version(verdict, version)
    _require(
        verdict,
        (VerdictState.IN_REVIEW, VerdictState.APPROVED),
        _l("Only a verdict in review can be sent back."),
    )
    if not comment.strip():
        raise InvalidInput(_l("Say what needs to change."), field="comment")
    before = audit.snapshot(verdict, VERDICT_FIELDS)
    verdict.state, verdict.approver_id = VerdictState.DRAFT, None
    session.add(
        Comment(
            claim_id=verdict.claim_id, author_id=actor.id, body=comment.strip(), kind="send_back"
        )
    )
    back_to = ClaimStatus.PUBLISHED if published_verdict(verdict.claim) else ClaimStatus.IN_RESEARCH
    workflow.set_status(session, actor, verdict.claim, back_to, "claim.sent_back")
    session.flush()
    after = {**audit.snapshot(verdict, VERDICT_FIELDS), "comment": comment.strip()}
    audit.record(session, actor, "verdict.send_back", verdict, before, after)
    events.review_settled(session, verdict.claim_id)
    events.sent_back(session, actor, verdict, comment.strip())
    return verdict


def publish(session: Session, actor: Actor, verdict_id: int, version: int | None = None) -> Verdict:
    """Publish an approved verdict (editor), still meeting what submission asked; a correction
    supersedes the earlier version."""
    require_role(actor, Role.EDITOR)
    verdict = get_verdict(session, verdict_id)
    workflow.check_version(verdict, version)
    _require(verdict, (VerdictState.APPROVED,), _l("Only an approved verdict can be published."))
    approval.require_reviewable(verdict)
    earlier = published_verdict(verdict.claim)
    if earlier is not None:
        earlier_before = audit.snapshot(earlier, VERDICT_FIELDS)
        earlier.state = VerdictState.SUPERSEDED
        _audit(session, actor, "verdict.supersede", earlier, earlier_before)
    before = audit.snapshot(verdict, VERDICT_FIELDS)
    verdict.state, verdict.published_at = VerdictState.PUBLISHED, utcnow()
    workflow.set_status(session, actor, verdict.claim, ClaimStatus.PUBLISHED, "claim.publish")
    _audit(session, actor, "verdict.publish", verdict, before)
    events.published(session, actor, verdict)
    return verdict
