"""Hostile input gets a 4xx answer or a form error, never a 500, and nothing is stored."""

import json

import pytest

from app.extensions import db
from app.models import Article, Claim, ClaimStatus, Source
from app.services import ingest, workflow
from tests.factories import make_token, make_user

TEXT = (
    "นายสมชาย ใจดี อธิบดีกรมควบคุมโรค กล่าวว่า ปีนี้พบผู้ป่วย 1,200 ราย มากที่สุดในรอบ 5 ปี\n"
    "กระทรวงการคลังรายงานว่าหนี้สาธารณะอยู่ที่ร้อยละ 64 ของจีดีพี"
)


@pytest.fixture
def claim(db_session):
    checker = make_user(db_session, "checker")
    article, _ = ingest.ingest(db_session, checker, ingest.Submission(text=TEXT))
    db_session.commit()
    return article.appearances[0].claim


def _bearer(session, role="checker", **extra):
    return {"Authorization": f"Bearer {make_token(session, role)[1]}", **extra}


def _count(session, model) -> int:
    return session.scalar(db.select(db.func.count()).select_from(model))


@pytest.mark.parametrize("who", [None, "viewer", "editor"])
@pytest.mark.parametrize(
    "path",
    [
        "/fact-checks?q=a%00",
        "/fact-checks?q=%00&page=1",
        "/search?q=ab%00c",
        "/claims?q=%00",
        "/login?next=/%00",
        "/fact-checks?%00=1",
    ],
)
def test_nul_in_a_query_is_a_400_page(signed_in, client, who, path):
    if who:
        signed_in(who)
    response = client.get(path)
    assert response.status_code == 400
    assert "NUL character" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "path", ["/api/v1/claims?status=%00", "/api/v1/search?q=a%00", "/api/v1/claims?assignee=%00"]
)
def test_nul_in_an_api_query_is_a_json_400(client, db_session, path):
    response = client.get(path, headers=_bearer(db_session, "viewer"))
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "bad_character"


HOSTILE_BODIES = {
    "nul": '{"text": "a\\u0000b"}',
    "lone surrogate": '{"text": "\\ud800 ข้อความ"}',
    "surrogate key": '{"\\udfff": "x", "text": "ข้อความ"}',
    "nested surrogate": '{"text": "x", "extra": [{"a": ["\\ud83d"]}]}',
    "100k deep": "[" * 100_000 + "]" * 100_000,
    "deep object": '{"text": ' + '{"a": ' * 150 + "1" + "}" * 150 + "}",
}


@pytest.mark.parametrize("body", HOSTILE_BODIES.values(), ids=HOSTILE_BODIES.keys())
def test_hostile_json_is_refused_before_any_view(client, db_session, body):
    before = _count(db_session, Article)
    response = client.post(
        "/api/v1/articles",
        data=body.encode(),
        headers=_bearer(db_session),
        content_type="application/json",
    )
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert (error["code"], "NUL" in error["message"] or "surrogate" in error["message"]) in {
        ("bad_character", True),
        ("bad_request", False),
    }
    assert "nests deeper" in error["message"] or error["code"] == "bad_character"
    assert _count(db_session, Article) == before


