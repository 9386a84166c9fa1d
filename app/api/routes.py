"""API endpoints."""

from flask import jsonify

from app.api import bp
from app.api.auth import api_user


@bp.route("/me")
def me():
    """Return who the token belongs to.
    ---
    get:
      responses:
        200:
          description: The token's user.
          content:
            application/json:
              schema:
                type: object
                properties:
                  email: {type: string}
                  name: {type: [string, "null"]}
                  role: {type: string, enum: [viewer, checker, editor, admin]}
    """
    user = api_user()
    return jsonify(email=user.email, name=user.name, role=user.role.value)
