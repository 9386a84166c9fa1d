"""One set of length limits for every edge: the models' columns, checked before each flush.

A `String(n)` column allows n characters; a `Text` column may name its limit with
`info={"max_length": n}` (the forms use the same number through `column_limit`). A value over
its limit, or holding a NUL or an unpaired surrogate, raises InvalidInput naming the field
before anything is written, so PostgreSQL never answers with a DataError and SQLite never
stores what PostgreSQL would refuse.
"""

from __future__ import annotations

from functools import cache

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy import event
from sqlalchemy.orm import InstrumentedAttribute, Mapper, Session

from app.inputs.screen import forbidden_character
from app.services.errors import InvalidInput


def column_limit(attribute: InstrumentedAttribute) -> int:
    """Return the most characters a model attribute's column takes (for a form's Length)."""
    column = attribute.property.columns[0]
    limit = _limit(column)
    if limit is None:
        raise ValueError(f"{attribute} has no length limit")
    return limit


def check_length(field: str, value: str | None, limit: int) -> None:
    """Raise InvalidInput naming `field` when the value is longer than `limit` characters."""
    if value is not None and len(value) > limit:
        raise InvalidInput(
            _l("%(field)s is too long: at most %(n)d characters.", field=field, n=limit),
            field=field,
        )


def _limit(column: sa.Column) -> int | None:
    return column.info.get("max_length") or getattr(column.type, "length", None)


@cache
def _text_columns(mapper: Mapper) -> tuple[tuple[str, int | None], ...]:
    """Return (attribute key, limit) of each text column of a mapped class."""
    return tuple(
        (prop.key, _limit(prop.columns[0]))
        for prop in mapper.column_attrs
        if isinstance(prop.columns[0].type, sa.String)
        and not isinstance(prop.columns[0].type, sa.Enum)
    )


def check_object(obj: object, changed_only: bool = False) -> None:
    """Raise InvalidInput when a text attribute of a model object is too long or holds NUL.

    With `changed_only`, only the attributes changed since loading are checked (a stored
    value is not refused again because some other attribute of its row changed).
    """
    state = sa.inspect(obj)
    for key, limit in _text_columns(state.mapper):
        if changed_only and key not in state.committed_state:
            continue
        value = state.dict.get(key)
        if not isinstance(value, str):
            continue
        if limit is not None:
            check_length(key, value, limit)
        if forbidden_character(value):
            raise InvalidInput(
                _l(
                    "%(field)s contains a character no text may hold (NUL or a lone surrogate).",
                    field=key,
                ),
                field=key,
            )


def _before_flush(session: Session, _context, _instances) -> None:
    for obj in session.new:
        check_object(obj)
    for obj in session.dirty:
        check_object(obj, changed_only=True)


def install() -> None:
    """Check every session's new and changed objects before they are flushed (once)."""
    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush)
