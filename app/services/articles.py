"""Articles: storing pasted text once, listing and reading them."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from app.ingest.text import body_digest, normalize_body
from app.models import Appearance, Article, Role
from app.services import audit, extraction
from app.services.actors import Actor
from app.services.errors import InvalidInput, NotFound, TooLong
from app.services.permissions import require_role
from app.services.query import LIKE_ESCAPE, contains

ARTICLE_FIELDS = ("title", "outlet", "author", "published_on", "language", "url", "body_sha256")
# What an article's page (and the API) shows of it: its claims, each where it appears.
WITH_CLAIMS = (selectinload(Article.appearances).joinedload(Appearance.claim),)


@dataclass(frozen=True)
class ArticleInput:
    """An article as submitted: its text and optional metadata."""

    text: str
    title: str = ""
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    published_on: date | None = None
    language: str = "th"


def add_article(session: Session, actor: Actor, given: ArticleInput) -> tuple[Article, bool]:
    """Store an article unless the same body is stored already; return it and whether it is new."""
    require_role(actor, Role.CHECKER)
    body = normalize_body(given.text)
    if not body:
        raise InvalidInput(_l("The article has no text."), field="text")
    _check_size(body)
    digest = body_digest(body)
    existing = find_existing(session, given.canonical_url, digest)
    if existing is not None:
        return existing, False
    article = Article(
        title=given.title.strip() or default_title(body),
        outlet=given.outlet,
        author=given.author,
        url=given.url,
        canonical_url=given.canonical_url,
        published_on=given.published_on,
        language=given.language,
        body=body,
        body_sha256=digest,
        ingested_by_id=actor.id,
    )
    winner = _store(session, article)
    if winner is not None:
        return winner, False
    audit.record(
        session, actor, "article.create", article, after=audit.snapshot(article, ARTICLE_FIELDS)
    )
    extraction.extract_article_claims(session, actor, article)
    return article, True


def _check_size(body: str) -> None:
    """Refuse (413) a body longer than SATJA_MAX_BODY_CHARS: beyond it an article is a
    report or a book, and its cost (extraction, claims, index) grows past a request's."""
    limit = current_app.config["SATJA_MAX_BODY_CHARS"]
    if len(body) > limit:
        raise TooLong(
            _l(
                "The text has %(n)s characters; Satja takes at most %(max)s an article. "
                "Split it into parts (a chapter, a section) and add each one.",
                n=f"{len(body):,}",
                max=f"{limit:,}",
            ),
            field="text",
        )


def _store(session: Session, article: Article) -> Article | None:
    """Insert the article; if a concurrent import stored the same one first, return that one."""
    try:
        with session.begin_nested():
            session.add(article)
            session.flush()
    except IntegrityError:
        winner = find_existing(session, article.canonical_url, article.body_sha256)
        if winner is None:  # the conflict was about something else: let it surface
            raise
        return winner
    return None


TITLE_LENGTH = 120


def default_title(body: str) -> str:
    """Return a title from the first line: whole if short, else cut at a space (no half words)."""
    first = body.split("\n", 1)[0]
    if len(first) <= TITLE_LENGTH:
        return first
    cut = first.rfind(" ", 0, TITLE_LENGTH)
    if cut < TITLE_LENGTH // 2:  # no space nearby (Thai): at least keep each character whole
        cut = TITLE_LENGTH
        while cut > 0 and (unicodedata.category(first[cut]) == "Mn" or first[cut] == "\u0e33"):
            cut -= 1
    return first[:cut].rstrip() + "…"


def find_existing(session: Session, canonical: str | None, digest: str | None) -> Article | None:
    """Return the stored article with this canonical URL or this body hash, if any."""
    if canonical:
        found = session.scalar(sa.select(Article).where(Article.canonical_url == canonical))
        if found is not None:
            return found
    if digest:
        return session.scalar(sa.select(Article).where(Article.body_sha256 == digest))
    return None


@dataclass(frozen=True)
class ArticleFilter:
    """Which articles to list; every field is optional."""

    outlet: str | None = None
    language: str | None = None
    since: date | None = None
    until: date | None = None


def outlets_like(text: str) -> sa.Select:
    """Return the outlets whose name contains `text` (any case).

    The names are read off the outlet index one at a time (a skip scan, a recursive query):
    as many index lookups as there are outlets, never a scan of every article. A filter on
    `Article.outlet.in_(...)` of them is then served by the same index."""
    names = sa.select(sa.func.min(Article.outlet).label("name")).cte("outlet_names", recursive=True)
    following = sa.select(
        sa.select(sa.func.min(Article.outlet))
        .where(Article.outlet > names.c.name)
        .scalar_subquery()
    ).where(names.c.name.is_not(None))
    names = names.union_all(following)
    return sa.select(names.c.name).where(names.c.name.ilike(contains(text), escape=LIKE_ESCAPE))


def articles_query(actor: Actor, filters: ArticleFilter | None = None) -> sa.Select[tuple[Article]]:
    """Return the query of articles matching the filters, newest first (any signed-in user)."""
    require_role(actor, Role.VIEWER)
    filters = filters or ArticleFilter()
    query = sa.select(Article).order_by(Article.ingested_at.desc(), Article.id.desc())
    if filters.outlet:
        query = query.where(Article.outlet.in_(outlets_like(filters.outlet)))
    if filters.language:
        query = query.where(Article.language == filters.language)
    if filters.since:
        query = query.where(Article.published_on >= filters.since)
    if filters.until:
        query = query.where(Article.published_on <= filters.until)
    return query


def get_article(session: Session, actor: Actor, article_id: int) -> Article:
    """Return one article; raise NotFound if there is none with this id."""
    require_role(actor, Role.VIEWER)
    article = session.get(Article, article_id, options=WITH_CLAIMS)
    if article is None:
        raise NotFound(_l("No such article."))
    return article


def claim_counts(session: Session, article_ids: list[int]) -> dict[int, int]:
    """Return how many claim appearances each of these articles has (one grouped count)."""
    if not article_ids:
        return {}
    query = (
        sa.select(Appearance.article_id, sa.func.count())
        .where(Appearance.article_id.in_(article_ids))
        .group_by(Appearance.article_id)
    )
    return {article_id: count for article_id, count in session.execute(query)}
