"""Long lists count at most COUNT_CAP rows and go at most that deep: a million claims cost a
page what ten thousand do; past the depth, a 400 says how to narrow the list."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app import pagination
from app.models import Claim
from tests.bulk_rows import add_articles, add_claims


def claims_with_appearances(session, count: int) -> list[int]:
    places = [spans[0] for spans in add_articles(session, count)]
    return add_claims(session, places)


@pytest.fixture
def small_cap(monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_CAP", 30)
    monkeypatch.setattr(pagination.paginate, "__defaults__", (30,))
    return 30


def test_counts_stop_at_the_cap_and_say_so(app, db_session, small_cap):
    claims_with_appearances(db_session, 45)
    query = sa.select(Claim).order_by(Claim.id)
    page = pagination.paginate(db_session, query, 1, 10)
    assert (len(page.items), page.total, page.capped, page.pages) == (10, 30, True, 3)
    assert page.has_next and not page.has_prev
    last = pagination.paginate(db_session, query, 3, 10)
    assert [c.id for c in last.items] == [c.id for c in db_session.scalars(query)][20:30]
    assert not last.has_next
    with pytest.raises(pagination.TooDeep):
        pagination.paginate(db_session, query, 4, 10)


def test_below_the_cap_the_count_is_exact(app, db_session, small_cap):
    claims_with_appearances(db_session, 25)
    page = pagination.paginate(db_session, sa.select(Claim).order_by(Claim.id), 2, 10)
    assert (page.total, page.capped, page.pages, len(page.items)) == (25, False, 3, 10)
    one = pagination.paginate(db_session, sa.select(Claim).where(Claim.id < 0), 1, 10)
    assert (one.total, one.pages, one.items) == (0, 1, [])


def test_a_page_past_the_depth_is_a_400_that_says_how_to_narrow(signed_in, client):
    signed_in("checker")
    deepest = pagination.max_page(25)
    assert client.get(f"/claims?page={deepest}").status_code == 200
    response = client.get(f"/claims?page={deepest + 1}")
    assert response.status_code == 400
    assert "narrow it with the filters or a search" in response.get_data(as_text=True)
    api = client.get(f"/queue?page={deepest + 1}")
    assert api.status_code == 400


def test_the_pager_says_more_than_when_capped(app, db_session, signed_in, client, small_cap):
    claims_with_appearances(db_session, 45)
    signed_in("checker")
    html = client.get("/claims").get_data(as_text=True)
    assert "Page 1 of more than 2" in html


def test_the_sitemap_is_an_index_of_bounded_sitemaps(client, db_session, monkeypatch):
    from app.models import ClaimStatus, Role, VerdictState
    from app.services import publishing
    from tests.bulk_rows import add_users, add_verdicts

    monkeypatch.setattr(publishing, "SITEMAP_BLOCK", 10)
    places = [spans[0] for spans in add_articles(db_session, 35)]
    ids = add_claims(db_session, places, ClaimStatus.PUBLISHED)
    add_verdicts(db_session, ids, VerdictState.PUBLISHED, add_users(db_session, 1, Role.EDITOR))
    index = client.get("/sitemap.xml").get_data(as_text=True)
    blocks = range(min(ids) // 10, max(ids) // 10 + 1)
    assert index.count("/sitemaps/fact-checks-") == len(blocks)
    listed = []
    for block in blocks:
        sitemap = client.get(f"/sitemaps/fact-checks-{block}.xml").get_data(as_text=True)
        urls = sitemap.count("<url>")
        assert urls <= 10
        listed += [i for i in ids if f"/fact-checks/{i}</loc>" in sitemap]
    assert sorted(listed) == sorted(ids)


def test_my_work_shows_the_oldest_of_each_status_with_the_count(
    db_session, signed_in, client, monkeypatch
):
    from app.models import ClaimStatus
    from app.services import comments

    monkeypatch.setattr(comments, "WORK_SHOWN", 3)
    user = signed_in("checker")
    places = [spans[0] for spans in add_articles(db_session, 7)]
    ids = add_claims(db_session, places[:5], ClaimStatus.ACCEPTED, assignee_id=user.id)
    add_claims(db_session, places[5:], ClaimStatus.IN_RESEARCH, assignee_id=user.id)
    html = client.get("/my-work").get_data(as_text=True)
    assert "The 3 oldest of 5 are shown" in html
    oldest = db_session.scalars(
        sa.select(Claim.id).where(Claim.id.in_(ids)).order_by(Claim.updated_at, Claim.id)
    ).all()
    assert all(f'/claims/{i}"' in html for i in oldest[:3])
    assert not any(f'/claims/{i}"' in html for i in oldest[3:])
    assert "of 2 are shown" not in html  # the other status is shown whole
