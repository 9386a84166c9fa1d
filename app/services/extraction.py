"""Turn an article's text into candidate claims and their appearances."""

from __future__ import annotations

import hashlib
import re
import unicodedata

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.extraction import ClaimCandidate, extract_claims
from app.models import Appearance, Article, Claim, ClaimStatus
from app.services import audit
from app.services.actors import Actor

CLAIM_FIELDS = ("text", "claimant", "language", "score", "status")
_FOLD_STRIP = re.compile(r"[\s\"'“”‘’«»(),.;:!?]+")


def text_key(text: str) -> str:
    """Return the key under which the same statement is found again: folded text, hashed."""
    folded = _FOLD_STRIP.sub(" ", unicodedata.normalize("NFC", text).casefold()).strip()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def _claim_for(session: Session, actor: Actor, article: Article, found: ClaimCandidate) -> Claim:
    """Return the existing claim with the same text, or a new candidate claim."""
    key = text_key(found.text)
    existing = session.scalar(sa.select(Claim).where(Claim.text_key == key).limit(1))
    if existing is not None:
        return existing
    claim = Claim(
        text=found.text,
        text_key=key,
        claimant=found.claimant,
        claim_date=article.published_on,
        language=found.language,
        score=found.score,
        reasons={
            "reasons": list(found.reasons),
            "dates": list(found.dates),
            "numbers": list(found.numbers),
        },
        status=ClaimStatus.CANDIDATE,
    )
    session.add(claim)
    session.flush()
    audit.record(session, actor, "claim.create", claim, after=audit.snapshot(claim, CLAIM_FIELDS))
    return claim


def extract_article_claims(session: Session, actor: Actor, article: Article) -> list[Claim]:
    """Extract the article's claims and record where each appears; return them in text order."""
    claims = []
    for found in extract_claims(article.body, language=article.language):
        claim = _claim_for(session, actor, article, found)
        appearance = Appearance(
            claim=claim,
            article=article,
            start=found.start,
            end=found.end,
            sentence=article.body[found.start : found.end],
        )
        session.add(appearance)
        session.flush()
        audit.record(
            session,
            actor,
            "appearance.create",
            appearance,
            after={
                "claim_id": claim.id,
                "article_id": article.id,
                "start": found.start,
                "end": found.end,
            },
        )
        claims.append(claim)
    return claims
