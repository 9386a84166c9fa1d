"""Turn table rows into JSON values and back, the same way whatever the database."""

from __future__ import annotations

import base64
import enum
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa


def encode(value: Any) -> Any:
    """Return a JSON-ready form of a column value."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def decoder(column: sa.Column):
    """Return the function turning a JSON value back into what `column` takes."""
    python_type = _python_type(column.type)
    if python_type is datetime:
        return lambda v: None if v is None else datetime.fromisoformat(v)
    if python_type is date:
        return lambda v: None if v is None else date.fromisoformat(v)
    if python_type is bytes:
        return lambda v: None if v is None else base64.b64decode(v)
    return lambda v: v


def _python_type(column_type: sa.types.TypeEngine) -> type | None:
    if isinstance(column_type, sa.types.TypeDecorator):
        column_type = column_type.impl_instance
    if isinstance(column_type, sa.Enum | sa.JSON):
        return None
    try:
        return column_type.python_type
    except NotImplementedError:
        return None
