"""Who may download the desk's exports and reports: signed-in users, or a bearer token."""

from __future__ import annotations

from flask import abort, current_app, request
from flask_login import current_user

from app.api.auth import bearer_token, token_user
from app.models import User


def reader() -> User:
    """Return the signed-in user or the owner of the request's bearer token.

    A wrong token answers 401; a browser without a session is sent to the sign-in page.
    """
    if current_user.is_authenticated:
        return current_user._get_current_object()
    token = bearer_token()
    if token is None and not request.headers.get("Authorization", "").lower().startswith("bearer"):
        abort(current_app.login_manager.unauthorized())
    user = token_user(token)
    if user is None:
        abort(401)
    return user
