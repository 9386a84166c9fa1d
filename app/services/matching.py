"""Claim matching in the database: candidates from the search index, scored by `app.matching`.

A new candidate is compared with the claims and known fact-checks that share its rarest words
(postings of the search index); the best are scored with numbers, dates, places, negation and
claimants checked. Above `auto` the candidate is merged into the claim it matches (audited,
undone by "not the same claim"); above `suggest` the pair is stored for a person to decide.
"""

from __future__ import annotations

import itertools
import math
import time
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import regex
import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session, scoped_session, selectinload

from app.database import utcnow
from app.matching import Comparison, Profile, Thresholds, compare, profile
from app.matching.similarity import gram_similarity, grams
from app.models import (
    Appearance,
    Article,
    Claim,
    ClaimMatch,
    ClaimStatus,
    KnownFactCheck,
    Role,
)
from app.models.matching import MatchState
from app.search.analyzer import fold
from app.search.engines import DOCS, engine_for
from app.services import audit
from app.services.actors import Actor
from app.services.errors import Conflict, NotFound
from app.services.permissions import require_role

# A word found in more documents than this is too common to find candidates by.
PER_TERM = 50
# Fewer rare words than this, and pairs of the first PAIRED common ones are looked up too.
MIN_RARE = 3
PAIRED = 4
# ... and when even those pairs are all common, documents holding the first few (the newest
# where the engine gives them cheaply: SQLite).
FALLBACK_PAIRS = 2
# The words a claim's candidates are found by: its rarest (longest first when as rare).
QUERY_TERMS = 14
# How many of the candidates that share the most rare words are ranked by trigrams, and how
# many of those are read whole and compared.
SCORED = 16
FULL_SCORED = 4
# Below this share of character trigrams a wording cannot reach `suggest` (the least alike
# pair of the same claim in the labelled sets shares 0.27), so it is not read whole.
GRAM_FLOOR = 0.25
# Items below this score are not worth showing as similar.
SHOWN = 0.25
KINDS = ("claim", "fact_check")
_PIECE = regex.compile(r"\d+(?:[.,]\d+)*|[\p{L}\p{M}\p{N}]+")
# Claims nothing is merged into; a new candidate may be linked to any other.
UNLINKABLE = (ClaimStatus.MERGED, ClaimStatus.DISMISSED)
LINKABLE = tuple(s for s in ClaimStatus if s not in UNLINKABLE)


def thresholds() -> Thresholds:
    """Return the app's matching thresholds (SATJA_MATCH_SUGGEST, SATJA_MATCH_AUTO)."""
    config = current_app.config
    return _thresholds(
        float(config.get("SATJA_MATCH_SUGGEST", Thresholds.suggest)),
        float(config.get("SATJA_MATCH_AUTO", Thresholds.auto)),
    )


@lru_cache(maxsize=8)
def _thresholds(suggest: float, auto: float) -> Thresholds:
    return Thresholds(suggest=suggest, auto=auto)


@dataclass(frozen=True)
class Similar:
    """A claim or known fact-check like the one asked about, its score and the reasons."""

    type: str  # "claim" or "fact_check"
    id: int
    score: float
    reasons: list[dict]
    text: str
    status: str | None = None
    publisher: str | None = None
    rating: str | None = None
    url: str | None = None
    date: date | None = None

    def json(self) -> dict:
        """Return the item as the API gives it."""
        item = {
            "type": self.type,
            "id": self.id,
            "score": self.score,
            "reasons": self.reasons,
            "text": self.text,
        }
        if self.type == "claim":
            item["status"] = self.status
        else:
            item.update(
                publisher=self.publisher,
                rating=self.rating,
                url=self.url,
                date=self.date.isoformat() if self.date else None,
            )
        return item


@lru_cache(maxsize=20_000)
def _profile(text: str, claimant: str | None, urls: tuple[str, ...] = ()) -> Profile:
    return profile(text, claimant, urls)


def _query_terms(text: str, read: Profile) -> list[str]:
    """Return the words to find candidates by: the prepared wording's, and those of the text as
    written where preparing changed it (an indexed document holds the text as written, ธปท.,
    พ.ศ. 2488 and all), without segmenting the text a second time."""
    written = [fold(piece) for part in read.written for piece in _PIECE.findall(part)]
    # Figures first (a claim's numbers are its rarest words), the words as written next, then
    # the longest words.
    ordered = sorted(read.words, key=lambda w: (not w[:1].isdigit() or len(w) < 2, -len(w), w))
    figures = [w for w in ordered if w[:1].isdigit() and len(w) >= 2]
    found = dict.fromkeys([*figures, *(t for t in written if len(t) > 1), *ordered])
    return [t for t in found if t and len(t) <= 60][:QUERY_TERMS]


