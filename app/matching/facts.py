"""The facts of a claim that must agree for two wordings to be one claim: numbers, dates, places
and negation, read from text already brought to one form by `normalize.prepare`.

Pure code (no Flask, no database). Places come from gazetteers: the names of countries in Thai
and English (Babel's CLDR territory names, so ไทย and Thailand are one place), Thailand's
provinces (pythainlp's list, Thai and English), and a few names news uses for them.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from zoneinfo import available_timezones

from babel import Locale
from babel.dates import get_timezone_location
from pythainlp.corpus import corpus_path
from pythainlp.tokenize import word_tokenize

from app.extraction.dates import EN_MONTHS, TH_MONTHS
from app.extraction.lexicon import thai_common_words
from app.matching.normalize import NUMBER, canonical_number, number_value

# Numbers of four digits in this range are years (a Buddhist-Era year is already converted).
YEARS = range(1800, 2101)
# A province name that is also a common word (แพร่ "to spread", ตาก "to dry") is a place only
# right after one of these.
PLACE_CUES = ("จังหวัด", "เมือง", "อำเภอ", "ที่", "ใน", "ชาว")
PLACE_ALIASES = {
    "กรุงเทพมหานคร": "TH-BKK",
    "กรุงเทพ": "TH-BKK",
    "bangkok": "TH-BKK",
    "ประเทศไทย": "TH",
    "ไทย": "TH",
    "สยาม": "TH",
    "สหรัฐอเมริกา": "US",
    "united states": "US",
    "เมียนมา": "MM",
    "myanmar": "MM",
    "อังกฤษ": "GB",
    "britain": "GB",
    "england": "GB",
    "united kingdom": "GB",
    "โซเวียต": "SU",
    "สหภาพโซเวียต": "SU",
    "soviet union": "SU",
    "ไต้หวัน": "TW",
    "ฮ่องกง": "HK",
}
# Parts of a country: Thailand's regions, and the directions news names parts of others by.
REGIONS = {
    "ภาคเหนือ": "REGION-N",
    "ภาคใต้": "REGION-S",
    "ภาคกลาง": "REGION-C",
    "ภาคตะวันออก": "REGION-E",
    "ภาคตะวันตก": "REGION-W",
    "ภาคตะวันออกเฉียงเหนือ": "REGION-NE",
    "ภาคอีสาน": "REGION-NE",
    "อีสาน": "REGION-NE",
}
ENGLISH_DIRECTIONS = {
    "north": "REGION-N",
    "northern": "REGION-N",
    "south": "REGION-S",
    "southern": "REGION-S",
    "east": "REGION-E",
    "eastern": "REGION-E",
    "west": "REGION-W",
    "western": "REGION-W",
    "northeast": "REGION-NE",
    "northeastern": "REGION-NE",
}
MAX_PLACE_WORDS = 5

# Words that turn a Thai statement into its opposite, and what they are not when followed by
# another word (ไม่ว่า "whatever", ไม่กี่ "a few", ไม่เพียง "not only").
THAI_NEGATIONS = frozenset(
    ("ไม่", "มิ", "มิได้", "ไม่ได้", "ไม่ใช่", "มิใช่", "หาใช่", "ไม่เคย", "ไม่มี", "ปฏิเสธ", "ไร้")
)
THAI_NOT_NEGATION_AFTER = ("ว่า", "กี่", "เพียง", "น้อย", "นาน", "ช้า", "ค่อย")
THAI_NEGATION = re.compile(
    r"(?:ไม่|มิได้|มิใช่|หาใช่|ปฏิเสธ)(?!" + "|".join(THAI_NOT_NEGATION_AFTER) + ")"
)
ENGLISH_NEGATIONS = re.compile(
    r"\b(?:not(?!\s+only)|no|never|none|nobody|nothing|neither|nor|without|den(?:y|ies|ied)"
    r"|refut(?:e|es|ed)|cannot|n't)\b|n't\b",
    re.I,
)


@dataclass(frozen=True)
class Facts:
    """What must agree: numbers (not years), years, months, days of months, places, negation."""

    numbers: frozenset[str]
    years: frozenset[int]
    months: frozenset[int]
    days: frozenset[tuple[int, int]]
    places: frozenset[str]
    negated: bool


@lru_cache(maxsize=1)
def _province_names() -> dict[str, tuple[str, str]]:
    """Return each province's (Thai, English) name by its code."""
    found = {}
    with (Path(corpus_path()) / "thailand_provinces_th.csv").open(encoding="utf-8") as rows:
        for row in csv.reader(rows):
            if len(row) >= 4 and row[0]:
                found[f"TH-{row[3]}"] = (row[0], row[2])
    return found


