"""Map schema.org ClaimReview nodes (from JSON files or HTML pages) to known fact-checks."""

from __future__ import annotations

from datetime import date
from functools import cached_property
from typing import NamedTuple
from urllib.parse import urlsplit

from app.factchecks.jsonld import (
    Found,
    Node,
    find_reviews,
    index_ids,
    is_json_ld,
    reference,
    types_of,
)
from app.factchecks.model import (
    APPEARANCES_MAX,
    CLAIM_MAX,
    CLAIMANT_MAX,
    FINDING_MAX,
    PUBLISHER_MAX,
    RATING_MAX,
    TITLE_MAX,
    KnownFactCheck,
    Results,
    short,
)
from app.factchecks.values import (
    absolute_url,
    clean_block,
    clean_text,
    guess_language,
    is_absolute,
    language_code,
    text_of,
    to_date,
    to_number,
    url_of,
)
from app.factchecks.verdict import verdict_of

SOURCE = "claimreview"
Problem = tuple[str, str]  # (code, detail)


class Context:
    """What a review may refer to: the document's nodes by @id, and the page's own URL."""

    def __init__(self, doc: object, page_url: str | None) -> None:
        self.doc = doc
        self.page_url = page_url

    @cached_property
    def ids(self) -> dict[str, Node]:
        """Return the document's nodes by @id."""
        return index_ids(self.doc)

    def resolve(self, value: object) -> object:
        """Return the node a reference points to, else `value` unchanged."""
        target = reference(value)
        return self.ids.get(target, value) if target is not None else value


class Rating(NamedTuple):
    """A reviewRating as published."""

    text: str | None
    value: float | None
    best: float | None
    worst: float | None


def read_document(
    doc: object, results: Results, prefix: str = "", page_url: str | None = None
) -> int:
    """Add the ClaimReviews of one JSON-LD document to `results`; return how many were seen."""
    context = Context(doc, page_url)
    records = list(enumerate(doc, 1)) if isinstance(doc, list) else [(0, doc)]
    seen = 0
    for n, record in records:
        where = f"item {n}" if n else ""
        count = 0
        for found in find_reviews(record, where):
            count += 1
            _add(found, context, results, prefix)
            if results.done:
                return seen + count
        if n and not count and not is_json_ld(record):
            detail = f"no ClaimReview in this {type(record).__name__}: {short(repr(record), 120)}"
            results.fail(label(prefix, where), "not_claimreview", detail)
        seen += count
    return seen


def label(prefix: str, where: str) -> str:
    """Return a human-readable place: "script 2 @graph[1]", "item 1", "script 1"."""
    if not where:
        return prefix or "item 1"
    return f"{prefix} {where}" if prefix else where


def _add(found: Found, context: Context, results: Results, prefix: str) -> None:
    item, problems = review_item(found.node, context)
    for code, detail in problems:
        results.fail(label(prefix, found.where), code, detail)
    if item is not None:
        results.add(item)


def review_item(node: Node, context: Context) -> tuple[KnownFactCheck | None, list[Problem]]:
    """Return the fact-check a ClaimReview node describes, and what was wrong with it."""
    reviewed = _item_reviewed(node, context)
    claim = clean_text(node.get("claimReviewed"), CLAIM_MAX) or clean_text(
        reviewed.get("text"), CLAIM_MAX
    )
    if not claim:
        return None, [("no_claim_text", f"ClaimReview without claimReviewed ({_hint(node)})")]
    publisher = publisher_of(node, context)
    if not publisher:
        return None, [("no_publisher", f"no author or publisher name for {short(claim, 100)!r}")]
    base = _base_url(node, context)
    url, problem = _review_url(node, context, base)
    rating = _rating(node, context)
    item = KnownFactCheck(
        claim_text=claim,
        publisher=publisher,
        url=url,
        title=clean_text(node.get("headline") or node.get("name") or node.get("title"), TITLE_MAX),
        rating=rating.text,
        rating_value=rating.value,
        best_rating=rating.best,
        worst_rating=rating.worst,
        verdict=verdict_of(*rating),
        review_date=to_date(node.get("datePublished")) or to_date(node.get("dateCreated")),
        claim_date=_claim_date(reviewed, context),
        claimant=_first_name(reviewed.get("author") or reviewed.get("creator"), context),
        language=_language(node, reviewed, claim),
        appearances=_appearances(reviewed, node, context, url, base),
        checked_by=None,
        finding=clean_block(node.get("reviewBody") or node.get("description"), FINDING_MAX),
        source_format=SOURCE,
    )
    return item, [("bad_url", problem)] if problem else []


def _hint(node: Node) -> str:
    raw = url_of(node.get("url")) or text_of(node.get("headline") or node.get("name"))
    return f"url {short(raw, 120)!r}" if raw else "no url or headline either"


