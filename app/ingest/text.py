"""Text handling for ingestion: decoding, normalization, language, URLs and dates."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date
from urllib.parse import SplitResult, parse_qsl, urlencode, urlsplit, urlunsplit

from app.extraction.dates import TH_MONTHS, common_era_year, find_dates
from app.ingest.errors import IngestError

THAI = re.compile(r"[\u0e01-\u0e5b]")
LATIN = re.compile(r"[A-Za-z]")
# A Thai vowel or tone mark after a character that cannot carry it: not Thai text.
_MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
STRAY_MARK = re.compile(rf"[^\u0e01-\u0e2e{_MARKS}][{_MARKS}]")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
TRACKING_PARAMS = re.compile(r"^(?:utm_\w+|fbclid|gclid|igshid|mc_cid|mc_eid)$", re.I)
NUMERIC_DATE = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def decode_text(data: bytes) -> str:
    """Decode a text file: UTF-8 (with or without BOM), else the Thai legacy TIS-620/Windows-874."""
    if b"\x00" in data[:4096]:
        raise IngestError("binary")
    for encoding in ("utf-8-sig", "cp874"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        thai = len(THAI.findall(text))
        if encoding == "cp874" and (not thai or len(STRAY_MARK.findall(text)) > thai // 50):
            break  # not Thai either (a typo aside): some other encoding we do not guess at
        if len(CONTROL.findall(text)) > max(3, len(text) // 1000):
            raise IngestError("binary")
        return text
    raise IngestError("encoding")


def normalize_body(text: str) -> str:
    """Return the stored form of a body: NFC, Unix newlines, trimmed lines, no blank runs."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line).strip()


def body_digest(body: str) -> str:
    """Return the SHA-256 that identifies a normalized body."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def detect_language(text: str) -> str:
    """Return "th", "en" or "mixed" from the share of Thai and Latin letters."""
    thai, latin = len(THAI.findall(text)), len(LATIN.findall(text))
    if thai + latin == 0:
        return "th"
    share = thai / (thai + latin)
    return "th" if share >= 0.7 else "en" if share <= 0.1 else "mixed"


def web_address(url: str) -> SplitResult | None:
    """Return the parts of an http(s) address with a host and a real port (1-65535), else None.

    urlsplit() accepts "host:99999" and "[::1" and raises only when the port or host is read.
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or port == 0:
        return None
    return parts


def fetchable_address(url: str) -> SplitResult:
    """Return the parts of an address Satja may fetch; refuse a bad one or one carrying a user
    name or password (it would end up in logs, archives and the history)."""
    parts = web_address(url)
    if parts is None:
        raise IngestError("bad_url", url)
    if parts.username is not None or parts.password is not None:
        raise IngestError("credentials_in_url", parts.hostname)
    return parts


def canonical_url(url: str) -> str:
    """Return the form of a URL used to recognise the same article again.

    Scheme and host lower-cased, default port, fragment and tracking parameters (utm_*, fbclid...)
    dropped, query parameters sorted, and a trailing slash removed from the path.
    """
    parts = web_address(url)
    if parts is None:
        raise IngestError("bad_url", url)
    scheme, host = parts.scheme.lower(), parts.hostname.lower()
    port = parts.port
    netloc = host if port in (None, 80 if scheme == "http" else 443) else f"{host}:{port}"
    query = urlencode(
        sorted(
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not TRACKING_PARAMS.match(k)
        )
    )
    path = parts.path.rstrip("/") or ""
    return urlunsplit((scheme, netloc, path, query, ""))


def parse_published(value: str | None) -> date | None:
    """Parse a published date in Thai or English, Buddhist or Common Era; raise on nonsense."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if match := ISO_DATE.match(value):
        year, month, day = (int(g) for g in match.groups())
        return _date(_four_digit_year(year), month, day, value)
    if match := NUMERIC_DATE.match(value):
        day, month, year = (int(g) for g in match.groups())
        return _date(_four_digit_year(year), month, day, value)
    for _, _, iso in find_dates(value):
        if len(iso) == 10:
            day = date.fromisoformat(iso)
            return _date(day.year, day.month, day.day, value)
    raise IngestError("bad_date", value)


# A year outside these (after reading 25xx as the Buddhist Era) is a typing slip, such as a
# Buddhist-Era year converted twice (3111): refused rather than stored.
EARLIEST_YEAR, LATEST_YEAR = 1000, 2200


def _four_digit_year(year: int) -> int:
    """Read a year written with four digits: 25xx is Buddhist Era; 0068 is not "68"."""
    return common_era_year(year, None) if year >= 100 else year


def _date(year: int, month: int, day: int, value: str) -> date:
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise IngestError("bad_date", value)
    try:
        return date(year, month, day)
    except ValueError:
        raise IngestError("bad_date", value) from None


__all__ = [
    "TH_MONTHS",
    "body_digest",
    "canonical_url",
    "decode_text",
    "detect_language",
    "normalize_body",
    "parse_published",
]
