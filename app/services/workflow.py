"""Triage and claim editing: accept, dismiss, merge, assign, edit; each step checked, audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from app.database import utcnow
from app.inputs.limits import check_length
from app.models import Appearance, AuditEvent, Claim, ClaimMatch, ClaimStatus, Role, User
from app.models.claim import MAX_CLAIM_TEXT
from app.models.matching import MatchState
from app.services import approval, audit, matching
from app.services.actors import Actor
from app.services.errors import Conflict, InvalidInput, NotFound, StaleEdit
from app.services.notifications import events
from app.services.permissions import require_role

CLAIM_FIELDS = (
    "text",
    "claimant",
    "reported_by",
    "claim_date",
    "status",
    "assignee_id",
    "canonical_id",
    "dismiss_reason",
    "version",
)
OPEN = (ClaimStatus.CANDIDATE, ClaimStatus.ACCEPTED, ClaimStatus.IN_RESEARCH)


def get_claim(session: Session, claim_id: int) -> Claim:
    """Return the claim or raise NotFound."""
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise NotFound(_l("No such claim."))
    return claim


def check_version(obj, expected: int | None) -> None:
    """Refuse an edit based on another version than the stored one."""
    if expected is not None and expected != obj.version:
        raise StaleEdit(
            _l(
                "Someone else changed this in the meantime (version %(now)d, your "
                "page showed %(then)d). Check their change, then apply yours again.",
                now=obj.version,
                then=expected,
            ),
            obj.version,
        )


def _change(
    session: Session, actor: Actor, claim: Claim, action: str, noted: dict | None = None, **values
) -> Claim:
    """Apply values to a claim, bump its version and audit the change (with `noted` beside the
    state after it, such as the score of an automatic link)."""
    before = audit.snapshot(claim, CLAIM_FIELDS)
    for name, value in values.items():
        setattr(claim, name, value)
    session.flush()
    after = {**audit.snapshot(claim, CLAIM_FIELDS), **(noted or {})}
    audit.record(session, actor, action, claim, before, after)
    return claim


def _require_status(claim: Claim, allowed: tuple[ClaimStatus, ...], message) -> None:
    if claim.status not in allowed:
        raise Conflict(message)


def accept(session: Session, actor: Actor, claim_id: int, version: int | None = None) -> Claim:
    """Accept a candidate claim for checking (checker or above)."""
    require_role(actor, Role.CHECKER)
    claim = get_claim(session, claim_id)
    check_version(claim, version)
    _require_status(claim, (ClaimStatus.CANDIDATE,), _l("Only a candidate claim can be accepted."))
    return _change(session, actor, claim, "claim.accept", status=ClaimStatus.ACCEPTED)


def dismiss(
    session: Session, actor: Actor, claim_id: int, reason: str, version: int | None = None
) -> Claim:
    """Dismiss a candidate or accepted claim with a reason (checker or above)."""
    require_role(actor, Role.CHECKER)
    claim = get_claim(session, claim_id)
    check_version(claim, version)
    if not reason.strip():
        raise InvalidInput(_l("Say why the claim is dismissed."), field="reason")
    _require_status(
        claim,
        (ClaimStatus.CANDIDATE, ClaimStatus.ACCEPTED),
        _l("Only a candidate or accepted claim can be dismissed."),
    )
    return _change(
        session,
        actor,
        claim,
        "claim.dismiss",
        status=ClaimStatus.DISMISSED,
        dismiss_reason=reason.strip(),
    )


def reopen(session: Session, actor: Actor, claim_id: int, version: int | None = None) -> Claim:
    """Bring a dismissed claim back to the queue (editor or above)."""
    require_role(actor, Role.EDITOR)
    claim = get_claim(session, claim_id)
    check_version(claim, version)
    _require_status(claim, (ClaimStatus.DISMISSED,), _l("Only a dismissed claim can be reopened."))
    return _change(
        session, actor, claim, "claim.reopen", status=ClaimStatus.CANDIDATE, dismiss_reason=None
    )


def merge(
    session: Session, actor: Actor, claim_id: int, into_id: int, version: int | None = None
) -> Claim:
    """Merge an open claim into another (editor or above); its appearances move over."""
    require_role(actor, Role.EDITOR)
    claim, target = get_claim(session, claim_id), session.get(Claim, into_id)
    if target is None:
        # The target is a value the user gave: a problem with the form, not a missing page.
        raise InvalidInput(_l("There is no claim #%(id)d.", id=into_id), field="into")
    check_version(claim, version)
    return _merge(session, actor, claim, target, "claim.merge")


def _merge(
    session: Session, actor: Actor, claim: Claim, target: Claim, action: str, **noted
) -> Claim:
    """Merge `claim` into `target`: its appearances move over (each remembers where it was
    first recorded); its sources, comments and history stay with it for an unmerge."""
    if claim.id == target.id:
        raise Conflict(_l("A claim cannot be merged into itself."))
    _require_status(claim, (*OPEN, ClaimStatus.DISMISSED), _l("Only an open claim can be merged."))
    if target.status in (ClaimStatus.MERGED, ClaimStatus.DISMISSED):
        raise Conflict(_l("Merge into a claim that is still being checked or published."))
    taken = {(a.article_id, a.start) for a in target.appearances}
    for appearance in list(claim.appearances):
        if appearance.origin_claim_id is None:
            appearance.origin_claim_id = claim.id
        if (appearance.article_id, appearance.start) not in taken:
            appearance.claim = target
            _audit_move(session, actor, appearance, claim.id, target.id)
    return _change(
        session, actor, claim, action, noted, status=ClaimStatus.MERGED, canonical_id=target.id
    )


def _audit_move(session: Session, actor: Actor, appearance, from_id: int, to_id: int) -> None:
    """Record one appearance moving between claims (a merge or an unmerge), one event each, as
    `appearance.create` recorded it: the claim before and after, the article and the span."""
    where = {"article_id": appearance.article_id, "start": appearance.start, "end": appearance.end}
    audit.record(
        session,
        actor,
        "appearance.move",
        appearance,
        before={"claim_id": from_id, **where},
        after={"claim_id": to_id, **where},
    )


def merge_matched(
    session: Session, actor: Actor, claim: Claim, target: Claim, score: float
) -> Claim:
    """Link a new candidate to the existing claim it matched above `auto` (audited as such)."""
    return _merge(session, actor, claim, target, "claim.auto_merge", score=score)


def merge_suggested(session: Session, actor: Actor, claim: Claim, target: Claim) -> Claim:
    """Merge a candidate into the claim the matcher suggested (checker or above: triage)."""
    require_role(actor, Role.CHECKER)
    return _merge(session, actor, claim, target, "claim.merge")


def _merged_into(session: Session, claim_id: int) -> set[int]:
    """Return the claim and every claim merged into it, however deep."""
    found, frontier = {claim_id}, {claim_id}
    while frontier:
        # By the canonical_id index alone; status filtered here (see services.matching).
        rows = session.execute(
            sa.select(Claim.id, Claim.status).where(Claim.canonical_id.in_(frontier))
        )
        frontier = {i for i, status in rows if status == ClaimStatus.MERGED} - found
        found |= frontier
    return found


def _status_before_merge(session: Session, claim: Claim) -> ClaimStatus:
    event = session.scalar(
        sa.select(AuditEvent)
        .where(
            AuditEvent.object_type == Claim.__tablename__,
            AuditEvent.object_id == str(claim.id),
            AuditEvent.action.in_(("claim.merge", "claim.auto_merge")),
        )
        .order_by(AuditEvent.id.desc())
        .limit(1)
    )
    status = ((event.before if event else None) or {}).get("status")
    if status in set(ClaimStatus) and status != ClaimStatus.MERGED:
        return ClaimStatus(status)
    return ClaimStatus.CANDIDATE


def unmerge(session: Session, actor: Actor, claim_id: int, version: int | None = None) -> Claim:
    """Say a merged claim is not the claim it was merged into (checker or above): it gets back
    the appearances it was recorded with (and those of claims merged into it) and the status it
    had; the pair is remembered as different, so it is never linked again."""
    require_role(actor, Role.CHECKER)
    claim = get_claim(session, claim_id)
    check_version(claim, version)
    _require_status(claim, (ClaimStatus.MERGED,), _l("Only a merged claim can be unmerged."))
    target_id = claim.canonical_id
    origins = _merged_into(session, claim.id)
    moved = session.scalars(
        sa.select(Appearance).where(
            Appearance.origin_claim_id.in_(origins), Appearance.claim_id != claim.id
        )
    ).all()
    for appearance in moved:
        if appearance.origin_claim_id == claim.id or appearance.claim_id == target_id:
            _audit_move(session, actor, appearance, appearance.claim_id, claim.id)
            appearance.claim_id = claim.id
    status = _status_before_merge(session, claim)
    _change(session, actor, claim, "claim.unmerge", status=status, canonical_id=None)
    if target_id is not None:
        _remember_different(session, actor, claim.id, target_id)
    return claim


def _remember_different(session: Session, actor: Actor, claim_id: int, other_id: int) -> None:
    pair = matching.pair_of(session, claim_id, "claim", other_id)
    if pair is None:
        pair = ClaimMatch(claim_id=claim_id, match_claim_id=other_id, score=0.0, reasons=[])
        session.add(pair)
    before = {"state": pair.state.value if pair.state else None}
    pair.state = MatchState.DIFFERENT
    pair.decided_by_id = getattr(actor, "id", None)
    pair.decided_at = utcnow()
    session.flush()
    audit.record(
        session,
        actor,
        "claim_match.different",
        pair,
        before,
        {
            "state": pair.state.value,
            "claim_id": pair.claim_id,
            "match_claim_id": pair.match_claim_id,
        },
    )


def assign(
    session: Session,
    actor: Actor,
    claim_id: int,
    assignee_id: int | None,
    version: int | None = None,
) -> Claim:
    """Give a claim to a checker (editor or above), who is notified; an accepted claim goes
    into research."""
    require_role(actor, Role.EDITOR)
    claim = get_claim(session, claim_id)
    check_version(claim, version)
    _require_status(
        claim,
        (
            ClaimStatus.ACCEPTED,
            ClaimStatus.IN_RESEARCH,
            ClaimStatus.IN_REVIEW,
            ClaimStatus.PUBLISHED,
        ),
        _l("Accept the claim before assigning it."),
    )
    if assignee_id is not None:
        assignee = session.get(User, assignee_id)
        if assignee is None or not assignee.active or not assignee.role.includes(Role.CHECKER):
            raise InvalidInput(
                _l("Assign the claim to an active checker, editor or admin."), field="assignee"
            )
    status = ClaimStatus.IN_RESEARCH if claim.status == ClaimStatus.ACCEPTED else claim.status
    if claim.assignee_id == assignee_id and claim.status == status:
        return claim  # nothing changes: no event in the history, no version bump
    before = claim.assignee_id
    _change(session, actor, claim, "claim.assign", assignee_id=assignee_id, status=status)
    events.assigned(session, actor, claim.id, assignee_id, before)
    return claim


KEEP = object()  # a ClaimEdit field left out keeps the stored value


@dataclass(frozen=True)
class ClaimEdit:
    """New wording, claimant, date and channel of a claim."""

    text: str
    claimant: str | None
    claim_date: date | None
    reported_by: str | object | None = KEEP  # left out: the stored channel stays


def edit(
    session: Session, actor: Actor, claim_id: int, given: ClaimEdit, version: int | None = None
) -> Claim:
    """Edit a claim's text, claimant and date (checker or above) before publication; an
    approved verdict on it goes back to review."""
    require_role(actor, Role.CHECKER)
    claim = get_claim(session, claim_id)
    check_version(claim, version)
    if claim.status in (ClaimStatus.PUBLISHED, ClaimStatus.MERGED):
        raise Conflict(_l("A published or merged claim changes only through a correction."))
    if not (given.text or "").strip():  # a JSON null is no text either
        raise InvalidInput(_l("The claim needs its text."), field="text")
    check_length("text", given.text.strip(), MAX_CLAIM_TEXT)
    values = {
        "text": given.text.strip(),
        "claimant": (given.claimant or "").strip() or None,
        "claim_date": given.claim_date,
        "reported_by": claim.reported_by
        if given.reported_by is KEEP
        else (given.reported_by or "").strip() or None,
    }
    changed = any(getattr(claim, name) != value for name, value in values.items())
    _change(session, actor, claim, "claim.edit", **values)
    if changed:
        approval.review_again(session, actor, claim, "claim.edit")
    return claim


def start_research(session: Session, actor: Actor, claim: Claim) -> None:
    """Move an accepted claim into research when work on it starts."""
    if claim.status == ClaimStatus.ACCEPTED:
        _change(session, actor, claim, "claim.start_research", status=ClaimStatus.IN_RESEARCH)


def set_status(
    session: Session, actor: Actor, claim: Claim, status: ClaimStatus, action: str
) -> None:
    """Move a claim along with its verdict (used by the review service)."""
    if claim.status != status:
        _change(session, actor, claim, action, status=status)


def appearances_of(session: Session, claim_id: int) -> list[Appearance]:
    """Return where a claim appears, oldest article first."""
    return list(
        session.scalars(
            sa.select(Appearance)
            .where(Appearance.claim_id == claim_id)
            .order_by(Appearance.created_at)
        )
    )
