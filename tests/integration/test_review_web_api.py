"""The reviewer workflow through the claim page, the queue and the JSON API."""

import re

import pytest

from app.extensions import db
from app.markdown import render_markdown
from app.models import AuditEvent, ClaimStatus, VerdictState
from app.services import review, sources, workflow
from tests.conftest import AuthActions, csrf_token
from tests.factories import make_claim, make_token, make_user

TEXT = (
    "นายสมชาย ใจดี อธิบดีกรมควบคุมโรค กล่าวว่า ปีนี้พบผู้ป่วย 1,200 ราย มากที่สุดในรอบ 5 ปี\n"
    "กระทรวงการคลังรายงานว่าหนี้สาธารณะอยู่ที่ร้อยละ 64 ของจีดีพี"
)


@pytest.fixture
def claim(db_session):
    return make_claim(db_session, TEXT)


def _post(auth, claim, path, prefix, data):
    return auth.post(
        f"/claims/{claim.id}/{path}", prefix=prefix, data=data, form_page=f"/claims/{claim.id}"
    )


def test_claim_page_shows_everything_for_a_viewer(signed_in, client, claim):
    signed_in("viewer")
    html = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert claim.text in html and "History" in html and "Where it appears" in html
    assert f"/claims/{claim.id}/accept" not in html  # no buttons a viewer cannot use


def test_viewer_cannot_act_through_the_forms(signed_in, auth, client, claim, db_session):
    signed_in("viewer")
    response = _post(auth, claim, "accept", "accept", {"version": claim.version})
    assert response.status_code == 403
    db_session.refresh(claim)
    assert claim.status == ClaimStatus.CANDIDATE


def test_the_demo_flow_through_the_forms(app, signed_in, auth, client, claim, db_session):
    editor = signed_in("editor")
    assert _post(auth, claim, "accept", "accept", {"version": 1}).status_code == 302
    checker = make_user(db_session, "checker", "somchai@example.org")
    response = _post(auth, claim, "assign", "assign", {"version": 2, "assignee": str(checker.id)})
    assert response.status_code == 302
    response = _post(
        auth,
        claim,
        "sources",
        "source",
        {
            "title": "รายงานสถานการณ์โรค",
            "publisher": "กรมควบคุมโรค",
            "stance": "supports",
            "source_type": "primary",
            "excerpt": "ผู้ป่วย 1,200 ราย",
        },
    )
    assert response.status_code == 302
    response = _post(
        auth,
        claim,
        "verdicts",
        "verdict",
        {
            "rating": "mostly_true",
            "conclusion": "ตัวเลขตรงกับรายงาน",
            "explanation": "ดู [รายงาน](https://ddc.example/report) <script>alert(1)</script>",
        },
    )
    assert response.status_code == 302
    db_session.expire_all()
    verdict = review.open_verdict(claim)
    response = _post(
        auth, claim, f"verdicts/{verdict.id}/submit", "submit", {"version": verdict.version}
    )
    assert response.status_code == 302
    # the author cannot approve (four eyes): 409 with the reason, on the page
    db_session.expire_all()
    response = _post(
        auth, claim, f"verdicts/{verdict.id}/approve", "approve", {"version": verdict.version}
    )
    assert response.status_code == 409 and "Four eyes" in response.get_data(as_text=True)
    other = app.test_client()
    other.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    second = AuthActions(other)
    second.login(make_user(db_session, "editor").email)
    response = second.post(
        f"/claims/{claim.id}/verdicts/{verdict.id}/approve",
        prefix="approve",
        data={"version": verdict.version},
        form_page=f"/claims/{claim.id}",
    )
    assert response.status_code == 302
    db_session.expire_all()
    response = _post(
        auth, claim, f"verdicts/{verdict.id}/publish", "publish", {"version": verdict.version}
    )
    assert response.status_code == 302
    html = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert "Verdict published" in html and "<script>alert" not in html
    assert 'href="https://ddc.example/report"' in html
    for action in [
        "Claim accepted",
        "Claim assigned",
        "Source added",
        "Verdict drafted",
        "Verdict submitted for review",
        "Verdict approved",
        "Verdict published",
    ]:
        assert action in html, action
    assert editor.display_name in html


