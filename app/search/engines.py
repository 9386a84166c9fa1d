"""The two full-text engines behind one interface: SQLite FTS5 and PostgreSQL tsvector.

Both receive terms already analysed by `analyzer.py`, so they agree on what a word is; each
only stores the terms and evaluates phrases, AND and NOT over them, and ranks the matches.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import TSQUERY, TSVECTOR

from app.models.search import SearchDocument
from app.search.query import Phrase

DOCS = SearchDocument.__table__
# PostgreSQL keeps at most 256 positions of a lexeme, each at most 16383.
PG_MAX_POSITION = 16383
PG_MAX_POSITIONS = 256


class Engine:
    """What the search service needs of a full-text engine."""

    name = ""

    def stored_terms(self, terms: Sequence[str], claimant: Sequence[str]) -> dict[str, str | None]:
        """Return the `terms` and `claimant_terms` column values of a document."""
        raise NotImplementedError

    def insert(self) -> sa.Insert:
        """Return the INSERT of search documents (executed with a list of rows)."""
        return sa.insert(DOCS)

    def matching(self, query: sa.Select, include: Sequence[Phrase], exclude: Sequence[Phrase]):
        """Return (query restricted to documents matching the phrases, rank expression)."""
        raise NotImplementedError


class SqliteEngine(Engine):
    """FTS5 over `search_documents.terms` (external content), ranked by BM25."""

    name = "sqlite"

    def stored_terms(self, terms, claimant):
        return {"terms": " ".join(terms), "claimant_terms": " ".join(claimant) or None}

    @staticmethod
    def _phrase(phrase: Phrase) -> str:
        text = '"' + " ".join(phrase.terms) + '"' + ("*" if phrase.prefix else "")
        return f"claimant_terms : {text}" if phrase.field == "claimant" else text

    def _expression(self, phrases: Sequence[Phrase], joiner: str) -> str:
        return "(" + f" {joiner} ".join(self._phrase(p) for p in phrases) + ")"

    def matching(self, query, include, exclude):
        if not include:
            if exclude:
                excluded = (
                    sa.select(sa.literal_column("rowid"))
                    .select_from(sa.table("search_fts"))
                    .where(
                        sa.text("search_fts MATCH :fts_not").bindparams(
                            fts_not=self._expression(exclude, "OR")
                        )
                    )
                )
                query = query.where(DOCS.c.id.not_in(excluded))
            return query, sa.literal(0.0)
        expression = self._expression(include, "AND")
        if exclude:
            expression += " NOT " + self._expression(exclude, "OR")
        matched = (
            sa.select(
                sa.literal_column("rowid").label("doc_id"),
                sa.literal_column("bm25(search_fts, 1.0, 2.0)").label("rank"),
            )
            .select_from(sa.table("search_fts"))
            .where(sa.text("search_fts MATCH :fts_match").bindparams(fts_match=expression))
            .subquery("matched")
        )
        query = query.join(matched, matched.c.doc_id == DOCS.c.id)
        # bm25() is lower for better matches; the score is higher for better ones.
        return query, -matched.c.rank


class PostgresEngine(Engine):
    """A GIN-indexed tsvector of the terms (claimant terms weighted A), ranked by ts_rank_cd."""

    name = "postgresql"

    def stored_terms(self, terms, claimant):
        positions: dict[str, list[str]] = defaultdict(list)
        for number, term in enumerate(terms, 1):
            if len(positions[term]) < PG_MAX_POSITIONS:
                positions[term].append(str(min(number, PG_MAX_POSITION)))
        start = min(len(terms) + 10, PG_MAX_POSITION)
        for number, term in enumerate(claimant, start):
            if len(positions[term]) < PG_MAX_POSITIONS:
                positions[term].append(f"{min(number, PG_MAX_POSITION)}A")
        literal = " ".join(f"'{term}':{','.join(at)}" for term, at in positions.items())
        return {"terms": literal, "claimant_terms": None}

    def insert(self):
        return sa.insert(DOCS).values(terms=sa.cast(sa.bindparam("terms"), TSVECTOR))

    @staticmethod
    def _phrase(phrase: Phrase) -> str:
        weight = "A" if phrase.field == "claimant" else ""
        last = len(phrase.terms) - 1
        parts = []
        for index, term in enumerate(phrase.terms):
            marks = ("*" if phrase.prefix and index == last else "") + weight
            parts.append(f"'{term}'" + (f":{marks}" if marks else ""))
        return "(" + " <-> ".join(parts) + ")"

    def matching(self, query, include, exclude):
        if not (include or exclude):
            return query, sa.literal(0.0)
        parts = [self._phrase(p) for p in include]
        parts += [f"!{self._phrase(p)}" for p in exclude]
        tsquery = sa.cast(sa.literal(" & ".join(parts)), TSQUERY)
        query = query.where(DOCS.c.terms.op("@@")(tsquery))
        if not include:
            return query, sa.literal(0.0)
        return query, sa.func.ts_rank_cd(DOCS.c.terms, tsquery, 1)


def engine_for(dialect_name: str) -> Engine:
    """Return the engine of a database dialect (SQLite or PostgreSQL)."""
    if dialect_name == "postgresql":
        return PostgresEngine()
    if dialect_name == "sqlite":
        return SqliteEngine()
    raise RuntimeError(f"search supports SQLite and PostgreSQL, not {dialect_name}")
