"""The notification centre, header badges, review inbox and API through the test client."""

import contextlib
import re

import jsonschema
import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Notification, NotificationKind
from app.services import comments, tokens
from app.services.actors import SYSTEM
from tests.factories import make_user
from tests.notify_helpers import accepted_claim, submitted_verdict


@contextlib.contextmanager
def counted_queries():
    """Count the SQL statements run inside the block."""
    seen = []

    def count(*_args):
        seen.append(1)

    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)


def _mentions(session, author, reader, claim, count):
    for i in range(count):
        comments.add_comment(session, author, claim.id, f"@{reader.email} ดูตัวเลขข้อ {i}")
    session.commit()


def _badge(html: str) -> str:
    match = re.search(r'href="/notifications"\s+aria-label="([^"]+)"', html)
    assert match, "no notification badge in the header"
    return match.group(1)


def test_the_header_badge_counts_unread_notifications_in_thai(client, signed_in, db_session):
    reader = signed_in("checker")
    author = make_user(db_session, "editor")
    claim = accepted_claim(db_session, author)
    _mentions(db_session, author, reader, claim, 3)
    html = client.get("/queue", headers={"Accept-Language": "th"}).get_data(as_text=True)
    assert _badge(html) == "การแจ้งเตือน 3 รายการที่ยังไม่ได้อ่าน"
    assert '<span class="count-badge">3</span>' in html
    assert "รายการรอตรวจทาน" not in html  # a checker reviews nothing


def test_the_badge_stops_counting_at_99_plus(client, signed_in, db_session):
    reader = signed_in("checker")
    author = make_user(db_session, "editor")
    claim = accepted_claim(db_session, author)
    db_session.add_all(
        Notification(
            recipient_id=reader.id,
            kind=NotificationKind.MENTION,
            claim_id=claim.id,
            actor_id=author.id,
            note="@x",
        )
        for _ in range(120)
    )
    db_session.commit()
    html = client.get("/queue").get_data(as_text=True)
    assert _badge(html) == "Notifications, 99+ unread"


def test_the_centre_lists_opens_and_marks_read_without_javascript(
    client, auth, signed_in, db_session
):
    reader = signed_in("checker")
    author = make_user(db_session, "editor")
    claim = accepted_claim(db_session, author)
    _mentions(db_session, author, reader, claim, 2)
    first, second = db_session.scalars(sa.select(Notification.id).order_by(Notification.id)).all()
    html = client.get("/notifications").get_data(as_text=True)
    assert html.index(f'id="notification-{second}"') < html.index(f'id="notification-{first}"')
    assert html.count('class="unread-mark"') == 2
    opened = client.get(f"/notifications/{first}")
    assert opened.status_code == 302
    assert opened.headers["Location"].endswith(f"/claims/{claim.id}#comments")
    unread = client.get("/notifications?unread=1").get_data(as_text=True)
    assert f'id="notification-{first}"' not in unread and f'id="notification-{second}"' in unread
    marked = auth.post(f"/notifications/{second}/read", {}, form_page="/notifications")
    assert marked.status_code == 302
    assert "none unread" in _badge(client.get("/queue").get_data(as_text=True))
    _mentions(db_session, author, reader, claim, 1)
    all_read = auth.post("/notifications/read-all", {}, form_page="/notifications")
    assert all_read.status_code == 302
    assert "none unread" in _badge(client.get("/queue").get_data(as_text=True))
    assert client.post(f"/notifications/{first}/read").status_code == 400  # no CSRF token
    assert client.get("/notifications?before=abc").status_code == 400


def test_someone_elses_notification_is_not_found(client, signed_in, db_session):
    author = make_user(db_session, "editor")
    other = make_user(db_session, "checker")
    claim = accepted_claim(db_session, author)
    _mentions(db_session, author, other, claim, 1)
    signed_in("checker")
    notification_id = db_session.scalar(sa.select(Notification.id))
    assert client.get(f"/notifications/{notification_id}").status_code == 404


def test_the_centre_runs_a_bounded_number_of_queries(client, signed_in, db_session):
    reader = signed_in("checker")
    authors = [make_user(db_session, "editor") for _ in range(3)]
    claim = accepted_claim(db_session, authors[0])
    for author in authors:
        _mentions(db_session, author, reader, claim, 2)
    with counted_queries() as few:
        assert client.get("/notifications").status_code == 200
    for author in authors:
        _mentions(db_session, author, reader, claim, 10)
    with counted_queries() as many:
        assert client.get("/notifications").status_code == 200
    assert 0 < len(many) == len(few)