def _candidates(
    session: Session, text: str, read: Profile, thorough: bool = True
) -> list[tuple[str, int]]:
    """Return (kind, object id) of the documents sharing the most rare words, best first.

    A word in more than PER_TERM documents is common; when a wording has fewer than MIN_RARE
    rare words, pairs of its common ones are looked up too (two common words together are
    rare), so a claim made only of everyday words still finds its twin. `thorough` looks
    further when even the pairs are common (the claim page and the API do; ingestion does not,
    as an identical wording is found before matching, by its text).
    """
    bind = session.get_bind()
    engine = engine_for(bind.dialect.name)
    database = getattr(bind, "engine", bind).url.render_as_string(hide_password=True)
    wanted = _query_terms(text, read)
    rare, common = _rare_and_common(session, engine, database, [(t,) for t in wanted])
    pairs = list(itertools.combinations([g[0] for g in common][:PAIRED], 2))
    if len(rare) < MIN_RARE and pairs:
        rare.update(_rare_and_common(session, engine, database, pairs)[0])
    if not rare and pairs and thorough:
        # Every word and every pair is common (a wording many documents share word for word):
        # documents holding each pair are the candidates.
        found = engine.postings(session, pairs[:FALLBACK_PAIRS], KINDS, PER_TERM, common_too=True)
        rare = {g: ids for g, ids in found.items() if ids}
    documents = _document_count(session)
    weights: dict[int, float] = {}
    for ids in rare.values():
        weight = math.log(1 + documents / len(ids))
        for doc_id in ids:
            weights[doc_id] = weights.get(doc_id, 0.0) + weight
    # Postings may hold any kind of document (SQLite's): more are read than kept.
    best = sorted(weights, key=lambda d: (-weights[d], -d))[: SCORED * 3]
    if not best:
        return []
    # By primary key alone, filtered here: a condition on kind or status would tempt the
    # planner into that index, a scan of every claim's document.
    rows = [
        row
        for row in session.execute(
            sa.select(DOCS.c.id, DOCS.c.kind, DOCS.c.object_id, DOCS.c.status).where(
                DOCS.c.id.in_(best)
            )
        )
        if row.kind in KINDS and row.status != ClaimStatus.MERGED.value
    ]
    order = {doc_id: rank for rank, doc_id in enumerate(best)}
    ranked = sorted(rows, key=lambda r: order[r.id])[:SCORED]
    return [(row.kind, row.object_id) for row in ranked]


class CommonWords:
    """The words (and pairs of words) the index holds too often to find candidates by, learnt
    from its postings and remembered per database for `ttl` seconds: a common word stays common
    as the index grows, and a new claim's words are mostly common ones, so most need no lookup.
    """

    def __init__(self, ttl: float = 3600.0, size: int = 200_000) -> None:
        self.ttl, self.size = ttl, size
        self.seen: dict[tuple[str, tuple[str, ...]], float] = {}

    def known(self, database: str, group: tuple[str, ...]) -> bool:
        """Tell whether the group was found common lately."""
        seen = self.seen.get((database, group))
        return seen is not None and time.monotonic() - seen < self.ttl

    def add(self, database: str, group: tuple[str, ...]) -> None:
        """Remember that the group is common."""
        if len(self.seen) >= self.size:
            self.seen.clear()
        self.seen[(database, group)] = time.monotonic()


COMMON = CommonWords()


def _rare_and_common(session, engine, database: str, groups: list[tuple[str, ...]]):
    """Return the postings of the rare groups, and the common groups, in the order given."""
    unknown = [g for g in groups if not COMMON.known(database, g)]
    postings = engine.postings(session, unknown, KINDS, PER_TERM) if unknown else {}
    for group, ids in postings.items():
        if ids is None:
            COMMON.add(database, group)
    rare = {g: ids for g, ids in postings.items() if ids}
    common = [g for g in groups if g not in postings or postings[g] is None]
    return rare, common


def _document_count(session: Session) -> int:
    """Return about how many documents the index holds (its newest id: only the scale of the
    weights), read once per transaction (an article's claims are matched in one)."""
    real = session() if isinstance(session, scoped_session) else session
    transaction = id(real.get_transaction())
    seen, known = session.info.get("matching_documents", (None, 0))
    if seen != transaction:
        known = max(session.scalar(sa.select(sa.func.max(DOCS.c.id))) or 1, 1)
        session.info["matching_documents"] = (transaction, known)
    return known


