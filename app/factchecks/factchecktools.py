"""Read Google Fact Check Tools API `claims:search` results: one item per claimReview entry."""

from __future__ import annotations

from app.factchecks.model import (
    CLAIM_MAX,
    CLAIMANT_MAX,
    PUBLISHER_MAX,
    RATING_MAX,
    TITLE_MAX,
    KnownFactCheck,
    Results,
    short,
)
from app.factchecks.values import (
    absolute_url,
    clean_text,
    guess_language,
    language_code,
    text_of,
    to_date,
)
from app.factchecks.verdict import verdict_from_text

SOURCE = "factchecktools"
Claim = dict[str, object]
Problem = tuple[str, str]  # (code, detail)


def is_factchecktools(doc: object) -> bool:
    """Tell whether a JSON document is an API response (`claims[]`) or one API claim."""
    if isinstance(doc, dict):
        return isinstance(doc.get("claims"), list) or _is_claim(doc)
    return isinstance(doc, list) and bool(doc) and all(_is_claim(c) for c in doc[:5])


def _is_claim(value: object) -> bool:
    return isinstance(value, dict) and isinstance(value.get("claimReview"), list)


def read_response(doc: object, results: Results) -> None:
    """Add the reviews of every claim in an API response (or a single claim) to `results`."""
    if isinstance(doc, dict) and isinstance(doc.get("claims"), list):
        claims = [(f"claims[{i}]", c) for i, c in enumerate(doc["claims"], 1)]
    elif isinstance(doc, list):
        claims = [(f"item {i}", c) for i, c in enumerate(doc, 1)]
    else:
        claims = [("", doc)]
    for where, claim in claims:
        _read_claim(where, claim, results)
        if results.done:
            return


def _read_claim(where: str, claim: object, results: Results) -> None:
    reviews = claim.get("claimReview") if isinstance(claim, dict) else None
    if not isinstance(reviews, list) or not reviews:
        results.fail(where or "item 1", "no_review", f"claim without claimReview: {_show(claim)}")
        return
    for i, review in enumerate(reviews, 1):
        place = f"{where} claimReview[{i}]".strip()
        item, problem = review_item(claim, review)
        if problem:
            results.fail(place, *problem)
        if item:
            results.add(item)
        if results.done:
            return


def review_item(claim: Claim, review: object) -> tuple[KnownFactCheck | None, Problem | None]:
    """Return the fact-check one claimReview entry describes, or a (code, detail) problem."""
    if not isinstance(review, dict):
        return None, ("no_review", f"claimReview entry is not an object: {_show(review)}")
    text = clean_text(claim.get("text"), CLAIM_MAX)
    if not text:
        return None, ("no_claim_text", f"claim without text (review {_show(review.get('url'))})")
    publisher = _publisher(review.get("publisher"))
    if not publisher:
        return None, ("no_publisher", f"claimReview without publisher for {short(text, 100)!r}")
    raw_url = text_of(review.get("url"))
    url = absolute_url(raw_url)
    rating = clean_text(review.get("textualRating"), RATING_MAX)
    item = KnownFactCheck(
        claim_text=text,
        publisher=publisher,
        url=url,
        title=clean_text(review.get("title"), TITLE_MAX),
        rating=rating,
        rating_value=None,
        best_rating=None,
        worst_rating=None,
        verdict=verdict_from_text(rating),
        review_date=to_date(review.get("reviewDate")),
        claim_date=to_date(claim.get("claimDate")),
        claimant=clean_text(claim.get("claimant"), CLAIMANT_MAX),
        language=language_code(review.get("languageCode")) or guess_language(text),
        appearances=(),
        checked_by=None,
        finding=None,
        source_format=SOURCE,
    )
    if raw_url and not url:
        return item, ("bad_url", f"imported without its URL (not an http(s) URL): {raw_url!r}")
    return item, None


def _publisher(value: object) -> str | None:
    """Return the publisher's name, else its site (the API sometimes gives only the site)."""
    if isinstance(value, dict):
        return clean_text(value.get("name"), PUBLISHER_MAX) or clean_text(
            value.get("site"), PUBLISHER_MAX
        )
    return clean_text(value, PUBLISHER_MAX)


def _show(value: object) -> str:
    return short(repr(value), 120)
