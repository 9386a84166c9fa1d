"""Reading claims: the triage queue and the claim list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session, joinedload, selectinload

from app.models import Appearance, Article, Claim, ClaimStatus, Comment, Role, Source, Verdict
from app.services.actors import Actor
from app.services.articles import outlets_like
from app.services.errors import NotFound
from app.services.permissions import require_role

# What a list of claims shows of each: where it was found.
LIST_LOADING = (selectinload(Claim.appearances).selectinload(Appearance.article),)
# What the API's list of claims shows of each: who it is assigned to.
API_LOADING = (joinedload(Claim.assignee),)
# What the claim page shows: where it appears, its sources, verdicts and comments with their people.
PAGE_LOADING = (
    joinedload(Claim.assignee),
    selectinload(Claim.appearances).joinedload(Appearance.article),
    selectinload(Claim.sources).joinedload(Source.added_by),
    selectinload(Claim.verdicts).options(
        joinedload(Verdict.rating),
        joinedload(Verdict.author),
        joinedload(Verdict.approver),
        joinedload(Verdict.content_editor),
    ),
    selectinload(Claim.comments).joinedload(Comment.author),
)


@dataclass(frozen=True)
class QueueFilter:
    """Which candidates to show; every field is optional."""

    article_id: int | None = None
    outlet: str | None = None
    language: str | None = None
    min_score: float | None = None
    since: date | None = None


def queue_query(actor: Actor, filters: QueueFilter | None = None) -> sa.Select[tuple[Claim]]:
    """Return the candidates awaiting triage, most check-worthy first."""
    require_role(actor, Role.VIEWER)
    filters = filters or QueueFilter()
    query = sa.select(Claim).where(Claim.status == ClaimStatus.CANDIDATE)
    if filters.article_id or filters.outlet or filters.since:
        found_in = sa.select(Appearance.claim_id).join(Article)
        if filters.article_id:
            found_in = found_in.where(Article.id == filters.article_id)
        if filters.outlet:
            found_in = found_in.where(Article.outlet.in_(outlets_like(filters.outlet)))
        if filters.since:
            found_in = found_in.where(Article.published_on >= filters.since)
        query = query.where(Claim.id.in_(found_in))
    if filters.language:
        query = query.where(Claim.language == filters.language)
    if filters.min_score is not None:
        query = query.where(Claim.score >= filters.min_score)
    return query.order_by(Claim.score.desc(), Claim.id).options(*LIST_LOADING)


def get_claim(session: Session, actor: Actor, claim_id: int) -> Claim:
    """Return one claim; raise NotFound if there is none with this id."""
    require_role(actor, Role.VIEWER)
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise NotFound(_l("No such claim."))
    return claim


def claim_for_page(session: Session, claim_id: int) -> Claim:
    """Return a claim with everything its page shows loaded at once; NotFound if none."""
    claim = session.get(Claim, claim_id, options=PAGE_LOADING)
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