def _claim_urls(session: Session, claim_ids: list[int]) -> dict[int, tuple[str, ...]]:
    rows = session.execute(
        sa.select(Appearance.claim_id, Article.canonical_url)
        .join(Article, Article.id == Appearance.article_id)
        .where(Appearance.claim_id.in_(claim_ids), Article.canonical_url.is_not(None))
    )
    found: dict[int, set[str]] = {}
    for claim_id, url in rows:
        found.setdefault(claim_id, set()).add(_url_key(url))
    return {k: tuple(sorted(v)) for k, v in found.items()}


def _url_key(url: str) -> str:
    url = url.strip().lower().split("#", 1)[0].rstrip("/")
    for prefix in ("https://", "http://"):
        if url.startswith(prefix):
            url = url[len(prefix) :]
    return url.removeprefix("www.")


def _decided_different(session: Session, claim_id: int) -> tuple[set[int], set[int]]:
    """Return the claims and fact-checks a person said this claim is not."""
    rows = session.execute(
        sa.select(ClaimMatch.claim_id, ClaimMatch.match_claim_id, ClaimMatch.fact_check_id).where(
            ClaimMatch.state == MatchState.DIFFERENT,
            sa.or_(ClaimMatch.claim_id == claim_id, ClaimMatch.match_claim_id == claim_id),
        )
    )
    claims, fact_checks = set(), set()
    for owner, other, fact_check in rows:
        if fact_check is not None:
            fact_checks.add(fact_check)
        else:
            claims.add(other if owner == claim_id else owner)
    return claims, fact_checks


@lru_cache(maxsize=50_000)
def _grams(text: str) -> frozenset[str]:
    return grams(text)


@dataclass(frozen=True)
class _Wording:
    """One way a candidate is worded (a claim is also worded as the claims merged into it)."""

    kind: str
    id: int
    text: str
    claimant: str | None
    urls: tuple[str, ...] = ()


def find_similar(
    session: Session,
    text: str,
    claimant: str | None = None,
    exclude_claims: set[int] | frozenset[int] = frozenset(),
    exclude_fact_checks: set[int] | frozenset[int] = frozenset(),
    urls: tuple[str, ...] = (),
    limit: int = 10,
    thorough: bool = True,
) -> list[tuple[Similar, Comparison]]:
    """Return the claims and known fact-checks most like this wording, best first.

    Candidates share the wording's rarest words (the index's postings); they are ranked by
    character trigrams first (no word segmentation), and the best are read whole and compared.
    """
    given = thresholds()
    read = _profile(text, claimant, tuple(sorted(urls)))
    with session.no_autoflush:
        found = _candidates(session, text, read, thorough)
    claim_ids = [i for kind, i in found if kind == "claim" and i not in exclude_claims]
    fact_ids = [i for kind, i in found if kind == "fact_check" and i not in exclude_fact_checks]
    claims, wordings = _claim_wordings(session, claim_ids, bool(read.urls))
    facts_found, fact_wordings = _fact_wordings(session, fact_ids)
    wordings += fact_wordings
    # The most alike by trigrams first; FULL_SCORED candidates are read whole (each in all its
    # wordings).
    alike = [(gram_similarity(read.grams, _grams(w.text)), w) for w in wordings]
    alike.sort(key=lambda pair: pair[0], reverse=True)
    best: dict[tuple[str, int], Comparison] = {}
    for share, wording in alike:
        key = (wording.kind, wording.id)
        if share < GRAM_FLOOR:
            break  # ranked: the rest share even fewer letters
        if key not in best and len(best) >= FULL_SCORED:
            continue
        other = _profile(wording.text, wording.claimant, wording.urls)
        comparison = compare(read, other, given)
        if key not in best or comparison.score > best[key].score:
            best[key] = comparison
    scored = [
        (_similar(kind, item_id, comparison, claims, facts_found), comparison)
        for (kind, item_id), comparison in best.items()
        if comparison.score >= SHOWN
    ]
    scored.sort(key=lambda pair: (-pair[0].score, pair[0].type, pair[0].id))
    return scored[:limit]


