"""Build the search documents of claims (with their sources and verdicts) and of articles.

Documents are read with plain Core queries in batches, so the same code serves a single edit
(kept in step at commit) and a rebuild of a million claims (`flask search reindex`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import (
    Appearance,
    Article,
    Claim,
    ClaimStatus,
    KnownFactCheck,
    Rating,
    Source,
    Verdict,
)
from app.models.verdict import VerdictState
from app.search.analyzer import fine_terms, terms
from app.search.engines import Engine

# Archived page text can be long; the part worth searching comes first.
SOURCE_SNAPSHOT_CHARS = 20_000


def _day(value: date | datetime | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def _outlet(name: str | None) -> dict[str, str | None]:
    name = (name or "").strip()[:200] or None
    return {"outlet": name, "outlet_key": name.casefold() if name else None}


def _document(engine: Engine, kind: str, object_id: int, text: str, said_by: str = "", **fields):
    row = {
        "kind": kind,
        "object_id": object_id,
        "claim_id": None,
        "status": None,
        "published": False,
        "rating": None,
        "outlet": None,
        "outlet_key": None,
        "language": None,
        "assignee_id": None,
        "claimant": None,
        "doc_date": None,
        **fields,
    }
    found = terms(text)
    fine = fine_terms(found)
    claimant = terms(said_by) if said_by else []
    row.update(engine.stored_terms(found, claimant, fine if fine != found else []))
    return row


def _appearances(session: Session, claim_ids: list[int]) -> tuple[dict[int, tuple], dict]:
    """Return, per claim, the outlet and published date of the article it was first found in,
    and the wordings of its appearances (a merged duplicate's wording moves with it)."""
    rows = session.execute(
        sa.select(Appearance.claim_id, Article.outlet, Article.published_on, Appearance.sentence)
        .join(Article, Article.id == Appearance.article_id)
        .where(Appearance.claim_id.in_(claim_ids))
        .order_by(Appearance.claim_id, Appearance.created_at.desc(), Appearance.id.desc())
    )
    first, wordings = {}, defaultdict(dict)
    for claim_id, outlet, published, sentence in rows:
        # Ordered newest first, so the oldest appearance is written last and kept.
        first[claim_id] = (outlet, published)
        wordings[claim_id][" ".join((sentence or "").split())] = True
    return first, wordings


def _verdicts(session: Session, claim_ids: list[int]) -> dict[int, list]:
    rows = session.execute(
        sa.select(
            Verdict.id,
            Verdict.claim_id,
            Verdict.state,
            Verdict.conclusion,
            Verdict.explanation,
            Verdict.published_at,
            Verdict.created_at,
            Rating.key,
        )
        .join(Rating, Rating.id == Verdict.rating_id)
        .where(Verdict.claim_id.in_(claim_ids), Verdict.state != VerdictState.SUPERSEDED)
        .order_by(Verdict.claim_id, Verdict.number)
    )
    found: dict[int, list] = defaultdict(list)
    for row in rows:
        found[row.claim_id].append(row)
    return found


def _rating(verdicts: list) -> tuple[str | None, bool]:
    """Return the rating a claim is known by (the published one first) and if it is published."""
    published = [v for v in verdicts if v.state == VerdictState.PUBLISHED]
    if published:
        return published[-1].key, True
    return (verdicts[-1].key if verdicts else None), False


def claim_documents(session: Session, engine: Engine, claim_ids: list[int]) -> list[dict]:
    """Return the documents of these claims, their active sources and their verdicts."""
    claims = session.execute(sa.select(Claim.__table__).where(Claim.id.in_(claim_ids))).all()
    seen, wordings = _appearances(session, claim_ids)
    verdicts = _verdicts(session, claim_ids)
    sources = defaultdict(list)
    for source in session.execute(
        sa.select(Source.__table__).where(
            Source.claim_id.in_(claim_ids), Source.removed_at.is_(None)
        )
    ):
        sources[source.claim_id].append(source)
    documents = []
    for claim in claims:
        document = _claim_document(
            engine, claim, seen.get(claim.id), wordings[claim.id], verdicts[claim.id]
        )
        shared = {k: document[k] for k in SHARED}
        documents.append(document)
        documents.extend(_source_document(engine, s, shared) for s in sources[claim.id])
        documents.extend(_verdict_document(engine, v, shared) for v in verdicts[claim.id])
    return documents


# What a claim's sources and verdicts are filtered by: their claim's fields.
SHARED = ("claim_id", "status", "rating", "language", "assignee_id", "claimant")


def _claim_document(engine: Engine, claim, seen, wordings, verdicts) -> dict:
    rating, published = _rating(verdicts)
    outlet, published_on = seen or (None, None)
    return _document(
        engine,
        "claim",
        claim.id,
        _claim_text(claim, wordings, verdicts),
        claim.claimant or "",
        claim_id=claim.id,
        status=ClaimStatus(claim.status).value,
        rating=rating,
        language=claim.language,
        assignee_id=claim.assignee_id,
        claimant=(claim.claimant or "")[:300] or None,
        **_outlet(outlet),
        published=published and claim.status != ClaimStatus.MERGED,
        doc_date=claim.claim_date or published_on or _day(claim.created_at),
    )


def _claim_text(claim, wordings: dict[str, bool], verdicts: list) -> str:
    """Return what a claim is found by: its text, its other wordings, its published conclusion."""
    text = " ".join(claim.text.split())
    others = [w for w in wordings if w and w != text]
    conclusion = [v.conclusion for v in verdicts if v.state == VerdictState.PUBLISHED][-1:]
    return "\n".join([claim.text, *others, *conclusion])


def _source_document(engine: Engine, source, shared: dict) -> dict:
    text = "\n".join(
        part
        for part in (
            source.title,
            source.publisher,
            source.url,
            source.excerpt,
            source.note,
            (source.snapshot_text or "")[:SOURCE_SNAPSHOT_CHARS],
        )
        if part
    )
    return _document(
        engine,
        "source",
        source.id,
        text,
        **{**shared, "rating": None},
        **_outlet(source.publisher),
        doc_date=source.published_on or _day(source.created_at),
    )


def _verdict_document(engine: Engine, verdict, shared: dict) -> dict:
    return _document(
        engine,
        "verdict",
        verdict.id,
        f"{verdict.conclusion}\n{verdict.explanation}",
        **{**shared, "rating": verdict.key},
        doc_date=_day(verdict.published_at or verdict.created_at),
    )


def article_documents(session: Session, engine: Engine, article_ids: list[int]) -> list[dict]:
    """Return the documents of these articles (title and body)."""
    rows = session.execute(
        sa.select(
            Article.id,
            Article.title,
            Article.body,
            Article.outlet,
            Article.language,
            Article.published_on,
            Article.ingested_at,
        ).where(Article.id.in_(article_ids))
    )
    return [
        _document(
            engine,
            "article",
            row.id,
            f"{row.title}\n{row.body}",
            **_outlet(row.outlet),
            language=row.language,
            doc_date=row.published_on or _day(row.ingested_at),
        )
        for row in rows
    ]


# A known fact-check's finding can be long; its beginning is what is searched.
FINDING_CHARS = 5_000


def fact_check_documents(session: Session, engine: Engine, ids: list[int]) -> list[dict]:
    """Return the documents of known fact-checks (claim, headline, rating and finding)."""
    rows = session.execute(sa.select(KnownFactCheck.__table__).where(KnownFactCheck.id.in_(ids)))
    return [
        _document(
            engine,
            "fact_check",
            row.id,
            "\n".join(
                p
                for p in (
                    row.claim_text,
                    row.title,
                    row.rating,
                    (row.finding or "")[:FINDING_CHARS],
                )
                if p
            ),
            row.claimant or "",
            claimant=(row.claimant or "")[:300] or None,
            language=row.language,
            **_outlet(row.publisher),
            doc_date=row.review_date or _day(row.imported_at),
        )
        for row in rows
    ]


def batches(ids: Iterable[int], size: int) -> Iterator[list[int]]:
    """Yield the ids in lists of at most `size`."""
    batch: list[int] = []
    for item in ids:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
