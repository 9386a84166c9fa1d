"""Articles: adding them (text, file, URL, bulk), listing and reading them with their claims."""

from flask import Blueprint

bp = Blueprint("articles", __name__)

from app.articles import routes  # noqa: E402, F401  (routes register themselves on bp)
