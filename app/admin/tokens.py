"""Admin views of any user's API tokens: list and revoke."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required

from app.admin import bp
from app.auth.forms import RevokeTokenForm
from app.extensions import db
from app.models import Role
from app.services import accounts, tokens
from app.services.permissions import require_role
from app.web import actor


@bp.route("/users/<id:user_id>/tokens")
@login_required
def user_tokens(user_id: int):
    """List one user's API tokens, with a revoke button for each active one."""
    require_role(actor(), Role.ADMIN)
    user = accounts.get_user(db.session, user_id)
    listed = tokens.tokens_of(db.session, actor(), user)
    return render_template(
        "admin/user_tokens.html",
        user=user,
        tokens=listed,
        revoke_form=RevokeTokenForm(),
        state=tokens.token_state,
    )


@bp.route("/users/<id:user_id>/tokens/<id:token_id>/revoke", methods=["POST"])
@login_required
def revoke_user_token(user_id: int, token_id: int):
    """Revoke one of a user's tokens."""
    require_role(actor(), Role.ADMIN)
    if RevokeTokenForm().validate_on_submit():
        tokens.revoke_token(db.session, actor(), token_id, user_id=user_id)
        db.session.commit()
        flash(_("The token is revoked; it no longer opens the API."), "success")
    return redirect(url_for("admin.user_tokens", user_id=user_id))
