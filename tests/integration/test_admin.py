"""Admin pages: users, roles, deactivation, the audit trail, and who may reach them."""

import pytest

from app.extensions import db
from app.models import AuditEvent, Role, User
from app.services import accounts
from app.services.actors import SYSTEM
from app.services.errors import Conflict
from tests.factories import make_user


def _events(session, action):
    return session.scalars(db.select(AuditEvent).where(AuditEvent.action == action)).all()


@pytest.mark.parametrize("role", ["viewer", "checker", "editor"])
@pytest.mark.parametrize("path", ["/admin/users", "/admin/audit"])
def test_only_admins_reach_admin_pages(signed_in, client, role, path):
    signed_in(role)
    assert client.get(path).status_code == 403


@pytest.mark.parametrize("role", ["viewer", "checker", "editor"])
def test_non_admins_cannot_create_users(signed_in, auth, client, db_session, role):
    signed_in(role)
    token_page = "/queue"
    response = auth.post(
        "/admin/users",
        {"email": "new@example.org", "role": "admin", "password": "long enough password"},
        form_page=token_page,
    )
    assert response.status_code == 403
    assert db_session.scalar(db.select(User).where(User.email == "new@example.org")) is None


def test_viewer_cannot_change_roles_or_deactivate(signed_in, auth, db_session):
    signed_in("viewer")
    victim = make_user(db_session, "checker")
    assert (
        auth.post(
            f"/admin/users/{victim.id}/role", {"role": "admin"}, form_page="/queue"
        ).status_code
        == 403
    )
    assert (
        auth.post(
            f"/admin/users/{victim.id}/active", {"active": "0"}, form_page="/queue"
        ).status_code
        == 403
    )
    db_session.expire_all()
    assert victim.role == Role.CHECKER and victim.active


def test_admin_creates_a_user_and_it_is_audited(signed_in, auth, client, db_session):
    admin = signed_in("admin")
    response = auth.post(
        "/admin/users",
        {
            "email": "New.Person@Example.org",
            "name": "สมชาย ใจดี",
            "role": "checker",
            "password": "long enough password",
        },
    )
    assert response.status_code == 302
    user = db_session.scalar(db.select(User).where(User.email == "new.person@example.org"))
    assert user.role == Role.CHECKER and user.name == "สมชาย ใจดี"
    [event] = _events(db_session, "user.create")[-1:]
    assert event.actor_id == admin.id and event.object_id == str(user.id)
    assert event.after["role"] == "checker" and "password_hash" not in event.after
    assert "new.person@example.org" in client.get("/admin/users").get_data(as_text=True)


def test_creating_a_duplicate_user_shows_a_form_error(signed_in, auth, db_session):
    signed_in("admin")
    existing = make_user(db_session, "viewer")
    response = auth.post(
        "/admin/users",
        {"email": existing.email, "role": "viewer", "password": "long enough password"},
    )
    assert response.status_code == 200
    assert "already exists" in response.get_data(as_text=True)


