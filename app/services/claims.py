"""Reading claims: the triage queue and the claim list."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from app.models import Claim, ClaimStatus, Role
from app.services.actors import Actor
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


def claims_query(actor: Actor, status: ClaimStatus | None = None) -> sa.Select[tuple[Claim]]:
    """Return claims, newest first, optionally of one status."""
    require_role(actor, Role.VIEWER)
    query = sa.select(Claim).order_by(Claim.created_at.desc(), Claim.id.desc())
    if status is not None:
        query = query.where(Claim.status == status)
    return query
