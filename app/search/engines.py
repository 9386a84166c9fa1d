"""The two full-text engines behind one interface: SQLite FTS5 and PostgreSQL tsvector.

Both receive terms already analysed by `analyzer.py`, so they agree on what a word is; each
only stores the terms and evaluates phrases, AND and NOT over them, and ranks the matches.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from contextlib import contextmanager

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import TSQUERY, TSVECTOR

from app.models.search import SearchDocument
from app.search.query import Phrase

DOCS = SearchDocument.__table__
FTS = sa.table("search_fts", sa.column("rowid", sa.Integer))
# PostgreSQL keeps at most 256 positions of a lexeme, each at most 16383.
PG_MAX_POSITION = 16383
PG_MAX_POSITIONS = 256
PG_FIRST_SPAN = 8  # times the limit: how many of the newest ids the first look covers


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

    def matching(self, query: sa.Select, include: Sequence[Phrase], exclude: Sequence[Phrase]):
        """Return the query restricted to the documents that match the phrases."""
        raise NotImplementedError

    def ranking(self, include, exclude, window: list[int]):
        """Return (the documents of the window, their rank): the window holds the ids of the
        newest matches (`newest`), every one of them matching."""
        documents = sa.select(DOCS.c.id).where(DOCS.c.id.in_(window))
        if not include:
            return documents, sa.literal(0.0)
        return self._ranked(documents, include, exclude, window)

    def _ranked(self, documents: sa.Select, include, exclude, window: list[int]):
        raise NotImplementedError

    @contextmanager
    def tuned(self, session):
        """Run the search's queries with the engine's own settings (none by default)."""
        yield

    def newest(self, session, query: sa.Select, include, exclude, limit: int) -> list[int]:
        """Return the ids of the newest `limit` documents of `query` that match, newest first."""
        matched = self.matching(query, include, exclude)
        return list(session.scalars(matched.order_by(DOCS.c.id.desc()).limit(limit)))

    def postings(
        self,
        session,
        groups: Sequence[tuple[str, ...]],
        kinds: Sequence[str],
        most: int,
        common_too: bool = False,
    ) -> dict[tuple[str, ...], list[int] | None]:
        """Return, for each group of terms, the ids of the documents that hold them all, or
        None when more than `most` do (a common group), in one query.

        Each group's lookup stops after `most` + 1 postings, and a common group answers one row
        only, so the cost is bounded however large the index. Plain SQL through the driver:
        this runs for every new claim, and compiling a union of two dozen selects or making an
        object of each id would cost more than the lookup itself. The ids may be of other kinds
        (SQLite's postings are not filtered, `postings_filtered`): the caller checks the few
        it keeps.
        """
        if not groups:
            return {}
        params: dict[str, object] = (
            {"limit": most} if common_too else {"most": most, "limit": most + 1}
        )
        kind_names = []
        filtered = self.postings_filtered or common_too
        if filtered:
            for number, kind in enumerate(kinds):
                params[f"k{number}"] = kind
                kind_names.append(f":k{number}")
        parts = []
        for index, group in enumerate(groups):
            params[f"t{index}"] = self._posting_term(group)
            inner = self._posting_sql(index, ", ".join(kind_names), newest=common_too)
            if common_too:  # SQLite: the newest of them (a repeated claim is most often recent)
                parts.append(f"SELECT {index} AS g, id FROM ({inner}) AS p{index}")
                continue
            parts.append(
                f"SELECT {index} AS g, CASE WHEN n > :most THEN -1 ELSE id END AS id FROM "
                f"(SELECT id, count(*) OVER () AS n, row_number() OVER () AS r FROM ({inner}) "
                f"AS p{index}) AS q{index} WHERE n <= :most OR r = 1"
            )
        found: dict[tuple[str, ...], list[int] | None] = {group: [] for group in groups}
        for index, doc_id in session.execute(sa.text(" UNION ALL ".join(parts)), params):
            ids = found[groups[index]]
            if doc_id == -1:
                found[groups[index]] = None
            elif ids is not None:
                ids.append(doc_id)
        return found

    # Whether postings are already only of the kinds asked for (else the caller checks).
    postings_filtered = True

    @staticmethod
    def _posting_term(group: tuple[str, ...]) -> str:
        raise NotImplementedError

    def _posting_sql(self, index: int, kinds: str, newest: bool) -> str:
        """Return the SELECT of one group's postings (ids as `id`); `newest`: documents of these
        kinds only, the newest first where the engine does that cheaply (the kinds are bound
        parameters, named in `kinds`)."""
        raise NotImplementedError


class SqliteEngine(Engine):
    """FTS5 over `search_documents.terms` (external content), ranked by BM25."""

    name = "sqlite"
    postings_filtered = False

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
        return [condition, *([FTS.c.rowid >= floor] if floor is not None else [])]

    def _matched(self, include, exclude) -> str:
        expression = self._expression(include, "AND")
        if exclude:
            expression += " NOT " + self._expression(exclude, "OR")
        return expression

    def matching(self, query, include, exclude):
        if include:
            condition = self._match(self._matched(include, exclude), "fts_match")
            return query.where(DOCS.c.id.in_(sa.select(FTS.c.rowid).where(*condition)))
        if exclude:
            condition = self._match(self._expression(exclude, "OR"), "fts_not")
            query = query.where(DOCS.c.id.not_in(sa.select(FTS.c.rowid).where(*condition)))
        return query

    def _ranked(self, documents, include, exclude, window):
        # bm25() exists only in a query on the FTS5 table itself; its rows from the oldest of
        # the window on are the window's (FTS5 seeks there in its postings).
        condition = self._match(self._matched(include, exclude), "fts_match", min(window))
        matched = (
            sa.select(
                FTS.c.rowid.label("doc_id"),
                sa.literal_column("bm25(search_fts, 1.0, 2.0, 0.5)").label("rank"),
            )
            .where(*condition)
            .subquery("matched")
        )
        # bm25() is lower for better matches; the score is higher for better ones.
        return documents.join(matched, matched.c.doc_id == DOCS.c.id), -matched.c.rank

    def newest(self, session, query, include, exclude, limit):
        if not include:
            return super().newest(session, query, include, exclude, limit)
        # Walk the postings newest first (FTS5 gives rowids in descending order), so the
        # search stops after `limit` matches however many documents match.
        condition = self._match(self._matched(include, exclude), "fts_newest")
        walk = (
            query.join_from(DOCS, FTS, FTS.c.rowid == DOCS.c.id)
            .where(*condition)
            .order_by(FTS.c.rowid.desc())
            .limit(limit)
        )
        return list(session.scalars(walk))

    @staticmethod
    def _posting_term(group):
        # Either column: a compound's parts are in fine_terms only.
        return "{terms fine_terms} : (" + " AND ".join(f'"{t}"' for t in group) + ")"

    def _posting_sql(self, index, kinds, newest):
        if not newest:
            # The postings alone, not the documents' rows: the caller checks the few it keeps.
            return (
                f"SELECT rowid AS id FROM search_fts WHERE search_fts MATCH :t{index} LIMIT :limit"
            )
        return (
            f"SELECT d.id FROM search_fts JOIN search_documents d ON d.id = search_fts.rowid "
            f"WHERE search_fts MATCH :t{index} AND d.kind IN ({kinds}) "
            "AND (d.status IS NULL OR d.status != 'merged') ORDER BY search_fts.rowid DESC "
            "LIMIT :limit"
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

    def _tsquery(self, include, exclude) -> str:
        parts = [self._phrase(p) for p in include]
        parts += [f"!{self._phrase(p)}" for p in exclude]
        return " & ".join(parts)

    def _cast(self, include, exclude):
        return sa.cast(sa.literal(self._tsquery(include, exclude)), TSQUERY)

    def matching(self, query, include, exclude):
        if not (include or exclude):
            return query
        return query.where(DOCS.c.terms.op("@@")(self._cast(include, exclude)))

    def _ranked(self, documents, include, exclude, window):
        # The window's rows are read by their ids; only ranking needs their tsvectors.
        return documents, sa.func.ts_rank_cd(DOCS.c.terms, self._cast(include, exclude), 1)

    @contextmanager
    def tuned(self, session):
        """Plan the search's queries as bitmaps of the GIN and primary-key indexes, without JIT.

        Walking the primary key (an index scan) checks every row's tsvector in turn, far slower
        than the GIN index's bitmap for a word in a few percent of the documents, a cost the
        planner misjudges; JIT compiling pays only for long analytic queries. Both are set for
        the search alone (set_config(..., true) lasts at most to the end of the transaction).
        """
        settings = {"enable_indexscan": "off", "jit": "off"}
        before = {name: session.scalar(sa.text(f"SHOW {name}")) for name in settings}
        for name, value in settings.items():
            _set(session, name, value)
        try:
            yield
        finally:
            for name, value in before.items():
                _set(session, name, value)

    def newest(self, session, query, include, exclude, limit):
        """Return the newest matches, looking at a range of the newest ids, then a wider one.

        The GIN index gives every match of a term at once, unordered; intersected with a range of
        the primary key (a BitmapAnd) only the matches in that range are read from the table. The
        first range tells how dense the matches are, and the second is sized from that, so a
        common word is done after one or two looks and a rare one reads its few matches.
        """
        matched = self.matching(query, include, exclude)
        # The newest id, read from the end of the primary key (an index scan, for once).
        _set(session, "enable_indexscan", "on")
        top = session.scalar(sa.select(sa.func.max(DOCS.c.id))) or 0
        _set(session, "enable_indexscan", "off")
        span = PG_FIRST_SPAN * limit
        while True:
            ranged = matched.where(DOCS.c.id > top - span) if span < top else matched
            found = list(session.scalars(ranged.order_by(DOCS.c.id.desc()).limit(limit)))
            if len(found) >= limit or span >= top:
                return found
            # Matches seen so far say how wide a range holds `limit` of them (with a margin).
            span = int(span * max(2.0, 1.5 * limit / max(len(found), 1)))

    @staticmethod
    def _posting_term(group):
        return " & ".join(f"'{t}'" for t in group)

    def _posting_sql(self, index, kinds, newest):
        # Not ORDER BY id DESC even for `newest`: the planner walks the primary key backwards
        # and reads every tsvector on the way (0.8 s for a common pair at 1M documents); the
        # first the GIN index gives serve as well.
        return (
            f"SELECT id FROM search_documents WHERE terms @@ CAST(:t{index} AS tsquery) "
            f"AND kind IN ({kinds}) AND (status IS NULL OR status <> 'merged') LIMIT :limit"
        )


def _set(session, name: str, value: str) -> None:
    """Set a PostgreSQL setting until the end of the transaction (or until set again)."""
    session.execute(sa.text("SELECT set_config(:n, :v, true)"), {"n": name, "v": value})


def engine_for(dialect_name: str) -> Engine:
    """Return the engine of a database dialect (SQLite or PostgreSQL)."""
    if dialect_name == "postgresql":
        return PostgresEngine()
    if dialect_name == "sqlite":
        return SqliteEngine()
    raise RuntimeError(f"search supports SQLite and PostgreSQL, not {dialect_name}")
