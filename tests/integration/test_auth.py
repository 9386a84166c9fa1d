"""Signing in and out, sessions, password changes and the login rate limit."""

from app.extensions import db, limiter
from app.models import AuditEvent, User
from tests.conftest import csrf_token
from tests.factories import PASSWORD, make_user


def test_login_page_renders(client):
    response = client.get("/login")
    assert response.status_code == 200
    assert 'name="email"' in response.get_data(as_text=True)


def test_pages_need_sign_in(client):
    response = client.get("/articles")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_login_and_logout(auth, client, db_session):
    user = make_user(db_session, "viewer")
    response = auth.login(user.email)
    assert response.status_code == 302
    assert client.get("/articles").status_code == 200
    auth.logout()
    assert client.get("/articles").status_code == 302


def test_wrong_password_is_refused_with_a_message(auth, db_session):
    user = make_user(db_session, "viewer")
    response = auth.login(user.email, "not the password")
    assert response.status_code == 200
    assert "Wrong e-mail address or password" in response.get_data(as_text=True)


def test_unknown_email_gets_the_same_message(auth):
    response = auth.login("nobody@example.org")
    assert "Wrong e-mail address or password" in response.get_data(as_text=True)


def test_login_regenerates_the_session(auth, client, db_session):
    user = make_user(db_session, "viewer")
    client.get("/login")
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    auth.login(user.email)
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"] == user.get_id()


def test_login_is_audited(auth, db_session):
    user = make_user(db_session, "viewer")
    auth.login(user.email)
    events = db_session.scalars(
        db.select(AuditEvent).where(AuditEvent.action == "user.login")
    ).all()
    assert [e.actor_id for e in events] == [user.id]


def test_deactivated_user_cannot_sign_in(auth, db_session):
    user = make_user(db_session, "viewer")
    user.active = False
    db_session.commit()
    assert auth.login(user.email).status_code == 200


def test_next_parameter_stays_on_site(auth, client, db_session):
    user = make_user(db_session, "viewer")
    token = csrf_token(client, "/login")
    response = client.post(
        "/login?next=https://evil.example/",
        data={"email": user.email, "password": PASSWORD, "csrf_token": token},
    )
    assert response.headers["Location"] == "/queue" or response.headers["Location"] == "/"


def test_change_password_ends_other_sessions(app, auth, client, db_session):
    user = make_user(db_session, "checker")
    other = app.test_client()
    other_token = csrf_token(other, "/login")
    other.post(
        "/login", data={"email": user.email, "password": PASSWORD, "csrf_token": other_token}
    )
    assert other.get("/articles").status_code == 200
    auth.login(user.email)
    response = auth.post(
        "/account/password",
        {
            "current_password": PASSWORD,
            "new_password": "a much longer new secret",
            "confirm": "a much longer new secret",
        },
    )
    assert response.status_code == 302
    assert client.get("/articles").status_code == 200  # this session goes on
    assert other.get("/articles").status_code == 302  # the other one ended
    auth.logout()
    assert auth.login(user.email, "a much longer new secret").status_code == 302
    actions = db_session.scalars(
        db.select(AuditEvent.action).where(AuditEvent.object_id == str(user.id))
    ).all()
    assert "user.change_password" in actions


def test_change_password_needs_the_current_one(auth, db_session):
    user = make_user(db_session, "checker")
    auth.login(user.email)
    response = auth.post(
        "/account/password",
        {
            "current_password": "wrong wrong wrong",
            "new_password": "a much longer new secret",
            "confirm": "a much longer new secret",
        },
    )
    assert response.status_code == 200
    assert "The current password is wrong" in response.get_data(as_text=True)
    db_session.expire_all()
    assert db_session.get(User, user.id).password_hash == user.password_hash


def test_login_attempts_are_rate_limited(app, auth, db_session, monkeypatch):
    user = make_user(db_session, "viewer")
    monkeypatch.setitem(app.config, "LOGIN_RATE_LIMIT", "5 per minute")
    limiter.reset()
    statuses = [auth.login(user.email, "wrong password!").status_code for _ in range(6)]
    limiter.reset()
    assert statuses == [200] * 5 + [429]
    assert auth.login(user.email).status_code == 302  # once the counters reset, sign-in works again


def test_change_password_refuses_a_common_password_with_the_reason(auth, db_session):
    user = make_user(db_session, "checker")
    auth.login(user.email)
    response = auth.post(
        "/account/password",
        {"current_password": PASSWORD, "new_password": "password1234", "confirm": "password1234"},
    )
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'id="new_password-error"' in html and "one of the most common passwords" in html
    db_session.expire_all()
    assert db_session.get(User, user.id).password_hash == user.password_hash


def test_change_password_refuses_a_sequence_in_thai(auth, client, db_session):
    user = make_user(db_session, "checker")
    auth.login(user.email)
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "th"
    response = auth.post(
        "/account/password",
        {"current_password": PASSWORD, "new_password": "abcdefghijklm", "confirm": "abcdefghijklm"},
    )
    assert "อักขระเรียงลำดับ" in response.get_data(as_text=True)