def test_short_password_and_bad_email_are_form_errors(signed_in, auth):
    signed_in("admin")
    response = auth.post(
        "/admin/users", {"email": "not-an-email", "role": "viewer", "password": "short"}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'aria-invalid="true"' in html


def test_admin_changes_a_role(signed_in, auth, db_session):
    signed_in("admin")
    user = make_user(db_session, "viewer")
    response = auth.post(
        f"/admin/users/{user.id}/role", {"role": "editor"}, form_page="/admin/users"
    )
    assert response.status_code == 302
    db_session.expire_all()
    assert db_session.get(User, user.id).role == Role.EDITOR
    [event] = _events(db_session, "user.set_role")
    assert event.before["role"] == "viewer" and event.after["role"] == "editor"


def test_deactivation_signs_the_user_out_and_is_audited(app, signed_in, auth, db_session):
    signed_in("admin")
    user = make_user(db_session, "checker")
    other = app.test_client()
    from tests.conftest import AuthActions

    AuthActions(other).login(user.email)
    assert other.get("/queue").status_code == 200
    response = auth.post(
        f"/admin/users/{user.id}/active", {"active": "0"}, form_page="/admin/users"
    )
    assert response.status_code == 302
    assert other.get("/queue").status_code == 302
    assert AuthActions(other).login(user.email).status_code == 200  # refused
    assert _events(db_session, "user.deactivate")[0].after["active"] is False
    auth.post(f"/admin/users/{user.id}/active", {"active": "1"}, form_page="/admin/users")
    assert AuthActions(other).login(user.email).status_code == 302
    assert len(_events(db_session, "user.activate")) == 1


def test_an_admin_cannot_change_their_own_role(signed_in, auth, client, db_session):
    admin = signed_in("admin")
    make_user(db_session, "admin")
    response = auth.post(
        f"/admin/users/{admin.id}/role", {"role": "viewer"}, form_page="/admin/users"
    )
    assert response.status_code == 302
    assert "Another admin must change your role" in client.get("/admin/users").get_data(
        as_text=True
    )
    db_session.expire_all()
    assert db_session.get(User, admin.id).role == Role.ADMIN


def test_the_last_active_admin_cannot_be_demoted_or_deactivated(db_session):
    admin = make_user(db_session, "admin")
    with pytest.raises(Conflict):
        accounts.set_role(db_session, SYSTEM, admin.id, Role.EDITOR)
    with pytest.raises(Conflict):
        accounts.set_active(db_session, SYSTEM, admin.id, False)


def test_admin_cannot_deactivate_themself(signed_in, auth, client, db_session):
    admin = signed_in("admin")
    make_user(db_session, "admin")
    response = auth.post(
        f"/admin/users/{admin.id}/active", {"active": "0"}, form_page="/admin/users"
    )
    assert response.status_code == 302
    html = client.get("/admin/users").get_data(as_text=True)
    assert "You cannot deactivate your own account" in html


def _table(client, query):
    """Return the audit table's rows as HTML (the filter menus also list e-mails)."""
    html = client.get("/admin/audit" + query).get_data(as_text=True)
    return html.partition("<tbody>")[2].partition("</tbody>")[0]


def test_audit_trail_lists_and_filters_events(signed_in, client, db_session):
    admin = signed_in("admin")
    viewer = make_user(db_session, "viewer", "filtered@example.org")
    rows = _table(client, "")
    assert "user.create" in rows and "user.login" in rows
    rows = _table(client, "?action=user.login")
    assert "user.login" in rows and "user.create" not in rows
    assert _table(client, f"?actor={admin.id}&action=user.create") == ""
    rows = _table(client, f"?actor=system&action=user.create&object_id={viewer.id}")
    assert "filtered@example.org" in rows and rows.count("<tr>") == 1


def test_audit_filter_rejects_bad_values_without_crashing(signed_in, client):
    signed_in("admin")
    response = client.get("/admin/audit?since=yesterday&actor=nobody&page=2")
    assert response.status_code == 200
    assert client.get("/admin/audit?page=-1").status_code == 400


def test_admin_edits_the_rating_scale_and_cannot_delete_a_used_label(
    signed_in, auth, client, db_session
):
    from app.models import Rating
    from app.services import ingest, review, workflow

    signed_in("admin")
    response = auth.post(
        "/admin/ratings",
        prefix="new",
        form_page="/admin/ratings",
        data={
            "key": "satire",
            "label_th": "เสียดสี",
            "label_en": "Satire",
            "sort_order": 8,
            "value": "",
        },
    )
    assert response.status_code == 302
    satire = db_session.scalar(db.select(Rating).where(Rating.key == "satire"))
    assert satire.value is None and satire.label_th == "เสียดสี"
    response = auth.post(
        f"/admin/ratings/{satire.id}",
        prefix=f"r{satire.id}",
        form_page="/admin/ratings",
        data={
            "key": "satire",
            "label_th": "ล้อเลียน",
            "label_en": "Satire",
            "sort_order": 9,
            "value": "",
        },
    )
    db_session.expire_all()
    assert satire.label_th == "ล้อเลียน"
    editor = make_user(db_session, "editor")
    article, _ = ingest.ingest(
        db_session,
        editor,
        ingest.Submission(text="กระทรวงการคลังรายงานว่าหนี้สาธารณะอยู่ที่ร้อยละ 64 ของจีดีพี"),
    )
    claim = article.appearances[0].claim
    workflow.accept(db_session, editor, claim.id)
    review.draft(db_session, editor, claim.id, review.VerdictInput("satire", "เสียดสี"))
    db_session.commit()
    response = auth.post(
        f"/admin/ratings/{satire.id}/delete", {}, form_page="/admin/ratings", follow_redirects=True
    )
    assert "used by 1 verdicts" in response.get_data(as_text=True)
    assert db_session.get(Rating, satire.id) is not None


def test_only_admins_edit_the_rating_scale(signed_in, client):
    signed_in("editor")
    assert client.get("/admin/ratings").status_code == 403


def test_admin_cannot_give_a_new_user_a_repeated_password(signed_in, auth, db_session):
    signed_in("admin")
    response = auth.post(
        "/admin/users",
        {"email": "weak@example.org", "role": "viewer", "password": "zzzzzzzzzzzz"},
    )
    html = response.get_data(as_text=True)
    assert 'id="password-error"' in html and "repeated characters" in html
    assert db_session.scalar(db.select(User).where(User.email == "weak@example.org")) is None
