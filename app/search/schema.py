"""Names of the search index's engine-specific objects, which the models do not describe.

SQLite has the FTS5 table `search_fts` (and its shadow tables), PostgreSQL the GIN index of the
tsvector; both are created by the search migration. Schema comparisons skip them.
"""

from __future__ import annotations

FTS_TABLE = "search_fts"
ENGINE_INDEXES = frozenset({"ix_search_documents_terms"})


def include_name(name: str | None, type_: str, parent_names: dict) -> bool:
    """Tell Alembic's comparison whether a database object is one the models describe."""
    if type_ == "table":
        return not (name or "").startswith(FTS_TABLE)
    if type_ == "index":
        return name not in ENGINE_INDEXES
    return True
