"""The JSON API skeleton: bearer tokens, /me, and JSON errors."""

import pytest

from app.extensions import db
from app.models import ApiToken, AuditEvent
from app.services import tokens
from tests.factories import make_token, make_user


def _token(session, role="checker"):
    return make_token(session, role)


def _assert_json_error(response, status, code):
    assert response.status_code == status
    assert response.is_json
    body = response.get_json()
    assert body["error"]["code"] == code and body["error"]["message"]


def test_me_answers_with_the_token_owner(client, db_session):
    user, clear = _token(db_session, "editor")
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {clear}"})
    assert response.status_code == 200
    assert response.get_json() == {"email": user.email, "name": user.name, "role": "editor"}


@pytest.mark.parametrize(
    "header",
    [None, "Bearer", "Bearer satja_not-a-real-token", "Basic dXNlcjpwYXNz", "Bearer " + "x" * 500],
)
def test_me_without_a_valid_token_is_a_json_401(client, header):
    headers = {"Authorization": header} if header else {}
    response = client.get("/api/v1/me", headers=headers)
    _assert_json_error(response, 401, "unauthorized")
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_revoked_token_is_refused(client, db_session):
    user, clear = _token(db_session)
    token = db_session.scalar(db.select(ApiToken).where(ApiToken.user_id == user.id))
    tokens.revoke_token(db_session, user, token.id)
    db_session.commit()
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {clear}"})
    _assert_json_error(response, 401, "token_revoked")


def test_deactivated_users_token_is_refused(client, db_session):
    user, clear = _token(db_session)
    user.active = False
    db_session.commit()
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {clear}"})
    assert response.status_code == 401


def test_tokens_are_stored_only_as_hashes(db_session):
    user, clear = _token(db_session)
    stored = db_session.scalar(db.select(ApiToken).where(ApiToken.user_id == user.id))
    assert clear not in (stored.token_hash, stored.prefix) and len(stored.token_hash) == 64


def test_issuing_and_revoking_tokens_is_audited(db_session):
    user, _ = _token(db_session)
    token = db_session.scalar(db.select(ApiToken).where(ApiToken.user_id == user.id))
    tokens.revoke_token(db_session, user, token.id)
    actions = db_session.scalars(
        db.select(AuditEvent.action).where(
            AuditEvent.object_type == "api_tokens", AuditEvent.object_id == str(token.id)
        )
    ).all()
    assert sorted(actions) == ["token.issue", "token.revoke"]


def test_a_checker_cannot_issue_tokens_for_someone_else(db_session):
    from app.services.errors import NotAllowed

    checker = make_user(db_session, "checker")
    other = make_user(db_session, "viewer")
    with pytest.raises(NotAllowed):
        tokens.issue_token(db_session, checker, other)


def test_unknown_api_address_is_a_json_404(client):
    _assert_json_error(client.get("/api/v1/nothing-here"), 404, "not_found")


def test_wrong_method_is_a_json_405(client, db_session):
    _, clear = _token(db_session)
    response = client.delete("/api/v1/me", headers={"Authorization": f"Bearer {clear}"})
    _assert_json_error(response, 405, "method_not_allowed")


def test_api_needs_no_csrf_token(client, db_session):
    _, clear = _token(db_session)
    response = client.post("/api/v1/me", headers={"Authorization": f"Bearer {clear}"})
    assert response.status_code == 405  # reached routing: no CSRF refusal


def test_unexpected_api_error_is_a_json_500(client, db_session, monkeypatch):
    _, clear = _token(db_session)

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("app.api.routes.jsonify", explode)
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {clear}"})
    _assert_json_error(response, 500, "internal_error")


def test_api_errors_follow_accept_language(client):
    response = client.get("/api/v1/me", headers={"Accept-Language": "th"})
    assert response.get_json()["error"]["message"].startswith("ต้องใช้โทเคน API")