def test_editors_see_the_review_inbox_in_the_header_and_my_work(client, signed_in, db_session):
    editor = signed_in("editor")
    checker = make_user(db_session, "checker")
    claims = [
        accepted_claim(db_session, checker),
        accepted_claim(db_session, checker, "รัฐมนตรีกล่าวว่า ปี 2567 ส่งออกข้าว 9 ล้านตัน"),
    ]
    verdicts = [submitted_verdict(db_session, checker, c) for c in claims]
    db_session.commit()
    page = client.get("/review-inbox", headers={"Accept-Language": "th"}).get_data(as_text=True)
    assert "รายการรอตรวจทาน: ผลการตรวจสอบ 2 รายการรอคุณตรวจทาน" in page
    assert page.index(f'id="review-{verdicts[0].id}"') < page.index(f'id="review-{verdicts[1].id}"')
    assert f'href="/claims/{claims[0].id}#verdict"' in page
    assert "จริงเป็นส่วนใหญ่" in page  # the rating
    work = client.get("/my-work", headers={"Accept-Language": "th"}).get_data(as_text=True)
    assert "รอคุณตรวจทาน (2)" in work and f'id="review-{verdicts[1].id}"' in work
    with counted_queries() as few:
        client.get("/review-inbox")
    more = accepted_claim(db_session, checker, "ผู้ว่าฯ กล่าวว่า ปี 2567 มีนักท่องเที่ยว 35 ล้านคน")
    submitted_verdict(db_session, checker, more)
    db_session.commit()
    with counted_queries() as many:
        client.get("/review-inbox")
    assert 0 < len(many) == len(few)
    assert editor.id not in {v.author_id for v in verdicts}


def test_checkers_have_no_review_inbox(client, signed_in):
    signed_in("checker")
    assert client.get("/review-inbox").status_code == 403
    assert "Waiting for your review" not in client.get("/my-work").get_data(as_text=True)


def test_the_email_setting_is_changed_on_the_account_page(client, auth, signed_in, db_session):
    user = signed_in("checker")
    page = client.get("/account/password").get_data(as_text=True)
    assert "E-mail me my notifications" in page
    response = auth.post(
        "/account/notifications", {"email_notifications": "y"}, form_page="/account/password"
    )
    assert response.status_code == 302
    db_session.refresh(user)
    assert user.email_notifications is True
    auth.post("/account/notifications", {}, form_page="/account/password")
    db_session.refresh(user)
    assert user.email_notifications is False


def _schema(spec, path, method, status="200"):
    response = spec["paths"][path][method]["responses"][status]
    schema = response["content"]["application/json"]["schema"]
    return {**schema, "components": spec["components"]}


def test_the_api_lists_and_marks_notifications_as_described(client, db_session):
    spec = client.get("/api/v1/openapi.json").get_json()
    reader = make_user(db_session, "checker")
    _, token = tokens.issue_token(db_session, SYSTEM, reader, "test")
    author = make_user(db_session, "editor")
    claim = accepted_claim(db_session, author)
    _mentions(db_session, author, reader, claim, 3)
    headers = {"Authorization": f"Bearer {token}", "Accept-Language": "th"}
    listed = client.get("/api/v1/notifications?unread=1&limit=2", headers=headers)
    assert listed.status_code == 200
    body = listed.get_json()
    jsonschema.validate(body, _schema(spec, "/notifications", "get"))
    assert [i["kind"] for i in body["items"]] == ["mention", "mention"]
    assert body["items"][0]["text"].startswith("Editor กล่าวถึงคุณ")
    assert body["items"][0]["claim_id"] == claim.id and body["items"][0]["read"] is False
    rest = client.get(f"/api/v1/notifications?before={body['next_before']}", headers=headers)
    assert len(rest.get_json()["items"]) == 1 and rest.get_json()["next_before"] is None
    first = body["items"][0]["id"]
    read = client.post(f"/api/v1/notifications/{first}/read", headers=headers)
    assert read.status_code == 200 and read.get_json()["read"] is True
    jsonschema.validate(
        read.get_json(), _schema(spec, "/notifications/{notification_id}/read", "post")
    )
    unread = client.get("/api/v1/notifications?unread=1", headers=headers).get_json()
    assert first not in [i["id"] for i in unread["items"]]
    assert client.post("/api/v1/notifications/read-all", headers=headers).get_json() == {
        "marked": 2
    }


@pytest.mark.parametrize("query", ["unread=yes", "limit=0", "limit=101", "before=x"])
def test_the_api_refuses_bad_parameters(client, db_session, query):
    _, token = tokens.issue_token(db_session, SYSTEM, make_user(db_session, "viewer"), "t")
    response = client.get(
        f"/api/v1/notifications?{query}", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "bad_request"


def test_the_api_answers_404_for_someone_elses_notification(client, db_session):
    author = make_user(db_session, "editor")
    owner = make_user(db_session, "checker")
    claim = accepted_claim(db_session, author)
    _mentions(db_session, author, owner, claim, 1)
    _, token = tokens.issue_token(db_session, SYSTEM, make_user(db_session, "checker"), "t")
    notification_id = db_session.scalar(sa.select(Notification.id))
    response = client.post(
        f"/api/v1/notifications/{notification_id}/read",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"
    assert db_session.get(Notification, notification_id).read_at is None
