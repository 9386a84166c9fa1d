"""Small helpers for building queries from what users type."""

from __future__ import annotations

import sqlalchemy as sa

LIKE_ESCAPE = "\\"


def like_literal(text: str) -> str:
    """Escape LIKE's wildcards (%, _) and the escape character so the text matches itself."""
    return (
        text.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2)
        .replace("%", LIKE_ESCAPE + "%")
        .replace("_", LIKE_ESCAPE + "_")
    )


def contains(text: str) -> str:
    """Return the LIKE pattern for "contains this text" (use with escape=LIKE_ESCAPE).

    NUL cannot be in stored text (PostgreSQL refuses it in a query): it is left out.
    """
    return f"%{like_literal(text.replace(chr(0), ''))}%"


def ids_of(query: sa.Select, model) -> sa.Select:
    """Return the ids of what a list query selects, unordered (to search within the list)."""
    return query.with_only_columns(model.id).order_by(None)
