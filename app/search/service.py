"""Run a search: the query language over the index, ranked, faceted, paginated, highlighted."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from app.labels import STATUS_LABELS
from app.models import ClaimStatus, Rating, Role, User
from app.pagination import Pager
from app.search.engines import DOCS, engine_for
from app.search.highlight import Snippet
from app.search.hits import hydrate
from app.search.index import apply_pending
from app.search.query import ParsedQuery, parse
from app.services.actors import Actor
from app.services.permissions import require_role

KINDS = ("claim", "article", "source", "verdict", "fact_check")
LANGUAGES = ("th", "en", "mixed")
FACETS = ("kind", "status", "rating", "outlet_key", "language")
MAX_PER_PAGE = 100
# Ranked results are read up to this depth; deeper pages are refused (refine the query).
MAX_RESULTS = 1_000
# A search counts (facets) and ranks at most this many of the newest matching documents.
WINDOW = 1_000


@dataclass(frozen=True)
class Scope:
    """What a page searches in, whatever is typed: kinds, statuses, one assignee, public."""

    kinds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    assignee_id: int | None = None
    public: bool = False
    not_claim: int | None = None
    # A SELECT of object ids the page already narrowed to (the queue's own filters).
    within: sa.Select | None = field(default=None, compare=False)

    @property
    def narrows(self) -> bool:
        """Tell whether the scope limits the search at all."""
        return bool(
            self.kinds
            or self.statuses
            or self.public
            or self.within is not None
            or self.assignee_id is not None
        )


@dataclass(frozen=True)
class Hit:
    """One result: what it is, its title, a snippet of where it matched and its score."""

    kind: str
    id: int
    claim_id: int | None
    title: str
    snippet: Snippet
    score: float
    status: str | None = None
    rating: str | None = None
    outlet: str | None = None
    language: str | None = None
    doc_date: date | None = None


@dataclass
class Results(Pager):
    """A page of results, the facets of all of them and what could not be understood."""

    query: ParsedQuery
    items: list[Hit] = field(default_factory=list)
    facets: dict[str, list[tuple[str, str | None, int]]] = field(default_factory=dict)
    total: int = 0
    page: int = 1
    per_page: int = 20
    problems: list[str] = field(default_factory=list)
    # More than WINDOW documents match: total and facets are of the WINDOW newest.
    capped: bool = False
    # (filter key, value) chosen by the query's filters, with the parts that chose them.
    chosen: dict[tuple[str, object], list[str]] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        """Return the number of pages that can be read (at most MAX_RESULTS results)."""
        return max(1, -(-min(self.total, MAX_RESULTS) // self.per_page))


def search(
    session: Session,
    actor: Actor | None,
    text: str,
    scope: Scope | None = None,
    page: int = 1,
    per_page: int = 20,
    prefix: bool = False,
) -> Results:
    """Search the index; the public scope needs no sign-in and sees only published claims."""
    scope = scope or Scope()
    if scope.public:
        scope = Scope(kinds=("claim",), public=True)
    else:
        require_role(actor, Role.VIEWER)
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    query = parse(text, prefix_last=prefix)
    results = Results(query, page=page, per_page=per_page)
    results.problems = [_problem(*p) for p in query.problems]
    if query.empty and not scope.narrows:
        return results
    apply_pending(session)
    where = _scope(scope) + _filters(session, actor, query, results, scope.public)
    engine = engine_for(session.get_bind().dialect.name)
    base = sa.select(DOCS.c.id).where(*where)
    with engine.tuned(session):
        _run(session, engine, base, results)
    return results


def _run(session, engine, base, results: Results) -> None:
    """Count and rank at most the WINDOW newest matches, so that no query costs more than
    that however large the archive: find the newest, then count, facet, rank, page them."""
    query, page, per_page = results.query, results.page, results.per_page
    newest = engine.newest(session, base, query.include, query.exclude, WINDOW + 1)
    results.capped = len(newest) > WINDOW
    window = newest[:WINDOW]
    if not window:
        return
    # The window is every match counted: the facets need not match the words again.
    results.total, results.facets = _facets(
        session, sa.select(DOCS.c.id).where(DOCS.c.id.in_(window))
    )
    if (page - 1) * per_page < min(results.total, MAX_RESULTS):
        ranked, score = engine.ranking(query.include, query.exclude, window)
        results.items = _page(session, ranked, score, query, page, per_page)


def _page(session, base, score, query: ParsedQuery, page: int, per_page: int) -> list[Hit]:
    order = (
        (score.desc(), DOCS.c.id.desc())
        if query.include
        else (DOCS.c.doc_date.desc().nulls_last(), DOCS.c.id.desc())
    )
    rows = session.execute(
        base.with_only_columns(
            DOCS.c.kind,
            DOCS.c.object_id,
            DOCS.c.claim_id,
            DOCS.c.status,
            DOCS.c.rating,
            DOCS.c.outlet,
            DOCS.c.language,
            DOCS.c.doc_date,
            score.label("score"),
        )
        .order_by(*order)
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    return hydrate(session, rows, query.highlight, Hit)


def _facets(session: Session, base) -> tuple[int, dict[str, list[tuple[str, str | None, int]]]]:
    """Count the matches per kind, status, rating, outlet and language, in one pass."""
    columns = [DOCS.c[name] for name in FACETS]
    rows = session.execute(
        base.with_only_columns(*columns, sa.func.min(DOCS.c.outlet), sa.func.count())
        .group_by(*columns)
        .order_by(None)
    ).all()
    counts: dict[str, dict] = {name: {} for name in FACETS}
    labels: dict[str | None, str | None] = {}
    total = 0
    for *values, outlet, count in rows:
        total += count
        for name, value in zip(FACETS, values, strict=True):
            if value is not None:
                counts[name][value] = counts[name].get(value, 0) + count
        labels[values[3]] = outlet
    facets = {
        ("outlet" if name == "outlet_key" else name): sorted(
            (
                (value, labels.get(value) if name == "outlet_key" else None, n)
                for value, n in found.items()
            ),
            key=lambda item: (-item[2], item[0]),
        )[:20]
        for name, found in counts.items()
    }
    return total, facets


def _scope(scope: Scope) -> list:
    where = []
    if scope.kinds:
        where.append(DOCS.c.kind.in_(scope.kinds))
    if scope.statuses:
        where.append(DOCS.c.status.in_(scope.statuses))
    if scope.assignee_id is not None:
        where.append(DOCS.c.assignee_id == scope.assignee_id)
    if scope.public:
        where.append(DOCS.c.published.is_(True))
    if scope.not_claim is not None:
        where.append(sa.or_(DOCS.c.claim_id.is_(None), DOCS.c.claim_id != scope.not_claim))
    if scope.within is not None:
        where.append(DOCS.c.object_id.in_(scope.within))
    return where


def _filters(session, actor, query: ParsedQuery, results: Results, public: bool) -> list:
    """Return the WHERE clauses of the typed filters; explain each value not understood.

    Also note in `results.chosen` which facet values the filters chose, and as what parts.
    """
    where = []
    for negated in (False, True):
        for key, resolve in RESOLVERS.items():
            values = []
            for given in (f for f in query.filters if f.key == key and f.negated == negated):
                if public and key in ("status", "assignee"):
                    continue
                found = resolve(session, actor, given.value)
                if found is None:
                    results.problems.append(_problem("unknown", key, given.value))
                    continue
                values.extend(found)
                for value in found if not negated else ():
                    results.chosen.setdefault((key, value), []).append(given.raw)
            if values:
                where.append(_condition(key, values, negated))
    if query.date_from:
        where.append(DOCS.c.doc_date >= query.date_from)
    if query.date_to:
        where.append(DOCS.c.doc_date <= query.date_to)
    return where


COLUMNS = {
    "status": "status",
    "rating": "rating",
    "outlet": "outlet_key",
    "lang": "language",
    "assignee": "assignee_id",
    "type": "kind",
}


def _condition(key: str, values: list, negated: bool):
    column = DOCS.c[COLUMNS[key]]
    known = [v for v in values if v is not None]
    clause = sa.or_(
        *([column.in_(known)] if known else []),
        *([column.is_(None)] if None in values else []),
    )
    if negated:
        clause = sa.or_(sa.not_(clause), column.is_(None)) if known else sa.not_(clause)
    if key in CLAIM_KEYS:  # a claim's fields: articles have none, so never match
        clause = sa.and_(DOCS.c.claim_id.is_not(None), clause)
    return clause


CLAIM_KEYS = ("status", "rating", "assignee")


def _status(session, actor, value: str):
    wanted = value.casefold().replace(" ", "_")
    for status in ClaimStatus:
        if wanted in (status.value, str(STATUS_LABELS[status]).casefold().replace(" ", "_")):
            return [status.value]
    return None


def _rating(session, actor, value: str):
    wanted = value.casefold()
    for rating in session.scalars(sa.select(Rating)):
        names = {rating.key.casefold(), rating.label_en.casefold(), rating.label_th.casefold()}
        if wanted in names or wanted.replace("_", " ") in names:
            return [rating.key]
    return None


def _assignee(session, actor, value: str):
    wanted = value.casefold()
    if wanted == "me":
        return [actor.id] if isinstance(actor, User) else None
    if wanted in ("none", "nobody"):
        return [None]
    found = session.scalars(
        sa.select(User.id).where(
            sa.or_(sa.func.lower(User.email) == wanted, sa.func.lower(User.name) == wanted)
        )
    ).all()
    return list(found) or None


def _simple(allowed):
    def resolve(session, actor, value: str):
        wanted = value.casefold()
        return [wanted] if allowed is None or wanted in allowed else None

    return resolve


RESOLVERS = {
    "status": _status,
    "rating": _rating,
    "outlet": _simple(None),
    "lang": _simple(LANGUAGES),
    "assignee": _assignee,
    "type": _simple(KINDS),
}

PROBLEMS = {
    "bad_date": _l("“%(value)s” is not a date this search can read (try 2568-08-15 or 2025)."),
    "unknown": _l("Nothing is known as %(key)s:%(value)s, so that filter was left out."),
    "too_many": _l("The query is long: only its first %(value)s words were searched."),
    "no_value": _l("%(key)s: needs a value, such as %(key)s:something."),
    "not_a_filter": _l(
        "“%(key)s:” is not a filter, so “%(key)s:%(value)s” was searched as words "
        "(filters: status, rating, outlet, lang, assignee, claimant, type, from, to)."
    ),
    "negated_date": _l("%(key)s: cannot be left out with a minus; it was used as written."),
    "reversed": _l("The period ends before it starts, so nothing can match."),
}


def _problem(code: str, key: str, value: str) -> str:
    return str(PROBLEMS[code] % {"key": key, "value": value[:80]})
