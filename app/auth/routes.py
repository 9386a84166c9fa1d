"""Sign-in, sign-out and password change views."""

import math
import time

from flask import current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_limiter import RateLimitExceeded
from flask_login import current_user, login_required, login_user, logout_user

from app.auth import bp
from app.auth.forms import ChangePasswordForm, LoginForm
from app.errors import error_response
from app.extensions import db, limiter
from app.services import accounts
from app.services.errors import InvalidInput, NotAllowed
from app.web import actor, attach_error, safe_next


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _account_limit() -> str:
    return current_app.config["LOGIN_ACCOUNT_RATE_LIMIT"]


def _account_key() -> str:
    """Key the per-account limit by the e-mail typed, as the accounts service looks it up."""
    return "account:" + request.form.get("email", "").strip().lower()[:254]


def _failed(_response) -> bool:
    """Count an attempt against the account only when its password was refused."""
    return g.get("login_failed", False)


@bp.errorhandler(RateLimitExceeded)
def too_many_attempts(_error: RateLimitExceeded):
    """Refuse a throttled sign-in with 429, saying (and sending in Retry-After) how long to wait."""
    limit = limiter.current_limit
    wait = max(1, math.ceil(limit.window[0] - time.time())) if limit else 60
    minutes = math.ceil(wait / 60)
    message = ngettext(
        "Too many sign-in attempts. Try again in %(num)d minute.",
        "Too many sign-in attempts. Try again in %(num)d minutes.",
        minutes,
    )
    response, status = error_response(429, message, "too_many_requests")
    return response, status, {"Retry-After": str(wait)}


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
@limiter.limit(_account_limit, methods=["POST"], key_func=_account_key, deduct_when=_failed)
def login():
    """Show the sign-in form and sign the user in."""
    if current_user.is_authenticated:
        return redirect(safe_next())
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = accounts.authenticate(db.session, form.email.data, form.password.data)
        except NotAllowed as error:
            g.login_failed = True
            db.session.commit()  # the failed attempt's audit event
            form.form_errors.append(error.message)
        else:
            db.session.commit()
            session.clear()  # a fresh session: nothing from before sign-in carries over
            login_user(user, remember=form.remember.data)
            return redirect(safe_next())
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout():
    """Sign out: end the user's sessions server-side, so a replayed cookie is worthless."""
    if current_user.is_authenticated:
        user = current_user._get_current_object()
        accounts.sign_out(db.session, user)
        accounts.end_sessions(db.session, user)
        db.session.commit()
    logout_user()
    session.clear()
    flash(_("You are signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    """Change the signed-in user's password; other sessions end."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            accounts.change_password(
                db.session, actor(), form.current_password.data, form.new_password.data
            )
        except InvalidInput as error:
            attach_error(form, error)
        else:
            db.session.commit()
            login_user(current_user)  # keep this session, now under the new session token
            flash(_("Your password is changed. Other sessions were signed out."), "success")
            return redirect(url_for("main.index"))
    return render_template("auth/change_password.html", form=form)
