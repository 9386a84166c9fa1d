"""Public pages: no sign-in; only published verdicts ever show."""

from __future__ import annotations

from flask import Response, abort, render_template, request, stream_with_context, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy.orm import selectinload

from app.errors import error_response
from app.exports.claimreview import script_tag
from app.exports.csv_rows import csv_chunks
from app.extensions import db
from app.markdown import render_markdown
from app.models import Claim, ClaimStatus, Verdict
from app.public import bp
from app.public.access import reader
from app.public.feeds import atom_feed, fact_checks_sitemap, pages_sitemap, rss_feed, sitemap_index
from app.results import filter_value, query_text, search_list
from app.search import Scope
from app.services import exporting, publishing, ratings, review, sharing, sources
from app.web import bounded_page, list_args

PUBLIC_LOADING = (selectinload(Claim.verdicts).selectinload(Verdict.rating),)


@bp.route("/fact-checks")
def fact_checks():
    """List published fact-checks with search and filters."""
    filters = publishing.PublicFilter(
        q=query_text() or None,
        rating=request.args.get("rating") or None,
        language=request.args.get("language")
        if request.args.get("language") in ("th", "en")
        else None,
    )
    page = None
    if filters.q:
        # Words go to the search index; the form's rating and language become its filters.
        text = " ".join(
            ([f"rating:{filter_value(filters.rating)}"] if filters.rating else [])
            + ([f"lang:{filters.language}"] if filters.language else [])
            + [filters.q]
        )
        page = search_list(Claim, Scope(public=True), *PUBLIC_LOADING, text=text, per_page=20)
    if page is None:
        page = bounded_page(publishing.published_claims_query(filters), 20)
    args = list_args()
    return render_template(
        "public/list.html",
        page=page,
        filters=filters,
        args=args,
        scale=ratings.scale(db.session),
        published=review.published_verdict,
    )


@bp.route("/fact-checks/<id:claim_id>")
def fact_check(claim_id: int):
    """Show one published fact-check with its ClaimReview JSON-LD and preview-card tags."""
    claim = publishing.published_claim(db.session, claim_id)
    json_ld = Markup(script_tag(publishing.claim_review_of(db.session, claim)))
    versions = publishing.published_versions(claim)
    corrections = [v for v in versions if v.correction_note]
    return render_template(
        "public/fact_check.html",
        claim=claim,
        verdict=review.published_verdict(claim),
        versions=versions,
        corrections=corrections,
        latest_correction=corrections[-1] if corrections else None,
        sources=sources.active_sources(claim),
        json_ld=json_ld,
        share=sharing.share_meta(db.session, claim),
        markdown=render_markdown,
        org=publishing.organisation(db.session),
        page_language=publishing.language_of(claim),
    )


@bp.route("/fact-checks/feed.atom")
def feed_atom():
    """Atom feed of published verdicts and corrections."""
    return Response(atom_feed(str(get_locale())), mimetype="application/atom+xml")


@bp.route("/fact-checks/feed.rss")
def feed_rss():
    """RSS feed of published verdicts and corrections."""
    return Response(rss_feed(str(get_locale())), mimetype="application/rss+xml")


@bp.route("/sitemap.xml")
def sitemap_xml():
    """The sitemap index: the site's pages, and a sitemap per block of fact-checks."""
    return Response(sitemap_index(), mimetype="application/xml")


@bp.route("/sitemaps/pages.xml")
def pages_sitemap_xml():
    """The sitemap of the list and the methodology."""
    return Response(pages_sitemap(), mimetype="application/xml")


@bp.route("/sitemaps/fact-checks-<int:block>.xml")
def fact_checks_sitemap_xml(block: int):
    """The sitemap of one block of fact-check pages (claim ids block × 10,000 onwards)."""
    if block > 10**6:
        abort(404)
    return Response(fact_checks_sitemap(block), mimetype="application/xml")


@bp.route("/methodology")
def methodology():
    """How Satja rates claims, and how ratings become ClaimReview numbers."""
    scale = ratings.scale(db.session)
    values = [r.value for r in scale if r.value is not None] or [1, 5]
    return render_template(
        "public/methodology.html",
        scale=scale,
        best=max(values),
        worst=min(values),
        org=publishing.organisation(db.session),
        feed=url_for("public.feed_atom"),
    )


@bp.route("/exports/claims.csv")
def claims_csv():
    """Stream every claim (with the list's status filter) and its latest verdict as CSV
    (signed in, or with a bearer token)."""
    status = request.args.get("status") or None
    if status and status not in {s.value for s in ClaimStatus}:
        return error_response(400, _("Unknown status: %(s)s", s=status[:40]), "bad_request")
    rows = exporting.csv_rows(
        db.session,
        reader(),
        ClaimStatus(status) if status else None,
        request.args.get("rating") or None,
    )
    response = Response(stream_with_context(csv_chunks(rows)), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="satja-claims.csv"'
    return response
