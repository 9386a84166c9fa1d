"""Helpers shared by the web views."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import abort, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from app.extensions import db
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


def page_number() -> int:
    """Return the requested page number (1 when absent); 400 when it is not a positive integer."""
    value = request.args.get("page", "1")
    if not value.isdigit() or int(value) < 1:
        abort(400)
    return int(value)


def actor():
    """Return the signed-in user for passing to services."""
    return current_user._get_current_object() if current_user.is_authenticated else None
