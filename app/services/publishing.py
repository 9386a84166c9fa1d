"""What the public sees: published verdicts, their ClaimReview, the organisation's settings."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session, selectinload

from app.exports.claimreview import Appearance as ReviewedAppearance
from app.exports.claimreview import ReviewFacts, claim_review
from app.ingest.text import web_address
from app.models import (
    Appearance,
    Article,
    Claim,
    ClaimStatus,
    Organisation,
    Rating,
    Role,
    Verdict,
    VerdictState,
)
from app.services import audit, ratings, review
from app.services.actors import Actor
from app.services.errors import InvalidInput, NotFound
from app.services.permissions import require_role
from app.services.query import LIKE_ESCAPE, contains

ORG_FIELDS = ("name", "url", "logo_url", "methodology_url", "corrections_url")


def organisation(session: Session) -> Organisation:
    """Return the organisation's settings (the configured defaults until an admin saves them)."""
    found = session.get(Organisation, 1)
    if found is not None:
        return found
    config = current_app.config
    # Until an admin names the organisation's own site, it is the public site readers reach.
    url = config["SATJA_ORG_URL"] or site_url()
    return Organisation(id=1, name=config["SATJA_ORG_NAME"], url=url)


@dataclass(frozen=True)
class OrganisationInput:
    name: str
    url: str
    logo_url: str | None = None
    methodology_url: str | None = None
    corrections_url: str | None = None


def update_organisation(session: Session, actor: Actor, given: OrganisationInput) -> Organisation:
    """Save the organisation's settings (admins)."""
    require_role(actor, Role.ADMIN)
    if not given.name.strip():
        raise InvalidInput(_l("The organisation needs a name."), field="name")
    for name in ORG_FIELDS[1:]:
        value = getattr(given, name)
        if value and web_address(value) is None:
            raise InvalidInput(
                _l("Give a full web address, such as https://factcheck.example."), field=name
            )
    org = session.get(Organisation, 1)
    before = audit.snapshot(org, ORG_FIELDS) if org else None
    if org is None:
        org = Organisation(id=1)
        session.add(org)
    for name in ORG_FIELDS:
        setattr(org, name, (getattr(given, name) or "").strip() or None)
    session.flush()
    audit.record(session, actor, "organisation.edit", org, before, audit.snapshot(org, ORG_FIELDS))
    return org


def organisation_for_reports() -> Organisation:
    """Return the organisation's settings for the current request's session."""
    from app.extensions import db

    return organisation(db.session)


def site_url() -> str:
    """Return the public site's base address (its pages' absolute URLs start with it)."""
    return current_app.config["SATJA_PUBLIC_URL"].rstrip("/")


def public_url(claim: Claim) -> str | None:
    """Return the stable public address of a claim's fact-check, once published."""
    if review.published_verdict(claim) is None:
        return None
    return f"{site_url()}/fact-checks/{claim.id}"  # the route public.fact_check


@dataclass(frozen=True)
class PublicFilter:
    q: str | None = None
    rating: str | None = None
    language: str | None = None


def published_claims_query(filters: PublicFilter | None = None) -> sa.Select[tuple[Claim]]:
    """Return the claims with a published verdict, most recently published first.

    A claim has one published verdict (publishing a correction supersedes the one before), so
    the list is a join read off the (state, published_at) index, newest first, not an
    aggregate of every publication."""
    filters = filters or PublicFilter()
    published = sa.and_(Verdict.claim_id == Claim.id, Verdict.state == VerdictState.PUBLISHED)
    query = sa.select(Claim).join(Verdict, published)
    if filters.q:
        query = query.where(
            sa.or_(
                Claim.text.ilike(contains(filters.q), escape=LIKE_ESCAPE),
                Claim.claimant.ilike(contains(filters.q), escape=LIKE_ESCAPE),
            )
        )
    if filters.rating:
        query = query.where(
            Verdict.rating_id.in_(sa.select(Rating.id).where(Rating.key == filters.rating))
        )
    if filters.language:
        query = query.where(Claim.language == filters.language)
    return query.order_by(Verdict.published_at.desc(), Verdict.id.desc()).options(
        selectinload(Claim.verdicts).joinedload(Verdict.rating)
    )


def _latest_publication() -> sa.Subquery:
    """Return (claim_id, at): when each claim's published verdict was published."""
    return (
        sa.select(Verdict.claim_id, sa.func.max(Verdict.published_at).label("at"))
        .where(Verdict.state == VerdictState.PUBLISHED)
        .group_by(Verdict.claim_id)
        .subquery()
    )


# A sitemap lists the published claims of one block of claim ids: at most this many URLs
# (the protocol allows 50,000 and 50 MB), each block read off the claim_id index.
SITEMAP_BLOCK = 10_000


