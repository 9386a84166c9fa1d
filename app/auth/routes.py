"""Sign-in, sign-out and password change views."""

from flask import current_app, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from app.auth import bp
from app.auth.forms import ChangePasswordForm, LoginForm
from app.extensions import db, limiter
from app.services import accounts
from app.services.errors import InvalidInput, NotAllowed
from app.web import actor, attach_error, safe_next


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login():
    """Show the sign-in form and sign the user in."""
    if current_user.is_authenticated:
        return redirect(safe_next())
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = accounts.authenticate(db.session, form.email.data, form.password.data)
        except NotAllowed as error:
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
    """Sign out and forget the session."""
    if current_user.is_authenticated:
        accounts.sign_out(db.session, current_user._get_current_object())
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
