"""The audit trail is append-only and complete: merges, send-backs, sign-ins and sign-outs."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.models import AuditEvent, User
from app.services import audit, ingest, review, sources, workflow
from tests.factories import make_user
from tests.integration.test_review_services import TEXT, _source, _verdict


def _events(session, action):
    return session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
    ).all()


def test_audit_rows_cannot_be_updated_or_deleted(db_session, admin):
    event = audit.record(db_session, admin, "user.login", admin)
    db_session.commit()
    with pytest.raises(sa.exc.DBAPIError, match="append-only"), db_session.begin_nested():
        db_session.execute(
            sa.update(AuditEvent).where(AuditEvent.id == event.id).values(action="x")
        )
    with pytest.raises(sa.exc.DBAPIError, match="append-only"), db_session.begin_nested():
        db_session.execute(sa.delete(AuditEvent).where(AuditEvent.id == event.id))
    db_session.expire_all()
    assert db_session.get(AuditEvent, event.id).action == "user.login"


def test_a_privileged_clean_up_may_purge_and_the_guard_comes_back(db_session, admin):
    event_id = audit.record(db_session, admin, "user.login", admin).id
    db_session.commit()
    with audit.purging(db_session):
        db_session.execute(sa.delete(AuditEvent).where(AuditEvent.actor_id == admin.id))
        db_session.execute(sa.delete(User).where(User.id == admin.id))
    db_session.expire_all()
    assert db_session.get(AuditEvent, event_id) is None
    other = audit.record(db_session, None, "user.login", make_user(db_session, "viewer"))
    with pytest.raises(sa.exc.DBAPIError, match="append-only"), db_session.begin_nested():
        db_session.execute(sa.delete(AuditEvent).where(AuditEvent.id == other.id))


def test_a_merge_and_an_unmerge_record_each_moved_appearance(db_session):
    editor = make_user(db_session, "editor")
    article, _ = ingest.ingest(db_session, editor, ingest.Submission(text=TEXT))
    first, second = (a.claim for a in article.appearances[:2])
    moved = second.appearances[0]
    workflow.merge(db_session, editor, second.id, first.id)
    (event,) = _events(db_session, "appearance.move")
    assert (event.object_type, event.object_id, event.actor_id) == (
        "appearances",
        str(moved.id),
        editor.id,
    )
    assert event.before["claim_id"] == second.id and event.after["claim_id"] == first.id
    assert event.after["article_id"] == article.id and event.after["start"] == moved.start
    workflow.unmerge(db_session, editor, second.id)
    back = _events(db_session, "appearance.move")[-1]
    assert (back.before["claim_id"], back.after["claim_id"]) == (first.id, second.id)


def test_the_send_back_comment_is_in_the_audit_event(db_session):
    checker, editor = make_user(db_session, "checker"), make_user(db_session, "editor")
    article, _ = ingest.ingest(db_session, checker, ingest.Submission(text=TEXT))
    claim = article.appearances[0].claim
    workflow.accept(db_session, checker, claim.id)
    verdict = _verdict(db_session, checker, claim.id)
    _source(db_session, checker, claim.id)
    review.submit(db_session, checker, verdict.id)
    review.send_back(db_session, editor, verdict.id, "  เพิ่มแหล่งข้อมูลปฐมภูมิ ")
    (event,) = _events(db_session, "verdict.send_back")
    assert event.after["comment"] == "เพิ่มแหล่งข้อมูลปฐมภูมิ" and event.actor_id == editor.id
    assert sources  # the claim had a source, so the submit above went through


def test_failed_sign_ins_and_sign_outs_are_audited(auth, db_session):
    user = make_user(db_session, "viewer")
    assert auth.login(user.email, "wrong password").status_code == 200
    assert auth.login("nobody\x1b[31m@example.org\n", "x").status_code == 200
    known, unknown = _events(db_session, "user.login_failed")
    assert (known.object_id, known.after["email"]) == (str(user.id), user.email)
    assert unknown.object_id is None and unknown.actor_id is None
    assert unknown.after["email"] == "nobody\\x1b[31m@example.org\\n"  # escaped, not raw
    assert auth.login(user.email).status_code == 302
    assert auth.logout().status_code == 302
    (logout,) = _events(db_session, "user.logout")
    assert (logout.actor_id, logout.object_id) == (user.id, str(user.id))
