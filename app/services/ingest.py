"""Ingest articles from pasted text, HTML, uploaded files and URLs: one service for every edge."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from app.ingest.errors import IngestError
from app.ingest.fetch import Fetcher
from app.ingest.files import page_from_file
from app.ingest.html import Page, extract_page
from app.ingest.text import canonical_url, detect_language, normalize_body, parse_published
from app.models import Article, Role
from app.services import articles
from app.services.actors import Actor
from app.services.errors import DomainError
from app.services.permissions import require_role

MESSAGES = {
    "empty": _l("The article has no text."),
    "binary": _l("This is not a text file."),
    "encoding": _l("The file's text could not be read: save it as UTF-8 (or Thai TIS-620)."),
    "corrupt": _l("The file is damaged or not of the type its name says."),
    "no_text_layer": _l("The PDF has no text layer (a scanned image?); paste its text instead."),
    "unsupported_type": _l("Satja reads .txt, .html, .docx and .pdf files, and web pages."),
    "too_large": _l("The file or page is larger than Satja accepts."),
    "bad_url": _l("That is not a web address (http:// or https://)."),
    "credentials_in_url": _l(
        "Satja does not fetch addresses with a user name or password in them: remove them."
    ),
    "unreachable": _l("The web page could not be reached."),
    "refused": _l("Satja does not fetch pages from private or local network addresses."),
    "too_many_redirects": _l("The web page redirects too many times."),
    "too_slow": _l("The web site sent the page too slowly: Satja stopped waiting."),
    "pdf_too_slow": _l(
        "Reading the PDF took too long (it may be built to be slow); Satja stopped."
    ),
    "http_error": _l("The web server answered with an error."),
    "no_text": _l("No article text was found on the page."),
    "bad_date": _l("This is not a date Satja understands (e.g. 15 สิงหาคม 2568 or 2025-08-15)."),
    "bad_language": _l("The language must be th, en or mixed."),
    "bad_bulk": _l("A bulk file is JSON Lines or CSV with url, title, text or html columns."),
    "bad_bulk_type": _l("Import JSON Lines (.jsonl) or CSV (.csv) files."),
    "bad_json": _l("This line is not valid JSON."),
    "not_object": _l("This line is not a JSON object with article fields."),
    "too_long": _l("A title may have 500 characters, an outlet or author 200, an address 2048."),
}
STATUS = {"too_large": 413, "unsupported_type": 415, "bad_bulk_type": 415}
FIELD = {
    "bad_url": "url",
    "credentials_in_url": "url",
    "bad_date": "published",
    "bad_language": "language",
}


def failure_message(code: str) -> object:
    """Return the reader's-language message for a refusal code (for import reports)."""
    return MESSAGES.get(code, code)


class IngestRefused(DomainError):
    """An input that cannot become an article, with the reason's code and a clear message."""

    def __init__(self, error: IngestError) -> None:
        super().__init__(MESSAGES.get(error.code, MESSAGES["empty"]))
        self.code = error.code
        self.status = STATUS.get(error.code, 422)
        self.field = FIELD.get(error.code)
        self.detail = error.detail


@dataclass(frozen=True)
class Submission:
    """An article as a user or a bulk file gives it: text, HTML or a URL, with metadata."""

    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    language: str | None = None


def fetcher() -> Fetcher:
    """Return the page fetcher configured for this app (private addresses only if allowed)."""
    config = current_app.config
    return Fetcher(
        allow_private=config["SATJA_FETCH_ALLOW_PRIVATE"],
        timeout=config["SATJA_FETCH_TIMEOUT"],
        deadline=config["SATJA_FETCH_DEADLINE"],
        max_bytes=config["SATJA_FETCH_MAX_BYTES"],
        extra_allowed=frozenset(config.get("SATJA_FETCH_EXTRA_ALLOWED", ())),
    )


def ingest(
    session: Session, actor: Actor, given: Submission, fetch: Fetcher | None = None
) -> tuple[Article, bool]:
    """Store the article unless it is stored already; return it and whether it is new."""
    require_role(actor, Role.CHECKER)
    try:
        canonical = canonical_url(given.url) if given.url else None
        existing = articles.find_existing(session, canonical, None)
        if existing is not None:
            return existing, False
        page = _page(fetched(actor, given, fetch))
        return articles.add_article(session, actor, _article_input(given, page, canonical))
    except IngestError as error:
        raise IngestRefused(error) from None


def ingest_file(
    session: Session, actor: Actor, filename: str, data: bytes, given: Submission
) -> tuple[Article, bool]:
    """Store an uploaded .txt, .html, .docx or .pdf file as an article."""
    require_role(actor, Role.CHECKER)
    try:
        page = page_from_file(filename, data)
        return articles.add_article(session, actor, _article_input(given, page, None))
    except IngestError as error:
        raise IngestRefused(error) from None


def needs_fetch(given: Submission) -> bool:
    """Say whether the article must be fetched from its URL (no text or HTML was given)."""
    has_text = bool((given.text or "").strip() or (given.html or "").strip())
    return bool(given.url) and not has_text


def fetched(
    actor: Actor,
    given: Submission,
    fetch: Fetcher | None = None,
    release: Callable[[], None] | None = None,
) -> Submission:
    """Return the submission with its page fetched, when it has only a URL (checkers and up).

    `release` is the edge's way to end its transaction before the fetch (its commit): a site
    may take up to the fetch deadline, and on SQLite a writing transaction held meanwhile
    would keep every other writer waiting.
    """
    require_role(actor, Role.CHECKER)  # before any request leaves the server
    if not needs_fetch(given):
        return given
    if release is not None:
        release()
    try:
        page = (fetch or fetcher()).fetch(given.url)
    except IngestError as error:
        raise IngestRefused(error) from None
    if page.content_type.startswith("text/plain"):
        return dataclasses.replace(given, text=page.text)
    return dataclasses.replace(given, html=page.text)


def _page(given: Submission) -> Page:
    """Return the article's text and page metadata from its text or HTML (fetched already)."""
    if given.text and given.text.strip():
        return Page(text=given.text)
    if given.html and given.html.strip():
        return extract_page(given.html, given.url)
    raise IngestError("empty")


LIMITS = {"title": 500, "outlet": 200, "author": 200, "url": 2048}


def _check_lengths(given: Submission) -> None:
    """Refuse metadata longer than Satja stores (the web form checks the same)."""
    for name, limit in LIMITS.items():
        if len(getattr(given, name) or "") > limit:
            raise IngestError("too_long", name)


def _article_input(given: Submission, page: Page, canonical: str | None) -> articles.ArticleInput:
    body = normalize_body(page.text)
    if not body:
        raise IngestError("empty")
    language = (given.language or "").strip().lower() or detect_language(body)
    if language not in ("th", "en", "mixed"):
        raise IngestError("bad_language", language)
    if canonical is None and page.url:
        canonical = canonical_url(page.url)
    _check_lengths(given)
    return articles.ArticleInput(
        text=body,
        title=(given.title or "").strip() or page.title,
        outlet=(given.outlet or "").strip() or page.site_name,
        author=(given.author or "").strip() or page.author,
        url=given.url or page.url,
        canonical_url=canonical,
        published_on=parse_published(given.published or page.published),
        language=language,
    )
