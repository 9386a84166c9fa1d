"""Search: Thai-aware full-text search over claims, articles, sources and verdicts.

Owns the analyzer (pythainlp words, English stems), the query language, the index documents
and the two engines behind one interface (SQLite FTS5, PostgreSQL tsvector), keeping the index
in step with every write and rebuilding it. `docs/search.md` describes it.

    from app.search import search, Scope
    results = search(db.session, user, 'ปูติน "คาบสมุทรเกาหลี" status:published')
"""

from app.search.index import apply_pending, install, refresh, reindex
from app.search.service import KINDS, MAX_RESULTS, Hit, Results, Scope, search

__all__ = [
    "KINDS",
    "MAX_RESULTS",
    "Hit",
    "Results",
    "Scope",
    "apply_pending",
    "install",
    "refresh",
    "reindex",
    "search",
]
