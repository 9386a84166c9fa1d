"""Find numbers, percentages, quantities and durations, and normalize the numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.extraction import lexicon

# Words that multiply the number before them (the extractor reads them too).
MULTIPLIERS = {
    "ล้านล้าน": 10**12,
    "พันล้าน": 10**9,
    "ร้อยล้าน": 10**8,
    "สิบล้าน": 10**7,
    "ล้าน": 10**6,
    "แสน": 10**5,
    "หมื่น": 10**4,
    "พัน": 10**3,
    "trillion": 10**12,
    "billion": 10**9,
    "million": 10**6,
    "thousand": 10**3,
    "bn": 10**9,
}
_MULT = "|".join(sorted(map(re.escape, MULTIPLIERS), key=len, reverse=True))
NUMBER = re.compile(
    rf"(?<![\w.])(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"(?:\s?(?P<mult>{_MULT})(?![a-z]))?",
    re.I,
)
PERCENT = re.compile(r"\d(?:[\d,.]*)\s?(?:%|เปอร์เซ็นต์|เปอร์เซนต์|percent|per cent)|ร้อยละ\s?\d", re.I)
_TH_UNIT = "|".join(sorted(map(re.escape, lexicon.TH_UNITS), key=len, reverse=True))
_EN_UNIT = "|".join(sorted(map(re.escape, lexicon.EN_UNITS), key=len, reverse=True))
QUANTITY = re.compile(
    rf"\d[\d,.]*\s?(?:{_MULT})?\s?(?:{_TH_UNIT})|\d[\d,.]*\s?(?:{_EN_UNIT})\b|"
    rf"(?:\$|฿|US\$)\s?\d",
    re.I,
)
_TH_DUR = "|".join(lexicon.TH_DURATION_UNITS)
_EN_DUR = "|".join(lexicon.EN_DURATION_UNITS)
DURATION = re.compile(rf"\d+\s?(?:{_TH_DUR})(?!ที่)|\b\d+[\s-](?:{_EN_DUR})\b", re.I)
# Numbers that are part of a date or a year are dates, not figures.
_YEARLIKE = re.compile(r"^(?:1[89]\d\d|2[0-6]\d\d)$")


@dataclass(frozen=True)
class NumberMention:
    """A number found in text, with its value after multipliers."""

    start: int
    end: int
    value: float


def find_numbers(text: str, date_spans: list[tuple[int, int]] = ()) -> list[NumberMention]:
    """Return the numbers in text that are not part of a date, with multipliers applied."""
    found = []
    for match in NUMBER.finditer(text):
        start, end = match.span()
        if any(a <= start < b for a, b in date_spans):
            continue
        digits = match.group("num").replace(",", "")
        if _YEARLIKE.match(digits) and not match.group("mult"):
            continue
        value = float(digits)
        if match.group("mult"):
            value *= MULTIPLIERS[match.group("mult").lower()]
        found.append(NumberMention(start, end, value))
    return found


def normalized_value(value: float) -> int | float:
    """Return an int when the number is whole."""
    return int(value) if value.is_integer() else round(value, 6)
