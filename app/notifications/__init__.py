"""The notification centre, the review inbox and the e-mail setting (web pages)."""

from flask import Blueprint

bp = Blueprint("notifications", __name__)

from app.notifications import routes  # noqa: E402, F401  (routes register themselves on bp)
