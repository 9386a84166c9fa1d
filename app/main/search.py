"""The desk's search page, and search inside the desk's lists."""

from __future__ import annotations

from flask import render_template, request
from flask_login import login_required

from app.extensions import db
from app.main import bp
from app.results import KIND_LABELS, facet_groups, filter_value, hit_url, query_text
from app.search import KINDS, Scope, search
from app.web import actor, page_number


@bp.route("/search")
@login_required
def search_page():
    """Search claims, articles, sources and verdicts; filter by facets."""
    text = query_text()
    kind = request.args.get("type") if request.args.get("type") in KINDS else None
    results = search(db.session, actor(), text, Scope(kinds=(kind,) if kind else ()), page_number())
    groups = facet_groups(results)
    for group in groups:
        for value in group["values"]:
            value["q"], value["active"] = toggle_filter(text, group["key"], value["value"])
    return render_template(
        "main/search.html",
        q=text,
        kind=kind,
        results=results,
        groups=groups,
        kinds=KIND_LABELS,
        hit_url=hit_url,
        args={k: v for k, v in request.args.items() if k != "page"},
    )


def toggle_filter(text: str, key: str, value: str) -> tuple[str, bool]:
    """Return the query with key:value added (False), or taken out if it was there (True)."""
    part = f"{key}:{filter_value(value)}"
    spaced = f" {' '.join(text.split())} "
    if f" {part} " in spaced:
        return " ".join(spaced.replace(f" {part} ", " ").split()), True
    return f"{text} {part}".strip(), False