def _item_reviewed(node: Node, context: Context) -> Node:
    value = context.resolve(node.get("itemReviewed"))
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, dict)), None)
    return value if isinstance(value, dict) else {}


def _entities(value: object, context: Context) -> list[tuple[str, bool]]:
    """Return (name, is_organisation) of each author or publisher in a value."""
    out: list[tuple[str, bool]] = []
    for entry in (value if isinstance(value, list) else [value])[:20]:
        entry = context.resolve(entry)
        if isinstance(entry, str):
            name, organisation = clean_text(entry, PUBLISHER_MAX), True
        elif isinstance(entry, dict):
            raw = entry.get("name") or entry.get("legalName") or entry.get("alternateName")
            name, organisation = clean_text(raw, PUBLISHER_MAX), "person" not in types_of(entry)
        else:
            continue
        if name:
            out.append((name, organisation))
    return out


def publisher_of(node: Node, context: Context) -> str | None:
    """Return the reviewer: an Organization author, else the publisher, else any author."""
    authors = _entities(node.get("author"), context)
    publishers = _entities(node.get("publisher"), context)
    names = [n for n, org in authors if org] + [n for n, _ in publishers] + [n for n, _ in authors]
    return names[0] if names else None


def _first_name(value: object, context: Context) -> str | None:
    names = _entities(value, context)
    return names[0][0][:CLAIMANT_MAX] if names else None


def _base_url(node: Node, context: Context) -> str | None:
    """Return the URL that relative URLs of a review are resolved against, if any is known."""
    candidates = [url_of(node.get("mainEntityOfPage")), context.page_url]
    for key in ("publisher", "author"):
        entry = context.resolve(node.get(key))
        candidates.append(url_of(entry) if isinstance(entry, dict | list) else None)
    return next((c for c in candidates if is_absolute(c)), None)


def _review_url(node: Node, context: Context, base: str | None) -> tuple[str | None, str | None]:
    """Return the review's absolute URL, or None and why the published one is unusable."""
    raw = url_of(node.get("url")) or url_of(node.get("mainEntityOfPage"))
    if not raw:
        return context.page_url, None
    if url := absolute_url(raw, base):
        return url, None
    if _is_relative(raw) and not base:
        why = "relative URL and no page URL to resolve it against"
    else:
        why = "not an http(s) URL"
    return None, f"imported without its URL ({why}): {short(raw, 120)!r}"


def _is_relative(raw: str) -> bool:
    try:
        return not urlsplit(raw.strip()).scheme
    except ValueError:
        return False


def _rating(node: Node, context: Context) -> Rating:
    rating = context.resolve(node.get("reviewRating"))
    if isinstance(rating, list):
        rating = next((r for r in rating if isinstance(r, dict)), None)
    if isinstance(rating, str):
        return Rating(clean_text(rating, RATING_MAX), None, None, None)
    if not isinstance(rating, dict):
        return Rating(None, None, None, None)
    raw_value = rating.get("ratingValue")
    text = clean_text(rating.get("alternateName") or rating.get("name"), RATING_MAX)
    if text is None and isinstance(raw_value, str) and not _numeric(raw_value):
        text = clean_text(raw_value, RATING_MAX)  # a textual rating given as the value
    best, worst = to_number(rating.get("bestRating")), to_number(rating.get("worstRating"))
    return Rating(text, to_number(raw_value), best, worst)


def _numeric(raw: str) -> bool:
    try:
        float(raw.strip().replace(",", ".") or "x")
    except ValueError:
        return False
    return True


def _claim_date(reviewed: Node, context: Context) -> date | None:
    first = context.resolve(reviewed.get("firstAppearance"))
    first_date = first.get("datePublished") if isinstance(first, dict) else None
    dates = (reviewed.get("datePublished"), reviewed.get("dateCreated"), first_date)
    return next((d for raw in dates if (d := to_date(raw))), None)


def _appearances(
    reviewed: Node, node: Node, context: Context, review_url: str | None, base: str | None
) -> tuple[str, ...]:
    """Return the absolute URLs where the claim appeared (appearance, firstAppearance, url)."""
    raw: list[object] = []
    for value in (
        reviewed.get("appearance"),
        reviewed.get("firstAppearance"),
        node.get("firstAppearance"),
        reviewed.get("url"),
    ):
        raw.extend(value if isinstance(value, list) else [value])
    urls: list[str] = []
    for value in raw[: APPEARANCES_MAX * 4]:
        node_or_url = context.resolve(value) if isinstance(value, dict) else value
        url = absolute_url(url_of(node_or_url), review_url or base)
        if url and url != review_url and url not in urls:
            urls.append(url)
    return tuple(urls[:APPEARANCES_MAX])


def _language(node: Node, reviewed: Node, claim: str) -> str | None:
    return (
        language_code(node.get("inLanguage"))
        or language_code(reviewed.get("inLanguage"))
        or guess_language(claim)
    )
