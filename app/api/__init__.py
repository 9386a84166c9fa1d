"""The JSON API under /api/v1, authenticated with bearer tokens."""

from flask import Blueprint

bp = Blueprint("api", __name__)

from app.api import articles, auth, claims, exports, notifications, openapi, routes, search, sources  # noqa: E402, F401  (routes register themselves on bp)
