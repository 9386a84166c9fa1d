"""The public site: published fact-checks, their ClaimReview, feeds, sitemap, methodology."""

from flask import Blueprint

bp = Blueprint("public", __name__)

from app.public import reports, routes, share  # noqa: E402, F401  (routes register themselves on bp)