def test_a_stale_form_keeps_the_users_input_and_says_why(signed_in, auth, claim, db_session):
    signed_in("checker")
    workflow.edit(
        db_session,
        make_user(db_session, "editor"),
        claim.id,
        workflow.ClaimEdit("ข้อความที่คนอื่นแก้", None, None),
        claim.version,
    )
    db_session.commit()
    response = _post(
        auth, claim, "edit", "edit", {"version": 1, "text": "ข้อความของฉันที่ยังไม่บันทึก", "claimant": ""}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 412
    assert "Someone else changed this" in html
    assert "ข้อความของฉันที่ยังไม่บันทึก" in html and "ข้อความที่คนอื่นแก้" in html


def test_form_without_a_version_is_a_400(signed_in, auth, claim):
    signed_in("checker")
    assert _post(auth, claim, "accept", "accept", {}).status_code == 400


def test_bad_input_is_shown_on_the_form(signed_in, auth, claim):
    signed_in("checker")
    response = _post(auth, claim, "dismiss", "dismiss", {"version": 1, "reason": ""})
    assert response.status_code == 400
    # Saved at once: the background archive is what refuses the private address, in words.
    response = _post(auth, claim, "sources", "source", {"url": "http://10.0.0.1/x"})
    assert response.status_code == 302
    html = auth.client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert "Not archived" in html and "private or local network" in html and "Retry" in html
    response = _post(auth, claim, "sources", "source", {"url": "ftp://example.org/x"})
    assert response.status_code == 422
    assert "not a web address" in response.get_data(as_text=True)


def test_queue_triage_in_bulk(signed_in, auth, client, claim, db_session):
    signed_in("checker")
    other = claim.appearances[0].article.appearances[1].claim
    token = csrf_token(client, "/queue")
    response = client.post(
        "/queue/triage",
        data={"csrf_token": token, "claim": [claim.id, other.id], "accept": "Accept"},
    )
    assert response.status_code == 302
    db_session.expire_all()
    assert {claim.status, other.status} == {ClaimStatus.ACCEPTED}
    html = client.get("/queue").get_data(as_text=True)
    assert "queue-keys.js" in html and "Keyboard shortcuts" in html


def test_my_work_and_dashboard(signed_in, client, claim, db_session):
    checker = signed_in("checker")
    editor = make_user(db_session, "editor")
    workflow.accept(db_session, editor, claim.id)
    workflow.assign(db_session, editor, claim.id, checker.id)
    db_session.commit()
    html = client.get("/my-work").get_data(as_text=True)
    assert claim.text in html
    html = client.get("/dashboard").get_data(as_text=True)
    assert 'class="bars"' in html and "Claims by status" in html
    # Every bar is a table row with its value: nothing to scroll, the largest value named.
    assert re.search(r'<th scope="row">[^<]+</th>\s*<td><svg class="bar"', html)
    assert "largest: 1" in html


def test_the_dashboard_says_a_quick_publication_in_hours_or_minutes(app):
    from app.i18n import format_duration

    # A fresh app context each: Flask-Babel keeps the translations it loaded on the context.
    with app.app_context(), app.test_request_context(headers={"Cookie": "satja_lang=en"}):
        assert format_duration(40 * 60) == "40 minutes"
        assert format_duration(5 * 3600) == "5 hours"
        assert format_duration(36 * 3600) == "1.5 days"
        assert format_duration(20) == "1 minute"
        assert format_duration(None) == "—"
    with app.app_context(), app.test_request_context(headers={"Cookie": "satja_lang=th"}):
        assert format_duration(3 * 3600) == "3 ชั่วโมง"


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))",
        "<a href='javascript:alert(1)'>x</a>",
        "[x](JAVASCRIPT:alert(1))",
        "<svg onload=alert(1)>",
        "<iframe src='https://evil.example'></iframe>",
        "[x](data:text/html,<script>alert(1)</script>)",
        '<p style="x" onclick="alert(1)">y</p>',
    ],
)
def test_the_sanitizer_leaves_no_script(payload):
    html = str(render_markdown(f"ok {payload} **b**"))
    elements = _elements(html)
    assert {tag for tag, _ in elements} <= {"p", "strong", "a", "em", "code"}
    for _tag, attributes in elements:
        for name, value in attributes:
            assert not name.startswith("on") and name != "style"
            assert not re.match(r"\s*(?:javascript|data|vbscript):", value or "", re.I)
    assert "<strong>b</strong>" in html


