"""Notifications: every event, who hears of it and who does not; read and unread; the inbox."""

from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from app.models import Notification, NotificationKind
from app.services import accounts, comments, review, workflow
from app.services.errors import NotAllowed, NotFound
from app.services.notifications import inbox
from app.services.notifications.text import describe
from tests.factories import make_user
from tests.notify_helpers import accepted_claim, submitted_verdict


@pytest.fixture
def desk(db_session):
    return {
        "checker": make_user(db_session, "checker", "somchai@example.org"),
        "checker2": make_user(db_session, "checker", "malee@example.org"),
        "editor": make_user(db_session, "editor"),
        "editor2": make_user(db_session, "editor"),
        "admin": make_user(db_session, "admin"),
        "viewer": make_user(db_session, "viewer"),
    }


def _of(session, kind=None):
    query = sa.select(Notification).order_by(Notification.id)
    if kind:
        query = query.where(Notification.kind == kind)
    return session.scalars(query).all()


def _recipients(session, kind):
    return sorted(n.recipient_id for n in _of(session, kind))


def test_a_mention_notifies_each_mentioned_user_once_but_never_the_author(db_session, desk):
    claim = accepted_claim(db_session, desk["checker"])
    comments.add_comment(
        db_session,
        desk["checker"],
        claim.id,
        "@malee ช่วยดูตัวเลข @malee@example.org และ @somchai ด้วย",
    )
    made = _of(db_session, NotificationKind.MENTION)
    assert [n.recipient_id for n in made] == [desk["checker2"].id]
    assert made[0].actor_id == desk["checker"].id and made[0].claim_id == claim.id
    assert made[0].note.startswith("@malee ช่วยดูตัวเลข")


def test_assignment_notifies_the_new_assignee_only_when_it_changes(db_session, desk):
    claim = accepted_claim(db_session, desk["checker"])
    editor = desk["editor"]
    workflow.assign(db_session, editor, claim.id, desk["checker"].id)
    workflow.assign(db_session, editor, claim.id, desk["checker"].id)  # unchanged
    workflow.assign(db_session, editor, claim.id, editor.id)  # oneself
    workflow.assign(db_session, editor, claim.id, None)  # nobody
    assert _recipients(db_session, NotificationKind.ASSIGNMENT) == [desk["checker"].id]


def test_a_submitted_verdict_asks_every_active_editor_and_admin_but_its_author(db_session, desk):
    accounts.set_active(db_session, desk["admin"], desk["editor2"].id, False)
    claim = accepted_claim(db_session, desk["checker"])
    submitted_verdict(db_session, desk["checker"], claim)
    assert _recipients(db_session, NotificationKind.REVIEW_REQUESTED) == sorted(
        [desk["editor"].id, desk["admin"].id]
    )


def test_review_requests_are_settled_once_an_editor_takes_the_verdict_up(db_session, desk):
    claim = accepted_claim(db_session, desk["checker"])
    verdict = submitted_verdict(db_session, desk["checker"], claim)
    asked = _of(db_session, NotificationKind.REVIEW_REQUESTED)
    assert len(asked) == 3 and all(n.read_at is None for n in asked)
    review.approve(db_session, desk["editor"], verdict.id)
    db_session.expire_all()
    # Nobody's badge still asks for a review someone did.
    assert all(n.read_at is not None for n in _of(db_session, NotificationKind.REVIEW_REQUESTED))
    assert inbox.unread_count(db_session, desk["editor2"]) == 0


def test_an_editor_submitting_their_own_verdict_is_not_asked(db_session, desk):
    claim = accepted_claim(db_session, desk["editor"])
    submitted_verdict(db_session, desk["editor"], claim)
    wanted = sorted([desk["editor2"].id, desk["admin"].id])
    assert _recipients(db_session, NotificationKind.REVIEW_REQUESTED) == wanted


