"""Views of the desk's lists, the language switch and the health check."""

import sqlalchemy as sa
from flask import (
    current_app,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import login_required
from sqlalchemy.exc import SQLAlchemyError

from app import jobs
from app.claims.forms import TRIAGE_REASON, MatchDecisionForm, QueueFilterForm, TriageForm
from app.extensions import csrf, db
from app.i18n import LANG_COOKIE, supported_languages
from app.main import bp
from app.models import Claim, ClaimStatus
from app.results import query_text, search_list
from app.search import Scope
from app.services import claims, matching, verdicts
from app.services.query import ids_of
from app.web import actor, bounded_page, list_args, safe_next

PER_PAGE = 25


def _paginate(query):
    return bounded_page(query, PER_PAGE)


@bp.route("/")
@login_required
def index():
    """Start at the triage queue."""
    return redirect(url_for("main.queue"))


@bp.route("/queue")
@login_required
def queue():
    """List the candidate claims awaiting triage, most check-worthy first."""
    filters_form = QueueFilterForm(formdata=request.args)
    filters = claims.QueueFilter()
    if request.args and filters_form.validate():
        filters = claims.QueueFilter(
            filters_form.article.data,
            filters_form.outlet.data or None,
            filters_form.language.data or None,
            float(filters_form.min_score.data) if filters_form.min_score.data is not None else None,
            filters_form.since.data,
        )
    query = claims.queue_query(actor(), filters)
    scope = Scope(
        kinds=("claim",),
        statuses=(ClaimStatus.CANDIDATE.value,),
        within=None if filters == claims.QueueFilter() else ids_of(query, Claim),
    )
    page = search_list(Claim, scope, *claims.LIST_LOADING) or _paginate(query)
    args = list_args()
    return render_template(
        "main/queue.html",
        page=page,
        suggestions=matching.suggestions_for(db.session, [c.id for c in page.items]),
        match_form=MatchDecisionForm(formdata=None),
        form=TriageForm(reason=session.pop(TRIAGE_REASON, None)),
        filters=filters_form,
        args=args,
        q=query_text(),
    )


@bp.route("/claims")
@login_required
def claim_list():
    """List claims, optionally of one status."""
    status_name = request.args.get("status") or None
    status = ClaimStatus(status_name) if status_name in set(ClaimStatus) else None
    scope = Scope(kinds=("claim",), statuses=(status.value,) if status else ())
    page = search_list(Claim, scope) or _paginate(claims.claims_query(actor(), status))
    args = list_args()
    return render_template(
        "main/claims.html",
        page=page,
        status=status,
        statuses=list(ClaimStatus),
        args=args,
        q=query_text(),
    )


@bp.route("/reports")
@login_required
def reports():
    """List the published verdicts and the rating scale they use."""
    page = _paginate(verdicts.published_query(actor()))
    return render_template("main/reports.html", page=page, ratings=verdicts.ratings(db.session))


@bp.route("/language", methods=["POST"])
def set_language():
    """Remember the reader's interface language in a cookie."""
    response = make_response(redirect(safe_next()))
    chosen = request.form.get("lang", "")
    if chosen in supported_languages():
        response.set_cookie(
            LANG_COOKIE, chosen, max_age=365 * 24 * 3600, httponly=True, samesite="Lax"
        )
    return response


@bp.route("/healthz")
@csrf.exempt
def healthz():
    """Report whether the app and its database answer (for load balancers), and, with Redis,
    the job queue: an unreachable queue is "degraded" (jobs run in the app process meanwhile),
    not a reason to take the app out of service."""
    try:
        db.session.execute(sa.text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return jsonify(status="error", database="unreachable"), 503
    if current_app.config["SATJA_JOBS"] != "rq":
        return jsonify(status="ok", database="ok")
    queue = jobs.queue_status(current_app._get_current_object())
    status = "ok" if queue["queue"] == "ok" else "degraded"
    return jsonify(status=status, database="ok", jobs=queue)
