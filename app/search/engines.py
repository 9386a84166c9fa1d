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
FTS = sa.table("search_fts", sa.column("rowid", sa.Integer))
# PostgreSQL keeps at most 256 positions of a lexeme, each at most 16383.
PG_MAX_POSITION = 16383
PG_MAX_POSITIONS = 256


class Engine:
    """What the search service needs of a full-text engine."""

    name = ""

    def stored_terms(
        self, terms: Sequence[str], claimant: Sequence[str], fine: Sequence[str]
    ) -> dict[str, str | None]:
        """Return the term columns of a document: its terms, its claimant's, and its terms
        with compounds split (`fine`, empty when no term splits)."""
        raise NotImplementedError

    def insert(self) -> sa.Insert:
        """Return the INSERT of search documents (executed with a list of rows)."""
        return sa.insert(DOCS)

    def matching(
        self,
        query: sa.Select,
        include: Sequence[Phrase],
        exclude: Sequence[Phrase],
        ranked: bool = False,
        floor: int | None = None,
    ):
        """Return (query restricted to documents matching the phrases, rank expression);
        `ranked` asks for the rank (a page of results), else it may be skipped (counting);
        `floor` keeps only documents with that id or a higher one (the newest)."""
        raise NotImplementedError

    def newest(self, query: sa.Select, include, exclude, limit: int) -> sa.Select:
        """Return the ids of the newest `limit` documents of `query` that match."""
        matched, _ = self.matching(query, include, exclude)
        return matched.order_by(DOCS.c.id.desc()).limit(limit)


class SqliteEngine(Engine):
    """FTS5 over `search_documents.terms` (external content), ranked by BM25."""

    name = "sqlite"

    def stored_terms(self, terms, claimant, fine):
        return {
            "terms": " ".join(terms),
            "claimant_terms": " ".join(claimant) or None,
            "fine_terms": " ".join(fine) or None,
        }

    @staticmethod
    def _phrase(phrase: Phrase) -> str:
        text = '"' + " ".join(phrase.terms) + '"' + ("*" if phrase.prefix else "")
        if phrase.field == "claimant":
            return f"claimant_terms : {text}"
        # Any column: a document's fine terms equal its terms unless a compound splits.
        return f'({text} OR "{" ".join(phrase.fine)}")' if phrase.fine else text

    def _expression(self, phrases: Sequence[Phrase], joiner: str) -> str:
        return "(" + f" {joiner} ".join(self._phrase(p) for p in phrases) + ")"

    def _match(self, expression: str, name: str, floor: int | None = None) -> list:
        condition = sa.text(f"search_fts MATCH :{name}").bindparams(**{name: expression})
        # FTS5 seeks to a rowid in its postings: the newest documents cost only themselves.
        return [condition, *([FTS.c.rowid >= floor] if floor is not None else [])]

    def _matched(self, include, exclude) -> str:
        expression = self._expression(include, "AND")
        if exclude:
            expression += " NOT " + self._expression(exclude, "OR")
        return expression

    def matching(self, query, include, exclude, ranked=False, floor=None):
        if floor is not None:
            query = query.where(DOCS.c.id >= floor)
        if not include:
            if exclude:
                excluded = sa.select(FTS.c.rowid).where(
                    *self._match(self._expression(exclude, "OR"), "fts_not", floor)
                )
                query = query.where(DOCS.c.id.not_in(excluded))
            return query, sa.literal(0.0)
        condition = self._match(self._matched(include, exclude), "fts_match", floor)
        if not ranked:  # counting needs no bm25() for every match
            return query.where(DOCS.c.id.in_(sa.select(FTS.c.rowid).where(*condition))), None
        matched = (
            sa.select(
                FTS.c.rowid.label("doc_id"),
                sa.literal_column("bm25(search_fts, 1.0, 2.0, 0.5)").label("rank"),
            )
            .where(*condition)
            .subquery("matched")
        )
        query = query.join(matched, matched.c.doc_id == DOCS.c.id)
        # bm25() is lower for better matches; the score is higher for better ones.
        return query, -matched.c.rank

    def newest(self, query, include, exclude, limit):
        if not include:
            return super().newest(query, include, exclude, limit)
        # Walk the postings newest first (FTS5 gives rowids in descending order), so the
        # search stops after `limit` matches however many documents match.
        condition = self._match(self._matched(include, exclude), "fts_newest")
        return (
            query.join_from(DOCS, FTS, FTS.c.rowid == DOCS.c.id)
            .where(*condition)
            .order_by(FTS.c.rowid.desc())
            .limit(limit)
        )


class PostgresEngine(Engine):
    """A GIN-indexed tsvector of the terms (claimant terms weighted A), ranked by ts_rank_cd."""

    name = "postgresql"

    def stored_terms(self, terms, claimant, fine):
        # Terms weighted B, the claimant's A, split compounds D, each run at positions of its own.
        positions: dict[str, list[str]] = defaultdict(list)
        start = 1
        for run, weight in ((terms, "B"), (claimant, "A"), (fine, "")):
            for number, term in enumerate(run, start):
                if len(positions[term]) < PG_MAX_POSITIONS:
                    positions[term].append(f"{min(number, PG_MAX_POSITION)}{weight}")
            start = min(start + len(run) + 10, PG_MAX_POSITION)
        literal = " ".join(f"'{term}':{','.join(at)}" for term, at in positions.items())
        return {"terms": literal, "claimant_terms": None, "fine_terms": None}

    def insert(self):
        return sa.insert(DOCS).values(terms=sa.cast(sa.bindparam("terms"), TSVECTOR))

    @staticmethod
    def _sequence(terms: Sequence[str], weight: str, prefix: bool) -> str:
        last = len(terms) - 1
        parts = []
        for index, term in enumerate(terms):
            marks = ("*" if prefix and index == last else "") + weight
            parts.append(f"'{term}'" + (f":{marks}" if marks else ""))
        return "(" + " <-> ".join(parts) + ")"

    def _phrase(self, phrase: Phrase) -> str:
        if phrase.field == "claimant":
            return self._sequence(phrase.terms, "A", phrase.prefix)
        text = self._sequence(phrase.terms, "", phrase.prefix)
        return f"({text} | {self._sequence(phrase.fine, '', False)})" if phrase.fine else text

    def matching(self, query, include, exclude, ranked=False, floor=None):
        if floor is not None:
            query = query.where(DOCS.c.id >= floor)
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
