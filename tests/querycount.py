"""Count the SQL statements that a test-client request (or any block) sends to the database."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import sqlalchemy as sa
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from app.extensions import db

# The test's per-request savepoints (conftest.db_session) are bookkeeping, not the page's queries.
BOOKKEEPING = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")


@contextlib.contextmanager
def counted_statements(engine: sa.Engine | None = None) -> Iterator[list[str]]:
    """Collect the SQL of every statement run in the block (savepoints left out)."""
    seen: list[str] = []

    def note(_conn, _cursor, statement, _parameters, _context, _executemany) -> None:
        """Keep one statement unless it is a savepoint of the test's transaction."""
        if not statement.lstrip().upper().startswith(BOOKKEEPING):
            seen.append(statement)

    target = engine if engine is not None else db.engine
    sa.event.listen(target, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        sa.event.remove(target, "before_cursor_execute", note)


def statements_of(client: FlaskClient, path: str, **kwargs) -> tuple[TestResponse, list[str]]:
    """GET `path` (the whole body, streamed ones included) and return it with its statements."""
    with counted_statements() as seen:
        response = client.get(path, **kwargs)
    assert response.status_code == 200, (path, response.status_code, response.get_data()[:300])
    return response, list(seen)
