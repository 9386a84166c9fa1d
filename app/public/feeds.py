"""Feeds (Atom and RSS, with feedgen) and the sitemap of published fact-checks."""

from __future__ import annotations

from xml.sax.saxutils import escape

from feedgen.feed import FeedGenerator
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import Verdict, VerdictState
from app.services import publishing

FEED_SIZE = 50


def _entries():
    """Return the latest publications: verdicts and corrections, newest first."""
    return db.session.scalars(
        db.select(Verdict)
        .where(Verdict.published_at.is_not(None))
        .options(joinedload(Verdict.claim), joinedload(Verdict.rating))
        .order_by(Verdict.published_at.desc())
        .limit(FEED_SIZE)
    ).all()


def _feed(locale: str) -> FeedGenerator:
    org = publishing.organisation(db.session)
    site = publishing.site_url()
    feed = FeedGenerator()
    feed.id(site + "/fact-checks")
    feed.title(f"{org.name} — fact-checks")
    feed.link(href=site + "/fact-checks", rel="alternate")
    feed.link(href=site + "/fact-checks/feed.atom", rel="self")
    feed.description(f"Verdicts and corrections published by {org.name}")
    feed.language(locale)
    for verdict in reversed(_entries()):
        claim = verdict.claim
        url = f"{site}/fact-checks/{claim.id}"
        entry = feed.add_entry()
        entry.id(f"{url}#v{verdict.number}")
        label = verdict.rating.label(publishing.language_of(claim))
        kind = "Correction" if verdict.correction_note else "Fact-check"
        entry.title(f"{kind}: {label} — {claim.text[:120]}")
        entry.link(href=url)
        entry.published(verdict.published_at)
        entry.updated(verdict.published_at)
        summary = verdict.conclusion
        if verdict.correction_note:
            summary += f" (Correction: {verdict.correction_note})"
        entry.summary(summary)
        if verdict.state == VerdictState.SUPERSEDED:
            entry.category(term="superseded")
    return feed


def atom_feed(locale: str) -> bytes:
    """Return the Atom feed."""
    return _feed(locale).atom_str(pretty=True)


def rss_feed(locale: str) -> bytes:
    """Return the RSS feed."""
    return _feed(locale).rss_str(pretty=True)


SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap_index() -> str:
    """Return the sitemap index: the site's own pages, then one sitemap per block of claims."""
    site = escape(publishing.site_url())
    rows = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<sitemapindex xmlns="{SITEMAP_NS}">',
        f"<sitemap><loc>{site}/sitemaps/pages.xml</loc></sitemap>",
    ]
    for block in publishing.sitemap_blocks(db.session):
        rows.append(f"<sitemap><loc>{site}/sitemaps/fact-checks-{block}.xml</loc></sitemap>")
    rows.append("</sitemapindex>")
    return "\n".join(rows)


def pages_sitemap() -> str:
    """Return the sitemap of the site's own pages: the list and the methodology."""
    site = escape(publishing.site_url())
    return "\n".join(
        [
            '<?xml version="1.0" encoding="UTF-8"?>',
            f'<urlset xmlns="{SITEMAP_NS}">',
            f"<url><loc>{site}/fact-checks</loc></url>",
            f"<url><loc>{site}/methodology</loc></url>",
            "</urlset>",
        ]
    )


def fact_checks_sitemap(block: int) -> str:
    """Return the sitemap of one block's fact-check pages, with when each last changed."""
    site = escape(publishing.site_url())
    rows = ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="{SITEMAP_NS}">']
    for claim_id, published_at in publishing.sitemap_entries(db.session, block):
        rows.append(
            f"<url><loc>{site}/fact-checks/{claim_id}</loc>"
            f"<lastmod>{published_at.date().isoformat()}</lastmod></url>"
        )
    rows.append("</urlset>")
    return "\n".join(rows)
