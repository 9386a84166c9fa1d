"""Write and read the audit trail."""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import AuditEvent, Role
from app.services.actors import Actor
from app.services.permissions import require_role


def _jsonable(value: Any) -> Any:
    """Return a JSON-ready form of a column value."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def snapshot(obj: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    """Return the named attributes of a model as a JSON-ready dict."""
    return {name: _jsonable(getattr(obj, name)) for name in fields}


# An event stores what changed, plus the few fields that let it read on its own even when they
# did not change (kept in both `before` and `after`, so they never read as a change): what the
# claim page's history names (a source's title, a verdict's conclusion, why a claim was
# dismissed), where a moved appearance is, and to whom a claim was assigned.
CONTEXT = {
    "claims": ("dismiss_reason",),
    "sources": ("title",),
    "verdicts": ("conclusion",),
    "appearances": ("article_id", "start", "end"),
}
ACTION_CONTEXT = {"claim.assign": ("assignee_id",)}
# Long texts a creation event names by their SHA-256 (as an article's body is): the row holds
# the text, and any later edit of it keeps the old and the new text.
BODIES = {"verdicts": ("explanation",)}


def changes(
    before: dict[str, Any], after: dict[str, Any], keep: tuple[str, ...] = ()
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return the fields whose value changed, before and after, plus the `keep` fields set."""
    changed = [k for k in dict.fromkeys([*before, *after]) if before.get(k) != after.get(k)]
    kept = [k for k in keep if k not in changed and after.get(k) is not None]
    fields = [*changed, *kept]
    return (
        {k: before[k] for k in fields if k in before},
        {k: after[k] for k in fields if k in after},
    )


def created(object_type: str, after: dict[str, Any]) -> dict[str, Any]:
    """Return what a creation event keeps: the fields set, long texts by their SHA-256."""
    bodies = BODIES.get(object_type, ())
    kept = {k: v for k, v in after.items() if v is not None and k not in bodies}
    for name in bodies:
        if after.get(name):
            kept[f"{name}_sha256"] = hashlib.sha256(after[name].encode("utf-8")).hexdigest()
    return kept


def record(
    session: Session,
    actor: Actor | None,
    action: str,
    obj: Any,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    flush: bool = True,
) -> AuditEvent:
    """Add an audit event for `obj` to the session (same transaction as the change); with
    flush=False it is written with the session's next flush (many events, one INSERT).

    Given both states (whole snapshots), it stores only what changed and its context (CONTEXT);
    given only `after`, what was created, without empty fields."""
    if getattr(obj, "id", None) is None:
        session.flush()
    object_type = obj.__tablename__
    if before is not None and after is not None:
        keep = CONTEXT.get(object_type, ()) + ACTION_CONTEXT.get(action, ())
        before, after = changes(before, after, keep)
    elif after is not None:
        after = created(object_type, after)
    event = AuditEvent(
        actor_id=getattr(actor, "id", None),
        action=action,
        object_type=object_type,
        object_id=str(obj.id),
        before=before,
        after=after,
    )
    session.add(event)
    if flush:
        session.flush()
    return event


def record_event(
    session: Session,
    actor: Actor | None,
    action: str,
    object_type: str,
    object_id: int | str | None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    """Add an audit event about something that may not be a loaded row (a failed sign-in)."""
    event = AuditEvent(
        actor_id=getattr(actor, "id", None),
        action=action,
        object_type=object_type,
        object_id=None if object_id is None else str(object_id),
        after=after,
    )
    session.add(event)
    session.flush()
    return event


@dataclass(frozen=True)
class AuditFilter:
    """What to show of the audit trail; every field is optional."""

    actor_id: int | None = None
    system_only: bool = False
    action: str | None = None
    object_type: str | None = None
    object_id: str | None = None
    since: datetime | None = None
    until: datetime | None = None


def audit_query(actor: Actor, filters: AuditFilter) -> sa.Select[tuple[AuditEvent]]:
    """Return the query of audit events matching `filters`, newest first (admins only)."""
    require_role(actor, Role.ADMIN)
    query = sa.select(AuditEvent).order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
    conditions = (
        (AuditEvent.actor_id, filters.actor_id),
        (AuditEvent.action, filters.action),
        (AuditEvent.object_type, filters.object_type),
        (AuditEvent.object_id, filters.object_id),
    )
    for column, value in conditions:
        if value is not None:
            query = query.where(column == value)
    if filters.system_only:
        query = query.where(AuditEvent.actor_id.is_(None))
    if filters.since is not None:
        query = query.where(AuditEvent.created_at >= filters.since)
    if filters.until is not None:
        query = query.where(AuditEvent.created_at < filters.until)
    return query


def audit_actions(session: Session) -> list[str]:
    """Return every action name that occurs in the trail, for the filter menu."""
    return list(
        session.scalars(sa.select(AuditEvent.action).distinct().order_by(AuditEvent.action))
    )


# The SQLite triggers of migration b5d886e6e046, put back by `purging()` (SQLite has no setting a
# trigger could read).
_SQLITE_GUARDS = {
    f"audit_events_no_{verb.lower()}": (
        f"CREATE TRIGGER audit_events_no_{verb.lower()} BEFORE {verb} ON audit_events "
        f"BEGIN SELECT RAISE(ABORT, 'audit events are append-only ({verb} refused)'); END"
    )
    for verb in ("UPDATE", "DELETE")
}


@contextmanager
def purging(session: Session) -> Iterator[None]:
    """Let this transaction update or delete audit events (test clean-ups, a retention purge).

    The trail is append-only: a trigger refuses both. On PostgreSQL this sets
    `satja.allow_audit_purge` for the current transaction only (`SET LOCAL`); on SQLite it drops
    the triggers and creates them again inside the transaction. Nothing in the app calls it.
    """
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        session.execute(sa.text("SET LOCAL satja.allow_audit_purge = 'on'"))
    elif dialect == "sqlite":
        for name in _SQLITE_GUARDS:
            session.execute(sa.text(f"DROP TRIGGER IF EXISTS {name}"))
    yield  # on an error the caller rolls back, which undoes the opening as well
    session.flush()
    if dialect == "postgresql":
        session.execute(sa.text("SET LOCAL satja.allow_audit_purge = 'off'"))
    elif dialect == "sqlite":
        for statement in _SQLITE_GUARDS.values():
            session.execute(sa.text(statement))
