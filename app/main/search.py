"""The desk's search page, and search inside the desk's lists."""

from __future__ import annotations

from flask import render_template, request
from flask_login import login_required

from app.extensions import db
from app.main import bp
from app.results import KIND_LABELS, KIND_NAMES, facet_groups, filter_value, hit_url, query_text
from app.search import KINDS, Scope, search
from app.web import actor, list_args, page_number


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
            typed = results.chosen.get((group["key"], value["value"]))
            value["q"], value["active"] = toggle_filter(text, group["key"], value["value"], typed)
    return render_template(
        "main/search.html",
        q=text,
        kind=kind,
        results=results,
        groups=groups,
        kinds=KIND_LABELS,
        kind_names=KIND_NAMES,
        hit_url=hit_url,
        args=list_args(),
    )


def toggle_filter(
    text: str, key: str, value: str, typed: list[str] | None = None
) -> tuple[str, bool]:
    """Return the query with key:value added (False), or, when filters typed as `typed`
    already chose it, the query without them (True)."""
    if typed:
        spaced = f" {' '.join(text.split())} "
        for part in typed:
            spaced = spaced.replace(f" {' '.join(part.split())} ", " ")
        return " ".join(spaced.split()), True
    return f"{text} {key}:{filter_value(value)}".strip(), False
