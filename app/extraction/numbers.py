"""Find numbers, percentages, quantities and durations, and normalize the numbers."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from pythainlp.util import thaiword_to_num

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


# Thai number words: a number is read from them when it has a multiplier (สองแสน, หนึ่งพัน,
# สามล้านห้าแสน); a lone สอง (two) is left alone, as most such words are not figures.
TH_DIGIT_WORDS = frozenset(
    ("ศูนย์", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า", "เอ็ด", "ยี่")
)
TH_LARGE_MULTIPLIERS = frozenset(("ร้อย", "พัน", "หมื่น", "แสน", "ล้าน"))
TH_MULTIPLIER_WORDS = TH_LARGE_MULTIPLIERS | {"สิบ", "ยี่สิบ"}
_TH_NUMBER_WORD = re.compile(
    "(?:" + "|".join(sorted(TH_DIGIT_WORDS | TH_MULTIPLIER_WORDS, key=len, reverse=True)) + ")+"
)
# A range shares its multiplier: "5-10 ล้านบาท" is 5 million to 10 million.
RANGE = re.compile(rf"(?P<low>\d[\d,.]*)\s?[-–]\s?\d[\d,.]*\s?(?P<mult>{_MULT})(?![a-z])", re.I)


def find_word_numbers(words: Iterable[tuple[str, int]]) -> list[NumberMention]:
    """Return the numbers written in Thai words, from (word, start) tokens in text order.

    A number needs a digit word and a multiplier (สองแสน, หนึ่งพัน): a lone แสน is "hundreds of
    thousands" and a lone สอง may be anything. newmm sometimes glues the digit word to the word
    before ("สะ|สมสอง|แสน"): a digit word ending the previous token is taken back.
    """
    found: list[NumberMention] = []
    run: list[tuple[str, int]] = []
    previous: tuple[str, int] | None = None
    for word, start in [*words, ("", -1)]:
        if word and _TH_NUMBER_WORD.fullmatch(word):
            if not run and previous is not None:
                tail = _digit_word_ending(previous[0])
                if tail:
                    run.append((tail, previous[1] + len(previous[0]) - len(tail)))
            run.append((word, start))
        else:
            found.extend(_word_number(run))
            run = []
        previous = (word, start)
    return found


def _digit_word_ending(word: str) -> str | None:
    return next(
        (d for d in sorted(TH_DIGIT_WORDS, key=len, reverse=True) if word.endswith(d)), None
    )


def _word_number(run: list[tuple[str, int]]) -> list[NumberMention]:
    text = "".join(word for word, _ in run)
    has_digit = text.startswith(tuple(TH_DIGIT_WORDS)) or any(
        word in TH_DIGIT_WORDS or word.startswith("ยี่") for word, _ in run
    )
    if not has_digit or not any(big in text for big in TH_LARGE_MULTIPLIERS):
        return []
    try:
        value = float(thaiword_to_num(text))
    except ValueError:
        return []
    return [NumberMention(run[0][1], run[0][1] + len(text), value)] if value else []


def find_numbers(text: str, date_spans: list[tuple[int, int]] = ()) -> list[NumberMention]:
    """Return the numbers in text that are not part of a date, with multipliers applied."""
    shared = {m.start("low"): m.group("mult") for m in RANGE.finditer(text)}
    found = []
    for match in NUMBER.finditer(text):
        start, end = match.span()
        if any(a <= start < b for a, b in date_spans):
            continue
        if start >= 2 and text[start - 1] == "-" and text[start - 2].isalpha():
            continue  # part of a name: COVID-19, โควิด-19, F-16
        digits = match.group("num").replace(",", "")
        if _YEARLIKE.match(digits) and not match.group("mult"):
            continue
        value = float(digits)
        multiplier = match.group("mult") or shared.get(start)
        if multiplier:
            value *= MULTIPLIERS[multiplier.lower()]
        found.append(NumberMention(start, end, value))
    return found


def normalized_value(value: float) -> int | float:
    """Return an int when the number is whole."""
    return int(value) if value.is_integer() else round(value, 6)
