"""The `flask users` and `flask demo` commands."""

from app.extensions import db
from app.models import Article, AuditEvent, Role, User
from tests.factories import make_user


def test_users_create_reads_the_password_from_stdin(runner, db_session):
    result = runner.invoke(
        args=[
            "users",
            "create",
            "a@example.org",
            "--role",
            "admin",
            "--name",
            "สมหญิง",
            "--password-stdin",
        ],
        input="a long enough password\n",
    )
    assert result.exit_code == 0, result.output
    user = db_session.scalar(db.select(User).where(User.email == "a@example.org"))
    assert user.role == Role.ADMIN and user.name == "สมหญิง"
    assert "a long enough password" not in user.password_hash
    event = db_session.scalar(
        db.select(AuditEvent).where(
            AuditEvent.action == "user.create", AuditEvent.object_id == str(user.id)
        )
    )
    assert event.actor_id is None  # the system, at the command line


def test_users_create_refuses_a_short_password(runner, db_session):
    result = runner.invoke(
        args=["users", "create", "b@example.org", "--password-stdin"], input="short\n"
    )
    assert result.exit_code != 0
    assert "at least 10 characters" in result.output
    assert db_session.scalar(db.select(User).where(User.email == "b@example.org")) is None


def test_users_create_refuses_an_unknown_role(runner):
    result = runner.invoke(
        args=["users", "create", "c@example.org", "--role", "king", "--password-stdin"],
        input="a long enough password\n",
    )
    assert result.exit_code == 2


def test_token_command_prints_a_working_token_last(runner, client, db_session):
    runner.invoke(
        args=["users", "create", "a@example.org", "--role", "admin", "--password-stdin"],
        input="a long enough password\n",
    )
    result = runner.invoke(args=["users", "token", "a@example.org", "--name", "laptop"])
    assert result.exit_code == 0, result.output
    token = result.output.strip().splitlines()[-1]
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert response.get_json()["role"] == "admin"


def test_token_for_an_unknown_user_fails(runner):
    result = runner.invoke(args=["users", "token", "nobody@example.org"])
    assert result.exit_code == 1 and "No user" in result.output


def test_users_list(runner, db_session):
    make_user(db_session, "editor", "ed@example.org")
    result = runner.invoke(args=["users", "list"])
    assert "ed@example.org\teditor\tactive" in result.output


def test_demo_load_is_harmless_to_repeat(runner, db_session):
    first = runner.invoke(args=["demo", "load"])
    assert first.exit_code == 0, first.output
    assert "password:" in first.output
    second = runner.invoke(args=["demo", "load"])
    assert "password:" not in second.output and "Already loaded" in second.output
    assert db_session.scalar(db.select(db.func.count()).select_from(Article)) == 1
    admins = db_session.scalars(db.select(User).where(User.role == Role.ADMIN)).all()
    assert len(admins) == 1


def test_demo_admin_can_sign_in_with_the_printed_password(runner, auth):
    output = runner.invoke(args=["demo", "load"]).output
    password = output.split("password:")[1].split()[0]
    assert auth.login("admin@satja.example", password).status_code == 302


def test_users_create_refuses_a_common_password(runner, db_session):
    result = runner.invoke(
        args=["users", "create", "c@example.org", "--password-stdin"], input="qwertyuiop\n"
    )
    assert result.exit_code != 0
    assert "most common passwords" in result.output
    assert db_session.scalar(db.select(User).where(User.email == "c@example.org")) is None