def _elements(html: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Return every element of an HTML fragment with its attributes."""
    from html.parser import HTMLParser

    found = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Collector().feed(html)
    return found


# --- API ---------------------------------------------------------------------------------------


def _headers(session, role="checker", **extra):
    return {"Authorization": f"Bearer {make_token(session, role)[1]}", **extra}


def test_api_claim_has_an_etag_and_patch_needs_if_match(client, claim, db_session):
    headers = _headers(db_session)
    response = client.get(f"/api/v1/claims/{claim.id}", headers=headers)
    assert response.status_code == 200 and response.headers["ETag"] == '"1"'
    assert response.get_json()["version"] == 1
    response = client.patch(
        f"/api/v1/claims/{claim.id}", json={"status": "accepted"}, headers=headers
    )
    assert response.status_code == 428
    response = client.patch(
        f"/api/v1/claims/{claim.id}",
        json={"status": "accepted"},
        headers={**headers, "If-Match": '"1"'},
    )
    assert response.status_code == 200 and response.headers["ETag"] == '"2"'
    stale = client.patch(
        f"/api/v1/claims/{claim.id}", json={"claimant": "x"}, headers={**headers, "If-Match": '"1"'}
    )
    assert stale.status_code == 412 and stale.get_json()["error"]["code"] == "stale_edit"


def test_api_full_workflow_and_refusals(client, claim, db_session):
    checker, editor, editor2 = (_headers(db_session, r) for r in ("checker", "editor", "editor"))
    client.patch(
        f"/api/v1/claims/{claim.id}",
        json={"status": "accepted"},
        headers={**checker, "If-Match": "1"},
    )
    response = client.post(
        f"/api/v1/claims/{claim.id}/sources",
        json={"title": "รายงาน", "stance": "supports", "source_type": "primary"},
        headers=checker,
    )
    assert response.status_code == 201 and response.get_json()["stance"] == "supports"
    response = client.post(
        f"/api/v1/claims/{claim.id}/verdicts",
        json={"rating": "true", "conclusion": "จริง"},
        headers=editor,
    )
    assert response.status_code == 201
    verdict_id = response.get_json()["id"]
    assert client.post(f"/api/v1/verdicts/{verdict_id}/submit", headers=editor).status_code == 200
    own = client.post(f"/api/v1/verdicts/{verdict_id}/approve", headers=editor)
    assert own.status_code == 409 and "Four eyes" in own.get_json()["error"]["message"]
    assert client.post(f"/api/v1/verdicts/{verdict_id}/approve", headers=checker).status_code == 403
    assert client.post(f"/api/v1/verdicts/{verdict_id}/approve", headers=editor2).status_code == 200
    assert client.post(f"/api/v1/verdicts/{verdict_id}/publish", headers=editor).status_code == 200
    response = client.post(
        f"/api/v1/claims/{claim.id}/corrections",
        json={"rating": "mostly_true", "conclusion": "จริงเป็นส่วนใหญ่"},
        headers=checker,
    )
    assert response.status_code == 422  # the public note is required
    response = client.post(
        f"/api/v1/claims/{claim.id}/corrections",
        json={
            "rating": "mostly_true",
            "conclusion": "จริงเป็นส่วนใหญ่",
            "correction_note": "ตัวเลขรวมผู้ป่วยสงสัย",
        },
        headers=checker,
    )
    assert response.status_code == 201 and response.get_json()["number"] == 2
    body = client.get(f"/api/v1/claims/{claim.id}", headers=checker).get_json()
    assert body["published_verdict"]["number"] == 1 and body["verdict"]["number"] == 2
    back = client.post(
        f"/api/v1/verdicts/{response.get_json()['id']}/send-back",
        json={"comment": ""},
        headers=editor,
    )
    assert back.status_code == 409 or back.status_code == 422
    ratings = client.get("/api/v1/ratings", headers=checker).get_json()
    assert [r["key"] for r in ratings][:2] == ["true", "mostly_true"]
    listing = client.get("/api/v1/claims?status=published", headers=checker).get_json()
    assert [c["id"] for c in listing["items"]] == [claim.id]
    assert client.get("/api/v1/claims?status=bogus", headers=checker).status_code == 400


def test_api_viewer_cannot_mutate(client, claim, db_session):
    viewer = _headers(db_session, "viewer")
    response = client.patch(
        f"/api/v1/claims/{claim.id}",
        json={"status": "accepted"},
        headers={**viewer, "If-Match": "1"},
    )
    assert response.status_code == 403
    assert (
        client.post(
            f"/api/v1/claims/{claim.id}/sources", json={"title": "x"}, headers=viewer
        ).status_code
        == 403
    )


def test_every_mutation_is_audited(db_session, claim):
    editor, editor2 = make_user(db_session, "editor"), make_user(db_session, "editor")
    before = db_session.scalar(db.select(db.func.count()).select_from(AuditEvent))
    calls = [
        lambda: workflow.accept(db_session, editor, claim.id),
        lambda: workflow.assign(db_session, editor, claim.id, editor2.id),
        lambda: sources.add_source(db_session, editor, claim.id, sources.SourceInput(title="ก")),
        lambda: review.draft(db_session, editor, claim.id, review.VerdictInput("true", "จริง")),
    ]
    for call in calls:
        count = db_session.scalar(db.select(db.func.count()).select_from(AuditEvent))
        call()
        assert db_session.scalar(db.select(db.func.count()).select_from(AuditEvent)) > count
    assert db_session.scalar(db.select(db.func.count()).select_from(AuditEvent)) > before
    verdict = review.open_verdict(claim)
    for step in (
        lambda: review.submit(db_session, editor, verdict.id),
        lambda: review.approve(db_session, editor2, verdict.id),
        lambda: review.publish(db_session, editor, verdict.id),
    ):
        count = db_session.scalar(db.select(db.func.count()).select_from(AuditEvent))
        step()
        assert db_session.scalar(db.select(db.func.count()).select_from(AuditEvent)) > count
    assert verdict.state == VerdictState.PUBLISHED


def test_sources_are_edited_on_the_claim_page_with_their_version(
    signed_in, auth, claim, db_session
):
    checker = signed_in("checker")
    source = sources.add_source(db_session, checker, claim.id, sources.SourceInput(title="ก"))
    db_session.commit()
    data = {
        "version": source.version,
        "title": "รายงานฉบับเต็ม",
        "stance": "refutes",
        "source_type": "primary",
        "excerpt": "",
        "note": "",
        "publisher": "",
        "published": "",
    }
    response = auth.post(
        f"/claims/{claim.id}/sources/{source.id}/edit",
        prefix=f"source{source.id}",
        data=data,
        form_page=f"/claims/{claim.id}",
    )
    assert response.status_code == 302
    db_session.expire_all()
    assert source.title == "รายงานฉบับเต็ม" and source.stance.value == "refutes"
    stale = auth.post(
        f"/claims/{claim.id}/sources/{source.id}/edit",
        prefix=f"source{source.id}",
        data=data | {"title": "อีกชื่อ"},
        form_page=f"/claims/{claim.id}",
    )
    assert stale.status_code == 412 and "อีกชื่อ" in stale.get_data(as_text=True)


def test_queue_filters(signed_in, client, claim, db_session):
    signed_in("viewer")
    article_id = claim.appearances[0].article_id

    def rows(query):
        return client.get("/queue" + query).get_data(as_text=True).count('class="queue-item"')

    assert rows("") == 2
    assert rows(f"?article={article_id}") == 2 and rows(f"?article={article_id + 99}") == 0
    assert rows("?language=en") == 0 and rows("?language=th") == 2
    assert rows("?min_score=0.99") <= 1
    assert client.get("/queue?min_score=abc").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/claims/99999999999999999999",
        "/articles/99999999999999999999",
        "/api/v1/claims/99999999999999999999",
        "/api/v1/articles/99999999999999999999",
        "/claims/0",
    ],
)
def test_ids_beyond_the_database_are_404(signed_in, client, db_session, path):
    signed_in("viewer")
    headers = {"Authorization": f"Bearer {make_token(db_session, 'viewer')[1]}"}
    assert client.get(path, headers=headers).status_code == 404
    assert client.get("/queue?article=99999999999999999999").status_code == 200


@pytest.mark.parametrize(
    "payload",
    [
        {"text": 123},
        {"text": None, "claimant": 5},
        {"claim_date": 20250815},
        {"assignee": 7},
        {"status": "merged", "canonical_id": "abc"},
        {"claim_date": "someday"},
    ],
)
def test_api_patch_with_wrong_types_is_a_4xx(client, claim, db_session, payload):
    headers = {"Authorization": f"Bearer {make_token(db_session, 'editor')[1]}", "If-Match": "1"}
    response = client.patch(f"/api/v1/claims/{claim.id}", json=payload, headers=headers)
    assert 400 <= response.status_code < 500 and response.is_json


@pytest.mark.parametrize("payload", [{"url": 123}, {"published": 20250101}, {"excerpt": ["a"]}])
def test_api_source_with_wrong_types_is_a_400(client, claim, db_session, payload):
    headers = {"Authorization": f"Bearer {make_token(db_session)[1]}"}
    response = client.post(f"/api/v1/claims/{claim.id}/sources", json=payload, headers=headers)
    assert response.status_code == 400
    response = client.post(
        f"/api/v1/claims/{claim.id}/sources",
        data="not json",
        headers=headers | {"Content-Type": "application/json"},
    )
    assert response.status_code == 400


def test_a_stale_form_can_be_saved_again_on_purpose(signed_in, auth, claim, db_session):
    signed_in("checker")
    workflow.edit(
        db_session,
        make_user(db_session, "editor"),
        claim.id,
        workflow.ClaimEdit("ข้อความของอีกคน", None, None),
        claim.version,
    )
    db_session.commit()
    first = _post(auth, claim, "edit", "edit", {"version": 1, "text": "ข้อความของฉัน"})
    assert first.status_code == 412
    current = re.search(
        r'name="edit-version" type="hidden" value="(\d+)"|'
        r'id="edit-version" name="edit-version" type="hidden" value="(\d+)"',
        first.get_data(as_text=True),
    )
    version = next(g for g in current.groups() if g)
    assert version == "2"
    again = _post(auth, claim, "edit", "edit", {"version": version, "text": "ข้อความของฉัน"})
    assert again.status_code == 302
    db_session.expire_all()
    assert claim.text == "ข้อความของฉัน"


def test_enter_in_the_reason_box_dismisses(signed_in, client, claim):
    signed_in("checker")
    html = client.get("/queue").get_data(as_text=True)
    assert html.index('name="dismiss"') < html.index('name="accept"')  # the default button


def test_a_checker_cannot_remove_a_source_of_a_published_claim(db_session, claim):
    from app.services.errors import NotAllowed

    checker, editor, editor2 = (make_user(db_session, r) for r in ("checker", "editor", "editor"))
    workflow.accept(db_session, checker, claim.id)
    source = sources.add_source(db_session, checker, claim.id, sources.SourceInput(title="ก"))
    verdict = review.draft(db_session, checker, claim.id, review.VerdictInput("true", "จริง"))
    review.submit(db_session, checker, verdict.id)
    review.approve(db_session, editor, verdict.id)
    review.publish(db_session, editor2, verdict.id)
    with pytest.raises(NotAllowed):
        sources.remove_source(db_session, checker, source.id)
    sources.remove_source(db_session, editor, source.id)


def test_verdict_differences_keep_thai_words_whole():
    from app.services.history import text_diff

    pieces = text_diff("ความสัมพันธ์เบ่งบานเต็มที่", "ความสัมพันธ์ก้าวหน้าเต็มที่")
    assert ("del", "เบ่งบาน") in pieces and ("ins", "ก้าวหน้า") in pieces
