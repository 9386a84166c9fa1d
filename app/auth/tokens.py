"""The signed-in user's API tokens: list, create (shown once), revoke."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required

from app.auth import bp
from app.auth.forms import NewTokenForm, RevokeTokenForm
from app.extensions import db
from app.services import tokens
from app.services.errors import InvalidInput
from app.web import actor, attach_error


def _page(form: NewTokenForm, clear: str | None = None, status: int = 200):
    """Render the token list with the creation form (and a new token's clear text, once)."""
    listed = tokens.tokens_of(db.session, actor(), actor())
    return render_template(
        "auth/tokens.html",
        form=form,
        tokens=listed,
        clear=clear,
        revoke_form=RevokeTokenForm(),
        state=tokens.token_state,
    ), status


@bp.route("/account/tokens", methods=["GET", "POST"])
@login_required
def api_tokens():
    """List the user's API tokens and create one; its clear text is shown on this answer only."""
    form = NewTokenForm()
    if not form.validate_on_submit():
        return _page(form, status=400 if form.errors else 200)
    try:
        _token, clear = tokens.issue_token(
            db.session, actor(), actor(), form.name.data or "", form.expires_days.data
        )
    except InvalidInput as error:
        attach_error(form, error)
        return _page(form, status=400)
    db.session.commit()
    # Rendered, not flashed: the session cookie is signed, not encrypted.
    return _page(NewTokenForm(formdata=None), clear=clear)


@bp.route("/account/tokens/<id:token_id>/revoke", methods=["POST"])
@login_required
def revoke_api_token(token_id: int):
    """Revoke one of the user's own tokens."""
    if RevokeTokenForm().validate_on_submit():
        tokens.revoke_token(db.session, actor(), token_id, user_id=actor().id)
        db.session.commit()
        flash(_("The token is revoked; it no longer opens the API."), "success")
    return redirect(url_for("auth.api_tokens"))
