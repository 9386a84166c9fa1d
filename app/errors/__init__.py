"""Error pages for the web and JSON errors for the API."""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException, InternalServerError

from app.extensions import db
from app.services.errors import DomainError

log = logging.getLogger(__name__)

TITLES = {
    400: _l("Bad request"),
    401: _l("Sign-in required"),
    403: _l("Not allowed"),
    404: _l("Page not found"),
    405: _l("Method not allowed"),
    409: _l("Conflict"),
    412: _l("Changed by someone else"),
    413: _l("Too large"),
    422: _l("Invalid input"),
    429: _l("Too many attempts"),
    500: _l("Something went wrong"),
}
MESSAGES = {
    400: _l("The request could not be understood."),
    401: _l("Sign in to continue."),
    403: _l("Your role does not allow this."),
    404: _l("There is nothing at this address."),
    405: _l("This address does not accept that kind of request."),
    413: _l("The upload or request is larger than Satja accepts."),
    429: _l("Too many attempts. Wait a minute and try again."),
    500: _l("An unexpected error happened. Nothing you entered was saved; please try again."),
}
CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    412: "precondition_failed",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_input",
    428: "precondition_required",
    429: "too_many_requests",
    500: "internal_error",
    503: "unavailable",
}


def wants_json() -> bool:
    """Say whether the failing request wants JSON: the API, or a bearer-token client (of the
    exports and reports, which browsers read too)."""
    bearer = request.headers.get("Authorization", "").lower().startswith("bearer ")
    return request.path.startswith("/api/") or bearer


def error_response(
    status: int, message: object, code: str | None = None
) -> tuple[Response, int] | tuple[str, int]:
    """Return the error as JSON for the API or as a page for the web."""
    if wants_json():
        body = {"error": {"code": code or CODES.get(status, "error"), "message": str(message)}}
        return jsonify(body), status
    title = TITLES.get(status, TITLES[500])
    return render_template("errors/error.html", status=status, title=title, message=message), status


def handle_http_error(error: HTTPException) -> tuple[Response | str, int, list]:
    """Render an HTTP error (404, 413, ...)."""
    status = error.code or 500
    message = MESSAGES.get(status) or error.description
    body, status = error_response(status, message)
    # The exception's own headers (Allow on a 405, WWW-Authenticate...) stay on the answer.
    headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
    return body, status, headers


def handle_csrf_error(error: CSRFError) -> tuple[Response, int] | tuple[str, int]:
    """Refuse a form without a valid CSRF token, with advice instead of a bare 400."""
    return error_response(
        400,
        _l("The form expired or did not come from Satja. Reload the page and try again."),
        "csrf",
    )


def handle_domain_error(error: DomainError) -> tuple[Response, int] | tuple[str, int]:
    """Turn a domain error a view did not handle into its 4xx answer."""
    db.session.rollback()
    return error_response(error.status, error.message, error.code)


def handle_stale_write(error: StaleDataError) -> tuple[Response, int] | tuple[str, int]:
    """Answer 412 when a row changed (or went) between reading it and writing it."""
    db.session.rollback()
    return error_response(
        412,
        _l("Someone else changed this at the same time. Reload it and try again."),
        "stale_edit",
    )


def handle_integrity_error(error: IntegrityError) -> tuple[Response, int] | tuple[str, int]:
    """Answer 409 when a concurrent request won a race to insert the same row."""
    db.session.rollback()
    log.info("integrity error on %s %s: %s", request.method, request.path, error.orig)
    return error_response(
        409,
        _l("Someone else did this at the same time. Reload the page to see what they did."),
        "conflict",
    )


def handle_data_error(error: DataError) -> tuple[Response, int] | tuple[str, int]:
    """Answer 422 when the database refuses a value the checks before it let through."""
    db.session.rollback()
    log.warning("data error on %s %s: %s", request.method, request.path, error.orig)
    return error_response(422, _l("A value is too long or holds a character Satja refuses."))


def handle_unexpected(error: Exception) -> tuple[Response, int] | tuple[str, int]:
    """Roll back, log and answer 500 for anything unforeseen."""
    db.session.rollback()
    if not isinstance(error, InternalServerError):
        log.exception("unhandled error on %s %s", request.method, request.path)
    return error_response(500, MESSAGES[500])


def register_error_handlers(app: Flask) -> None:
    """Install the handlers on the app."""
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(DomainError, handle_domain_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(StaleDataError, handle_stale_write)
    app.register_error_handler(IntegrityError, handle_integrity_error)
    app.register_error_handler(DataError, handle_data_error)
    app.register_error_handler(Exception, handle_unexpected)