def test_sent_back_tells_the_author_why_and_published_tells_author_and_assignee(db_session, desk):
    claim = accepted_claim(db_session, desk["checker"])
    workflow.assign(db_session, desk["editor"], claim.id, desk["checker2"].id)
    verdict = submitted_verdict(db_session, desk["checker"], claim)
    review.send_back(db_session, desk["editor"], verdict.id, "ขอแหล่งข้อมูลชั้นต้นเพิ่ม")
    sent_back = _of(db_session, NotificationKind.SENT_BACK)
    assert [n.recipient_id for n in sent_back] == [desk["checker"].id]
    assert sent_back[0].note == "ขอแหล่งข้อมูลชั้นต้นเพิ่ม"
    review.submit(db_session, desk["checker"], verdict.id)
    review.approve(db_session, desk["editor"], verdict.id)
    review.publish(db_session, desk["editor2"], verdict.id)
    assert _recipients(db_session, NotificationKind.PUBLISHED) == sorted(
        [desk["checker"].id, desk["checker2"].id]
    )


def test_publishing_ones_own_assigned_claim_notifies_nobody_twice(db_session, desk):
    claim = accepted_claim(db_session, desk["checker"])
    workflow.assign(db_session, desk["editor"], claim.id, desk["checker"].id)
    verdict = submitted_verdict(db_session, desk["checker"], claim)
    review.approve(db_session, desk["editor"], verdict.id)
    review.publish(db_session, desk["editor"], verdict.id)
    assert _recipients(db_session, NotificationKind.PUBLISHED) == [desk["checker"].id]


def test_the_text_is_written_in_the_readers_language(db_session, desk):
    claim = accepted_claim(db_session, desk["checker"])
    comments.add_comment(db_session, desk["checker"], claim.id, "@malee ดูย่อหน้าที่สอง")
    (notification,) = _of(db_session, NotificationKind.MENTION)
    with force_locale("th"):
        assert describe(notification) == (
            "Checker กล่าวถึงคุณในความเห็นต่อข้อกล่าวอ้าง: “@malee ดูย่อหน้าที่สอง”"
        )
    with force_locale("en"):
        assert describe(notification) == "Checker mentioned you on a claim: “@malee ดูย่อหน้าที่สอง”"


def test_reading_counting_and_paging_ones_own_notifications(db_session, desk):
    claim = accepted_claim(db_session, desk["checker"])
    for i in range(5):
        comments.add_comment(db_session, desk["checker"], claim.id, f"@malee ข้อ {i}")
    reader = desk["checker2"]
    assert inbox.unread_count(db_session, reader) == 5
    first = inbox.notifications(db_session, reader, limit=3)
    assert [n.note for n in first.items] == ["@malee ข้อ 4", "@malee ข้อ 3", "@malee ข้อ 2"]
    rest = inbox.notifications(db_session, reader, before=first.next_before, limit=3)
    assert [n.note for n in rest.items] == ["@malee ข้อ 1", "@malee ข้อ 0"]
    assert rest.next_before is None
    inbox.mark_read(db_session, reader, first.items[0].id)
    assert inbox.unread_count(db_session, reader) == 4
    unread = inbox.notifications(db_session, reader, unread_only=True)
    assert first.items[0].id not in [n.id for n in unread.items]
    assert inbox.mark_all_read(db_session, reader) == 4
    assert inbox.unread_count(db_session, reader) == 0
    with pytest.raises(NotFound):
        inbox.mark_read(db_session, desk["editor"], first.items[1].id)  # someone else's


def test_the_review_inbox_lists_others_verdicts_longest_waiting_first(db_session, desk):
    older = accepted_claim(db_session, desk["checker"])
    newer = accepted_claim(
        db_session, desk["checker2"], "นายกรัฐมนตรีกล่าวว่า ปี 2567 เศรษฐกิจไทยเติบโตร้อยละ 2.5"
    )
    first = submitted_verdict(db_session, desk["checker"], older)
    second = submitted_verdict(db_session, desk["checker2"], newer)
    first.submitted_at = second.submitted_at - timedelta(days=2)
    db_session.flush()
    assert [v.id for v in inbox.review_inbox(db_session, desk["editor"])] == [first.id, second.id]
    assert inbox.review_count(db_session, desk["editor"]) == 2
    review.approve(db_session, desk["editor"], first.id)
    assert [v.id for v in inbox.review_inbox(db_session, desk["editor"])] == [second.id]
    with pytest.raises(NotAllowed):
        inbox.review_inbox(db_session, desk["checker"])
