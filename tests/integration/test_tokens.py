"""API tokens: the owner's page, the admin page, expiry, the API's refusals and the CLI."""

from datetime import timedelta

from app.database import utcnow
from app.extensions import db
from app.models import ApiToken, AuditEvent
from app.services import tokens
from tests.factories import make_token, make_user


def _me(client, clear):
    return client.get("/api/v1/me", headers={"Authorization": f"Bearer {clear}"})


def _clear_from(html: str) -> str:
    start = html.index('value="satja_') + len('value="')
    return html[start : html.index('"', start)]


def test_the_owner_creates_a_token_with_an_expiry_and_sees_it_once(signed_in, auth, client):
    user = signed_in("checker")
    response = auth.post("/account/tokens", {"name": "import script", "expires_days": "30"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    clear = _clear_from(html)
    assert _me(client, clear).get_json()["email"] == user.email
    listing = client.get("/account/tokens").get_data(as_text=True)
    assert "import script" in listing and clear[:12] in listing
    assert clear not in listing  # shown on the creation answer only
    token = db.session.scalar(db.select(ApiToken).where(ApiToken.user_id == user.id))
    assert timedelta(days=29, hours=23) < token.expires_at - utcnow() <= timedelta(days=30)


def test_a_token_without_expiry_never_expires(signed_in, auth):
    user = signed_in("viewer")
    assert auth.post("/account/tokens", {"name": "", "expires_days": ""}).status_code == 200
    token = db.session.scalar(db.select(ApiToken).where(ApiToken.user_id == user.id))
    assert token.expires_at is None and tokens.token_state(token) == "active"


def test_a_wrong_expiry_is_a_form_error(signed_in, auth, db_session):
    user = signed_in("viewer")
    for days in ("0", "5000", "soon"):
        response = auth.post("/account/tokens", {"expires_days": days})
        assert response.status_code == 400
        assert 'id="expires_days-error"' in response.get_data(as_text=True)
    assert db_session.scalar(db.select(ApiToken).where(ApiToken.user_id == user.id)) is None


def test_the_owner_revokes_a_token_and_the_api_says_so(signed_in, auth, client, db_session):
    user = signed_in("checker")
    token, clear = tokens.issue_token(db_session, user, user, "laptop")
    db_session.commit()
    response = auth.post(f"/account/tokens/{token.id}/revoke", {}, form_page="/account/tokens")
    assert response.status_code == 302
    answer = _me(client, clear)
    assert answer.status_code == 401
    assert answer.get_json()["error"]["code"] == "token_revoked"
    assert "Revoked" in client.get("/account/tokens").get_data(as_text=True)
    revoked = db_session.scalar(
        db.select(AuditEvent).where(
            AuditEvent.action == "token.revoke", AuditEvent.object_id == str(token.id)
        )
    )
    assert revoked.actor_id == user.id


def test_nobody_revokes_someone_elses_token_from_their_own_page(signed_in, auth, db_session):
    owner, _clear = make_token(db_session, "editor")
    token = db_session.scalar(db.select(ApiToken).where(ApiToken.user_id == owner.id))
    signed_in("editor")
    response = auth.post(f"/account/tokens/{token.id}/revoke", {}, form_page="/account/tokens")
    assert response.status_code == 404
    db_session.expire_all()
    assert db_session.get(ApiToken, token.id).revoked_at is None


def test_an_expired_token_gets_a_clear_401(client, db_session):
    user, clear = make_token(db_session, "checker")
    token = db_session.scalar(db.select(ApiToken).where(ApiToken.user_id == user.id))
    token.expires_at = utcnow() - timedelta(seconds=1)
    db_session.commit()
    response = _me(client, clear)
    assert response.status_code == 401
    assert response.get_json()["error"] == {
        "code": "token_expired",
        "message": "This API token has expired.",
    }
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_an_admin_lists_and_revokes_anyones_tokens(signed_in, auth, client, db_session):
    owner, clear = make_token(db_session, "checker")
    token = db_session.scalar(db.select(ApiToken).where(ApiToken.user_id == owner.id))
    signed_in("admin")
    assert f"/admin/users/{owner.id}/tokens" in client.get("/admin/users").get_data(as_text=True)
    page = client.get(f"/admin/users/{owner.id}/tokens").get_data(as_text=True)
    assert token.prefix in page
    path = f"/admin/users/{owner.id}/tokens/{token.id}/revoke"
    assert auth.post(path, {}, form_page=f"/admin/users/{owner.id}/tokens").status_code == 302
    assert _me(client, clear).status_code == 401


def test_only_admins_see_other_users_tokens(signed_in, client, db_session):
    owner, _clear = make_token(db_session, "checker")
    signed_in("editor")
    assert client.get(f"/admin/users/{owner.id}/tokens").status_code == 403


def test_a_revoke_through_another_users_url_is_refused(signed_in, auth, db_session):
    owner, _clear = make_token(db_session, "checker")
    other = make_user(db_session, "checker")
    token = db_session.scalar(db.select(ApiToken).where(ApiToken.user_id == owner.id))
    signed_in("admin")
    path = f"/admin/users/{other.id}/tokens/{token.id}/revoke"
    assert auth.post(path, {}, form_page="/admin/users").status_code == 404


def test_cli_issues_an_expiring_token_lists_and_revokes_it(runner, client, db_session):
    user = make_user(db_session, "checker")
    issued = runner.invoke(
        args=["users", "token", user.email, "--name", "ci", "--expires-days", "7"]
    )
    assert issued.exit_code == 0, issued.output
    clear = issued.output.strip().splitlines()[-1]
    assert _me(client, clear).status_code == 200
    listed = runner.invoke(args=["users", "tokens", user.email])
    assert listed.exit_code == 0
    row = listed.output.strip().splitlines()[-1].split("\t")
    assert row[1] == clear[:12] and row[2] == "active" and row[-1] == "ci" and row[5] != "-"
    revoked = runner.invoke(args=["users", "revoke-token", clear[:12]])
    assert revoked.exit_code == 0, revoked.output
    assert "is revoked" in revoked.output
    assert _me(client, clear).get_json()["error"]["code"] == "token_revoked"
    again = runner.invoke(args=["users", "revoke-token", row[0]])
    assert "already revoked" in again.output
    assert "\trevoked\t" in runner.invoke(args=["users", "tokens", user.email]).output


def test_cli_refuses_unknown_tokens_and_bad_expiry(runner, db_session):
    user = make_user(db_session, "checker")
    assert runner.invoke(args=["users", "revoke-token", "satja_nope"]).exit_code != 0
    assert runner.invoke(args=["users", "revoke-token", "999999"]).exit_code != 0
    bad = runner.invoke(args=["users", "token", user.email, "--expires-days", "0"])
    assert bad.exit_code != 0
    assert runner.invoke(args=["users", "tokens", "nobody@example.org"]).exit_code != 0
