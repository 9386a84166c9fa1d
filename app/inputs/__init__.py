"""Hostile input, refused at the edges with a 4xx instead of a 500.

`screen` holds the pure checks (NUL and unpaired surrogates, JSON nesting depth, version
numbers in headers); `guard` runs them on every request before a view sees it; `limits`
checks, before every flush, that no text is longer than its column allows, so the web forms,
the API, the CLI and bulk imports share one set of limits (the models').
"""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    """Screen every request and every flush of the app."""
    from app.inputs import guard, limits

    limits.install()
    app.before_request(guard.screen_request)
