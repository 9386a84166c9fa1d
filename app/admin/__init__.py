"""Admin pages: users and the audit trail."""

from flask import Blueprint

bp = Blueprint("admin", __name__)

from app.admin import routes, tokens  # noqa: E402, F401  (routes register themselves on bp)
