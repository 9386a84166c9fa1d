"""CSRF, security headers, cookies and request size limits."""

import pytest

from app.extensions import db
from app.models import User
from tests.factories import PASSWORD, make_user


def test_login_without_csrf_token_is_refused(client, db_session):
    user = make_user(db_session, "viewer")
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400
    assert "form expired" in response.get_data(as_text=True)


def test_admin_form_with_a_forged_token_is_refused(signed_in, client, db_session):
    signed_in("admin")
    response = client.post(
        "/admin/users",
        data={
            "email": "forged@example.org",
            "role": "admin",
            "password": "long enough password",
            "csrf_token": "forged",
        },
    )
    assert response.status_code == 400
    assert db_session.scalar(db.select(User).where(User.email == "forged@example.org")) is None


@pytest.mark.parametrize("path", ["/logout", "/language"])
def test_small_forms_need_csrf_too(signed_in, client, path):
    signed_in("viewer")
    assert client.post(path, data={"lang": "en"}).status_code == 400


def test_security_headers(client):
    response = client.get("/login")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_pages_have_no_inline_script(signed_in, client):
    signed_in("admin")
    for path in [
        "/login",
        "/queue",
        "/articles",
        "/claims",
        "/reports",
        "/admin/users",
        "/admin/audit",
        "/account/password",
    ]:
        html = client.get(path).get_data(as_text=True)
        assert "<script>" not in html and " on" + "click=" not in html, path


def test_session_cookie_is_httponly_and_samesite(auth, client, db_session):
    user = make_user(db_session, "viewer")
    response = auth.login(user.email)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_oversized_request_gets_413(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 1000)
    response = client.post("/login", data={"email": "x" * 5000})
    assert response.status_code == 413
    assert "larger than Satja accepts" in response.get_data(as_text=True)
