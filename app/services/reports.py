"""PDF reports: one fact-check, one article with its claims, a period's verdicts."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app, render_template
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from app.articles.highlight import highlighted_paragraphs
from app.exports.pdf import html_to_pdf
from app.markdown import render_markdown
from app.models import Role, Verdict, VerdictState
from app.services import articles, publishing, ratings, review, sources
from app.services.actors import Actor
from app.services.errors import Conflict, InvalidInput
from app.services.permissions import require_role

MAX_PERIOD_DAYS = 400


def _render(template: str, **context) -> bytes:
    language = str(get_locale())
    html = render_template(
        template,
        language=language,
        markdown=render_markdown,
        org=publishing.organisation_for_reports(),
        **context,
    )
    return html_to_pdf(html)


def claim_report(session: Session, actor: Actor, claim_id: int) -> bytes:
    """Return the PDF fact-check report of a published claim."""
    require_role(actor, Role.VIEWER)
    claim = publishing.published_claim(session, claim_id)
    verdict = review.published_verdict(claim)
    return _render(
        "reports/claim.html",
        title=claim.text[:80],
        claim=claim,
        verdict=verdict,
        corrections=[v for v in claim.verdicts if v.correction_note and v.published_at],
        sources=sources.active_sources(claim),
        public_url=publishing.public_url(claim),
    )


def article_report(session: Session, actor: Actor, article_id: int) -> bytes:
    """Return the PDF of an article with its claims highlighted and their verdicts in the margin."""
    article = articles.get_article(session, actor, article_id)
    return _render(
        "reports/article.html",
        title=article.title,
        article=article,
        paragraphs=highlighted_paragraphs(article.body, article.appearances),
        verdict_of=review.published_verdict,
    )


def period_report(session: Session, actor: Actor, start: date, end: date) -> bytes:
    """Return the PDF of the verdicts published between two days (inclusive)."""
    require_role(actor, Role.VIEWER)
    if end < start:
        raise InvalidInput(_l("The period ends before it starts."), field="to")
    if (end - start).days > MAX_PERIOD_DAYS:
        raise Conflict(_l("Ask for at most %(n)d days at a time.", n=MAX_PERIOD_DAYS))
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    since = datetime.combine(start, time(), zone)
    until = datetime.combine(end + timedelta(days=1), time(), zone)
    verdicts = session.scalars(
        sa.select(Verdict)
        .where(Verdict.published_at >= since, Verdict.published_at < until)
        .order_by(Verdict.published_at)
    ).all()
    language = str(get_locale())
    counts = Counter(v.rating_id for v in verdicts if v.state == VerdictState.PUBLISHED)
    distribution = [(r.label(language), counts.get(r.id, 0)) for r in ratings.scale(session)]
    return _render(
        "reports/period.html",
        title="Satja",
        start=start,
        end=end,
        verdicts=verdicts,
        distribution=distribution,
        corrections=sum(1 for v in verdicts if v.correction_note),
    )
