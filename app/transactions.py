"""SQLite transactions that let a desk work at once: reads never take the write lock.

SQLite in WAL mode has one writer at a time and any number of readers. A request that only
reads (GET, HEAD, OPTIONS) begins a deferred transaction, which takes no lock and never waits
for a writer, however long its page takes to render. Everything else (form posts, API writes,
background jobs, the command line) begins `BEGIN IMMEDIATE`: it waits its turn for the write
lock (up to the busy timeout) before reading, so it never reads a snapshot it could not then
write from (a deferred transaction that read before another writer committed gets "database is
locked" on its first write, with no waiting).

A read request that must write something (a notification marked read when it is opened, a
token's last use) does it in `writing()`: the read transaction ends, and the write gets an
immediate one of its own. In testing, a read request that writes outside `writing()` fails
loudly, so no such write hides until the desk is busy.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from flask import Flask, current_app, g, has_request_context, request

from app.extensions import db

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
BUSY_TIMEOUT_MS = 10_000


def _connect(dbapi_connection: Any, _record: Any) -> None:
    """Let SQLAlchemy manage transactions (so SAVEPOINT works), enforce foreign keys, wait for
    the write lock rather than fail, and log ahead so readers and the writer never block."""
    dbapi_connection.isolation_level = None
    dbapi_connection.execute("PRAGMA foreign_keys=ON")
    dbapi_connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    dbapi_connection.execute("PRAGMA journal_mode=WAL")


def reading_only() -> bool:
    """Say whether the current transaction belongs to a request that only reads."""
    return (
        has_request_context()
        and request.method in READ_METHODS
        and not g.get("satja_writing", False)
    )


def _begin(connection: sa.Connection) -> None:
    connection.exec_driver_sql("BEGIN" if reading_only() else "BEGIN IMMEDIATE")


def _refuse_hidden_write(session, _context, _instances) -> None:
    """In testing, fail a read request's write made outside `writing()` (see the docstring)."""
    if not (has_request_context() and current_app.testing):
        return
    writes = session.new or session.dirty or session.deleted
    if writes and db.engine.dialect.name == "sqlite" and reading_only():
        raise RuntimeError(
            f"{request.method} {request.path} writes outside transactions.writing(): on SQLite "
            "its deferred transaction could not write once another writer had committed"
        )


@contextmanager
def as_writer() -> Iterator[None]:
    """Let work run inside a read request write (a job run inline, in tests), leaving the
    transaction as it is: the work commits for itself."""
    before = g.get("satja_writing", False)
    g.satja_writing = True
    try:
        yield
    finally:
        g.satja_writing = before


@contextmanager
def writing() -> Iterator[None]:
    """Make a read request's write in a transaction of its own, committed at the end."""
    db.session.commit()  # ends the read transaction (nothing is pending in it)
    with as_writer():
        yield
        db.session.commit()


def install(app: Flask) -> None:
    """Set SQLite's connection options and transaction modes (nothing to do elsewhere)."""
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            return
        sa.event.listen(db.engine, "connect", _connect)
        sa.event.listen(db.engine, "begin", _begin)
    # On the Session class: the tests bind sessions of their own to each test's transaction.
    if not sa.event.contains(sa.orm.Session, "before_flush", _refuse_hidden_write):
        sa.event.listen(sa.orm.Session, "before_flush", _refuse_hidden_write)
