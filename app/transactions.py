"""SQLite transactions that let a desk work at once: reads never take the write lock.

SQLite in WAL mode has one writer at a time and any number of readers. A request that only
reads (GET, HEAD, OPTIONS) begins a deferred transaction, which takes no lock and never waits
for a writer, however long its page takes to render. Everything else (form posts, API writes,
background jobs, the command line) begins `BEGIN IMMEDIATE`: it waits its turn for the write
lock (up to the busy timeout) before reading, so it never reads a snapshot it could not then
write from (a deferred transaction that read before another writer committed gets "database is
locked" on its first write, with no waiting).

Writers of one process take turns, first come first served (`_Turns`), before they ask SQLite
for the lock: SQLite's busy handler is not a queue but a poll (every 100 ms once a writer has
waited a while), so a background job that begins its next batch a microsecond after its commit
would win the lock again and again until the desk's writers reached the busy timeout.

A read request that must write something (a notification marked read when it is opened, a
token's last use) does it in `writing()`: the read transaction ends, and the write gets an
immediate one of its own. In testing, a read request that writes outside `writing()` fails
loudly, so no such write hides until the desk is busy.
"""

from __future__ import annotations

import threading
import weakref
from collections import deque
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


class _Turns:
    """A first-come, first-served turn to write, for the threads of this process.

    `take` waits for the turn at most `timeout` seconds; past that the writer goes on and
    waits for SQLite's lock as it would without turns (so a turn never given back, if one ever
    were, would cost a wait, never a hang). `give_back` hands the turn straight to the writer
    that has waited longest.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._taken = False
        self._waiting: deque[threading.Event] = deque()

    def take(self, timeout: float) -> bool:
        with self._lock:
            if not self._taken:
                self._taken = True
                return True
            turn = threading.Event()
            self._waiting.append(turn)
        if turn.wait(timeout):
            return True
        with self._lock:
            if turn.is_set():  # handed over just as the wait ended
                return True
            self._waiting.remove(turn)
            return False

    def give_back(self) -> None:
        with self._lock:
            if self._waiting:
                self._waiting.popleft().set()  # still taken: it passes to the next writer
            else:
                self._taken = False


TURN_KEY = "satja_write_turn"


# Each engine's turns: each SQLite database has its own lock.
_TURNS: weakref.WeakKeyDictionary[sa.Engine, _Turns] = weakref.WeakKeyDictionary()


def _turns(connection: sa.Connection) -> _Turns:
    return _TURNS[connection.engine]


def _begin(connection: sa.Connection) -> None:
    if reading_only():
        connection.exec_driver_sql("BEGIN")
        return
    if _turns(connection).take(BUSY_TIMEOUT_MS / 1000):
        connection.info[TURN_KEY] = True
    try:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    except BaseException:
        _end(connection)
        raise


def _end(connection: sa.Connection) -> None:
    """Give the turn back when the writer's transaction ends (commit or rollback)."""
    if connection.info.pop(TURN_KEY, False):
        _turns(connection).give_back()


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
        turns = _TURNS[db.engine] = _Turns()

        def checked_in(_dbapi_connection: Any, record: Any) -> None:
            if record.info.pop(TURN_KEY, False):  # a connection closed mid-transaction
                turns.give_back()

        sa.event.listen(db.engine, "begin", _begin)
        sa.event.listen(db.engine, "commit", _end)
        sa.event.listen(db.engine, "rollback", _end)
        sa.event.listen(db.engine.pool, "checkin", checked_in)
    # On the Session class: the tests bind sessions of their own to each test's transaction.
    if not sa.event.contains(sa.orm.Session, "before_flush", _refuse_hidden_write):
        sa.event.listen(sa.orm.Session, "before_flush", _refuse_hidden_write)