def _claim_wordings(session, claim_ids: list[int], with_urls: bool):
    if not claim_ids:
        return {}, []
    claims = {
        c.id: c
        for c in session.execute(
            sa.select(Claim.id, Claim.text, Claim.claimant, Claim.status).where(
                Claim.id.in_(claim_ids)
            )
        )
        if c.status != ClaimStatus.MERGED
    }
    urls = _claim_urls(session, list(claims)) if with_urls and claims else {}
    wordings = [
        _Wording("claim", c.id, c.text, c.claimant, urls.get(c.id, ())) for c in claims.values()
    ]
    # A claim is also known by the wordings merged into it.
    if claims:
        # By the canonical_id index alone (a condition on status would tempt the planner into
        # the status index, a scan of every merged claim); a claim's merged wordings are few.
        for canonical, text, claimant, status in session.execute(
            sa.select(Claim.canonical_id, Claim.text, Claim.claimant, Claim.status)
            .where(Claim.canonical_id.in_(list(claims)))
            .limit(len(claims) * 5)
        ):
            if status == ClaimStatus.MERGED:
                wordings.append(
                    _Wording("claim", canonical, text, claimant, urls.get(canonical, ()))
                )
    return claims, wordings


def _fact_wordings(session, ids: list[int]):
    if not ids:
        return {}, []
    rows = {
        f.id: f
        for f in session.scalars(sa.select(KnownFactCheck).where(KnownFactCheck.id.in_(ids)))
    }
    wordings = [
        _Wording(
            "fact_check",
            f.id,
            f.claim_text,
            f.claimant,
            tuple(sorted(_url_key(u) for u in (f.appearances or []) if u)),
        )
        for f in rows.values()
    ]
    return rows, wordings


def _similar(kind: str, item_id: int, comparison: Comparison, claims, facts_found) -> Similar:
    if kind == "claim":
        claim = claims[item_id]
        return Similar(
            "claim",
            item_id,
            comparison.score,
            comparison.reasons,
            claim.text,
            status=ClaimStatus(claim.status).value,
        )
    item = facts_found[item_id]
    return Similar(
        "fact_check",
        item_id,
        comparison.score,
        comparison.reasons,
        item.claim_text,
        publisher=item.publisher,
        rating=item.rating,
        url=item.url,
        date=item.review_date,
    )


def similar_to_claim(session: Session, claim: Claim, limit: int = 10) -> list[Similar]:
    """Return the claims and known fact-checks most like a stored claim (itself, what is merged
    into it, what it is merged into, and what a person said it is not, left out)."""
    different_claims, different_facts = _decided_different(session, claim.id)
    own = set(session.scalars(sa.select(Claim.id).where(Claim.canonical_id == claim.id))) | {
        claim.id
    }
    if claim.canonical_id:
        own.add(claim.canonical_id)
    urls = _claim_urls(session, [claim.id]).get(claim.id, ())
    found = find_similar(
        session,
        claim.text,
        claim.claimant,
        exclude_claims=own | different_claims,
        exclude_fact_checks=different_facts,
        urls=urls,
        limit=limit,
    )
    return [item for item, _ in found]


def match_new_claim(session: Session, actor: Actor, claim: Claim, article: Article) -> Claim:
    """Match a claim just extracted: link it to the claim it is (returned), or store the pairs
    a person should look at (the claim itself is returned)."""
    from app.services import workflow  # workflow's merge is the one merge

    given = thresholds()
    urls = (_url_key(article.canonical_url),) if article.canonical_url else ()
    found = find_similar(
        session,
        claim.text,
        claim.claimant,
        exclude_claims={claim.id},
        urls=urls,
        limit=5,
        thorough=False,
    )
    best = next(
        (
            (item, comparison)
            for item, comparison in found
            if item.type == "claim" and item.score >= given.auto and item.status in LINKABLE
        ),
        None,
    )
    for item, comparison in found:
        if item.score < given.suggest:
            continue
        linked = best is not None and item is best[0]
        session.add(
            ClaimMatch(
                claim_id=claim.id,
                match_claim_id=item.id if item.type == "claim" else None,
                fact_check_id=item.id if item.type == "fact_check" else None,
                score=item.score,
                reasons=comparison.reasons,
                state=MatchState.LINKED if linked else MatchState.SUGGESTED,
            )
        )
    session.flush()
    if best is None:
        return claim
    target = session.get(Claim, best[0].id)
    workflow.merge_matched(session, actor, claim, target, best[0].score)
    return target


def suggestions_for(session: Session, claim_ids: list[int]) -> dict[int, list[ClaimMatch]]:
    """Return the undecided pairs of these claims, best first (for the queue and claim page)."""
    if not claim_ids:
        return {}
    rows = session.scalars(
        sa.select(ClaimMatch)
        .where(ClaimMatch.claim_id.in_(claim_ids), ClaimMatch.state == MatchState.SUGGESTED)
        .order_by(ClaimMatch.score.desc(), ClaimMatch.id)
        .options(selectinload(ClaimMatch.match_claim), selectinload(ClaimMatch.fact_check))
    )
    found: dict[int, list[ClaimMatch]] = {}
    for match in rows:
        if match.match_claim is not None and match.match_claim.status in UNLINKABLE:
            continue  # merged or dismissed since: nothing to merge into
        found.setdefault(match.claim_id, []).append(match)
    return found


