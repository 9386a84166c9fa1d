"""Main text and metadata of a web page, with trafilatura."""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura

from app.ingest.errors import IngestError


@dataclass(frozen=True)
class Page:
    """What a web page says about itself, and its main text."""

    text: str
    title: str = ""
    author: str | None = None
    published: str | None = None
    site_name: str | None = None
    url: str | None = None


def extract_page(html: str, url: str | None = None) -> Page:
    """Return the main text and metadata of an HTML page; raise IngestError("no_text") if none."""
    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
    )
    text = (document.text if document is not None else "") or ""
    title = (document.title or "") if document is not None else ""
    lines = text.split("\n")
    if title and lines and lines[0].strip() == title.strip():
        text = "\n".join(lines[1:])  # the headline repeated as the first line of the text
    if not text.strip():
        raise IngestError("no_text")
    return Page(
        text=text,
        title=title,
        author=document.author,
        published=document.date,
        site_name=document.sitename,
        url=document.url or url,
    )
