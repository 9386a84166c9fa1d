"""The last-admin guard holds when two admins demote or deactivate each other at once."""

import threading
import uuid

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.extensions import db
from app.models import AuditEvent, Role, User
from app.services import accounts, audit
from app.services.actors import SYSTEM
from app.services.errors import Conflict, NotAllowed
from tests.factories import make_user

DEADLINE = 20  # seconds: only reached if the database never answers


def test_an_admin_demoted_meanwhile_can_no_longer_demote(db_session):
    first, second, third = (make_user(db_session, "admin") for _ in range(3))
    # Another transaction demoted `second` after its request loaded it as an admin.
    db_session.execute(sa.update(User).where(User.id == second.id).values(role=Role.EDITOR))
    with pytest.raises(NotAllowed):
        accounts.set_role(db_session, second, third.id, Role.EDITOR)
    assert db_session.get(User, third.id).role == Role.ADMIN
    assert first.role == Role.ADMIN


def _create_admins(engine) -> list[int]:
    with Session(engine) as session:
        ids = []
        for _ in range(2):
            new = accounts.NewUser(f"race-{uuid.uuid4().hex}@example.org", "race pass phrase 42")
            user = accounts.create_user(session, SYSTEM, new)
            user.role = Role.ADMIN
            ids.append(user.id)
        session.commit()
        return ids


def _active_admins(engine) -> int:
    with Session(engine) as session:
        query = sa.select(sa.func.count()).where(User.role == Role.ADMIN, User.active.is_(True))
        return session.scalar(query)


def _clean_up(engine, ids: list[int]) -> None:
    with Session(engine) as session:
        about = sa.and_(AuditEvent.object_type == "users", AuditEvent.object_id.in_(map(str, ids)))
        # The trail is append-only: a test's clean-up goes through the documented purge.
        with audit.purging(session):
            session.execute(sa.delete(AuditEvent).where(about | AuditEvent.actor_id.in_(ids)))
            session.execute(sa.delete(User).where(User.id.in_(ids)))
        session.commit()


def _changes_audited(engine, ids: list[int]) -> int:
    """Count the role and activity changes recorded on these users."""
    with Session(engine) as session:
        query = sa.select(sa.func.count()).where(
            AuditEvent.object_type == "users",
            AuditEvent.object_id.in_(map(str, ids)),
            AuditEvent.action.in_(("user.set_role", "user.deactivate")),
        )
        return session.scalar(query)


def _waiting_on_a_lock(engine) -> bool:
    with engine.connect() as connection:
        query = "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
        return connection.exec_driver_sql(query).scalar() > 0


def _change(app, engine, operation, actor_id, target_id, done, may_commit, results):
    with app.app_context(), Session(engine) as session:
        try:
            operation(session, session.get(User, actor_id), target_id)
        except (Conflict, NotAllowed) as error:
            session.rollback()
            results[actor_id] = type(error).__name__
            return
        finally:
            done.set()
        assert may_commit.wait(DEADLINE)
        session.commit()
        results[actor_id] = "changed"


OPERATIONS = {
    "demote": lambda s, actor, target: accounts.set_role(s, actor, target, Role.EDITOR),
    "deactivate": lambda s, actor, target: accounts.set_active(s, actor, target, False),
}


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_two_admins_at_once_leave_one_active_admin(app, database_url, name):
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite serialises writers, and this test's own transaction holds the lock")
    engine, operation = db.engine, OPERATIONS[name]
    assert _active_admins(engine) == 0, "the test database must hold no committed admin"
    first, second = _create_admins(engine)
    try:
        first_done, second_done = threading.Event(), threading.Event()
        may_commit, at_once = threading.Event(), threading.Event()
        at_once.set()  # the second commits as soon as its change is made
        results: dict[int, str] = {}
        threads = [
            threading.Thread(
                target=_change,
                args=(app, engine, operation, first, second, first_done, may_commit, results),
            ),
            threading.Thread(
                target=_change,
                args=(app, engine, operation, second, first, second_done, at_once, results),
            ),
        ]
        threads[0].start()
        assert first_done.wait(DEADLINE)  # the first change is made, not yet committed
        threads[1].start()
        # Commit the first once the second has either read the admins too or waits for them.
        for _ in range(DEADLINE * 100):
            if second_done.wait(0.01) or _waiting_on_a_lock(engine):
                break
        may_commit.set()
        for thread in threads:
            thread.join(DEADLINE)
        assert sorted(results.values()) == ["Conflict", "changed"], results
        assert _active_admins(engine) == 1
        assert _changes_audited(engine, [first, second]) == 1  # the winner's change, once
    finally:
        may_commit.set()
        _clean_up(engine, [first, second])
