"""API: the ClaimReview feed of published fact-checks."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import jsonify, request
from flask_babel import lazy_gettext as _l

from app.api import bp
from app.api.auth import api_user
from app.errors import error_response
from app.extensions import db
from app.models import Role
from app.services import publishing
from app.services.permissions import require_role
from app.web import page_number


@bp.route("/claimreview")
def claimreview_feed():
    """Return ClaimReview JSON-LD of published fact-checks, newest first (?since=ISO time).
    ---
    get:
      parameters:
        - Page
        - name: since
          in: query
          description: Only fact-checks published or corrected since this ISO 8601 date or time.
          schema: {type: string, format: date-time}
      responses:
        200: ClaimReviewPage
    """
    require_role(api_user(), Role.VIEWER)
    since = request.args.get("since")
    try:
        moment = datetime.fromisoformat(since) if since else None
    except ValueError:
        return error_response(400, _l("since must be an ISO 8601 date or time."), "bad_request")
    if moment is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    page = db.paginate(
        publishing.claim_reviews_since(db.session, moment),
        page=page_number(),
        per_page=50,
        error_out=False,
    )
    return jsonify(
        items=publishing.claim_reviews_of(db.session, page.items),
        page=page.page,
        pages=page.pages,
        total=page.total,
    )
