"""Search results in the desk's pages and the API: links, facet labels, search inside lists."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask import request, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.labels import LANGUAGE_LABELS, STATUS_LABELS
from app.models import ClaimStatus
from app.search import Hit, Results, Scope, search
from app.services import ratings
from app.web import actor, page_number

KIND_LABELS = {
    "claim": _l("Claims"),
    "article": _l("Articles"),
    "source": _l("Sources"),
    "verdict": _l("Verdicts"),
    "fact_check": _l("Known fact-checks"),
}
# One result's kind.
KIND_NAMES = {
    "claim": _l("Claim"),
    "article": _l("Article"),
    "source": _l("Source"),
    "verdict": _l("Verdict"),
    "fact_check": _l("Known fact-check"),
}
FACET_NAMES = {
    "kind": _l("Type"),
    "status": _l("Status"),
    "rating": _l("Rating"),
    "outlet": _l("Outlet"),
    "language": _l("Language"),
}
# The query-language key each facet filters by.
FACET_KEYS = {
    "kind": "type",
    "status": "status",
    "rating": "rating",
    "outlet": "outlet",
    "language": "lang",
}


def hit_url(hit: Hit, public: bool = False) -> str:
    """Return the page a result opens."""
    if public:
        return url_for("public.fact_check", claim_id=hit.id)
    if hit.kind == "article":
        return url_for("articles.article", article_id=hit.id)
    if hit.kind == "fact_check":
        return url_for("claims.known_fact_check", fact_check_id=hit.id)
    anchor = {"source": "#sources", "verdict": "#verdict"}.get(hit.kind, "")
    return url_for("claims.claim", claim_id=hit.claim_id or hit.id) + anchor


def facet_groups(results: Results) -> list[dict]:
    """Return each facet with labelled values, in the order the results page shows them."""
    locale = str(get_locale() or "th")
    scale = {r.key: r.label(locale) for r in ratings.scale(db.session)}
    groups = []
    for name, values in results.facets.items():
        if not values:
            continue
        items = []
        for value, label, count in values:
            items.append(
                {"value": value, "label": _label(name, value, label, scale), "count": count}
            )
        groups.append(
            {
                "name": name,
                "key": FACET_KEYS[name],
                "title": str(FACET_NAMES[name]),
                "values": items,
            }
        )
    return groups


def _label(name: str, value: str, label: str | None, scale: dict[str, str]) -> str:
    if name == "kind":
        return str(KIND_LABELS.get(value, value))
    if name == "status" and value in set(ClaimStatus):
        return str(STATUS_LABELS[ClaimStatus(value)])
    if name == "rating":
        return scale.get(value, value)
    if name == "language":
        return str(LANGUAGE_LABELS.get(value, value))
    return label or value


def filter_value(value: str) -> str:
    """Return a filter value as the query language writes it (quoted when it has spaces).

    The language has no escape for a quote inside a value; such a value cannot be a filter.
    """
    value = value.replace('"', " ")
    return f'"{value}"' if any(c.isspace() for c in value) or not value else value


def hit_json(hit: Hit, public: bool = False) -> dict[str, object]:
    """Return a result as the API shows it."""
    return {
        "type": hit.kind,
        "id": hit.id,
        "claim_id": hit.claim_id,
        "title": hit.title,
        "snippet": hit.snippet.text,
        "highlights": [list(span) for span in hit.snippet.marks],
        "score": hit.score,
        "status": hit.status,
        "rating": hit.rating,
        "outlet": hit.outlet,
        "language": hit.language,
        "date": hit.doc_date.isoformat() if hit.doc_date else None,
        "url": hit_url(hit, public),
    }


def query_text() -> str:
    """Return the search words of the request (`q`), at most 500 characters."""
    return (request.args.get("q") or "").replace("\x00", " ").strip()[:500]


@dataclass
class SearchPage:
    """A list page's search results, with the list's own objects in ranked order."""

    results: Results
    items: list

    @property
    def snippets(self) -> dict:
        """Return each listed object's highlighted snippet, by id."""
        return {hit.id: hit.snippet for hit in self.results.items}

    def __getattr__(self, name: str):
        # page, pages, has_prev, has_next, prev_num, next_num: as the pager reads them.
        return getattr(self.results, name)


def search_list(
    model, scope: Scope, *options, text: str | None = None, per_page: int = 25
) -> SearchPage | None:
    """Search within a list for `text`, else the request's words (`q`); None without either."""
    if text is None:
        text = query_text()
        if not text:
            return None
    results = search(db.session, actor(), text, scope, page_number(), per_page=per_page)
    ids = [hit.id for hit in results.items]
    found = {
        obj.id: obj
        for obj in db.session.scalars(sa.select(model).where(model.id.in_(ids)).options(*options))
    }
    return SearchPage(results, [found[i] for i in ids if i in found])
