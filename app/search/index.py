"""Keep the search index in step with every write, in the same transaction, and rebuild it.

A flush that touches a claim, appearance, source, verdict or article marks what it touched;
before the transaction commits (and before any search in it), the marked documents are built
again from the database. Marks outlive a rollback on purpose: rebuilding a document from what
the database holds is always right, forgetting one that changed is not.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session, scoped_session

from app.models import Appearance, Article, Claim, KnownFactCheck, Rating, Source, Verdict
from app.models.search import SearchDocument
from app.search.documents import (
    article_documents,
    batches,
    claim_documents,
    fact_check_documents,
)
from app.search.engines import DOCS, engine_for

PENDING = "search_pending"
BATCH = 500


def _pending(session: Session) -> dict[str, set[int]]:
    return session.info.setdefault(
        PENDING, {"claims": set(), "articles": set(), "ratings": set(), "fact_checks": set()}
    )


def _claim_ids_of(obj) -> Iterable[int]:
    """Return the claims whose documents change with this object (old owners included)."""
    if isinstance(obj, Claim):
        return [obj.id]
    state = sa.inspect(obj)
    history = state.attrs.claim_id.history
    return [i for i in (*history.deleted, obj.claim_id) if i is not None]


def _mark(session: Session, flush_context) -> None:
    pending = _pending(session)
    changed = [o for o in session.dirty if session.is_modified(o, include_collections=False)]
    for obj in (*session.new, *changed, *session.deleted):
        if isinstance(obj, Article):
            pending["articles"].add(obj.id)
        elif isinstance(obj, KnownFactCheck):
            pending["fact_checks"].add(obj.id)
        elif isinstance(obj, Claim | Appearance | Source | Verdict):
            pending["claims"].update(_claim_ids_of(obj))
        elif isinstance(obj, Rating) and sa.inspect(obj).attrs.key.history.has_changes():
            pending["ratings"].add(obj.id)  # documents hold rating keys


def mark_claims(session: Session, claim_ids: Iterable[int]) -> None:
    """Mark claims changed by a Core UPDATE (which flush events do not see) for rebuilding."""
    _pending(session)["claims"].update(claim_ids)


def _on_commit(session: Session) -> None:
    # A savepoint's commit leaves the work to the transaction around it, which commits last.
    if not _in_savepoint(session):
        apply_pending(session)


def _in_savepoint(session) -> bool:
    real = session() if isinstance(session, scoped_session) else session
    return real.in_nested_transaction()


def apply_pending(session: Session) -> None:
    """Rebuild the documents of everything changed in this transaction so far.

    Inside a savepoint the marks are kept (and the documents built again at the outer
    commit): were the savepoint rolled back, its rebuilt documents would go with it.
    """
    if not session.info.get(PENDING):
        return
    session.flush()
    pending = _pending(session)
    if not _in_savepoint(session):
        session.info.pop(PENDING)
    claims = set(pending["claims"])
    if pending["ratings"]:
        claims.update(
            session.scalars(
                sa.select(Verdict.claim_id).where(Verdict.rating_id.in_(pending["ratings"]))
            )
        )
    if claims or pending["articles"] or pending["fact_checks"]:
        refresh(
            session, sorted(claims), sorted(pending["articles"]), sorted(pending["fact_checks"])
        )


def refresh(
    session: Session, claim_ids: list[int], article_ids: list[int], fact_check_ids=()
) -> None:
    """Replace the documents of these claims (with sources and verdicts), articles and known
    fact-checks."""
    engine = engine_for(session.get_bind().dialect.name)
    for batch in batches(claim_ids, BATCH):
        session.execute(sa.delete(DOCS).where(DOCS.c.claim_id.in_(batch)))
        _write(session, engine, claim_documents(session, engine, batch))
    for batch in batches(article_ids, BATCH):
        session.execute(
            sa.delete(DOCS).where(DOCS.c.kind == "article", DOCS.c.object_id.in_(batch))
        )
        _write(session, engine, article_documents(session, engine, batch))
    for batch in batches(fact_check_ids, BATCH):
        session.execute(
            sa.delete(DOCS).where(DOCS.c.kind == "fact_check", DOCS.c.object_id.in_(batch))
        )
        _write(session, engine, fact_check_documents(session, engine, batch))


def _write(session: Session, engine, documents: list[dict]) -> None:
    if documents:
        session.execute(engine.insert(), documents)


def reindex(session: Session, progress: Callable[[int], None] | None = None) -> int:
    """Build the whole index again from the stored objects; return the documents written.

    `progress` is called with the number of claims and articles done after each batch.
    """
    session.execute(sa.delete(DOCS))
    # Oldest first, claims and articles together: document ids then follow the order things
    # were stored in, as they do when the index is kept in step (the newest have the highest).
    stored = sa.union_all(
        sa.select(Claim.created_at.label("at"), sa.literal(0).label("kind"), Claim.id),
        sa.select(Article.ingested_at, sa.literal(1), Article.id),
        sa.select(KnownFactCheck.imported_at, sa.literal(2), KnownFactCheck.id),
    ).subquery()
    everything = session.execute(sa.select(stored.c.kind, stored.c.id).order_by(*stored.c)).all()
    for batch in batches(everything, BATCH):
        claims = [i for kind, i in batch if kind == 0]
        refresh(
            session,
            claims,
            [i for kind, i in batch if kind == 1],
            [i for kind, i in batch if kind == 2],
        )
        if progress:
            progress(len(batch))
    if session.get_bind().dialect.name == "sqlite":
        session.execute(sa.text("INSERT INTO search_fts(search_fts) VALUES ('optimize')"))
    return session.scalar(sa.select(sa.func.count()).select_from(SearchDocument)) or 0


def to_index(session: Session) -> int:
    """Return how many claims, articles and known fact-checks a rebuild goes through."""
    return sum(
        session.scalar(sa.select(sa.func.count()).select_from(model)) or 0
        for model in (Claim, Article, KnownFactCheck)
    )


def install() -> None:
    """Listen to every session's flushes and transactions (once per process)."""
    if not event.contains(Session, "after_flush", _mark):
        event.listen(Session, "after_flush", _mark)
        event.listen(Session, "before_commit", _on_commit)
