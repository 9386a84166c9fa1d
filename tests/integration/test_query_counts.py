"""Every list page runs as many queries with 1,000 rows as with 10 (issue 15: no N+1).

Each test fills a page with a few rows, counts the statements of a request, adds many more rows
(more than a page holds, so the page also shows more rows) and counts again. The few-row count
comes after a first request, so that what a request caches for the next ones is not counted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session

from app.models import ClaimStatus, Role, VerdictState
from tests import bulk_rows as rows
from tests.factories import make_token, make_user
from tests.querycount import statements_of

FEW, MANY = 10, 1000


def newest_probe(statement: str) -> bool:
    """Say whether a statement is PostgreSQL search's look for the newest matches: it looks
    at a range of the newest ids, then a wider one sized from how dense the matches were
    (engines.PostgresEngine.newest), so the number of looks depends on the data by design."""
    flat = " ".join(statement.split())
    # A filter's common table expression (the outlet names) comes first when there is one.
    if flat.startswith("WITH RECURSIVE outlet_names"):
        flat = flat[flat.find("SELECT search_documents.id FROM search_documents WHERE") :]
    return flat.startswith("SELECT search_documents.id FROM search_documents WHERE") and (
        "ORDER BY search_documents.id DESC LIMIT" in flat
    )


def assert_same_count(
    client,
    record_property,
    paths: str | list[str],
    grow: Callable[[], object],
    ignore: Callable[[str], bool] | None = None,
    **kwargs,
) -> None:
    """Count each path's statements before and after `grow()`; assert that growing added none
    (statements that `ignore` says are not the page's own are left out)."""
    paths = [paths] if isinstance(paths, str) else paths
    before = {}
    for path in paths:
        client.get(path, **kwargs)
        before[path] = statements_of(client, path, **kwargs)[1]
    grow()
    growths = []
    for path in paths:
        few, many = before[path], statements_of(client, path, **kwargs)[1]
        if ignore is not None:
            few, many = [s for s in few if not ignore(s)], [s for s in many if not ignore(s)]
        record_property(f"queries {path}", f"{len(few)} / {len(many)}")
        if len(many) != len(few):
            growths.append(_growth(path, few, many))
    assert not growths, "\n".join(growths)


def _growth(path: str, few: list[str], many: list[str]) -> str:
    """Describe which statements ran more often with many rows than with few."""
    added = Counter(" ".join(s.split())[:160] for s in many)
    added.subtract(" ".join(s.split())[:160] for s in few)
    lines = [f"{n:+d} x {s}" for s, n in added.most_common() if n]
    return f"{path}: {len(few)} queries, then {len(many)}:\n" + "\n".join(lines[:8])


def _articles_with_claims(
    session: Session, count: int, status=ClaimStatus.CANDIDATE, assignee_id=None
) -> list[int]:
    """Insert `count` one-sentence articles, each with one claim; return the claims' ids."""
    places = [spans[0] for spans in rows.add_articles(session, count)]
    claim_ids = rows.add_claims(session, places, status, assignee_id)
    session.commit()
    return claim_ids


def _grower(session: Session, fill: Callable[[int], object]) -> Callable[[], None]:
    """Return a function that adds MANY - FEW more rows with `fill` and commits."""

    def grow() -> None:
        fill(MANY - FEW)
        session.commit()

    return grow


# Staff pages --------------------------------------------------------------------------------


QUEUE_PAGES = ["/queue", "/queue?outlet=Daily&min_score=0.1", "/queue?language=en&since=2025-01-01"]


def test_the_triage_queue(client, signed_in, db_session, record_property):
    signed_in("editor")
    _articles_with_claims(db_session, FEW)
    grow = _grower(db_session, lambda n: _articles_with_claims(db_session, n))
    assert_same_count(client, record_property, QUEUE_PAGES, grow)


@pytest.mark.parametrize("path", ["/claims", "/claims?status=accepted"])
def test_the_claim_list(client, signed_in, db_session, record_property, path):
    signed_in("editor")
    users = rows.add_users(db_session, 5)

    def fill(n: int) -> None:
        for user_id in users:
            _articles_with_claims(db_session, n // len(users), ClaimStatus.ACCEPTED, user_id)

    fill(FEW)
    assert_same_count(client, record_property, path, _grower(db_session, fill))


@pytest.mark.parametrize("path", ["/articles", "/articles?outlet=Daily&language=en"])
def test_the_article_list(client, signed_in, db_session, record_property, path):
    user = signed_in("checker")

    def fill(n: int) -> None:
        articles = rows.add_articles(db_session, n, sentences=3, by=user.id)
        rows.add_claims(db_session, [p for spans in articles for p in spans])

    fill(FEW)
    assert_same_count(client, record_property, path, _grower(db_session, fill))


def _article_with_claims(session: Session, claims: int, by: int | None = None) -> int:
    """Insert an article of `claims` sentences, each a claim; return the article's id."""
    spans = rows.add_articles(session, 1, sentences=claims, by=by)[0]
    rows.add_claims(session, spans)
    session.commit()
    return spans[0].article_id


def _compare_pages(client, record_property, few_path: str, many_path: str, **kwargs) -> None:
    """Assert that two pages, one of a few rows and one of many, run as many statements."""
    client.get(few_path, **kwargs)
    _, few = statements_of(client, few_path, **kwargs)
    _, many = statements_of(client, many_path, **kwargs)
    record_property(f"queries {few_path}", f"{len(few)} / {len(many)}")
    assert len(many) == len(few), _growth(f"{few_path} and {many_path}", few, many)


def test_an_article_page_with_10_and_1000_claims(client, signed_in, db_session, record_property):
    user = signed_in("checker")
    few = _article_with_claims(db_session, FEW, user.id)
    many = _article_with_claims(db_session, MANY, user.id)
    _compare_pages(client, record_property, f"/articles/{few}", f"/articles/{many}")


def _claim_with_everything(session: Session, count: int, users: list[int]) -> int:
    """Insert a claim with `count` appearances, sources, comments and published verdicts."""
    articles = rows.add_articles(session, count)
    claim_id = rows.add_claims(session, [articles[0][0]], ClaimStatus.IN_RESEARCH, users[0])[0]
    rows.add_appearances(session, [(claim_id, spans[0]) for spans in articles[1:]])
    rows.add_sources(session, claim_id, count, users)
    rows.add_comments(session, claim_id, count, users)
    session.commit()
    return claim_id


def test_a_claim_page_with_many_appearances_sources_and_comments(
    client, signed_in, db_session, record_property
):
    signed_in("editor")
    users = rows.add_users(db_session, 20)
    few = _claim_with_everything(db_session, 3, users)
    many = _claim_with_everything(db_session, 200, users)
    _compare_pages(client, record_property, f"/claims/{few}", f"/claims/{many}")


def test_the_notification_centre(client, signed_in, db_session, record_property):
    reader = signed_in("checker")
    actors = rows.add_users(db_session, 40)

    def fill(n: int) -> None:
        claim_ids = _articles_with_claims(db_session, n)
        rows.add_notifications(db_session, reader.id, claim_ids, actors)

    fill(FEW)
    assert_same_count(client, record_property, "/notifications", _grower(db_session, fill))


@pytest.mark.parametrize("path", ["/review-inbox", "/my-work"])
def test_the_review_inbox(client, signed_in, db_session, record_property, path):
    signed_in("editor")
    authors = rows.add_users(db_session, 60)

    def fill(n: int) -> None:
        claim_ids = _articles_with_claims(db_session, n, ClaimStatus.IN_REVIEW, authors[0])
        rows.add_verdicts(db_session, claim_ids, VerdictState.IN_REVIEW, authors)

    fill(FEW)
    assert_same_count(client, record_property, path, _grower(db_session, fill))


def test_my_work_with_assigned_claims_and_mentions(client, signed_in, db_session, record_property):
    me = signed_in("checker")
    authors = rows.add_users(db_session, 60)

    def fill(n: int) -> None:
        claim_ids = _articles_with_claims(db_session, n, ClaimStatus.IN_RESEARCH, me.id)
        for claim_id in claim_ids[:50]:
            rows.add_comments(db_session, claim_id, 1, authors[claim_id % 60 :], mention=me.id)

    fill(FEW)
    assert_same_count(client, record_property, "/my-work", _grower(db_session, fill))


def test_the_dashboard(client, signed_in, db_session, record_property):
    signed_in("editor")
    authors = rows.add_users(db_session, 10)

    def fill(n: int) -> None:
        open_ids = _articles_with_claims(db_session, n // 2, ClaimStatus.ACCEPTED, authors[0])
        done = _articles_with_claims(db_session, n // 2, ClaimStatus.PUBLISHED)
        rows.add_verdicts(db_session, done, VerdictState.PUBLISHED, authors, authors[1])
        return open_ids

    fill(FEW)
    assert_same_count(client, record_property, "/dashboard", _grower(db_session, fill))


def test_the_audit_trail(client, signed_in, db_session, record_property):
    signed_in("admin")
    actors = rows.add_users(db_session, 100)
    rows.add_audit_events(db_session, FEW, actors)
    db_session.commit()
    grow = _grower(db_session, lambda n: rows.add_audit_events(db_session, n, actors))
    assert_same_count(client, record_property, "/admin/audit", grow)


def test_the_published_verdicts_report_list(client, signed_in, db_session, record_property):
    signed_in("editor")
    authors = rows.add_users(db_session, 5)

    def fill(n: int) -> None:
        done = _articles_with_claims(db_session, n, ClaimStatus.PUBLISHED)
        rows.add_verdicts(db_session, done, VerdictState.PUBLISHED, authors, authors[0])

    fill(FEW)
    assert_same_count(client, record_property, "/reports", _grower(db_session, fill))


def test_the_known_fact_checks(client, signed_in, db_session, record_property):
    user = signed_in("editor")
    rows.add_known_fact_checks(db_session, FEW, user.id)
    db_session.commit()
    grow = _grower(db_session, lambda n: rows.add_known_fact_checks(db_session, n, user.id))
    assert_same_count(client, record_property, "/claims/known", grow)


def test_the_user_list(client, signed_in, db_session, record_property):
    signed_in("admin")
    rows.add_users(db_session, FEW)
    db_session.commit()
    grow = _grower(db_session, lambda n: rows.add_users(db_session, n))
    assert_same_count(client, record_property, "/admin/users", grow)


# Search results (the index is built for the inserted rows) -----------------------------------


def _indexed_claims(session: Session, count: int, status=ClaimStatus.CANDIDATE, **kw) -> list[int]:
    """Insert claims in articles with sources and build their search documents."""
    places = [spans[0] for spans in rows.add_articles(session, count)]
    claim_ids = rows.add_claims(session, places, status, **kw)
    users = rows.add_users(session, 3)
    for claim_id in claim_ids[::10]:
        rows.add_sources(session, claim_id, 1, users)
    rows.index_rows(session, claim_ids, [p.article_id for p in places])
    session.commit()
    return claim_ids


SEARCH_PAGES = [
    "/search?q=prices",
    "/search?q=prices&type=source",
    "/queue?q=prices",
    "/queue?q=prices&outlet=Daily",
    "/claims?q=prices",
    "/articles?q=prices",
]


def test_search_results(client, signed_in, db_session, record_property):
    signed_in("editor")
    _indexed_claims(db_session, FEW)
    grow = _grower(db_session, lambda n: _indexed_claims(db_session, n))
    assert_same_count(client, record_property, SEARCH_PAGES, grow, ignore=newest_probe)


def test_my_work_search(client, signed_in, db_session, record_property):
    me = signed_in("checker")
    _indexed_claims(db_session, FEW, ClaimStatus.IN_RESEARCH, assignee_id=me.id)
    grow = _grower(
        db_session,
        lambda n: _indexed_claims(db_session, n, ClaimStatus.IN_RESEARCH, assignee_id=me.id),
    )
    assert_same_count(client, record_property, "/my-work?q=prices", grow, ignore=newest_probe)


# Public pages -------------------------------------------------------------------------------


def _published(session: Session, count: int, authors: list[int]) -> list[int]:
    """Insert published claims, each with a published verdict; return their ids."""
    claim_ids = _articles_with_claims(session, count, ClaimStatus.PUBLISHED)
    rows.add_verdicts(session, claim_ids, VerdictState.PUBLISHED, authors, authors[-1])
    session.commit()
    return claim_ids


PUBLIC_LISTS = [
    "/fact-checks",
    "/fact-checks?rating=false&language=en",
    "/fact-checks/feed.atom",
    "/fact-checks/feed.rss",
    "/sitemap.xml",
    "/sitemaps/fact-checks-0.xml",
]


def test_public_lists(client, db_session, record_property):
    authors = rows.add_users(db_session, 5, Role.EDITOR)
    _published(db_session, FEW, authors)
    grow = _grower(db_session, lambda n: _published(db_session, n, authors))
    assert_same_count(client, record_property, PUBLIC_LISTS, grow)


def test_public_search(client, db_session, record_property):
    authors = rows.add_users(db_session, 5, Role.EDITOR)

    def fill(n: int) -> None:
        claim_ids = _published(db_session, n, authors)
        rows.index_rows(db_session, claim_ids)

    fill(FEW)
    db_session.commit()
    grow = _grower(db_session, fill)
    assert_same_count(client, record_property, "/fact-checks?q=prices", grow, ignore=newest_probe)


def _published_with_everything(session: Session, count: int, users: list[int]) -> int:
    """Insert a published claim with `count` appearances and sources."""
    articles = rows.add_articles(session, count)
    claim_id = rows.add_claims(session, [articles[0][0]], ClaimStatus.PUBLISHED)[0]
    rows.add_appearances(session, [(claim_id, spans[0]) for spans in articles[1:]])
    rows.add_sources(session, claim_id, count, users)
    rows.add_verdicts(session, [claim_id], VerdictState.PUBLISHED, users, users[-1])
    session.commit()
    return claim_id


def test_a_public_fact_check_page(client, db_session, record_property):
    users = rows.add_users(db_session, 5, Role.EDITOR)
    few = _published_with_everything(db_session, 3, users)
    many = _published_with_everything(db_session, 200, users)
    _compare_pages(client, record_property, f"/fact-checks/{few}", f"/fact-checks/{many}")


@pytest.mark.parametrize("path", ["/exports/claims.csv", "/exports/claims.csv?status=published"])
def test_the_csv_export(client, signed_in, db_session, record_property, path):
    signed_in("viewer")
    authors = rows.add_users(db_session, 5, Role.EDITOR)
    _published(db_session, FEW, authors)
    grow = _grower(db_session, lambda n: _published(db_session, n, authors))
    assert_same_count(client, record_property, path, grow)


# The JSON API -------------------------------------------------------------------------------


def _bearer(session: Session, role: str = "editor") -> dict[str, dict[str, str]]:
    """Return the request arguments of an API call with a new user's token."""
    _, token = make_token(session, role)
    return {"headers": {"Authorization": f"Bearer {token}"}}


API_LISTS = [
    "/api/v1/claims",
    "/api/v1/claims?status=published",
    "/api/v1/articles",
    "/api/v1/claimreview",
    "/api/v1/search?q=prices",
]


def test_api_lists(client, db_session, record_property):
    auth = _bearer(db_session)
    authors = rows.add_users(db_session, 30, Role.EDITOR)

    def fill(n: int) -> None:
        articles = rows.add_articles(db_session, n)
        claim_ids = []
        for i, assignee in enumerate(authors):
            places = [spans[0] for spans in articles[i :: len(authors)]]
            claim_ids += rows.add_claims(db_session, places, ClaimStatus.PUBLISHED, assignee)
        rows.add_verdicts(db_session, claim_ids, VerdictState.PUBLISHED, authors, authors[-1])
        rows.index_rows(db_session, claim_ids, [s[0].article_id for s in articles])

    fill(FEW)
    db_session.commit()
    grow = _grower(db_session, fill)
    assert_same_count(client, record_property, API_LISTS, grow, ignore=newest_probe, **auth)


def test_api_claims_of_one_assignee(client, db_session, record_property):
    auth = _bearer(db_session)
    owner = make_user(db_session, "checker")
    _articles_with_claims(db_session, FEW, ClaimStatus.IN_RESEARCH, owner.id)
    grow = _grower(
        db_session,
        lambda n: _articles_with_claims(db_session, n, ClaimStatus.IN_RESEARCH, owner.id),
    )
    assert_same_count(
        client, record_property, f"/api/v1/claims?assignee={owner.email}", grow, **auth
    )


def test_api_notifications(client, db_session, record_property):
    reader, token = make_token(db_session, "checker")
    auth = {"headers": {"Authorization": f"Bearer {token}"}}
    actors = rows.add_users(db_session, 40)

    def fill(n: int) -> None:
        rows.add_notifications(db_session, reader.id, _articles_with_claims(db_session, n), actors)

    fill(FEW)
    db_session.commit()
    grow = _grower(db_session, fill)
    assert_same_count(client, record_property, "/api/v1/notifications?limit=100", grow, **auth)


def test_api_article_with_10_and_1000_claims(client, db_session, record_property):
    auth = _bearer(db_session)
    few = _article_with_claims(db_session, FEW)
    many = _article_with_claims(db_session, MANY)
    _compare_pages(
        client, record_property, f"/api/v1/articles/{few}", f"/api/v1/articles/{many}", **auth
    )


def test_api_claim_with_many_appearances_and_sources(client, db_session, record_property):
    auth = _bearer(db_session)
    users = rows.add_users(db_session, 20)
    few = _claim_with_everything(db_session, 3, users)
    many = _claim_with_everything(db_session, 200, users)
    _compare_pages(
        client, record_property, f"/api/v1/claims/{few}", f"/api/v1/claims/{many}", **auth
    )