def sitemap_blocks(session: Session) -> range:
    """Return the sitemap blocks that may hold published claims (from the lowest to the
    highest published claim id: two index lookups, however many claims there are)."""
    low, high = session.execute(
        sa.select(sa.func.min(Verdict.claim_id), sa.func.max(Verdict.claim_id)).where(
            Verdict.state == VerdictState.PUBLISHED
        )
    ).one()
    if low is None:
        return range(0)
    return range(low // SITEMAP_BLOCK, high // SITEMAP_BLOCK + 1)


def sitemap_entries(session: Session, block: int) -> list[tuple[int, datetime]]:
    """Return each published claim of the block with its last publication (a correction's
    included), by claim id: one query over at most SITEMAP_BLOCK claims."""
    first, last = block * SITEMAP_BLOCK, (block + 1) * SITEMAP_BLOCK
    in_block = sa.and_(Verdict.claim_id >= first, Verdict.claim_id < last)
    published = (
        sa.select(Verdict.claim_id)
        .where(in_block, Verdict.state == VerdictState.PUBLISHED)
        .subquery()
    )
    query = (
        sa.select(Verdict.claim_id, sa.func.max(Verdict.published_at))
        .where(in_block, Verdict.published_at.is_not(None))
        .where(Verdict.claim_id.in_(sa.select(published.c.claim_id)))
        .group_by(Verdict.claim_id)
        .order_by(Verdict.claim_id)
    )
    return [(claim_id, at) for claim_id, at in session.execute(query)]


PAGE_LOADING = (
    selectinload(Claim.verdicts).selectinload(Verdict.rating),
    selectinload(Claim.appearances).selectinload(Appearance.article),
)


def published_claim(session: Session, claim_id: int) -> Claim:
    """Return a claim whose verdict is published, or NotFound (drafts are never public)."""
    claim = session.get(Claim, claim_id, options=PAGE_LOADING)
    if (
        claim is None
        or review.published_verdict(claim) is None
        or (claim.status == ClaimStatus.MERGED)
    ):
        raise NotFound(_l("No such fact-check."))
    return claim


def published_versions(claim: Claim) -> list[Verdict]:
    """Return the versions of a claim's verdict that were ever published, oldest first."""
    shown = (VerdictState.PUBLISHED, VerdictState.SUPERSEDED)
    return [v for v in claim.verdicts if v.state in shown and v.published_at is not None]


def earlier_version(session: Session, claim_id: int, number: int) -> Verdict:
    """Return a published version that a correction superseded, or NotFound (drafts, versions
    never published and the current one are not earlier versions)."""
    claim = published_claim(session, claim_id)
    for verdict in published_versions(claim):
        if verdict.number == number and verdict.state == VerdictState.SUPERSEDED:
            return verdict
    raise NotFound(_l("No such version of this fact-check."))


def language_of(claim: Claim) -> str:
    """Return the language of a fact-check (a mixed article's claim reads as Thai)."""
    return "en" if claim.language == "en" else "th"


@dataclass(frozen=True)
class ReviewContext:
    """What every ClaimReview of a page shares: the scale's values and the organisation."""

    scale: list[int]
    org: Organisation


def review_context(session: Session) -> ReviewContext:
    """Read the rating scale's values and the organisation once, for many ClaimReviews."""
    scale = [r.value for r in ratings.scale(session) if r.value is not None] or [1, 5]
    return ReviewContext(scale, organisation(session))


def review_facts(
    session: Session, claim: Claim, context: ReviewContext | None = None
) -> ReviewFacts:
    """Gather what the ClaimReview of a published claim says."""
    verdict = review.published_verdict(claim)
    context = context or review_context(session)
    scale, org, language = context.scale, context.org, language_of(claim)
    return ReviewFacts(
        page_url=public_url(claim),
        claim_text=claim.text,
        claimant=claim.claimant,
        claim_date=claim.claim_date,
        appearances=tuple(
            ReviewedAppearance(
                a.article.url, a.article.title, a.article.published_on, a.article.outlet
            )
            for a in claim.appearances
        ),
        rating_value=verdict.rating.value,
        best_rating=max(scale),
        worst_rating=min(scale),
        rating_label=verdict.rating.label(language),
        conclusion=verdict.conclusion,
        organisation_name=org.name,
        organisation_url=org.url,
        organisation_logo=org.logo_url,
        published=verdict.published_at,
        language=language,
    )


def claim_review_of(session: Session, claim: Claim) -> dict:
    """Return the ClaimReview JSON-LD dict of a published claim."""
    return claim_review(review_facts(session, claim))


def claim_reviews_of(session: Session, claims: Iterable[Claim]) -> list[dict]:
    """Return the ClaimReview JSON-LD dicts of published claims (loaded with REVIEW_LOADING)."""
    context = review_context(session)
    return [claim_review(review_facts(session, claim, context)) for claim in claims]


# What a ClaimReview says of the articles a claim appeared in (their bodies are not needed).
REVIEW_LOADING = (
    selectinload(Claim.appearances)
    .joinedload(Appearance.article)
    .load_only(Article.url, Article.title, Article.published_on, Article.outlet),
)


def claim_reviews_since(session: Session, since=None) -> sa.Select[tuple[Claim]]:
    """Return published claims whose verdict was published (or corrected) since a moment,
    loaded for their ClaimReview."""
    query = published_claims_query().options(*REVIEW_LOADING)
    if since is not None:
        query = query.where(
            Claim.id.in_(
                sa.select(Verdict.claim_id).where(
                    Verdict.state == VerdictState.PUBLISHED, Verdict.published_at >= since
                )
            )
        )
    return query
