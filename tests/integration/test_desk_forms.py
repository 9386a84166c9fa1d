"""The claim page without friction: no rating chosen for you, a live preview, the four-eyes
reason instead of an Approve button, and a history that names the assignee once."""

import re

import pytest

from app.models import AuditEvent
from app.services import review, sources, workflow
from tests.factories import make_claim, make_user

TEXT = "นายสมชาย ใจดี อธิบดีกรมควบคุมโรค กล่าวว่า ปีนี้พบผู้ป่วย 1,200 ราย มากที่สุดในรอบ 5 ปี"


@pytest.fixture
def claim(db_session):
    return make_claim(db_session, TEXT)


def _accepted(db_session, claim, editor):
    workflow.accept(db_session, editor, claim.id)
    db_session.commit()


def test_the_verdict_form_starts_with_no_rating_chosen(signed_in, client, claim, db_session):
    editor = signed_in("editor")
    _accepted(db_session, claim, editor)
    client.set_cookie("satja_lang", "th")
    html = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    select = re.search(r'<select[^>]*name="verdict-rating".*?</select>', html, re.S).group(0)
    first = re.search(r"<option[^>]*>([^<]*)</option>", select)
    assert first.group(1) == "— เลือกผลการตรวจสอบ —" and 'value=""' in first.group(0)
    assert "selected" not in select


def test_a_verdict_without_a_chosen_rating_is_refused_beside_the_field(
    signed_in, auth, client, claim, db_session
):
    editor = signed_in("editor")
    _accepted(db_session, claim, editor)
    client.set_cookie("satja_lang", "en")
    response = auth.post(
        f"/claims/{claim.id}/verdicts",
        prefix="verdict",
        data={"rating": "", "conclusion": "ตัวเลขตรงกับรายงาน", "explanation": "*ดู*"},
        form_page=f"/claims/{claim.id}",
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "Choose a rating." in html
    assert "ตัวเลขตรงกับรายงาน" in html  # what was typed is kept
    db_session.expire_all()
    assert review.open_verdict(claim) is None


def test_the_live_preview_renders_sanitised_markdown(signed_in, auth, client):
    signed_in("checker")
    response = auth.post(
        "/markdown/preview",
        data={"text": "**หนา** [ลิงก์](https://ddc.example) <script>alert(1)</script>"},
        form_page="/queue",
    )
    assert response.status_code == 200
    html = response.get_json()["html"]
    assert "<strong>หนา</strong>" in html and 'href="https://ddc.example"' in html
    assert "<script" not in html


def test_the_live_preview_needs_a_csrf_token_and_a_checker(signed_in, client, auth):
    signed_in("checker")
    assert client.post("/markdown/preview", data={"text": "x"}).status_code == 400
    auth.logout()
    signed_in("viewer")
    response = auth.post("/markdown/preview", data={"text": "x"}, form_page="/queue")
    assert response.status_code == 403


def _in_review(db_session, claim, author):
    actor = author
    sources.add_source(db_session, actor, claim.id, sources.SourceInput(title="รายงาน"))
    verdict = review.draft(
        db_session, actor, claim.id, review.VerdictInput("mostly_true", "ตัวเลขตรงกับรายงาน")
    )
    review.submit(db_session, actor, verdict.id)
    db_session.commit()
    return verdict


def test_the_author_is_told_why_there_is_no_approve_button(signed_in, client, claim, db_session):
    author = signed_in("editor")
    _accepted(db_session, claim, author)
    verdict = _in_review(db_session, claim, author)
    client.set_cookie("satja_lang", "en")
    html = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert f"/verdicts/{verdict.id}/approve" not in html
    assert "another editor approves it" in html


def test_another_editor_gets_the_approve_button(signed_in, client, claim, db_session):
    author = make_user(db_session, "editor", "author@example.org")
    _accepted(db_session, claim, author)
    verdict = _in_review(db_session, claim, author)
    signed_in("editor")
    html = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert f"/verdicts/{verdict.id}/approve" in html


def test_the_history_names_the_assignee_and_skips_an_unchanged_assignment(
    signed_in, auth, client, claim, db_session
):
    editor = signed_in("editor")
    _accepted(db_session, claim, editor)
    checker = make_user(db_session, "checker", "somchai@example.org")
    checker.name = "สมชาย ตรวจดี"
    db_session.commit()
    for _ in range(2):
        db_session.refresh(claim)
        response = auth.post(
            f"/claims/{claim.id}/assign",
            prefix="assign",
            data={"version": claim.version, "assignee": str(checker.id)},
            form_page=f"/claims/{claim.id}",
        )
        assert response.status_code == 302
    events = db_session.scalars(
        AuditEvent.__table__.select()
        .with_only_columns(AuditEvent.action)
        .where(AuditEvent.object_type == "claims", AuditEvent.object_id == str(claim.id))
    ).all()
    assert events.count("claim.assign") == 1
    client.set_cookie("satja_lang", "en")
    html = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert "to สมชาย ตรวจดี" in html
