"""Reading claims: the triage queue and the claim list."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session, selectinload

from app.models import Claim, ClaimStatus, Role
from app.services.actors import Actor
from app.services.errors import NotFound
from app.services.permissions import require_role


def queue_query(actor: Actor) -> sa.Select[tuple[Claim]]:
    """Return the candidates awaiting triage, most check-worthy first."""
    require_role(actor, Role.VIEWER)
    return (
        sa.select(Claim)
        .where(Claim.status == ClaimStatus.CANDIDATE)
        .order_by(Claim.score.desc(), Claim.id)
        .options(selectinload(Claim.appearances))
    )


def get_claim(session: Session, actor: Actor, claim_id: int) -> Claim:
    """Return one claim; raise NotFound if there is none with this id."""
    require_role(actor, Role.VIEWER)
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise NotFound(_l("No such claim."))
    return claim


def claims_query(actor: Actor, status: ClaimStatus | None = None) -> sa.Select[tuple[Claim]]:
    """Return claims, newest first, optionally of one status."""
    require_role(actor, Role.VIEWER)
    query = sa.select(Claim).order_by(Claim.created_at.desc(), Claim.id.desc())
    if status is not None:
        query = query.where(Claim.status == status)
    return query
