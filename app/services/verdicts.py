"""Reading verdicts and the rating scale."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session, joinedload

from app.models import Rating, Role, Verdict, VerdictState
from app.services.actors import Actor
from app.services.permissions import require_role


def ratings(session: Session) -> list[Rating]:
    """Return the rating scale in display order."""
    return list(session.scalars(sa.select(Rating).order_by(Rating.sort_order, Rating.id)))


def published_query(actor: Actor) -> sa.Select[tuple[Verdict]]:
    """Return published verdicts, most recent first."""
    require_role(actor, Role.VIEWER)
    return (
        sa.select(Verdict)
        .where(Verdict.state == VerdictState.PUBLISHED)
        .order_by(Verdict.published_at.desc())
        .options(joinedload(Verdict.claim), joinedload(Verdict.rating))
    )
