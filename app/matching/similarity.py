"""How alike two claims are, and why: a lexical score over Thai-segmented words and character
n-grams, held below `auto` whenever their numbers, dates, places, negation or claimants differ.

Pure code (no Flask, no database).

    a, b = profile("กนง.คงดอกเบี้ยร้อยละ 2.50"), profile("คณะกรรมการนโยบายการเงินคงดอกเบี้ย 2.50%")
    found = compare(a, b)          # found.score, found.reasons (what agrees and what differs)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from pythainlp.corpus import thai_stopwords

from app.matching.facts import THAI_NEGATIONS, Facts, facts
from app.matching.normalize import prepare
from app.search.analyzer import fold, parts, tokens

GRAM = 3
# How the lexical score weighs shared words (Dice), shared character trigrams (Dice, over the
# text without spaces, as Cofacts re-ranks) and containment (the shorter wording's words found
# in the longer one: another outlet's shorter or longer restatement).
WORD_WEIGHT, GRAM_WEIGHT, CONTAINED_WEIGHT = 0.45, 0.35, 0.20
# Below this many content words a wording is too short to be linked without a person.
MIN_AUTO_WORDS = 5
ENGLISH_STOPWORDS = [
    "a",
    "an",
    "the",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "from",
    "by",
    "with",
    "and",
    "or",
    "but",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "it",
    "its",
    "this",
    "that",
    "these",
    "those",
    "as",
    "said",
    "says",
    "say",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "than",
    "also",
    "about",
    "into",
    "over",
    "after",
    "before",
    "up",
    "out",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "our",
    "who",
    "which",
    "what",
    "when",
    "where",
    "there",
    "here",
    "do",
    "does",
    "did",
]
TITLES = re.compile(
    r"^(?:นาย|นางสาว|นาง|น\.ส\.|ดร\.|พล\.อ\.|พล\.ต\.อ\.|พล\.ต\.ท\.|พ\.ต\.อ\.|mr\.?|mrs\.?|ms\.?|dr\.?)\s*",
    re.I,
)
_STRIP = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Thresholds:
    """Above `auto` a new candidate is linked to the claim it matches; above `suggest` a person
    is asked."""

    suggest: float = 0.40
    auto: float = 0.85

    def __post_init__(self) -> None:
        if not 0 < self.suggest < self.auto <= 1:
            raise ValueError("thresholds must satisfy 0 < suggest < auto <= 1")


@dataclass(frozen=True)
class Profile:
    """One wording read once for every comparison it takes part in."""

    text: str
    words: frozenset[str]
    grams: frozenset[str]
    facts: Facts
    claimant: str | None
    urls: frozenset[str] = frozenset()
    # What preparing wrote otherwise (ธปท., a Buddhist-Era year), as the text had it.
    written: tuple[str, ...] = ()


@dataclass(frozen=True)
class Comparison:
    """The score of a pair, its lexical part, and the reasons (what agrees, what differs)."""

    score: float
    lexical: float
    reasons: list[dict] = field(default_factory=list)

    @property
    def differences(self) -> list[dict]:
        return [r for r in self.reasons if r["kind"] == "differs"]


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    thai = {w for w in thai_stopwords() if w not in THAI_NEGATIONS}
    return frozenset(thai | {fold(w) for w in ENGLISH_STOPWORDS})


def _claimant_key(claimant: str | None) -> str | None:
    if not claimant or not claimant.strip():
        return None
    key = TITLES.sub("", prepare(claimant).casefold())
    return _STRIP.sub("", key) or None


def grams(text: str, prepared: str | None = None) -> frozenset[str]:
    """Return the character trigrams of a wording, spaces and punctuation left out (cheap: no
    word segmentation, so candidates can be ranked by them before they are read whole)."""
    prepared = prepare(text) if prepared is None else prepared
    flat = _STRIP.sub("", unicodedata.normalize("NFC", prepared.casefold()))
    if not flat:
        return frozenset()
    return frozenset(flat[i : i + GRAM] for i in range(max(len(flat) - GRAM + 1, 1)))


def gram_similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Return the Dice coefficient of two sets of trigrams."""
    return _dice(a, b)


def profile(text: str, claimant: str | None = None, urls=()) -> Profile:
    """Read a claim's wording (and who made it, and where it appeared) for comparison."""
    replaced: list[str] = []
    prepared = prepare(text, replaced)
    stop = _stopwords()
    # One segmentation serves both the words and the facts (places are whole words).
    found = tokens(prepared)
    pieces = [prepared[t.start : t.end] for t in found]
    content = [t.term for t in found if t.term not in stop]
    words = set(content)
    for term in content:
        words.update(parts(term))
    return Profile(
        text=text,
        words=frozenset(words),
        grams=grams(text, prepared),
        facts=facts(prepared, pieces),
        claimant=_claimant_key(claimant),
        urls=frozenset(u for u in urls if u),
        written=tuple(replaced),
    )


