"""Bearer-token authentication for every API request."""

from __future__ import annotations

from flask import g, request
from flask_babel import lazy_gettext as _l

from app import transactions
from app.api import bp
from app.errors import error_response
from app.extensions import db
from app.models import User
from app.services import tokens


def bearer_token() -> str | None:
    """Return the token of an `Authorization: Bearer ...` header, if any."""
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


def _unauthorized(message: object, code: str):
    """Answer 401 with the reason as JSON and the bearer challenge."""
    response, status = error_response(401, message, code)
    response.headers["WWW-Authenticate"] = 'Bearer realm="satja"'
    return response, status


PUBLIC_ENDPOINTS = {"api.openapi_json", "api.openapi_page"}


def authenticated(clear: str) -> User:
    """Return the user of a valid bearer token, noting its last use; TokenRefused otherwise.

    The note is a short write of its own (on SQLite the reads of the request that follow then
    take no write lock).
    """
    with transactions.writing():
        user = tokens.authenticate_token(db.session, clear)
    db.session.refresh(user)  # loaded again now: a streamed answer may read it later
    return user


def token_user(clear: str | None) -> User | None:
    """Return the user of a valid bearer token, or None (see `authenticated`)."""
    if not clear:
        return None
    try:
        return authenticated(clear)
    except tokens.TokenRefused:
        db.session.rollback()
        return None


@bp.before_request
def authenticate():
    """Refuse the request with 401 unless it carries a valid token (its description is open)."""
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    clear = bearer_token()
    if clear is None:
        message = _l("A valid API token is required (Authorization: Bearer TOKEN).")
        return _unauthorized(message, "unauthorized")
    try:
        user = authenticated(clear)
    except tokens.TokenRefused as refusal:
        return _unauthorized(refusal.message, refusal.code)
    g.api_user = user
    return None


def api_user() -> User:
    """Return the user the request's token belongs to."""
    return g.api_user