def _thai_provinces() -> dict[str, str]:
    """Return each province's Thai name and case-folded English name, with its code."""
    found = {}
    for code, (thai, english) in _province_names().items():
        found[thai] = code
        found[english.casefold()] = code
    return found


@lru_cache(maxsize=1)
def places() -> dict[str, str]:
    """Return every place name (Thai as written, English case-folded) and the place it names."""
    found: dict[str, str] = {}
    for language in ("en", "th"):
        for code, name in Locale(language).territories.items():
            if len(code) != 2 or not code.isalpha():
                continue  # regions (001, 142) are not places a claim names
            for part in re.split(r"\s*[()]\s*", name):
                if part:
                    found[part.casefold() if language == "en" else part] = code
    found.update(_cities())
    found.update(_thai_provinces())
    found.update(REGIONS)
    found.update(PLACE_ALIASES)
    return found


def _cities() -> dict[str, str]:
    """Return the cities CLDR names time zones by (โซล and Seoul, เปียงยาง and Pyongyang)."""
    found = {}
    for zone in sorted(available_timezones()):
        if "/" not in zone or zone.startswith(("Etc/", "SystemV/")):
            continue
        for language in ("en", "th"):
            try:
                city = get_timezone_location(zone, locale=language, return_city=True)
            except (LookupError, ValueError):
                continue
            if city and len(city) >= 3:
                found[city.casefold() if language == "en" else city] = f"CITY-{zone}"
    return found


