"""Find dates and years in Thai and English text and normalize them to ISO 8601."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

BE_OFFSET = 543
TH_MONTHS = {
    "มกราคม": 1,
    "กุมภาพันธ์": 2,
    "มีนาคม": 3,
    "เมษายน": 4,
    "พฤษภาคม": 5,
    "มิถุนายน": 6,
    "กรกฎาคม": 7,
    "สิงหาคม": 8,
    "กันยายน": 9,
    "ตุลาคม": 10,
    "พฤศจิกายน": 11,
    "ธันวาคม": 12,
    "ม.ค.": 1,
    "ก.พ.": 2,
    "มี.ค.": 3,
    "เม.ย.": 4,
    "พ.ค.": 5,
    "มิ.ย.": 6,
    "ก.ค.": 7,
    "ส.ค.": 8,
    "ก.ย.": 9,
    "ต.ค.": 10,
    "พ.ย.": 11,
    "ธ.ค.": 12,
}
EN_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_TH_MONTH = "|".join(sorted(map(re.escape, TH_MONTHS), key=len, reverse=True))
_EN_MONTH = "|".join(sorted(EN_MONTHS, key=len, reverse=True))
_ERA = r"(?P<era>พ\.\s?ศ\.|ค\.\s?ศ\.|BE|B\.E\.|AD|A\.D\.|CE)?"
_YEAR = r"(?P<year>\d{4}|\d{2}(?!\d))"

TH_DAY_MONTH_YEAR = re.compile(
    rf"(?:วันที่\s*)?(?P<day>\d{{1,2}})\s*(?P<month>{_TH_MONTH})(?:\s*{_ERA}\s*{_YEAR})?"
)
TH_MONTH_YEAR = re.compile(rf"(?:เดือน\s*)?(?P<month>{_TH_MONTH})\s*{_ERA}\s*(?P<year>\d{{4}})")
ERA_YEAR = re.compile(r"(?P<era>พ\.\s?ศ\.|ค\.\s?ศ\.)\s*(?P<year>\d{4})")
TH_BARE_YEAR = re.compile(r"(?:ปี|พุทธศักราช|คริสต์ศักราช)\s*(?P<year>\d{4})(?!\d)")
EN_MONTH_DAY_YEAR = re.compile(
    rf"\b(?P<month>{_EN_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?\b",
    re.I,
)
EN_DAY_MONTH_YEAR = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_EN_MONTH})\.?(?:,?\s+(?P<year>\d{{4}}))?\b",
    re.I,
)
EN_MONTH_YEAR = re.compile(rf"\b(?P<month>{_EN_MONTH})\.?\s+(?P<year>\d{{4}})\b", re.I)
ISO_DATE = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")
EN_YEAR = re.compile(r"\b(?:in|since|of|by|from|until|year)\s+(?P<year>1[89]\d\d|20\d\d)\b", re.I)


def common_era_year(year: int, era: str | None, two_digit_century: int = 2500) -> int:
    """Return the Common Era year of a year written in a Thai or English text."""
    era = (era or "").replace(" ", "").upper()
    if year < 100:  # a two-digit year, Thai style (ส.ค. 67): the Buddhist Era's 25xx
        year += two_digit_century
        era = era or "พ.ศ."
    if era in ("พ.ศ.", "BE", "B.E.") or (not era and year > 2400):
        return year - BE_OFFSET
    return year


def _iso(year: int | None, month: int | None = None, day: int | None = None) -> str | None:
    """Return an ISO date, or a bare year when only the year is known."""
    if year is None or not 1 <= year <= 2999:
        return None
    if month and day:
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return None
    return f"{year:04d}"


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """Return (start, end, ISO date or year) for every date found, in text order."""
    return list(_find_dates(text))


def forget() -> None:
    """Empty the dates kept for the last article's sentences."""
    _find_dates.cache_clear()


@lru_cache(maxsize=4096)
def _find_dates(text: str) -> tuple[tuple[int, int, str], ...]:
    """find_dates, kept for the texts of the article being read: a sentence is scored as a
    whole, as clauses and as a candidate, and each asks for its dates. extract_claims empties it
    for every article, so no figure (a benchmark's second round) reads an earlier article's."""
    found: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []

    def add(match: re.Match, value: str | None) -> None:
        span = match.span()
        if value and not any(a < span[1] and span[0] < b for a, b in taken):
            found.append((span[0], span[1], value))
            taken.append(span)

    for m in TH_DAY_MONTH_YEAR.finditer(text):
        year = m.group("year")
        cy = common_era_year(int(year), m.group("era")) if year else None
        add(m, _iso(cy, TH_MONTHS[m.group("month")], int(m.group("day"))) if cy else None)
    for pattern in (TH_MONTH_YEAR, ERA_YEAR, TH_BARE_YEAR):
        for m in pattern.finditer(text):
            add(m, _iso(common_era_year(int(m.group("year")), m.groupdict().get("era"))))
    for m in ISO_DATE.finditer(text):
        add(m, _iso(int(m.group("year")), int(m.group("month")), int(m.group("day"))))
    for pattern in (EN_MONTH_DAY_YEAR, EN_DAY_MONTH_YEAR):
        for m in pattern.finditer(text):
            if m.group("year"):
                month = EN_MONTHS[m.group("month").lower()]
                add(m, _iso(int(m.group("year")), month, int(m.group("day"))))
    for pattern in (EN_MONTH_YEAR, EN_YEAR):
        for m in pattern.finditer(text):
            add(m, _iso(int(m.group("year"))))
    found.sort()
    return tuple(found)


def day_month_spans(text: str) -> list[tuple[int, int]]:
    """Return where a day of a month is named, with a year or without ("1 มกราคม", "Aug. 15")."""
    return [
        m.span()
        for pattern in (TH_DAY_MONTH_YEAR, EN_MONTH_DAY_YEAR, EN_DAY_MONTH_YEAR)
        for m in pattern.finditer(text)
    ]


def has_date_mention(text: str) -> bool:
    """Say whether the text names a day, a month or a year (with or without the year)."""
    return bool(
        TH_DAY_MONTH_YEAR.search(text)
        or TH_MONTH_YEAR.search(text)
        or ERA_YEAR.search(text)
        or TH_BARE_YEAR.search(text)
        or EN_MONTH_DAY_YEAR.search(text)
        or EN_DAY_MONTH_YEAR.search(text)
        or EN_YEAR.search(text)
        or ISO_DATE.search(text)
        or TH_PAST_TIME.search(text)
    )


# A past time named without a date: "ตั้งแต่ต้นเดือน", "เมื่อสัปดาห์ที่แล้ว", "ปีที่แล้ว".
TH_PAST_TIME = re.compile(
    r"(?:ต้น|กลาง|ปลาย)(?:เดือน|ปี)(?:ที่แล้ว|ที่ผ่านมา|นี้)?|เมื่อวาน(?:นี้)?|"
    r"(?:สัปดาห์|อาทิตย์|เดือน|ปี)(?:ที่แล้ว|ที่ผ่านมา|ก่อน)"
)
