"""API endpoints."""

from flask import jsonify

from app.api import bp
from app.api.auth import api_user


@bp.route("/me")
def me():
    """Return who the token belongs to."""
    user = api_user()
    return jsonify(email=user.email, name=user.name, role=user.role.value)
