"""The desk's pages: queue, articles, claims, reports, and service endpoints."""

from flask import Blueprint

bp = Blueprint("main", __name__)

from app.main import jobs, routes, search  # noqa: E402, F401  (routes register themselves on bp)
