"""Build schema.org ClaimReview (what Google Fact Check Explorer reads) from a published verdict."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime

OFF_SCALE = -1  # Misleading, Unproven: outside the numeric scale, by common practice
MAX_CLAIM_REVIEWED = 300
ORGANISATION_WORDS = re.compile(
    r"^(?:กระทรวง|กรม|สำนัก|สำนักงาน|บริษัท|สถาบัน|ศาล|สภา|พรรค|องค์การ|รัฐบาล|สมาคม|มูลนิธิ|"
    r"ธนาคาร|มหาวิทยาลัย|โรงพยาบาล|ศูนย์|คณะ|ตำรวจ|กองทัพ|the\s|ministry|department|"
    r"office|bank|police|court|government|company)",
    re.I,
)


@dataclass(frozen=True)
class Appearance:
    """Where the claim was made or reported."""

    url: str | None
    headline: str
    published: date | None = None
    publisher: str | None = None  # the outlet, when known


@dataclass(frozen=True)
class ReviewFacts:
    """Everything a ClaimReview says, gathered from a published verdict."""

    page_url: str
    claim_text: str
    claimant: str | None
    claim_date: date | None
    appearances: tuple[Appearance, ...]
    rating_value: int | None
    best_rating: int
    worst_rating: int
    rating_label: str
    conclusion: str
    organisation_name: str
    organisation_url: str
    published: datetime
    language: str
    organisation_logo: str | None = None
    extra: dict = field(default_factory=dict)


def claimant_type(name: str) -> str:
    """Guess whether a claimant is an organisation or a person (schema.org needs one)."""
    return "Organization" if ORGANISATION_WORDS.match(name.strip()) else "Person"


def short(text: str, limit: int = MAX_CLAIM_REVIEWED) -> str:
    """Return text cut at a word boundary to `limit` characters (claimReviewed is short)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    return text[: cut if cut > limit // 2 else limit - 1].rstrip() + "…"


def claim_review(facts: ReviewFacts) -> dict:
    """Return the ClaimReview as a JSON-LD dict."""
    with_url = [a for a in facts.appearances if a.url]
    item: dict = {"@type": "Claim"}
    if facts.claimant:
        item["author"] = {"@type": claimant_type(facts.claimant), "name": facts.claimant}
    if facts.claim_date:
        item["datePublished"] = facts.claim_date.isoformat()
    if with_url:
        item["appearance"] = [_creative_work(a) for a in with_url]
        first = min(with_url, key=lambda a: a.published or date.max)
        item["firstAppearance"] = _creative_work(first)
    author: dict = {
        "@type": "Organization",
        "name": facts.organisation_name,
        "url": facts.organisation_url,
    }
    if facts.organisation_logo:
        author["logo"] = facts.organisation_logo
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": facts.page_url,
        "claimReviewed": short(facts.claim_text),
        "author": author,
        "datePublished": facts.published.date().isoformat(),
        "inLanguage": facts.language,
        "itemReviewed": item,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": facts.rating_value if facts.rating_value is not None else OFF_SCALE,
            "bestRating": facts.best_rating,
            "worstRating": facts.worst_rating,
            "alternateName": facts.rating_label,
            "ratingExplanation": short(facts.conclusion, 500),
        },
    }


def _creative_work(appearance: Appearance) -> dict:
    work: dict = {"@type": "CreativeWork", "url": appearance.url}
    if headline := short(appearance.headline or "", 110):
        work["headline"] = work["name"] = headline
    if appearance.published:
        work["datePublished"] = appearance.published.isoformat()
    if appearance.publisher:
        work["publisher"] = {"@type": "Organization", "name": appearance.publisher}
    return work


def script_tag(data: dict) -> str:
    """Return the JSON-LD for a <script type="application/ld+json"> element, safe to embed:
    "<", ">" and "&" are escaped so no text can close the element."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