@pytest.mark.parametrize("body", HOSTILE_BODIES.values(), ids=HOSTILE_BODIES.keys())
def test_hostile_json_on_a_claim_changes_nothing(client, db_session, claim, body):
    response = client.patch(
        f"/api/v1/claims/{claim.id}",
        data=body.encode(),
        headers=_bearer(db_session, "editor", **{"If-Match": "1"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    db_session.refresh(claim)
    assert claim.version == 1 and "\x00" not in claim.text


def test_json_strings_with_a_quote_or_brackets_are_not_counted_as_nesting(client, db_session):
    text = "ข่าว " + "[[[{{{" * 50 + ' \\" ' + TEXT
    response = client.post(
        "/api/v1/articles",
        data=json.dumps({"text": text}).encode(),
        headers=_bearer(db_session),
        content_type="application/json",
    )
    assert response.status_code == 201


def test_nul_in_a_web_form_is_refused_and_nothing_stored(signed_in, auth, db_session):
    signed_in("checker")
    before = _count(db_session, Article)
    response = auth.post(
        "/articles/text",
        {"text": TEXT + "\x00", "title": "x"},
        form_page="/articles/new",
        prefix="text",
    )
    assert response.status_code == 400
    assert "NUL character" in response.get_data(as_text=True)
    assert _count(db_session, Article) == before


@pytest.mark.parametrize("value", ["9" * 5000, "9" * 11, "4294967296", '"1" junk', "-1", "1e3"])
def test_a_hostile_if_match_is_a_412(client, db_session, claim, value):
    response = client.patch(
        f"/api/v1/claims/{claim.id}",
        json={"claimant": "x"},
        headers=_bearer(db_session, "editor", **{"If-Match": value}),
    )
    assert response.status_code == 412
    assert response.get_json()["error"]["code"] == "stale_edit"


def test_a_hostile_if_match_on_a_verdict_step_is_a_412(client, db_session, claim):
    response = client.post(
        "/api/v1/verdicts/1/approve",
        headers=_bearer(db_session, "editor", **{"If-Match": "9" * 5000}),
    )
    assert response.status_code == 412


def test_a_huge_limit_is_a_400(client, db_session, claim):
    response = client.get(
        f"/api/v1/claims/{claim.id}/similar?limit={'9' * 5000}", headers=_bearer(db_session)
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org:99999/a",
        "https://example.org:0/",
        "http://example.org:http/",
        "http://[::1/",
        "http://[not-an-address]/",
    ],
)
def test_a_url_with_an_impossible_port_or_host_is_bad_url(client, db_session, claim, url):
    headers = _bearer(db_session, "checker")
    article = client.post("/api/v1/articles", json={"url": url}, headers=headers)
    assert article.status_code == 422 and article.get_json()["error"]["code"] == "bad_url"
    source = client.post(
        f"/api/v1/claims/{claim.id}/sources", json={"url": url, "title": "t"}, headers=headers
    )
    assert source.status_code == 422
    assert _count(db_session, Source) == 0


def test_a_source_form_with_port_99999_gets_a_form_error(signed_in, auth, db_session, claim):
    signed_in("checker")
    response = auth.post(
        f"/claims/{claim.id}/sources",
        {"url": "http://example.org:99999/", "title": "t", "stance": "context"},
        form_page=f"/claims/{claim.id}",
        prefix="source",
    )
    assert response.status_code in (400, 422)
    assert "web address" in response.get_data(as_text=True).lower()
    assert _count(db_session, Source) == 0


@pytest.mark.parametrize(
    ("field", "length"),
    [("publisher", 201), ("title", 501), ("excerpt", 5001), ("note", 5001)],
)
def test_an_api_source_longer_than_its_column_is_a_422_naming_the_field(
    client, db_session, claim, field, length
):
    response = client.post(
        f"/api/v1/claims/{claim.id}/sources",
        json={"title": "t", field: "ก" * length},
        headers=_bearer(db_session),
    )
    assert response.status_code == 422
    assert field in response.get_json()["error"]["message"]
    assert _count(db_session, Source) == 0
    fits = client.post(
        f"/api/v1/claims/{claim.id}/sources",
        json={"title": "t", field: "ก" * (length - 1)},
        headers=_bearer(db_session),
    )
    assert fits.status_code == 201


@pytest.mark.parametrize(("field", "length"), [("claimant", 301), ("text", 5001)])
def test_an_api_claim_edit_longer_than_the_form_allows_is_a_422(
    client, db_session, claim, field, length
):
    response = client.patch(
        f"/api/v1/claims/{claim.id}",
        json={field: "ก" * length},
        headers=_bearer(db_session, "editor", **{"If-Match": "1"}),
    )
    assert response.status_code == 422 and field in response.get_json()["error"]["message"]
    db_session.refresh(claim)
    assert claim.version == 1


def test_an_api_verdict_longer_than_the_form_allows_is_a_422(client, db_session, claim):
    workflow.accept(db_session, make_user(db_session, "editor"), claim.id)
    db_session.commit()
    response = client.post(
        f"/api/v1/claims/{claim.id}/verdicts",
        json={"rating": "true", "conclusion": "จ" * 501},
        headers=_bearer(db_session, "editor"),
    )
    assert response.status_code == 422 and "conclusion" in response.get_json()["error"]["message"]
    db_session.refresh(claim)
    assert claim.verdicts == [] and claim.status == ClaimStatus.ACCEPTED


def test_an_api_article_outlet_over_200_is_a_422(client, db_session):
    response = client.post(
        "/api/v1/articles",
        json={"text": TEXT, "outlet": "ส" * 201},
        headers=_bearer(db_session),
    )
    assert response.status_code == 422 and "outlet" in response.get_json()["error"]["message"]
    assert _count(db_session, Article) == 0 and _count(db_session, Claim) == 0


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("get", "/api/v1/claims/1/verdicts", {"POST"}),
        ("delete", "/api/v1/claims", {"GET", "HEAD"}),
        ("get", "/logout", {"POST"}),
        ("put", "/fact-checks", {"GET", "HEAD"}),
    ],
)
def test_405_answers_carry_allow(client, method, path, allowed):
    response = getattr(client, method)(path)
    assert response.status_code == 405
    assert allowed <= {m.strip() for m in response.headers["Allow"].split(",")}
