"""The claim page and the review workflow's actions, the triage queue, and each user's work."""

from flask import Blueprint

bp = Blueprint("claims", __name__)

from app.claims import evidence, known, picker, preview, routes  # noqa: E402, F401  (routes register themselves on bp)
