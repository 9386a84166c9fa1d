"""Read the JSON-LD blocks and the page URL of an HTML page."""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.etree
import lxml.html

from app.factchecks.values import absolute_url

LD_JSON = "application/ld+json"
# Blocks wrapped for old browsers: <!-- ... -->, //<![CDATA[ ... //]]>
WRAPPERS = re.compile(r"^\s*(?://\s*)?(?:<!--|<!\[CDATA\[)|(?://\s*)?(?:-->|\]\]>)\s*$")


@dataclass(frozen=True)
class Page:
    """The JSON-LD texts of a page, in order, and its own URL when it names one."""

    blocks: list[str]
    url: str | None


def read_page(text: str) -> Page:
    """Return the ld+json script texts and the canonical (or og:url, or base) URL of a page."""
    try:
        root = lxml.html.document_fromstring(
            text.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8")
        )
    except (lxml.etree.ParserError, ValueError):
        return Page([], None)
    return Page(blocks=_blocks(root), url=_page_url(root))


def _blocks(root: lxml.html.HtmlElement) -> list[str]:
    scripts = root.iter("script")
    typed = (s for s in scripts if (s.get("type") or "").split(";")[0].strip().lower() == LD_JSON)
    return [WRAPPERS.sub("", s.text or "").strip().rstrip(";") for s in typed]


def _page_url(root: lxml.html.HtmlElement) -> str | None:
    candidates = [
        *(el.get("href") for el in root.iter("link") if "canonical" in _rels(el)),
        *(el.get("content") for el in root.iter("meta") if el.get("property") == "og:url"),
        *(el.get("href") for el in root.iter("base")),
    ]
    return next((url for raw in candidates if (url := absolute_url(raw))), None)


def _rels(element: lxml.html.HtmlElement) -> list[str]:
    return (element.get("rel") or "").lower().split()
