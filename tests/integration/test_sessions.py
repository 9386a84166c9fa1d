"""Sign-out ends sessions server-side; remember-me lifetime; per-account throttling; ProxyFix."""

import logging
import re
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest
from flask import request
from werkzeug.middleware.proxy_fix import ProxyFix

from app import config, create_app
from app.extensions import limiter
from tests.conftest import csrf_token
from tests.factories import PASSWORD, make_user


def _cookie(client, name: str) -> str:
    cookie = client.get_cookie(name)
    assert cookie is not None, f"no {name} cookie"
    return cookie.value


def _replay(app, name: str, value: str):
    """Return a fresh client carrying only the given cookie (an attacker who copied it)."""
    thief = app.test_client()
    thief.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    thief.set_cookie(name, value)
    return thief


def test_a_session_cookie_replayed_after_sign_out_gets_the_sign_in_page(
    app, auth, client, db_session
):
    user = make_user(db_session, "checker")
    auth.login(user.email)
    stolen = _cookie(client, app.config["SESSION_COOKIE_NAME"])
    assert _replay(app, "session", stolen).get("/articles").status_code == 200
    auth.logout()
    response = _replay(app, "session", stolen).get("/articles")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_a_remember_me_cookie_replayed_after_sign_out_gets_the_sign_in_page(
    app, client, db_session
):
    user = make_user(db_session, "checker")
    token = csrf_token(client, "/login")
    data = {"email": user.email, "password": PASSWORD, "remember": "y", "csrf_token": token}
    assert client.post("/login", data=data).status_code == 302
    remembered = _cookie(client, "remember_token")
    assert _replay(app, "remember_token", remembered).get("/articles").status_code == 200
    client.post("/logout", data={"csrf_token": csrf_token(client, "/queue")})
    response = _replay(app, "remember_token", remembered).get("/articles")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_sign_in_again_after_sign_out_works(auth, client, db_session):
    user = make_user(db_session, "viewer")
    auth.login(user.email)
    auth.logout()
    assert auth.login(user.email).status_code == 302
    assert client.get("/articles").status_code == 200


def test_the_remember_me_cookie_lasts_satja_remember_days(app, monkeypatch):
    assert app.config["REMEMBER_COOKIE_DURATION"] == timedelta(days=14)
    monkeypatch.setenv("SATJA_REMEMBER_DAYS", "3")
    assert config.TestingConfig(app.instance_path).REMEMBER_COOKIE_DURATION == timedelta(days=3)
    for wrong in ("0", "-1", "two", "400"):
        monkeypatch.setenv("SATJA_REMEMBER_DAYS", wrong)
        with pytest.raises(config.ConfigError, match="SATJA_REMEMBER_DAYS"):
            config.TestingConfig(app.instance_path)


def test_the_remember_me_cookie_is_sent_with_that_lifetime(app, client, db_session, monkeypatch):
    monkeypatch.setitem(app.config, "REMEMBER_COOKIE_DURATION", timedelta(days=2))
    user = make_user(db_session, "viewer")
    token = csrf_token(client, "/login")
    data = {"email": user.email, "password": PASSWORD, "remember": "y", "csrf_token": token}
    response = client.post("/login", data=data)
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if "remember_token=" in c)
    expires = parsedate_to_datetime(re.search(r"Expires=([^;]+)", cookie).group(1))
    lifetime = expires - datetime.now(UTC)
    assert timedelta(days=2) - timedelta(minutes=1) < lifetime <= timedelta(days=2)


@pytest.fixture
def throttled(app, monkeypatch):
    """Lower the per-account limit to 3 failed sign-ins a minute for one test."""
    monkeypatch.setitem(app.config, "LOGIN_ACCOUNT_RATE_LIMIT", "3 per minute")
    limiter.reset()
    yield
    limiter.reset()


def test_failed_sign_ins_are_throttled_per_account_with_retry_after(auth, db_session, throttled):
    user = make_user(db_session, "viewer")
    statuses = [auth.login(user.email, "wrong password!").status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    response = auth.login(user.email)  # even the right password waits now
    assert response.status_code == 429
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    assert "Too many sign-in attempts. Try again in 1 minute." in response.get_data(as_text=True)
    # The e-mail is matched as sign-in matches it, so case and spaces do not reset the count.
    assert auth.login(f"  {user.email.upper()} ").status_code == 429


def test_the_account_limit_does_not_lock_other_accounts(auth, db_session, throttled):
    locked, other = make_user(db_session, "viewer"), make_user(db_session, "viewer")
    for _ in range(4):
        auth.login(locked.email, "wrong password!")
    assert auth.login(other.email).status_code == 302


def test_successful_sign_ins_do_not_count(auth, db_session, throttled):
    user = make_user(db_session, "viewer")
    for _ in range(5):
        assert auth.login(user.email).status_code == 302
        auth.logout()


def test_the_429_is_in_thai_for_thai_readers(auth, client, db_session, throttled):
    user = make_user(db_session, "viewer")
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "th"
    for _ in range(3):
        auth.login(user.email, "wrong password!")
    response = auth.login(user.email)
    assert response.status_code == 429
    assert "พยายามเข้าสู่ระบบหลายครั้งเกินไป" in response.get_data(as_text=True)


def test_a_failed_sign_in_is_logged_on_one_line(auth, caplog):
    forged = "nobody@example.org\nINFO user admin@satja.example signed in\x1b[2K"
    with caplog.at_level(logging.WARNING, logger="app.services.accounts"):
        auth.login(forged)
    [record] = [r for r in caplog.records if "failed sign-in" in r.getMessage()]
    message = record.getMessage()
    assert "\n" not in message and "\x1b" not in message
    assert message.endswith("nobody@example.org\\nINFO user admin@satja.example signed in\\x1b[2K")


def _proxied_app(database_url, setting):
    app = create_app(config.TestingConfig, database_url=database_url, SATJA_PROXY_FIX=setting)
    app.add_url_rule("/_client", "client_info", lambda: f"{request.remote_addr} {request.scheme}")
    return app


def test_proxy_fix_trusts_the_forwarded_headers_when_set(database_url):
    app = _proxied_app(database_url, {"x_for": 1, "x_proto": 1})
    assert isinstance(app.wsgi_app, ProxyFix)
    headers = {"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https"}
    answer = app.test_client().get("/_client", headers=headers).get_data(as_text=True)
    assert answer == "203.0.113.7 https"


def test_without_proxy_fix_forwarded_headers_are_ignored(database_url):
    app = _proxied_app(database_url, None)
    headers = {"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https"}
    answer = app.test_client().get("/_client", headers=headers).get_data(as_text=True)
    assert answer == "127.0.0.1 http"