@lru_cache(maxsize=1)
def _english_places() -> re.Pattern:
    names = sorted((n for n in places() if n.isascii()), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b", re.I)


@lru_cache(maxsize=1)
def _ambiguous() -> frozenset[str]:
    common = thai_common_words()
    return frozenset(n for n in places() if not n.isascii() and n in common and len(n) <= 4)


@lru_cache(maxsize=1)
def _beginnings() -> frozenset[str]:
    """Return the first two letters of every Thai place name (most words begin none)."""
    return frozenset(n[:2] for n in places() if not n.isascii())


# Words before a district's or a sub-district's name, which no bundled list holds: the name
# after them is a place of its own ("อำเภอหาดใหญ่" is not "อำเภอเมืองเชียงใหม่").
# (อ. and ต. may have lost their dot when the text was prepared.)
DISTRICT_CUES = frozenset(("อำเภอ", "อ.", "อ", "เขต", "ตำบล", "ต.", "ต", "แขวง"))


def _district(words: list[str], index: int) -> str | None:
    """Return the district named after a district word at `index`, if any."""
    if words[index] not in DISTRICT_CUES or index + 1 >= len(words):
        return None
    name = words[index + 1]
    if name == "เมือง" or name.isascii():
        return None  # อำเภอเมือง + the province: the province is the place
    if len(name) <= 3 and index + 2 < len(words) and not words[index + 2].isascii():
        name += words[index + 2]  # newmm splits some names (หาด|ใหญ่)
    return f"DISTRICT-{name}"


def _thai_places(words: list[str]) -> set[str]:
    names, ambiguous, beginnings = places(), _ambiguous(), _beginnings()
    found, index = set(), 0
    while index < len(words):
        district = _district(words, index)
        if district:
            found.add(district)
            index += 2
            continue
        if words[index][:2] not in beginnings and len(words[index]) >= 2:
            index += 1
            continue
        for size in range(min(MAX_PLACE_WORDS, len(words) - index), 0, -1):
            name = "".join(words[index : index + size])
            if name in names and not name.isascii():
                before = words[index - 1] if index else ""
                if name not in ambiguous or before in PLACE_CUES:
                    found.add(names[name])
                    index += size
                    break
        else:
            index += 1
    return found


def _negated(text: str) -> bool:
    # Found inside words too: newmm keeps ว่าไม่ได้ or ไม่ใช่ as one word.
    return bool(THAI_NEGATION.search(text) or ENGLISH_NEGATIONS.search(text))


_LATIN = re.compile(r"[A-Za-z]")
# The most days a month has (29 February counts: a leap year's).
DAYS_IN_MONTH = {
    1: 31,
    2: 29,
    3: 31,
    4: 30,
    5: 31,
    6: 30,
    7: 31,
    8: 31,
    9: 30,
    10: 31,
    11: 30,
    12: 31,
}
ENGLISH_DIRECTION = re.compile(r"\b(?:" + "|".join(ENGLISH_DIRECTIONS) + r")\b", re.I)
_TH_MONTH = "|".join(sorted((m for m in TH_MONTHS if "." not in m), key=len, reverse=True))
_EN_MONTH = "|".join(sorted((m for m in EN_MONTHS if len(m) > 3 or m == "may"), key=len))
MONTH = re.compile(rf"(?P<th>{_TH_MONTH})|\b(?P<en>{_EN_MONTH})\b", re.I)
DAY_BEFORE = re.compile(r"(?<![\d.,])(\d{1,2})(?:st|nd|rd|th)?\s*(?:of\s+)?$", re.I)
DAY_AFTER = re.compile(r"^\.?\s*(\d{1,2})(?:st|nd|rd|th)?(?!\d|[.,]\d)", re.I)


def _month_number(match: re.Match) -> int:
    if match.group("th"):
        return TH_MONTHS[match.group("th")]
    return EN_MONTHS[match.group("en").lower()]


def _dates(text: str) -> tuple[set[int], set[tuple[int, int]], list[tuple[int, int]]]:
    """Return the months named, (day, month) pairs, and the spans of the days."""
    months, days, spans = set(), set(), []
    for match in MONTH.finditer(text):
        month = _month_number(match)
        months.add(month)
        before = DAY_BEFORE.search(text[max(0, match.start() - 12) : match.start()])
        after = DAY_AFTER.search(text[match.end() : match.end() + 8])
        for found, offset in ((before, max(0, match.start() - 12)), (after, match.end())):
            if found and 1 <= int(found.group(1)) <= DAYS_IN_MONTH[month]:
                days.add((int(found.group(1)), month))
                spans.append((offset + found.start(1), offset + found.end(1)))
    return months, days, spans


def facts(prepared: str, words: list[str] | None = None) -> Facts:
    """Return the facts of a prepared text; `words` are its newmm words when known."""
    if words is None:
        words = [w for w in word_tokenize(prepared, engine="newmm") if w.strip()]
    months, days, day_spans = _dates(prepared)
    numbers, years = set(), set()
    for match in NUMBER.finditer(prepared):
        if any(a <= match.start() < b for a, b in day_spans):
            continue
        raw = match.group("num")
        value = number_value(raw, match.group("mults"))
        if len(raw) == 4 and int(value) in YEARS and not match.group("mults").strip():
            years.add(int(value))
        else:
            numbers.add(canonical_number(value))
    found_places = _thai_places(words)
    spans = []
    latin = _LATIN.search(prepared) is not None
    for match in _english_places().finditer(prepared) if latin else ():
        found_places.add(places()[match.group(0).casefold()])
        spans.append(match.span())
    for match in ENGLISH_DIRECTION.finditer(prepared) if latin else ():
        if not any(a <= match.start() < b for a, b in spans):
            found_places.add(ENGLISH_DIRECTIONS[match.group(0).casefold()])
    return Facts(
        numbers=frozenset(numbers),
        years=frozenset(years),
        months=frozenset(months),
        days=frozenset(days),
        places=frozenset(found_places),
        negated=_negated(prepared),
    )


REGION_NAMES = {
    "th": {
        "REGION-N": "ภาคเหนือ",
        "REGION-S": "ภาคใต้",
        "REGION-C": "ภาคกลาง",
        "REGION-E": "ภาคตะวันออก",
        "REGION-W": "ภาคตะวันตก",
        "REGION-NE": "ภาคตะวันออกเฉียงเหนือ",
    },
    "en": {
        "REGION-N": "the north",
        "REGION-S": "the south",
        "REGION-C": "the centre",
        "REGION-E": "the east",
        "REGION-W": "the west",
        "REGION-NE": "the north-east",
    },
}


@lru_cache(maxsize=4096)
def place_name(code: str, language: str = "th") -> str:
    """Return a place's name in Thai or English (its code when it has none)."""
    language = "th" if language == "th" else "en"
    if code.startswith("REGION-"):
        return REGION_NAMES[language].get(code, code)
    if code.startswith("CITY-"):
        try:
            return get_timezone_location(code[5:], locale=language, return_city=True)
        except (LookupError, ValueError):
            return code
    if code.startswith("TH-"):
        names = _province_names().get(code)
        return (names[0] if language == "th" else names[1]) if names else code
    if code == "SU":
        return "สหภาพโซเวียต" if language == "th" else "the Soviet Union"
    return Locale(language).territories.get(code, code)
