"""Turn ranked index rows into results: each object's title and a highlighted snippet."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import Article, Claim, KnownFactCheck, Source, Verdict
from app.search.highlight import snippet

TITLE_CHARS = 200


def _short(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= TITLE_CHARS else text[: TITLE_CHARS - 1] + "…"


def _texts(session: Session, kind: str, ids: list[int]) -> dict[int, tuple[str, str]]:
    """Return (title, text to take the snippet from) of the objects of one kind."""
    if not ids:
        return {}
    if kind == "claim":
        rows = session.execute(sa.select(Claim.id, Claim.text).where(Claim.id.in_(ids)))
        return {i: (_short(text), text) for i, text in rows}
    if kind == "article":
        rows = session.execute(
            sa.select(Article.id, Article.title, Article.body).where(Article.id.in_(ids))
        )
        return {i: (_short(title) or _short(body), body) for i, title, body in rows}
    if kind == "source":
        rows = session.execute(
            sa.select(Source.id, Source.title, Source.url, Source.excerpt, Source.note).where(
                Source.id.in_(ids)
            )
        )
        return {
            i: (_short(title or url), "\n".join(p for p in (excerpt, note, title) if p))
            for i, title, url, excerpt, note in rows
        }
    if kind == "fact_check":
        rows = session.execute(
            sa.select(KnownFactCheck.id, KnownFactCheck.claim_text, KnownFactCheck.finding).where(
                KnownFactCheck.id.in_(ids)
            )
        )
        return {i: (_short(text), f"{text}\n{finding or ''}") for i, text, finding in rows}
    rows = session.execute(
        sa.select(Verdict.id, Verdict.conclusion, Verdict.explanation).where(Verdict.id.in_(ids))
    )
    return {
        i: (_short(conclusion), f"{conclusion}\n{explanation}")
        for i, conclusion, explanation in rows
    }


def hydrate(session: Session, rows, wanted: frozenset[str], hit_class) -> list:
    """Return a hit per index row, in the rows' order; rows whose object is gone are skipped."""
    texts = {
        kind: _texts(session, kind, [r.object_id for r in rows if r.kind == kind])
        for kind in ("claim", "article", "source", "verdict", "fact_check")
    }
    hits = []
    for row in rows:
        found = texts[row.kind].get(row.object_id)
        if found is None:
            continue
        title, text = found
        hits.append(
            hit_class(
                kind=row.kind,
                id=row.object_id,
                claim_id=row.claim_id,
                title=title,
                snippet=snippet(text, wanted),
                score=round(float(row.score or 0.0), 6),
                status=row.status,
                rating=row.rating,
                outlet=row.outlet,
                language=row.language,
                doc_date=row.doc_date,
            )
        )
    return hits
