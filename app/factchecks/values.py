"""Turn the loose values fact-checkers publish into clean text, numbers, dates and URLs."""

from __future__ import annotations

import html
import math
import re
import unicodedata
from datetime import date
from urllib.parse import urljoin, urlsplit

URL_MAX = 8192  # Facebook photo URLs run past 2,000 characters
INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]")
TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>")
BREAK = re.compile(r"<br\s*/?>|</(?:p|div|li|h[1-6])\s*>", re.I)
ISO_DATE = re.compile(r"^\s*(\d{4})(-?)(\d{1,2})\2(\d{1,2})(?=$|[T\s+Z.,:-])")
DMY_DATE = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?=$|\s)")
CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")
ABSOLUTE_HTTP = re.compile(r"^\s*https?://[^/\s?#]", re.I)
LETTER = re.compile(r"[^\W\d_]")
THAI_LETTER = re.compile(r"[\u0e01-\u0e30\u0e32\u0e33\u0e40-\u0e46]")  # no combining marks
LANGUAGE_CODE = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*$")
LANGUAGE_NAMES = {
    "english": "en",
    "thai": "th",
    "ไทย": "th",
    "ภาษาไทย": "th",
    "spanish": "es",
    "español": "es",
    "portuguese": "pt",
    "português": "pt",
    "german": "de",
    "deutsch": "de",
    "french": "fr",
    "français": "fr",
    "hindi": "hi",
    "urdu": "ur",
}
BUDDHIST_ERA_OFFSET = 543


def text_of(value: object, depth: int = 0) -> str | None:
    """Return the first string in a JSON-LD value: a string, a list, or {"@value"|"name": ...}."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or depth > 3:
        return None
    if isinstance(value, int | float):
        return str(value) if math.isfinite(value) else None
    if isinstance(value, list):
        return next((t for v in value[:20] if (t := text_of(v, depth + 1))), None)
    if isinstance(value, dict):
        for key in ("@value", "name", "text"):
            if (found := text_of(value.get(key), depth + 1)) is not None:
                return found
    return None


def clean_text(value: object, limit: int) -> str | None:
    """Return one line of NFC text without markup, whitespace collapsed, cut to `limit`."""
    raw = text_of(value)
    if raw is None:
        return None
    text = html.unescape(TAG.sub(" ", raw)) if "<" in raw or "&" in raw else raw
    text = " ".join(INVISIBLE.sub("", unicodedata.normalize("NFC", text)).split())
    return text[:limit].rstrip() or None


def clean_block(value: object, limit: int) -> str | None:
    """Return NFC text that keeps its line breaks (one per paragraph), cut to `limit`."""
    raw = text_of(value)
    if raw is None:
        return None
    if "<" in raw or "&" in raw:
        raw = html.unescape(TAG.sub(" ", BREAK.sub("\n", raw)))
    raw = INVISIBLE.sub("", unicodedata.normalize("NFC", raw))
    lines = (" ".join(line.split()) for line in raw.splitlines())
    return "\n".join(line for line in lines if line)[:limit].rstrip() or None


def to_number(value: object) -> float | None:
    """Return a rating number; None for empty, non-numeric, infinite, or the -1 "no rating"."""
    raw = text_of(value)
    if raw is None:
        return None
    try:
        number = float(raw.strip().replace(",", "."))
    except ValueError:
        return None
    if not math.isfinite(number) or number == -1:
        return None
    return number


def make_date(year: int, month: int, day: int) -> date | None:
    """Return a date, reading a Buddhist Era year (2400 and later) as CE; None when invalid."""
    if year >= 2400:
        year -= BUDDHIST_ERA_OFFSET
    if not 1800 <= year <= 2200:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def to_date(value: object) -> date | None:
    """Return the date of an ISO 8601 value ("2020-06-24", "2019-04-10T12:09:05+05:30")."""
    raw = text_of(value)
    match = ISO_DATE.match(raw) if raw else None
    if not match:
        return None
    return make_date(int(match[1]), int(match[3]), int(match[4]))


def to_dmy_date(value: object) -> date | None:
    """Return the date of a DD/MM/YYYY value (the year may be Buddhist Era)."""
    raw = text_of(value)
    match = DMY_DATE.match(raw) if raw else None
    if not match:
        return None
    return make_date(int(match[3]), int(match[2]), int(match[1]))


def url_of(value: object) -> str | None:
    """Return the URL string of a value: a string, or a node's url / @id."""
    if isinstance(value, list):
        return next((u for v in value[:20] if (u := url_of(v))), None)
    if isinstance(value, dict):
        value = value.get("url") or value.get("@id") or value.get("contentUrl")
        return value if isinstance(value, str) else None
    return value if isinstance(value, str) else None


def absolute_url(raw: str | None, base: str | None = None) -> str | None:
    """Return `raw` as an absolute http(s) URL, resolved against `base` when relative."""
    if not raw:
        return None
    text = raw.strip().replace(" ", "%20")
    if not text or len(text) > URL_MAX or CONTROL_CHARS.search(text):
        return None
    if base and not urlsplit(text).scheme:
        text = urljoin(base, text)
    elif text.startswith("//"):
        text = "https:" + text
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018  (raises ValueError on a port that is no port)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return text


def is_absolute(raw: str | None) -> bool:
    """Tell whether `raw` is usable as a base URL on its own."""
    return bool(raw and ABSOLUTE_HTTP.match(raw))


def language_code(value: object) -> str | None:
    """Return a primary language subtag ("th", "en") from a code, a name or a Language node."""
    if isinstance(value, dict):
        value = value.get("alternateName") or value.get("name") or value.get("@value")
    raw = text_of(value)
    if not raw:
        return None
    raw = raw.strip()
    if named := LANGUAGE_NAMES.get(raw.casefold()):
        return named
    match = LANGUAGE_CODE.match(raw)
    return match[1].lower() if match else None


def guess_language(text: str) -> str | None:
    """Return "th" when Thai script makes up most of the letters of `text`."""
    if not THAI_LETTER.search(text):
        return None
    sample = text[:2000]
    letters = len(LETTER.findall(sample))
    thai = len(THAI_LETTER.findall(sample))
    return "th" if letters and thai * 2 >= letters else None
