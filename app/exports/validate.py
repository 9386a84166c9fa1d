"""Check a ClaimReview against Google's documented rules and schema.org's vocabulary."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from app.exports.claimreview import MAX_CLAIM_REVIEWED, OFF_SCALE

ISO_DATE = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)


@dataclass(frozen=True)
class Problem:
    """One finding: "error" breaks Google's rules, "warning" weakens the markup."""

    level: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.level}: {self.path}: {self.message}"


@cache
def vocabulary() -> dict[str, set[str]]:
    """Return, for each schema.org type Satja uses, every property it has (inherited too)."""
    raw = json.loads((Path(__file__).with_name("schema_org.json")).read_text(encoding="utf-8"))
    raw.pop("_comment", None)
    result = {}
    for name in raw:
        properties, current = set(), name
        while current:
            properties |= set(raw[current]["properties"])
            current = raw[current]["parent"]
        result[name] = properties
    return result


def _vocabulary_problems(node, path: str, problems: list[Problem]) -> None:
    """Check that every @type and property exists in schema.org's vocabulary."""
    if isinstance(node, list):
        for index, item in enumerate(node):
            _vocabulary_problems(item, f"{path}[{index}]", problems)
        return
    if not isinstance(node, dict):
        return
    kind = node.get("@type")
    known = vocabulary()
    if kind is not None and kind not in known:
        problems.append(Problem("error", path, f"unknown schema.org type {kind!r}"))
    for key, value in node.items():
        if key.startswith("@"):
            continue
        if kind in known and key not in known[kind]:
            problems.append(Problem("error", f"{path}.{key}", f"{kind} has no property {key!r}"))
        _vocabulary_problems(value, f"{path}.{key}", problems)


def _is_absolute(url) -> bool:
    parts = urlsplit(url) if isinstance(url, str) else None
    return bool(parts and parts.scheme in ("http", "https") and parts.netloc)


def _is_date(value) -> bool:
    if not isinstance(value, str) or not ISO_DATE.match(value):
        return False
    try:
        (datetime.fromisoformat if "T" in value else date.fromisoformat)(
            value.replace("Z", "+00:00")
        )
    except ValueError:
        return False
    return True


def validate(data: dict, site: str | None = None) -> list[Problem]:
    """Return the problems of a ClaimReview dict (an empty list means valid)."""
    problems: list[Problem] = []

    def error(path: str, message: str) -> None:
        problems.append(Problem("error", path, message))

    def warning(path: str, message: str) -> None:
        problems.append(Problem("warning", path, message))

    if data.get("@context") not in (
        "https://schema.org",
        "http://schema.org",
        "https://schema.org/",
    ):
        error("@context", "must be https://schema.org")
    if data.get("@type") != "ClaimReview":
        error("@type", "must be ClaimReview")
    _check_top(data, site, error, warning)
    _check_rating(data.get("reviewRating"), error, warning)
    _check_item(data.get("itemReviewed"), error, warning)
    _vocabulary_problems(data, "$", problems)
    return problems


def _check_top(data: dict, site, error, warning) -> None:
    claim = data.get("claimReviewed")
    if not isinstance(claim, str) or not claim.strip():
        error("claimReviewed", "required: the claim, as text")
    elif len(claim) > MAX_CLAIM_REVIEWED:
        warning("claimReviewed", f"keep it short (at most {MAX_CLAIM_REVIEWED} characters)")
    url = data.get("url")
    if not _is_absolute(url):
        error("url", "required: the absolute URL of the fact-check page")
    elif site and urlsplit(url).netloc != urlsplit(site).netloc:
        error("url", f"must be on the site's own domain ({urlsplit(site).netloc})")
    author = data.get("author")
    if not isinstance(author, dict) or author.get("@type") not in ("Organization", "Person"):
        error("author", "required: the fact-checking Organization (or Person)")
    else:
        if not author.get("name"):
            error("author.name", "required")
        if not _is_absolute(author.get("url")):
            warning("author.url", "recommended: the organisation's web address")
    if "datePublished" in data and not _is_date(data["datePublished"]):
        error("datePublished", "must be an ISO 8601 date")
    elif "datePublished" not in data:
        warning("datePublished", "recommended")
    if not isinstance(data.get("inLanguage"), str):
        warning("inLanguage", "recommended: the language of the review (th, en)")


def _check_rating(rating, error, warning) -> None:
    if not isinstance(rating, dict) or rating.get("@type") != "Rating":
        error("reviewRating", "required: a Rating")
        return
    best, worst, value = (rating.get(k) for k in ("bestRating", "worstRating", "ratingValue"))
    numbers = all(
        isinstance(n, int | float) and not isinstance(n, bool) for n in (best, worst, value)
    )
    if not numbers:
        error("reviewRating", "ratingValue, bestRating and worstRating must be numbers")
    else:
        if not 1 <= worst < best:
            error("reviewRating.worstRating", "must be at least 1 and below bestRating")
        if value != OFF_SCALE and not worst <= value <= best:
            error(
                "reviewRating.ratingValue",
                f"must lie between worstRating and bestRating (or {OFF_SCALE} when off-scale)",
            )
    name = rating.get("alternateName")
    if not isinstance(name, str) or not name.strip():
        error("reviewRating.alternateName", "required: the rating's label, short")
    elif len(name) > 100:
        warning("reviewRating.alternateName", "keep the label short")


def _check_item(item, error, warning) -> None:
    if not isinstance(item, dict) or item.get("@type") != "Claim":
        error("itemReviewed", "required: a Claim")
        return
    author = item.get("author")
    if author is not None:
        if not isinstance(author, dict) or author.get("@type") not in ("Person", "Organization"):
            error("itemReviewed.author", "must be a Person or an Organization")
        elif not author.get("name"):
            error("itemReviewed.author.name", "required when the author is given")
    if "datePublished" in item and not _is_date(item["datePublished"]):
        error("itemReviewed.datePublished", "must be an ISO 8601 date")
    appearances = item.get("appearance", [])
    if not isinstance(appearances, list):
        appearances = [appearances]
    for index, work in enumerate(appearances):
        if not isinstance(work, dict) or work.get("@type") != "CreativeWork":
            error(f"itemReviewed.appearance[{index}]", "must be a CreativeWork")
        elif not _is_absolute(work.get("url")):
            error(f"itemReviewed.appearance[{index}].url", "must be an absolute URL")
    if appearances and "firstAppearance" not in item:
        warning("itemReviewed.firstAppearance", "recommended when appearances are known")
