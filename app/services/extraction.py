"""Turn an article's text into candidate claims and their appearances."""

from __future__ import annotations

import hashlib
import re
import unicodedata

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.extraction import ClaimCandidate, extract_claims
from app.inputs.limits import column_limit
from app.models import Appearance, Article, Claim, ClaimStatus
from app.services import audit, matching
from app.services.actors import Actor

# Text keys looked up per query (SQLite allows 32,766 bound values; PostgreSQL many more).
KEY_BATCH = 500
CLAIM_FIELDS = ("text", "claimant", "reported_by", "language", "score", "status")
_FOLD_STRIP = re.compile(r"[\s\"'“”‘’«»(),.;:!?]+")


def text_key(text: str) -> str:
    """Return the key under which the same statement is found again: folded text, hashed."""
    folded = _FOLD_STRIP.sub(" ", unicodedata.normalize("NFC", text).casefold()).strip()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def _owner(claim: Claim) -> Claim:
    """Return the claim an appearance of `claim`'s text belongs to: itself, or the claim it was
    merged into, however deep."""
    owner, seen = claim, {claim.id}
    while owner.status == ClaimStatus.MERGED and owner.canonical is not None:
        owner = owner.canonical
        if owner.id in seen:
            break
        seen.add(owner.id)
    return owner


def _find(session: Session, key: str) -> Claim | None:
    return session.scalar(sa.select(Claim).where(Claim.text_key == key))


def _claim_for(
    session: Session, actor: Actor, article: Article, found: ClaimCandidate
) -> tuple[Claim, Claim, bool]:
    """Return the claim an appearance of this text belongs to, the claim whose text it is (they
    differ when that one is merged: the claim it was merged into, however deep, takes the
    appearance, and an unmerge gives it back), and whether the claim is new."""
    key = text_key(found.text)
    existing = _find(session, key)
    if existing is not None:
        return _owner(existing), existing, False
    claim = _new_claim(found, key, article)
    try:
        # Another import may be adding the same statement right now: the unique text_key lets
        # one of us win, and the other attaches its appearance to the winner's claim.
        with session.begin_nested():
            session.add(claim)
            session.flush()
    except IntegrityError:
        existing = _find(session, key)
        if existing is None:  # the conflict was not about this text: let it surface
            raise
        return _owner(existing), existing, False
    audit.record(session, actor, "claim.create", claim, after=audit.snapshot(claim, CLAIM_FIELDS))
    return claim, claim, True


def _fitting(value: str | None, column) -> str | None:
    """A found name, or None when it is longer than its column: a claim is stored without a
    claimant rather than its article refused."""
    return value if value is None or len(value) <= column_limit(column) else None


def _new_claim(found: ClaimCandidate, key: str, article: Article) -> Claim:
    return Claim(
        text=found.text,
        text_key=key,
        claimant=_fitting(found.claimant, Claim.claimant),
        reported_by=_fitting(found.reported_by, Claim.reported_by),
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


def kept_claims(found: list) -> list:
    """Keep at most SATJA_MAX_CLAIMS_PER_ARTICLE claims, the most check-worthy, in text order.

    Every claim costs a row, an index document and a match; an article with thousands of
    candidate sentences (a pasted report) keeps the ones a desk would check first."""
    limit = current_app.config["SATJA_MAX_CLAIMS_PER_ARTICLE"]
    if len(found) <= limit:
        return list(found)
    best = sorted(range(len(found)), key=lambda i: -found[i].score)[:limit]
    return [found[i] for i in sorted(best)]


def extract_article_claims(session: Session, actor: Actor, article: Article) -> list[Claim]:
    """Extract the article's claims and record where each appears; return them in text order.

    The claims already known are read in one query, the new ones and the appearances written
    in one flush each, with their audit events. A new candidate that matches an existing claim
    above `auto` is then merged into it, so the existing claim is the one returned (and the
    article's appearance is that claim's)."""
    found = kept_claims(extract_claims(article.body, language=article.language))
    placed = _claims_for(session, actor, article, found)
    appearances = [
        Appearance(
            claim=claim,
            origin_claim_id=origin.id,
            article=article,
            start=candidate.start,
            end=candidate.end,
            sentence=article.body[candidate.start : candidate.end],
        )
        for candidate, (claim, origin, _) in zip(found, placed, strict=True)
    ]
    session.add_all(appearances)
    session.flush()
    for appearance in appearances:
        audit.record(
            session,
            actor,
            "appearance.create",
            appearance,
            after={
                "claim_id": appearance.claim_id,
                "article_id": article.id,
                "start": appearance.start,
                "end": appearance.end,
            },
            flush=False,
        )
    matching_on = current_app.config.get("SATJA_MATCHING", True)
    claims = []
    for claim, _, new in placed:
        if new and matching_on:
            # Claims of this transaction are not in the search index yet: a new claim is
            # matched against what was stored before, as when it was written on its own.
            claim = matching.match_new_claim(session, actor, claim, article)
        claims.append(claim)
    return claims


def _claims_for(
    session: Session, actor: Actor, article: Article, found: list[ClaimCandidate]
) -> list[tuple[Claim, Claim, bool]]:
    """Return, for each candidate, what _claim_for returns: the known claims read at once and
    the new ones inserted at once (a statement made twice in the article is one new claim)."""
    keys = [text_key(candidate.text) for candidate in found]
    known: dict[str, Claim] = {}
    unique = list(dict.fromkeys(keys))
    for at in range(0, len(unique), KEY_BATCH):
        batch = unique[at : at + KEY_BATCH]
        known.update(
            (claim.text_key, claim)
            for claim in session.scalars(sa.select(Claim).where(Claim.text_key.in_(batch)))
        )
    fresh: dict[str, Claim] = {}
    for candidate, key in zip(found, keys, strict=True):
        if key not in known and key not in fresh:
            fresh[key] = _new_claim(candidate, key, article)
    if fresh:
        try:
            with session.begin_nested():
                session.add_all(fresh.values())
                session.flush()
        except IntegrityError:
            # Another import stored some of them meanwhile: one at a time, as the race decides.
            return [_claim_for(session, actor, article, candidate) for candidate in found]
        for claim in fresh.values():
            audit.record(
                session,
                actor,
                "claim.create",
                claim,
                after=audit.snapshot(claim, CLAIM_FIELDS),
                flush=False,
            )
    placed, first = [], set()
    for key in keys:
        if key in known:
            placed.append((_owner(known[key]), known[key], False))
        else:
            placed.append((fresh[key], fresh[key], key not in first))
            first.add(key)
    return placed
