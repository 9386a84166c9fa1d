"""Bring two wordings of one claim to one form before they are compared.

Pure code (no Flask, no database). Thai digits read as Arabic ones; the abbreviations Thai and
English news use are written out (ธปท. is ธนาคารแห่งประเทศไทย, กนง. is คณะกรรมการนโยบายการเงิน,
WHO is World Health Organization); Buddhist-Era years become Common-Era ones; ร้อยละ, เปอร์เซ็นต์,
percent and % are one word; and a number with its multipliers is one number (1.2 ล้าน is
1200000, 3 หมื่นล้าน is 30000000000, 1.5 million is 1500000).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from app.extraction.dates import BE_OFFSET, TH_MONTHS
from app.extraction.numbers import MULTIPLIERS

_PREPARE = str.maketrans(
    {
        **{chr(0x0E50 + i): str(i) for i in range(10)},
        **dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad", " "),
        "\u00a0": " ",
    }
)

# Thai abbreviations (with their dots, as Thai news writes them) and their full names. A longer
# one is tried before a shorter one inside it (ผบ.ตร. before ตร.).
THAI_ABBREVIATIONS = {
    "ธปท.": "ธนาคารแห่งประเทศไทย",
    "แบงก์ชาติ": "ธนาคารแห่งประเทศไทย",
    "กนง.": "คณะกรรมการนโยบายการเงิน",
    "ปภ.": "กรมป้องกันและบรรเทาสาธารณภัย",
    "นายกฯ": "นายกรัฐมนตรี",
    "ครม.": "คณะรัฐมนตรี",
    "สธ.": "กระทรวงสาธารณสุข",
    "กทม.": "กรุงเทพมหานคร",
    "กรุงเทพฯ": "กรุงเทพมหานคร",
    "สตช.": "สำนักงานตำรวจแห่งชาติ",
    "ผบ.ตร.": "ผู้บัญชาการตำรวจแห่งชาติ",
    "กกต.": "คณะกรรมการการเลือกตั้ง",
    "สศช.": "สำนักงานสภาพัฒนาการเศรษฐกิจและสังคมแห่งชาติ",
    "สภาพัฒน์": "สำนักงานสภาพัฒนาการเศรษฐกิจและสังคมแห่งชาติ",
    "พณ.": "กระทรวงพาณิชย์",
    "รมว.คลัง": "รัฐมนตรีว่าการกระทรวงการคลัง",
    "รมช.คลัง": "รัฐมนตรีช่วยว่าการกระทรวงการคลัง",
    "รมว.": "รัฐมนตรีว่าการ",
    "รมช.": "รัฐมนตรีช่วยว่าการ",
    "รมต.": "รัฐมนตรี",
    "ก.คลัง": "กระทรวงการคลัง",
    "สปสช.": "สำนักงานหลักประกันสุขภาพแห่งชาติ",
    "ธ.ก.ส.": "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร",
    "อย.": "สำนักงานคณะกรรมการอาหารและยา",
    "ก.ล.ต.": "สำนักงานคณะกรรมการกำกับหลักทรัพย์และตลาดหลักทรัพย์",
    "ตลท.": "ตลาดหลักทรัพย์แห่งประเทศไทย",
    "สคบ.": "สำนักงานคณะกรรมการคุ้มครองผู้บริโภค",
    "สพฐ.": "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน",
    "กรมอุตุฯ": "กรมอุตุนิยมวิทยา",
    "สหรัฐฯ": "สหรัฐอเมริกา",
    "ผวจ.": "ผู้ว่าราชการจังหวัด",
    "ศธ.": "กระทรวงศึกษาธิการ",
    "มท.": "กระทรวงมหาดไทย",
    "กห.": "กระทรวงกลาโหม",
    "ทบ.": "กองทัพบก",
    "ทอ.": "กองทัพอากาศ",
    "ทร.": "กองทัพเรือ",
    "ปปช.": "คณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ",
    "ป.ป.ช.": "คณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ",
    "สส.": "สมาชิกสภาผู้แทนราษฎร",
    "ส.ส.": "สมาชิกสภาผู้แทนราษฎร",
    "สว.": "สมาชิกวุฒิสภา",
    "ส.ว.": "สมาชิกวุฒิสภา",
    "กฟผ.": "การไฟฟ้าฝ่ายผลิตแห่งประเทศไทย",
    "ปตท.": "บริษัทปตท",
    "ขสมก.": "องค์การขนส่งมวลชนกรุงเทพ",
    "รฟท.": "การรถไฟแห่งประเทศไทย",
    "ตร.": "ตำรวจ",
    "จ.": "จังหวัด",
    "อ.เมือง": "อำเภอเมือง",
    "ม.ค.": "มกราคม",
    "ก.พ.": "กุมภาพันธ์",
    "มี.ค.": "มีนาคม",
    "เม.ย.": "เมษายน",
    "พ.ค.": "พฤษภาคม",
    "มิ.ย.": "มิถุนายน",
    "ก.ค.": "กรกฎาคม",
    "ส.ค.": "สิงหาคม",
    "ก.ย.": "กันยายน",
    "ต.ค.": "ตุลาคม",
    "พ.ย.": "พฤศจิกายน",
    "ธ.ค.": "ธันวาคม",
}
# Bare words that mean the same as a longer one (a word of its own, not inside another).
THAI_SAME = {
    "สหรัฐ": "สหรัฐอเมริกา",
    "อเมริกา": "สหรัฐอเมริกา",
    "พม่า": "เมียนมา",
    "เมียนมาร์": "เมียนมา",
    "แดนโสม": "เกาหลีใต้",
    "แดนมังกร": "จีน",
    "แดนหมีขาว": "รัสเซีย",
}
# English acronyms (matched as written, so "us" is not US) and their full names.
ENGLISH_ABBREVIATIONS = {
    "WHO": "World Health Organization",
    "BOT": "Bank of Thailand",
    "BoT": "Bank of Thailand",
    "MPC": "Monetary Policy Committee",
    "UN": "United Nations",
    "U.N.": "United Nations",
    "US": "United States",
    "U.S.": "United States",
    "USA": "United States",
    "U.S.A.": "United States",
    "UK": "United Kingdom",
    "U.K.": "United Kingdom",
    "EU": "European Union",
    "PM": "Prime Minister",
    "DPRK": "North Korea",
    "ASEAN": "Association of Southeast Asian Nations",
    "IMF": "International Monetary Fund",
    "NESDC": "National Economic and Social Development Council",
    "EC": "Election Commission",
    "BMA": "Bangkok Metropolitan Administration",
    "FDA": "Food and Drug Administration",
    "Jan": "January",
    "Feb": "February",
    "Mar": "March",
    "Apr": "April",
    "Jun": "June",
    "Jul": "July",
    "Aug": "August",
    "Sep": "September",
    "Sept": "September",
    "Oct": "October",
    "Nov": "November",
    "Dec": "December",
}
# Demonyms are their countries (Thai exports are Thailand's exports).
ENGLISH_SAME = {
    "north korean": "North Korea",
    "south korean": "South Korea",
    "thai": "Thailand",
    "japanese": "Japan",
    "chinese": "China",
    "russian": "Russia",
    "american": "United States",
    "vietnamese": "Vietnam",
    "cambodian": "Cambodia",
    "laotian": "Laos",
    "burmese": "Myanmar",
    "malaysian": "Malaysia",
    "indonesian": "Indonesia",
    "singaporean": "Singapore",
    "filipino": "Philippines",
    "indian": "India",
    "british": "United Kingdom",
    "ukrainian": "Ukraine",
    "america": "United States",
    "britain": "United Kingdom",
    "burma": "Myanmar",
    "per cent": "percent",
}

# The extractor's multipliers, and the compounds a chain of them makes read as one word.
_MULTIPLIERS = {**MULTIPLIERS, "แสนล้าน": 10**11, "หมื่นล้าน": 10**10, "mn": 10**6}
_MULT = "|".join(sorted(map(re.escape, _MULTIPLIERS), key=len, reverse=True))
# A number (commas and a decimal point allowed) and the multipliers right after it.
NUMBER = re.compile(
    rf"(?<![0-9A-Za-z.,])(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"(?P<mults>(?:\s?(?:{_MULT})(?![a-z]))*)",
    re.I,
)
_ONE_MULT = re.compile(_MULT, re.I)
_PERCENT_BEFORE = re.compile(r"ร้อยละ\s*(\d[\d,]*(?:\.\d+)?)")
_PERCENT_AFTER = re.compile(r"(?<=\d)\s*(?:%|เปอร์เซ็นต์|เปอร์เซนต์|percent\b|per\s?cent\b)", re.I)
# A year after its era, after ปี or a month's name, or before its era: a Buddhist-Era one (24xx to
# 26xx) is written as its Common-Era year, and the era's name falls away.
_MONTH_NAMES = "|".join(m for m in TH_MONTHS if "." not in m)
_YEAR_BEFORE = re.compile(
    rf"(?P<cue>พ\.\s?ศ\.|ค\.\s?ศ\.|พุทธศักราช|คริสต์ศักราช|B\.E\.|A\.D\.|ปี|{_MONTH_NAMES})"
    r"\s*(?P<year>\d{4})(?![\d,])"
)
_YEAR_AFTER = re.compile(r"(?<![\d,.])(?P<year>\d{4})\s*(?:B\.E\.|BE|A\.D\.|AD|CE)\b")
_ERAS = ("พ.ศ.", "ค.ศ.", "พุทธศักราช", "คริสต์ศักราช", "B.E.", "A.D.")
PERCENT_WORD = "ร้อยละ"


ENGLISH_NUMBERS = {
    word: str(value)
    for value, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
ENGLISH_NUMBERS.update({"thirty": "30", "forty": "40", "fifty": "50", "hundred": "100"})


@lru_cache(maxsize=1)
def _english_numbers() -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(ENGLISH_NUMBERS) + r")\b", re.I)


def _alternation(words, flags=0) -> re.Pattern:
    ordered = sorted(words, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in ordered), flags)


@lru_cache(maxsize=1)
def _thai_abbreviations() -> re.Pattern:
    # Not inside a longer Thai abbreviation or word (จ. of ผวจ., ตร. of ผบ.ตร.).
    body = _alternation(THAI_ABBREVIATIONS).pattern
    return re.compile(rf"(?<![\u0e01-\u0e2e.])(?:{body})")


@lru_cache(maxsize=1)
def _thai_same() -> re.Pattern:
    body = _alternation(THAI_SAME).pattern
    # สหรัฐ and อเมริกา of สหรัฐอเมริกา are already the long form.
    return re.compile(rf"(?<!สหรัฐ)(?:{body})(?!อเมริกา|ฯ)")


@lru_cache(maxsize=1)
def _english_abbreviations() -> re.Pattern:
    body = _alternation(ENGLISH_ABBREVIATIONS).pattern
    return re.compile(rf"(?<![\w.])(?:{body})(?![\w])")


@lru_cache(maxsize=1)
def _english_same() -> re.Pattern:
    body = _alternation(ENGLISH_SAME).pattern
    return re.compile(rf"\b(?:{body})\b", re.I)


def number_value(number: str, multipliers: str = "") -> float:
    """Return the value of a number as written, with its multipliers applied."""
    value = float(number.replace(",", ""))
    for mult in _ONE_MULT.findall(multipliers or ""):
        value *= _MULTIPLIERS[mult.lower()]
    return value


def canonical_number(value: float) -> str:
    """Return a number as one way of writing it: 2.5, 1200000."""
    if value.is_integer():
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def _number(match: re.Match) -> str:
    mults = match.group("mults")
    if not mults.strip():
        return match.group(0)
    return canonical_number(number_value(match.group("num"), mults))


def _common_era(year: str) -> str:
    value = int(year)
    return str(value - BE_OFFSET if 2400 <= value < 2700 else value)


def _year(match: re.Match) -> str:
    cue = match.group("cue").replace(" ", "")
    kept = "" if cue in _ERAS else match.group("cue") + " "
    return kept + _common_era(match.group("year"))


def prepare(text: str, replaced: list[str] | None = None) -> str:
    """Return the text in the one form both sides of a comparison are read in; `replaced`, when
    given, receives what was written otherwise (ธปท., a Buddhist-Era year, 1.2 ล้าน), as the
    search index holds it."""

    def kept(replace):
        if replaced is None:
            return replace

        def call(match: re.Match) -> str:
            replaced.append(match.group(0))
            return replace(match)

        return call

    text = unicodedata.normalize("NFC", text).translate(_PREPARE)
    text = _thai_abbreviations().sub(
        kept(lambda m: " " + THAI_ABBREVIATIONS[m.group(0)] + " "), text
    )
    text = _thai_same().sub(kept(lambda m: THAI_SAME[m.group(0)]), text)
    text = _english_abbreviations().sub(kept(lambda m: ENGLISH_ABBREVIATIONS[m.group(0)]), text)
    text = _english_same().sub(lambda m: ENGLISH_SAME[m.group(0).lower()], text)
    text = _YEAR_BEFORE.sub(kept(_year), text)
    text = _YEAR_AFTER.sub(kept(lambda m: _common_era(m.group("year"))), text)
    text = _PERCENT_BEFORE.sub(lambda m: " " + m.group(1) + " " + PERCENT_WORD, text)
    text = _english_numbers().sub(lambda m: ENGLISH_NUMBERS[m.group(0).lower()], text)
    text = _PERCENT_AFTER.sub(" " + PERCENT_WORD, text)
    text = NUMBER.sub(kept(_number), text)
    return " ".join(text.split())
