"""Fixtures: one app and database per run, one rolled-back transaction per test."""

from __future__ import annotations

import contextvars
import os
import re
from collections.abc import Iterator

import flask_migrate
import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from flask_sqlalchemy.session import _app_ctx_id
from sqlalchemy.orm import Session, scoped_session, sessionmaker

from app import create_app
from app.config import TestingConfig
from app.extensions import db
from tests.factories import PASSWORD, make_user

CSRF_INPUT = re.compile(
    r'name="csrf_token" type="hidden" value="([^"]+)"|'
    r'type="hidden" name="csrf_token" value="([^"]+)"'
)


def reset_database(engine: sa.Engine) -> None:
    """Drop every table the database has, Alembic's own included."""
    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            # The FTS5 table owns its shadow tables: drop it first, they go with it.
            connection.exec_driver_sql("DROP TABLE IF EXISTS search_fts")
        metadata = sa.MetaData()
        metadata.reflect(connection)
        metadata.drop_all(connection)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Return TEST_DATABASE_URL, or a new SQLite file for this run."""
    return os.environ.get("TEST_DATABASE_URL") or (
        "sqlite:///" + str(tmp_path_factory.mktemp("db") / "satja-test.db")
    )


class IsolatedClient(FlaskClient):
    """A test client whose requests run in their own app context, as in production.

    Flask reuses an app context that is already pushed (the test's own), which would share
    `g` (Flask-Login's user, Flask-WTF's token) between requests; an empty contextvars
    context makes each request push a fresh one.
    """

    def open(self, *args, **kwargs):
        def run():
            response = FlaskClient.open(self, *args, **kwargs)
            # A streamed body is read here, while its request context can still be pushed.
            response.was_streamed = response.is_streamed
            response.make_sequence()
            return response

        return contextvars.Context().run(run)


@pytest.fixture(scope="session")
def app(database_url: str) -> Iterator[Flask]:
    """Create the app and build its database with the migrations, from empty."""
    app = create_app(TestingConfig, database_url=database_url)
    app.test_client_class = IsolatedClient
    with app.app_context():
        reset_database(db.engine)
        flask_migrate.upgrade()
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(autouse=True)
def db_session(request: pytest.FixtureRequest) -> Iterator[scoped_session[Session] | None]:
    """Run each test inside a transaction that is rolled back afterwards.

    Browser tests (marked e2e) and tests marked own_database (concurrent transactions) use a
    database of their own instead.
    """
    if request.node.get_closest_marker("e2e") or request.node.get_closest_marker("own_database"):
        yield None
        return
    app = request.getfixturevalue("app")
    with app.app_context():
        connection = db.engine.connect()
        transaction = connection.begin()
        original = db.session
        factory = sessionmaker(bind=connection, join_transaction_mode="create_savepoint")
        db.session = scoped_session(factory, scopefunc=_app_ctx_id)
        try:
            yield db.session
        finally:
            db.session.remove()
            db.session = original
            transaction.rollback()
            connection.close()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """Return a client that asks for English unless a test sends its own Accept-Language."""
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def runner(app: Flask):
    return app.test_cli_runner()


def csrf_token(client: FlaskClient, path: str) -> str:
    """Return the CSRF token of the form served at `path`."""
    html = client.get(path).get_data(as_text=True)
    match = CSRF_INPUT.search(html)
    assert match, f"no CSRF token in {path}"
    return match.group(1) or match.group(2)


class AuthActions:
    """Sign in and post forms the way a browser does."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def login(self, email: str, password: str = PASSWORD, follow_redirects: bool = False):
        token = csrf_token(self.client, "/login")
        return self.client.post(
            "/login",
            data={"email": email, "password": password, "csrf_token": token},
            follow_redirects=follow_redirects,
        )

    def logout(self):
        return self.post("/logout", {}, form_page="/queue")

    def post(self, path: str, data: dict, form_page: str | None = None, prefix: str = "", **kwargs):
        """Post `data` to `path` with the CSRF token of the page that holds the form.

        A form built with a prefix ("text") names its fields "text-title" and so on.
        """
        token = csrf_token(self.client, form_page or path)
        data = {**data, "csrf_token": token}
        if prefix:
            data = {f"{prefix}-{key}": value for key, value in data.items()}
        return self.client.post(path, data=data, **kwargs)


@pytest.fixture
def auth(client: FlaskClient) -> AuthActions:
    return AuthActions(client)


@pytest.fixture
def admin(db_session):
    return make_user(db_session, "admin")


@pytest.fixture
def signed_in(auth: AuthActions, db_session):
    """Return a function that creates a user of a role and signs them in."""

    def sign_in(role: str = "checker", email: str | None = None):
        user = make_user(db_session, role, email)
        response = auth.login(user.email)
        assert response.status_code == 302, response.get_data(as_text=True)
        return user

    return sign_in
