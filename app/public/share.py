"""A fact-check's share card image and its earlier, corrected versions (no sign-in)."""

from __future__ import annotations

from flask import Response, redirect, render_template, request, url_for

from app.extensions import db
from app.markdown import render_markdown
from app.public import bp
from app.services import publishing, review, sharing

CARD_CACHE = "public, max-age=3600"  # an hour; a correction changes the ETag and og:image address


@bp.route("/fact-checks/<id:claim_id>/card.png")
def share_card(claim_id: int):
    """Answer the share card (1200x630 PNG) of a published fact-check."""
    claim = publishing.published_claim(db.session, claim_id)
    facts = sharing.card_facts(db.session, claim)
    etag = sharing.card_etag(facts)
    if request.if_none_match.contains(etag):
        response = Response(status=304)
    else:
        response = Response(sharing.card_png(facts), mimetype="image/png")
    response.set_etag(etag)
    response.headers["Cache-Control"] = CARD_CACHE
    return response


@bp.route("/fact-checks/<id:claim_id>/versions/<id:number>")
def fact_check_version(claim_id: int, number: int):
    """Show an earlier published version of a fact-check, superseded by a correction."""
    claim = publishing.published_claim(db.session, claim_id)
    current = review.published_verdict(claim)
    if number == current.number:
        return redirect(url_for("public.fact_check", claim_id=claim.id))
    verdict = publishing.earlier_version(db.session, claim_id, number)
    later = [v for v in publishing.published_versions(claim) if v.number > verdict.number]
    return render_template(
        "public/version.html",
        claim=claim,
        verdict=verdict,
        superseded_by=later[0],
        current=current,
        markdown=render_markdown,
        org=publishing.organisation(db.session),
        page_language=publishing.language_of(claim),
    )
