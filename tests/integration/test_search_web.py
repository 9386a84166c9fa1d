"""Search in the web pages, the API and the command line."""

import re
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.models import Claim, ClaimStatus, SearchDocument
from app.services import ingest, workflow
from tests.factories import make_token

SEED = (Path(__file__).parents[2] / "app" / "demo" / "kim-putin-th.txt").read_text(encoding="utf-8")


@pytest.fixture
def seed(db_session, admin):
    article, _ = ingest.ingest(
        db_session, admin, ingest.Submission(text=SEED, outlet="Yonhap News")
    )
    db_session.commit()
    return article


def _claim_with(session, words):
    return session.scalars(sa.select(Claim).where(Claim.text.contains(words))).one()


def test_every_staff_page_has_the_search_box_and_its_results_page_has_facets(
    client, signed_in, seed
):
    signed_in("viewer")
    queue = client.get("/queue").get_data(as_text=True)
    assert 'action="/search"' in queue and 'id="header-q"' in queue
    page = client.get("/search", query_string={"q": "โซเวียต"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "<mark>โซเวียต</mark>" in html
    assert 'aria-label="Narrow the results"' in html
    facet = re.search(r'href="(/search\?q=[^"]*type(?::|%3A)claim[^"]*)"', html)
    assert facet, "a facet links to the query with its filter"
    narrowed = client.get(facet.group(1).replace("&amp;", "&")).get_data(as_text=True)
    assert 'aria-current="true"' in narrowed and f"/articles/{seed.id}" not in narrowed
    outlet = client.get("/search", query_string={"q": 'โซเวียต outlet:"yonhap news"'})
    assert 'href="/search?q=%E0%B9%82%E0%B8%8B%E0%B9%80%E0%B8%A7%E0%B8%B5%E0%B8%A2%E0%B8%95"' in (
        outlet.get_data(as_text=True)
    ), "a chosen facet links back to the query without it"


def test_search_inside_the_queue_claims_articles_and_my_work(client, signed_in, seed, db_session):
    user = signed_in("editor")
    soviet = _claim_with(db_session, "กองทัพโซเวียต")
    queue = client.get("/queue", query_string={"q": "โซเวียต"}).get_data(as_text=True)
    assert f"/claims/{soviet.id}" in queue and queue.count('name="claim"') == 1
    outlet_filtered = client.get("/queue", query_string={"q": "โซเวียต", "outlet": "nothing"})
    assert f"/claims/{soviet.id}" not in outlet_filtered.get_data(as_text=True)
    claims = client.get("/claims", query_string={"q": "อาณานิคม", "status": "candidate"})
    assert f"/claims/{soviet.id}" in claims.get_data(as_text=True)
    articles = client.get("/articles", query_string={"q": "คาบสมุทรเกาหลี"}).get_data(as_text=True)
    assert f"/articles/{seed.id}" in articles and "<mark>" in articles
    workflow.accept(db_session, user, soviet.id)
    workflow.assign(db_session, user, soviet.id, user.id)
    db_session.commit()
    mine = client.get("/my-work", query_string={"q": "โซเวียต"}).get_data(as_text=True)
    assert f"/claims/{soviet.id}" in mine and "1 open claim matches" in mine
    dated = client.get("/my-work", query_string={"q": "โซเวียต", "since": "2600"})
    assert "0 open claims match" in dated.get_data(as_text=True)
    wrong = client.get("/my-work", query_string={"since": "someday"})
    assert "Write a date such as" in wrong.get_data(as_text=True)


def test_public_fact_checks_search_only_published_and_survives_bad_input(client, seed):
    page = client.get("/fact-checks", query_string={"q": "โซเวียต"})
    assert page.status_code == 200 and "No fact-check matches." in page.get_data(as_text=True)
    # A NUL is refused before any view (400, tests/integration/test_bad_input.py).
    assert client.get("/fact-checks", query_string={"q": "a\x00"}).status_code == 400
    for nasty in ('"', "-", "status:", "from:99999", "x" * 5000, "ก" * 600):
        assert client.get("/fact-checks", query_string={"q": nasty}).status_code == 200
        with_rating = {"q": nasty, "rating": "true", "language": "th"}
        assert client.get("/fact-checks", query_string=with_rating).status_code == 200
    assert client.get("/fact-checks?q=%ED%A0%80%FF").status_code == 200  # not UTF-8


def test_api_search_answers_items_facets_and_pages(client, db_session, seed):
    _, token = make_token(db_session, "viewer")
    headers = {"Authorization": f"Bearer {token}"}
    response = client.get("/api/v1/search", query_string={"q": "โซเวียต"}, headers=headers)
    body = response.get_json()
    assert response.status_code == 200
    assert {"items", "facets", "page", "pages", "total"} <= set(body)
    assert body["total"] == len(body["items"]) == 2 and body["page"] == body["pages"] == 1
    item = body["items"][0]
    assert {"type", "id", "title", "snippet", "score"} <= set(item)
    start, end = item["highlights"][0]
    assert item["snippet"][start:end] == "โซเวียต"
    assert {v["value"] for v in body["facets"]["kind"]} == {"claim", "article"}
    only = client.get("/api/v1/search?q=โซเวียต&type=article", headers=headers).get_json()
    assert [i["type"] for i in only["items"]] == ["article"]
    bad = client.get("/api/v1/search?q=x&type=bogus", headers=headers)
    assert bad.status_code == 400 and bad.get_json()["error"]["code"] == "bad_request"
    assert client.get("/api/v1/search?q=a%00b", headers=headers).status_code == 400
    assert client.get("/api/v1/search?q=x").status_code == 401


def test_merge_picks_its_target_by_search(client, signed_in, seed, db_session, auth):
    signed_in("editor")
    soviet = _claim_with(db_session, "กองทัพโซเวียต")
    other = _claim_with(db_session, "เบ่งบานเต็มที่")
    page = client.get(f"/claims/{other.id}", query_string={"merge_q": "กองทัพโซเวียต"})
    html = page.get_data(as_text=True)
    assert f'id="merge-into-{soviet.id}"' in html and f'id="merge-into-{other.id}"' not in html
    choices = client.get(f"/claims/{other.id}/merge-choices", query_string={"q": "โซเวีย"})
    assert [i["id"] for i in choices.get_json()["items"]] == [soviet.id], "typing finds it"
    by_number = client.get(f"/claims/{other.id}/merge-choices?q=%23{soviet.id}").get_json()
    assert [i["id"] for i in by_number["items"]] == [soviet.id]
    refused = auth.post(
        f"/claims/{other.id}/merge",
        {"version": other.version},
        form_page=f"/claims/{other.id}",
        prefix="merge",
    )
    assert refused.status_code == 400
    assert "Find the claim to merge into, then choose it." in refused.get_data(as_text=True)
    merged = auth.post(
        f"/claims/{other.id}/merge",
        {"version": other.version, "into": soviet.id},
        form_page=f"/claims/{other.id}",
        prefix="merge",
    )
    assert merged.status_code == 302
    db_session.expire_all()
    assert db_session.get(Claim, other.id).status == ClaimStatus.MERGED


def test_cli_reindex_rebuilds_with_a_progress_bar(runner, db_session, seed):
    db_session.execute(sa.delete(SearchDocument))
    db_session.commit()
    result = runner.invoke(args=["search", "reindex", "--if-empty"])
    assert result.exit_code == 0, result.output
    assert "Indexing" in result.output and "search documents" in result.output
    assert db_session.scalar(sa.select(sa.func.count()).select_from(SearchDocument)) > 1
    again = runner.invoke(args=["search", "reindex", "--if-empty"])
    assert "already built" in again.output
    found = runner.invoke(args=["search", "query", "โซเวียต"])
    assert found.exit_code == 0 and "2 results" in found.output


def test_odd_arguments_are_refused_or_ignored_never_a_500(client, signed_in, seed, db_session):
    signed_in("editor")
    other = _claim_with(db_session, "เบ่งบานเต็มที่")
    for url in (
        "/search?q=เกาหลี&page=%C2%B2",
        "/fact-checks?q=a&page=%C2%B2",
        "/my-work?assignee=99999999999999999999",
        "/my-work?assignee=%C2%B2",
        "/my-work?rating=nonsense",
    ):
        assert client.get(url).status_code in (200, 400), url
    assert "Not a valid choice" in client.get("/my-work?assignee=%C2%B2").get_data(as_text=True)
    paged = client.get("/search?q=เกาหลีเหนือ&_method=FOO&endpoint=x&_anchor=y")
    assert paged.status_code == 200
    assert client.get("/claims/999999/merge-choices?q=x").status_code == 404
    by_words = client.get(f"/claims/{other.id}/merge-choices?q=1945").get_json()
    assert _claim_with(db_session, "กองทัพโซเวียต").id in [i["id"] for i in by_words["items"]]


def test_pager_links_carry_only_the_list_s_own_arguments(app):
    from app.web import list_args

    with app.test_request_context("/claims?q=a&page=2&_method=FOO&endpoint=x&_external=1"):
        assert list_args() == {"q": "a"}


def test_a_nul_in_a_list_filter_is_refused(client, signed_in, seed):
    signed_in("viewer")
    assert client.get("/queue?outlet=%00").status_code == 400
    assert client.get("/articles?outlet=Yon%00hap").status_code == 400
    past = client.get("/search?q=โซเวียต&page=5").get_data(as_text=True)
    assert "This page is past the last one." in past
