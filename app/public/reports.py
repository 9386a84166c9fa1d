"""PDF report downloads: signed-in users, or a bearer token."""

from __future__ import annotations

from datetime import date

from flask import Response, abort, request
from flask_babel import gettext as _
from flask_login import current_user

from app.errors import error_response
from app.exports.pdf import PdfUnavailable
from app.extensions import db
from app.public import bp
from app.services import reports, tokens


def _reader():
    """Return the signed-in user, or the owner of a bearer token; otherwise 401."""
    if current_user.is_authenticated:
        return current_user._get_current_object()
    scheme, _sep, token = request.headers.get("Authorization", "").partition(" ")
    user = tokens.user_for_token(db.session, token.strip()) if scheme.lower() == "bearer" else None
    if user is None:
        abort(401)
    return user


def _pdf(make, filename: str):
    try:
        data = make()
    except PdfUnavailable:
        return error_response(
            503,
            _(
                "PDF reports need the Pango library on the server "
                "(apt-get install libpango-1.0-0 libpangoft2-1.0-0)."
            ),
            "unavailable",
        )
    response = Response(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@bp.route("/reports/claims/<id:claim_id>.pdf")
def claim_pdf(claim_id: int):
    """The fact-check report of one published claim."""
    reader = _reader()
    return _pdf(
        lambda: reports.claim_report(db.session, reader, claim_id), f"satja-claim-{claim_id}.pdf"
    )


@bp.route("/reports/articles/<id:article_id>.pdf")
def article_pdf(article_id: int):
    """An article with its claims highlighted and verdicts in the margin."""
    reader = _reader()
    return _pdf(
        lambda: reports.article_report(db.session, reader, article_id),
        f"satja-article-{article_id}.pdf",
    )


@bp.route("/reports/period.pdf")
def period_pdf():
    """The verdicts published in a period: ?from=YYYY-MM-DD&to=YYYY-MM-DD."""
    reader = _reader()
    try:
        start = date.fromisoformat(request.args.get("from", ""))
        end = date.fromisoformat(request.args.get("to", ""))
    except ValueError:
        return error_response(
            400, _("Give the period as from=YYYY-MM-DD&to=YYYY-MM-DD."), "bad_request"
        )
    return _pdf(
        lambda: reports.period_report(db.session, reader, start, end), f"satja-{start}-{end}.pdf"
    )
