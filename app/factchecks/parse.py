"""Read one file of fact-checks published by others: decode it, detect its format, dispatch.

Formats: schema.org ClaimReview as JSON or inside an HTML page's ld+json scripts, Google Fact
Check Tools API `claims:search` JSON, and the AFNC open-data CSV. The content decides; the file
name's extension only breaks ties.
"""

from __future__ import annotations

import codecs
import json
from pathlib import PurePath

from app.factchecks import afnc, claimreview, factchecktools
from app.factchecks.htmlpage import read_page
from app.factchecks.model import Parsed, Results, UnreadableFile, short

JSON_SUFFIXES = {".json", ".jsonld"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
CSV_SUFFIXES = {".csv", ".tsv"}
BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r", "\f"}


def parse_file(name: str, data: bytes, max_items: int = 100_000) -> Parsed:
    """Return the fact-checks in a file; raise UnreadableFile when it cannot be read at all."""
    text = decode(data)
    if not text.lstrip("\ufeff").strip():
        raise UnreadableFile("empty", "the file holds only white space")
    kind = sniff(text, PurePath(name or "").suffix.lower())
    results = Results(limit=max(1, max_items))
    if kind == "json":
        parsed = _read_json(text, results)
    elif kind == "html":
        parsed = _read_html(text, results)
    else:
        afnc.read_csv(text, results)
        parsed = results.finish(afnc.SOURCE)
    if not parsed.items and not parsed.failures:
        raise UnreadableFile("no_fact_checks", f"no fact-check in {short(name or 'the file', 100)}")
    return parsed


def decode(data: bytes | bytearray | memoryview | str) -> str:
    """Return the text of UTF-8 (or BOM-marked UTF-16) bytes; raise UnreadableFile otherwise."""
    if isinstance(data, str):
        return data
    raw = bytes(data)
    if not raw.strip():
        raise UnreadableFile("empty", "the file is empty")
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            return _decode(raw[len(bom) :], encoding)
    if b"\x00" in raw[:8192]:  # as git does: text files have no NUL near the start
        raise UnreadableFile("binary", "the file holds NUL bytes: not a text file")
    return _decode(raw, "utf-8")


def _decode(raw: bytes, encoding: str) -> str:
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as error:
        raise UnreadableFile("undecodable", f"not {encoding} at byte {error.start}") from None
    sample = text[:4096]
    if sum(1 for c in sample if c in CONTROL) > len(sample) // 100:
        raise UnreadableFile("binary", "the file holds control characters: not a text file")
    return text


def sniff(text: str, suffix: str = "") -> str:
    """Return "json", "html" or "csv" from the content, the suffix breaking ties."""
    head = text.lstrip("\ufeff \t\r\n")[:1]
    if head in ("{", "["):
        return "json"
    if head == "<" or "<html" in text[:2000].lower():
        return "html"
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    if suffix in CSV_SUFFIXES or afnc.looks_like_afnc(text) or any(d in first_line for d in ",\t;"):
        return "csv"
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in HTML_SUFFIXES:
        return "html"
    raise UnreadableFile("unknown_format", f"not JSON, HTML or CSV: {short(repr(text[:80]), 120)}")


def _read_json(text: str, results: Results) -> Parsed:
    doc = _load_json(text)
    if factchecktools.is_factchecktools(doc):
        factchecktools.read_response(doc, results)
        return results.finish(factchecktools.SOURCE)
    if not claimreview.read_document(doc, results):
        raise UnreadableFile("no_fact_checks", "JSON without any ClaimReview or API claim")
    return results.finish(claimreview.SOURCE)


def _load_json(text: str) -> object:
    try:
        return json.loads(text)
    except RecursionError:
        raise UnreadableFile("bad_json", "JSON nested too deeply") from None
    except ValueError as error:
        raise UnreadableFile("bad_json", _json_error(error)) from None


def _json_error(error: ValueError) -> str:
    if isinstance(error, json.JSONDecodeError):
        return f"invalid JSON at line {error.lineno} column {error.colno}: {error.msg}"
    return f"invalid JSON: {error}"


def _read_html(text: str, results: Results) -> Parsed:
    page = read_page(text)
    seen = 0
    for n, block in enumerate(page.blocks, 1):
        if not block.strip():
            continue
        where = f"script {n}"
        try:
            doc = _load_json(block)
        except UnreadableFile as error:
            results.fail(where, "bad_json", error.detail)
            continue
        seen += claimreview.read_document(doc, results, where, page.url)
        if results.done:
            break
    if not seen:
        detail = f"{len(page.blocks)} JSON-LD blocks on the page, none a ClaimReview"
        raise UnreadableFile("no_fact_checks", detail)
    return results.finish(claimreview.SOURCE)
