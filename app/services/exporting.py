"""Export rows for the CSV: claims with their current verdict, streamed from the database."""

from __future__ import annotations

from collections.abc import Iterator

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import Appearance, Article, Claim, ClaimStatus, Rating, Role, Verdict, VerdictState
from app.services import publishing
from app.services.actors import Actor
from app.services.permissions import require_role

BATCH = 1000


def csv_rows(
    session: Session, actor: Actor, status: ClaimStatus | None = None, rating: str | None = None
) -> Iterator[tuple]:
    """Yield one row per claim (with its latest verdict), reading the database in batches."""
    require_role(actor, Role.VIEWER)
    latest = (
        sa.select(Verdict.claim_id, sa.func.max(Verdict.number).label("number"))
        .group_by(Verdict.claim_id)
        .subquery()
    )
    articles = (
        sa.select(
            Appearance.claim_id, sa.func.count().label("n"), sa.func.min(Article.url).label("url")
        )
        .join(Article)
        .group_by(Appearance.claim_id)
        .subquery()
    )
    query = (
        sa.select(
            Claim.id,
            Claim.text,
            Claim.claimant,
            Claim.claim_date,
            Claim.status,
            Claim.language,
            Claim.score,
            articles.c.n,
            articles.c.url,
            Verdict.number,
            Rating.key,
            Rating.label_th,
            Rating.label_en,
            Verdict.conclusion,
            Verdict.correction_note,
            Verdict.published_at,
            Verdict.state,
            Claim.reported_by,
        )
        .outerjoin(latest, latest.c.claim_id == Claim.id)
        .outerjoin(
            Verdict, sa.and_(Verdict.claim_id == Claim.id, Verdict.number == latest.c.number)
        )
        .outerjoin(Rating, Rating.id == Verdict.rating_id)
        .outerjoin(articles, articles.c.claim_id == Claim.id)
        .order_by(Claim.id)
        .execution_options(yield_per=BATCH)
    )
    if status is not None:
        query = query.where(Claim.status == status)
    if rating:
        query = query.where(Rating.key == rating)
    site = publishing.site_url()
    for row in session.execute(query):
        public = (
            f"{site}/fact-checks/{row.id}"
            if row.state in (VerdictState.PUBLISHED,) or row.status == ClaimStatus.PUBLISHED
            else ""
        )
        yield (
            row.id,
            row.text,
            row.claimant,
            row.claim_date,
            row.status.value,
            row.language,
            f"{row.score:.2f}",
            row.n or 0,
            row.url,
            row.number,
            row.key,
            row.label_th,
            row.label_en,
            row.conclusion,
            row.correction_note,
            row.published_at.isoformat() if row.published_at else "",
            public,
            row.reported_by,
        )
