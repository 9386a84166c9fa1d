"""Helpers shared by the web views."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import abort, make_response, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm

from app.errors import error_response
from app.extensions import db
from app.labels import JOB_STATUS_LABELS
from app.services.errors import InvalidInput


def safe_next(default_endpoint: str = "main.index") -> str:
    """Return the `next` address if it stays on this site, else the default page."""
    target = request.values.get("next", "")
    parts = urlsplit(target)
    if target.startswith("/") and not target.startswith("//") and not parts.netloc:
        return target
    return url_for(default_endpoint)


def attach_error(form: FlaskForm, error: InvalidInput) -> None:
    """Show a service's InvalidInput under the field it names, or on the form."""
    db.session.rollback()
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        form.form_errors.append(error.message)


MAX_PAGE = 1_000_000


def page_number() -> int:
    """Return the requested page number (1 when absent); 400 unless it is 1 to MAX_PAGE."""
    value = request.args.get("page", "1")
    if not (
        value.isascii() and value.isdigit() and len(value) <= 7 and 1 <= int(value) <= MAX_PAGE
    ):
        message = _l("The page number must be a whole number from 1 to %(n)d.", n=MAX_PAGE)
        abort(make_response(*error_response(400, message, "bad_request")))
    return int(value)


def bounded_page(query, per_page: int = 25):
    """Return the requested page of a long list (app.pagination): a count capped at
    COUNT_CAP rows, and 400 for a page deeper than that, with how to narrow the list."""
    from app import pagination

    try:
        return pagination.paginate(db.session, query, page_number(), per_page)
    except pagination.TooDeep as deep:
        message = _l(
            "A list shows its first %(n)d entries: narrow it with the filters or a search.",
            n=deep.cap,
        )
        abort(make_response(*error_response(400, message, "bad_request")))


def list_args() -> dict[str, str]:
    """Return the request's query arguments for a list's pager links (all but the page).

    url_for() reads `_anchor`, `_method`, `endpoint` and the like itself; they never pass on.
    """
    return {
        k: v
        for k, v in request.args.items()
        if k != "page" and k != "endpoint" and not k.startswith("_")
    }


def actor():
    """Return the signed-in user for passing to services."""
    return current_user._get_current_object() if current_user.is_authenticated else None


def job_progress(job) -> dict[str, object]:
    """Return a background job's progress as its page polls it (static/js/job-progress.js)."""
    return {
        "id": job.id,
        "status": job.status.value,
        "status_label": str(JOB_STATUS_LABELS[job.status]),
        "total": job.total,
        "processed": job.processed,
        "percent": job.percent,
        "counts": job.counts,
        "error": job.error,
        "done": job.done,
        "cancel_requested": job.cancel_requested,
        "heartbeat_at": job.heartbeat_at.isoformat() if job.heartbeat_at else None,
    }
