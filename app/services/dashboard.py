"""Figures for the desk's dashboard."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.database import utcnow
from app.models import Appearance, Article, Claim, ClaimStatus, Rating, Role, Verdict, VerdictState
from app.services.actors import Actor
from app.services.permissions import require_role

WEEKS = 12


@dataclass(frozen=True)
class Dashboard:
    """Counts by status, published ratings, speed, backlog and weekly throughput."""

    by_status: list[tuple[ClaimStatus, int]]
    by_rating: list[tuple[Rating, int]]
    median_seconds_to_publish: float | None
    oldest_open: list[Claim]
    per_week: list[tuple[datetime, int]]


def dashboard(session: Session, actor: Actor, now: datetime | None = None) -> Dashboard:
    """Compute the dashboard's figures."""
    require_role(actor, Role.VIEWER)
    now = now or utcnow()
    counts = {
        status: count
        for status, count in session.execute(
            sa.select(Claim.status, sa.func.count()).group_by(Claim.status)
        )
    }
    ratings = session.execute(
        sa.select(Rating, sa.func.count(Verdict.id))
        .outerjoin(
            Verdict,
            sa.and_(Verdict.rating_id == Rating.id, Verdict.state == VerdictState.PUBLISHED),
        )
        .group_by(Rating.id)
        .order_by(Rating.sort_order)
    ).all()
    return Dashboard(
        by_status=[(status, counts.get(status, 0)) for status in ClaimStatus],
        by_rating=[(rating, count) for rating, count in ratings],
        median_seconds_to_publish=_median_seconds(session),
        oldest_open=list(
            session.scalars(
                sa.select(Claim)
                .where(
                    Claim.status.in_(
                        [ClaimStatus.ACCEPTED, ClaimStatus.IN_RESEARCH, ClaimStatus.IN_REVIEW]
                    )
                )
                .order_by(Claim.created_at)
                .limit(10)
            )
        ),
        per_week=_per_week(session, now),
    )


def _median_seconds(session: Session) -> float | None:
    """Median time from the first ingest of a claim's article to its first publication."""
    rows = session.execute(
        sa.select(sa.func.min(Article.ingested_at), sa.func.min(Verdict.published_at))
        .join(Appearance, Appearance.article_id == Article.id)
        .join(Verdict, Verdict.claim_id == Appearance.claim_id)
        .where(Verdict.published_at.is_not(None))
        .group_by(Appearance.claim_id)
    ).all()
    seconds = [(_aware(p) - _aware(i)).total_seconds() for i, p in rows if i and p]
    return statistics.median(seconds) if seconds else None


def _aware(value: datetime) -> datetime:
    from datetime import UTC

    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _per_week(session: Session, now: datetime) -> list[tuple[datetime, int]]:
    """Verdicts published in each of the last WEEKS weeks (Monday-based), oldest first."""
    monday = (now - timedelta(days=now.weekday())).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    starts = [monday - timedelta(weeks=w) for w in reversed(range(WEEKS))]
    published = session.scalars(
        sa.select(Verdict.published_at).where(Verdict.published_at >= starts[0])
    ).all()
    counts = [0] * WEEKS
    for moment in published:
        index = int((_aware(moment) - starts[0]).days // 7)
        if 0 <= index < WEEKS:
            counts[index] += 1
    return list(zip(starts, counts, strict=True))
