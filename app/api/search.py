"""API: search claims, articles, sources and verdicts with the search page's query language."""

from __future__ import annotations

from flask import jsonify, request
from flask_babel import lazy_gettext as _l

from app.api import bp
from app.api.auth import api_user
from app.errors import error_response
from app.extensions import db
from app.results import facet_groups, hit_json
from app.search import KINDS, Scope, search
from app.web import page_number


@bp.route("/search")
def search_all():
    """Search with the query language of the search page, ranked, with facets.
    ---
    get:
      description: >
        `q` takes words, "quoted phrases", -exclusions and the filters status:, rating:,
        outlet:, lang:, assignee:, claimant:, type:, from: and to: (dates in the Buddhist or
        the Common Era). Results are ranked; at most 1,000 can be paged through. When more
        than 1,000 documents match, `total_capped` is true and `total` and the facets count
        the 1,000 most recent of them, which are the ones ranked.
      parameters:
        - {name: q, in: query, schema: {type: string, maxLength: 500}}
        - name: type
          in: query
          description: Only these kinds, comma-separated.
          schema: {type: string, examples: ["claim,verdict"]}
        - Page
      responses:
        200: SearchResults
    """
    kinds = tuple(
        k.strip().lower() for k in (request.args.get("type") or "").split(",") if k.strip()
    )
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        message = _l(
            "Unknown type: %(types)s (use %(known)s).",
            types=", ".join(unknown)[:80],
            known=", ".join(KINDS),
        )
        return error_response(400, message, "bad_request")
    results = search(
        db.session, api_user(), request.args.get("q", ""), Scope(kinds=kinds), page_number()
    )
    return jsonify(
        items=[hit_json(hit) for hit in results.items],
        facets={g["name"]: g["values"] for g in facet_groups(results)},
        page=results.page,
        pages=results.pages,
        total=results.total,
        total_capped=results.capped,
        problems=results.problems,
    )