# How far along a claim is: merging "the same claim" keeps the one further along (else the older).
PROGRESS = {
    ClaimStatus.DISMISSED: 0,
    ClaimStatus.CANDIDATE: 1,
    ClaimStatus.ACCEPTED: 2,
    ClaimStatus.IN_RESEARCH: 3,
    ClaimStatus.IN_REVIEW: 4,
    ClaimStatus.PUBLISHED: 5,
}


def pair_of(session: Session, claim_id: int, kind: str, other_id: int) -> ClaimMatch | None:
    """Return the stored pair of a claim and a claim (either way round) or known fact-check."""
    if kind == "fact_check":
        return session.scalar(
            sa.select(ClaimMatch).where(
                ClaimMatch.claim_id == claim_id, ClaimMatch.fact_check_id == other_id
            )
        )
    return session.scalar(
        sa.select(ClaimMatch)
        .where(
            sa.or_(
                sa.and_(ClaimMatch.claim_id == claim_id, ClaimMatch.match_claim_id == other_id),
                sa.and_(ClaimMatch.claim_id == other_id, ClaimMatch.match_claim_id == claim_id),
            )
        )
        .order_by(ClaimMatch.id)
        .limit(1)
    )


def _other(session: Session, kind: str, other_id: int):
    model = KnownFactCheck if kind == "fact_check" else Claim
    other = session.get(model, other_id) if kind in KINDS else None
    if other is None:
        raise NotFound(_l("No such claim or known fact-check."))
    return other


def decide(
    session: Session, actor: Actor, claim_id: int, kind: str, other_id: int, same: bool
) -> ClaimMatch:
    """Record a person's answer to "possibly the same as …" (checker or above).

    Same claim: the one less far along is merged into the other (the newer when as far); for a
    known fact-check the pair is kept as confirmed. Different: the pair is never suggested or
    linked again. The answer is audited.
    """
    from app.services import workflow

    require_role(actor, Role.CHECKER)
    given = thresholds()
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise NotFound(_l("No such claim."))
    other = _other(session, kind, other_id)
    if kind == "claim" and other.id == claim.id:
        raise Conflict(_l("A claim cannot be merged into itself."))
    match = pair_of(session, claim.id, kind, other.id)
    if match is None:
        text, said = (
            (other.claim_text, other.claimant)
            if kind == "fact_check"
            else (other.text, other.claimant)
        )
        found = compare(_profile(claim.text, claim.claimant), _profile(text, said), given)
        match = ClaimMatch(
            claim_id=claim.id,
            match_claim_id=other.id if kind == "claim" else None,
            fact_check_id=other.id if kind == "fact_check" else None,
            score=found.score,
            reasons=found.reasons,
        )
        session.add(match)
        session.flush()
    # A checker merges only what the matcher suggests (merging any claim into any other is an
    # editor's), and does not overturn an answer already given.
    suggested = match.state == MatchState.SUGGESTED and match.score >= given.suggest
    if same and kind == "claim" and not suggested:
        require_role(actor, Role.EDITOR)
    merged_together = kind == "claim" and (
        other.canonical_id == claim.id or claim.canonical_id == other.id
    )
    if not same and merged_together:
        raise Conflict(_l("Unmerge the claim to say it is not the same claim."))
    if match.state in (MatchState.MERGED, MatchState.LINKED) and same:
        raise Conflict(_l("These claims are merged already."))
    before = {"state": match.state.value}
    if same and kind == "claim":
        newer, older = sorted((claim, other), key=lambda c: c.id, reverse=True)
        if PROGRESS.get(newer.status, -1) > PROGRESS.get(older.status, -1):
            newer, older = older, newer
        workflow.merge_suggested(session, actor, newer, older)
    elif not same and match.state in (MatchState.MERGED, MatchState.LINKED):
        raise Conflict(_l("Unmerge the claim to say it is not the same claim."))
    match.state = MatchState.MERGED if same else MatchState.DIFFERENT
    match.decided_by_id = getattr(actor, "id", None)
    match.decided_at = utcnow()
    session.flush()
    action = "claim_match.same" if same else "claim_match.different"
    audit.record(
        session,
        actor,
        action,
        match,
        before,
        {
            "state": match.state.value,
            "claim_id": match.claim_id,
            "match_claim_id": match.match_claim_id,
            "fact_check_id": match.fact_check_id,
        },
    )
    return match