def _dice(a: frozenset, b: frozenset) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def lexical(a: Profile, b: Profile) -> float:
    """Return the lexical similarity of two wordings, from 0 to 1."""
    shared = len(a.words & b.words)
    contained = shared / min(len(a.words), len(b.words)) if a.words and b.words else 0.0
    return (
        WORD_WEIGHT * _dice(a.words, b.words)
        + GRAM_WEIGHT * _dice(a.grams, b.grams)
        + CONTAINED_WEIGHT * contained
    )


def _values(name: str, values) -> list[str]:
    """Return facts as text: dates in ISO 8601 (a year 1945, a month --08, a day --08-15)."""
    if name == "days":
        return sorted(f"--{month:02d}-{day:02d}" for day, month in values)
    if name == "months":
        return sorted(f"--{month:02d}" for month in values)
    return sorted(str(v) for v in values)


# Facts whose difference keeps two wordings apart, and the reason codes they give.
FACTS = (
    ("numbers", "numbers"),
    ("years", "dates"),
    ("months", "dates"),
    ("days", "dates"),
    ("places", "places"),
)


def _fact_reasons(a: Facts, b: Facts) -> list[dict]:
    reasons: list[dict] = []
    for name, code in FACTS:
        mine, theirs = getattr(a, name), getattr(b, name)
        if not (mine or theirs):
            continue
        if mine == theirs:
            reasons.append({"kind": "same", "code": code, "values": _values(name, mine)})
        elif mine and theirs:
            reasons.append(
                {
                    "kind": "differs",
                    "code": code,
                    "this": _values(name, mine - theirs),
                    "other": _values(name, theirs - mine),
                }
            )
        else:
            # Named on one side only: nothing contradicts, but nothing confirms either.
            reasons.append(
                {
                    "kind": "differs",
                    "code": f"{code}_one_side",
                    "this": _values(name, mine),
                    "other": _values(name, theirs),
                }
            )
    if a.negated != b.negated:
        reasons.append(
            {
                "kind": "differs",
                "code": "negation",
                "this": [str(a.negated).lower()],
                "other": [str(b.negated).lower()],
            }
        )
    return _merged(reasons)


def _merged(reasons: list[dict]) -> list[dict]:
    """Join the reasons of one code (years, months and days are all dates)."""
    joined: dict[tuple[str, str], dict] = {}
    for reason in reasons:
        key = (reason["kind"], reason["code"])
        if key not in joined:
            joined[key] = {k: list(v) if isinstance(v, list) else v for k, v in reason.items()}
            continue
        for name in ("values", "this", "other"):
            if name in reason:
                joined[key][name] = joined[key].get(name, []) + reason[name]
    # A date that differs overrides one named on one side only (a year and its month).
    if ("differs", "dates") in joined:
        joined.pop(("differs", "dates_one_side"), None)
        joined.pop(("same", "dates"), None)
    return list(joined.values())


_FIGURE = re.compile(r"^\d+(?:d\d+)?$")


def _substituted(a: Profile, b: Profile) -> list[dict]:
    """Name the words each side has that the other lacks, when both have some: one word put
    for another (ทั่วไป for พื้นฐาน, exports for imports) may make another claim. Words only
    added on one side (an attribution, a detail) are not a substitution."""
    mine = sorted(w for w in a.words - b.words if not _FIGURE.match(w))
    theirs = sorted(w for w in b.words - a.words if not _FIGURE.match(w))
    if not (mine and theirs):
        return []
    longest = lambda words: sorted(words, key=lambda w: (-len(w), w))[:6]  # noqa: E731
    return [{"kind": "differs", "code": "words", "this": longest(mine), "other": longest(theirs)}]


def _claimant_reason(a: Profile, b: Profile) -> list[dict]:
    if not (a.claimant and b.claimant):
        return []
    if a.claimant in b.claimant or b.claimant in a.claimant:
        return [{"kind": "same", "code": "claimant", "values": []}]
    return [{"kind": "differs", "code": "claimant", "this": [], "other": []}]


def compare(a: Profile, b: Profile, thresholds: Thresholds | None = None) -> Comparison:
    """Return how alike two wordings are, with the reasons; any difference in numbers, dates,
    places, negation or claimant (or a wording too short to judge) keeps it below `auto`."""
    thresholds = thresholds or Thresholds()
    similarity = lexical(a, b)
    shared = sorted(a.words & b.words, key=lambda w: (-len(w), w))
    reasons: list[dict] = []
    if shared:
        reasons.append({"kind": "same", "code": "words", "values": shared[:8]})
    reasons += _fact_reasons(a.facts, b.facts)
    reasons += _substituted(a, b)
    reasons += _claimant_reason(a, b)
    if a.urls & b.urls:
        reasons.append({"kind": "same", "code": "url", "values": sorted(a.urls & b.urls)})
        similarity = max(similarity, thresholds.suggest)
    score = similarity
    if any(r["kind"] == "differs" for r in reasons):
        # Below auto, however alike the words: a person decides.
        score = min(score, thresholds.auto - 0.01)
    elif min(len(a.words), len(b.words)) < MIN_AUTO_WORDS:
        reasons.append({"kind": "differs", "code": "short", "this": [], "other": []})
        score = min(score, thresholds.auto - 0.01)
    return Comparison(
        score=round(min(score, 1.0), 4), lexical=round(similarity, 4), reasons=reasons
    )
