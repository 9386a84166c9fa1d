"""Figures for the desk's dashboard."""

from __future__ import annotations

import logging
import statistics
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import Session

from app.database import utcnow
from app.models import (
    Appearance,
    Article,
    Claim,
    ClaimStatus,
    DeskFigures,
    Rating,
    Role,
    Verdict,
    VerdictState,
)
from app.services.actors import Actor
from app.services.permissions import require_role

WEEKS = 12
REFRESH_TARGET = "app.services.dashboard:refresh"
# A refresh that started longer ago than this is taken to have died; another may start.
REFRESH_GIVEN_UP = timedelta(minutes=10)
FIGURES_ID = 1
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Dashboard:
    """Counts by status, published ratings, speed, backlog and weekly throughput."""

    by_status: list[tuple[ClaimStatus, int]]
    by_rating: list[tuple[Rating, int]]
    median_seconds_to_publish: float | None
    oldest_open: list[Claim]
    per_week: list[tuple[datetime, int]]
    computed_at: datetime | None = None


def dashboard(session: Session, actor: Actor, now: datetime | None = None) -> Dashboard:
    """Return the dashboard's figures as last computed (computing them if there are none),
    and ask for a new computation in the background when they are older than
    SATJA_DASHBOARD_MAX_AGE seconds: a page costs a few indexed reads, whatever the archive's
    size (computing reads every claim and published verdict)."""
    require_role(actor, Role.VIEWER)
    now = now or utcnow()
    kept = session.get(DeskFigures, FIGURES_ID)
    if kept is None:
        from app import transactions

        with transactions.writing():  # the first figures, computed here once
            kept = _store(session, compute(session, now), now)
    elif _aware(kept.computed_at) < now - timedelta(
        seconds=current_app.config["SATJA_DASHBOARD_MAX_AGE"]
    ):
        _ask_for_refresh(session, kept, now)
    return _loaded(session, kept.figures, _aware(kept.computed_at))


def compute(session: Session, now: datetime) -> dict:
    """Compute the figures from the claims and verdicts, as JSON."""
    counts = dict(
        session.execute(sa.select(Claim.status, sa.func.count()).group_by(Claim.status)).all()
    )
    ratings = session.execute(
        sa.select(Verdict.rating_id, sa.func.count())
        .where(Verdict.state == VerdictState.PUBLISHED)
        .group_by(Verdict.rating_id)
    ).all()
    oldest = session.scalars(
        sa.select(Claim.id)
        .where(
            Claim.status.in_([ClaimStatus.ACCEPTED, ClaimStatus.IN_RESEARCH, ClaimStatus.IN_REVIEW])
        )
        .order_by(Claim.created_at, Claim.id)
        .limit(10)
    ).all()
    return {
        "by_status": {status.value: counts.get(status, 0) for status in ClaimStatus},
        "by_rating": {str(rating_id): count for rating_id, count in ratings},
        "median_seconds_to_publish": _median_seconds(session),
        "oldest_open": list(oldest),
        "per_week": [[start.isoformat(), count] for start, count in _per_week(session, now)],
    }


def _store(session: Session, figures: dict, now: datetime) -> DeskFigures:
    kept = session.get(DeskFigures, FIGURES_ID)
    if kept is None:
        kept = DeskFigures(id=FIGURES_ID, figures=figures, computed_at=now)
        session.add(kept)
    else:
        kept.figures, kept.computed_at, kept.refreshing_since = figures, now, None
    session.flush()
    return kept


def _ask_for_refresh(session: Session, kept: DeskFigures, now: datetime) -> None:
    """Start one refresh job, unless one is under way (claimed with a conditional UPDATE)."""
    from app import jobs, transactions

    with transactions.writing():  # a GET that records a refresh was asked for
        claimed = session.execute(
            sa.update(DeskFigures)
            .where(
                DeskFigures.id == FIGURES_ID,
                sa.or_(
                    DeskFigures.refreshing_since.is_(None),
                    DeskFigures.refreshing_since < now - REFRESH_GIVEN_UP,
                ),
            )
            .values(refreshing_since=now)
        ).rowcount
    if claimed:
        jobs.enqueue(REFRESH_TARGET, FIGURES_ID)


def refresh(_ref: int) -> None:
    """Compute the figures again and keep them (the background job)."""
    from app.extensions import db

    session = db.session
    now = utcnow()
    try:
        figures = compute(session, now)
    except Exception:
        session.rollback()
        log.exception("the dashboard's figures could not be computed")
        session.execute(sa.update(DeskFigures).values(refreshing_since=None))
        session.commit()
        raise
    _store(session, figures, now)
    session.commit()


def _loaded(session: Session, figures: dict, computed_at: datetime) -> Dashboard:
    """Turn kept figures into the Dashboard the page shows (the ratings and claims read)."""
    scale = session.scalars(sa.select(Rating).order_by(Rating.sort_order, Rating.id)).all()
    counts = figures["by_rating"]
    ids = figures["oldest_open"]
    claims = {c.id: c for c in session.scalars(sa.select(Claim).where(Claim.id.in_(ids)))}
    return Dashboard(
        by_status=[(status, figures["by_status"].get(status.value, 0)) for status in ClaimStatus],
        by_rating=[(rating, counts.get(str(rating.id), 0)) for rating in scale],
        median_seconds_to_publish=figures["median_seconds_to_publish"],
        oldest_open=[claims[i] for i in ids if i in claims],
        per_week=[(datetime.fromisoformat(start), count) for start, count in figures["per_week"]],
        computed_at=computed_at,
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
