"""Real Thai and English sentence material, and a writer that varies it into claims.

The sentences are every unit the extractor finds in the seed article, the Thai government
releases of shared/data/thai_news and the annotated articles; `Writer` changes their numbers and
adds a name, a province, a Buddhist-Era date, a role or a percentage. Shared by `bench/seed.py`
(`flask dev seed`), `bench/search.py` and `bench/matching.py`.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pythainlp.corpus import provinces, thai_family_names, thai_male_names

from app.extraction import extract_claims
from tests.extraction_set import load_set

ROOT = Path(__file__).resolve().parent.parent
# In-repo copies of the shared material (the seed article, the Thai government releases), so a
# clone alone seeds: CI runs on a clone without ../shared beside it.
SEED_ARTICLE = ROOT / "app" / "demo" / "kim-putin-th.txt"
RELEASES = ROOT / "tests" / "data" / "real" / "thai_news"
TH_MONTHS = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
EN_MONTHS = ("January", "March", "May", "July", "August", "October", "December")
ROLES = ("นายกรัฐมนตรี", "โฆษกรัฐบาล", "ผู้ว่าราชการจังหวัด", "อธิบดีกรมควบคุมโรค", "ส.ส.")


@cache
def _digit_runs() -> re.Pattern:
    """Return the pattern of a run of the characters str.isdigit() accepts (any script)."""
    digits = "".join(chr(c) for c in range(0x110000) if chr(c).isdigit())
    return re.compile(f"[{re.escape(digits)}]+")


@dataclass(frozen=True)
class Unit:
    """One sentence of the material with the extractor's verdict on it."""

    text: str
    score: float
    reasons: tuple[str, ...]
    checkworthy: bool
    thai: bool


def _texts() -> list[str]:
    """Return the material's texts: the seed article, the Thai releases, the annotated set."""
    texts = [SEED_ARTICLE.read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in sorted(RELEASES.glob("*.txt"))]
    return texts + [a.text for a in load_set()]


@cache
def units() -> tuple[Unit, ...]:
    """Return every unit the extractor finds in the material (30 to 400 characters), sorted."""
    found: dict[str, Unit] = {}
    for text in _texts():
        for unit in extract_claims(text, include_all=True):
            sentence = " ".join(text[unit.start : unit.end].split())
            if 30 <= len(sentence) <= 400 and sentence not in found:
                thai = any("\u0e00" <= c <= "\u0e7f" for c in sentence)
                found[sentence] = Unit(
                    sentence, unit.score, tuple(unit.reasons), unit.checkworthy, thai
                )
    return tuple(found[s] for s in sorted(found))


def material() -> tuple[list[str], list[str]]:
    """Return real Thai and English sentences: every unit the extractor finds in the material."""
    every = units()
    return [u.text for u in every if u.thai], [u.text for u in every if not u.thai]


class Writer:
    """Writes varied claims: a real sentence with its numbers changed, a name, a place, a date."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.thai, self.english = material()
        self.first = sorted(thai_male_names())[:2000]
        self.family = sorted(thai_family_names())[:3000]
        self.places = sorted(provinces())
        self.base = ""  # the material sentence the last claim was written from

    def _numbers(self, sentence: str) -> str:
        """Return the sentence with each run of digits replaced by a random number."""
        return _digit_runs().sub(lambda _run: str(self.rng.randint(1, 9999)), sentence)

    def person(self) -> str:
        """Return a Thai name from pythainlp's lists."""
        return f"{self.rng.choice(self.first)} {self.rng.choice(self.family)}"

    def claim(self) -> tuple[str, str, str | None]:
        """Return (text, language, claimant)."""
        rng = self.rng
        if rng.random() < 0.1:
            self.base = rng.choice(self.english)
            text = self._numbers(self.base)
            return f"{text} ({rng.choice(EN_MONTHS)} {rng.randint(2015, 2026)})", "en", None
        self.base = rng.choice(self.thai)
        text = self._numbers(self.base)
        who = self.person() if rng.random() < 0.6 else None
        day = f"{rng.randint(1, 28)} {rng.choice(TH_MONTHS)} {rng.randint(2558, 2569)}"
        extra = rng.choice(
            (
                f"เมื่อวันที่ {day}",
                f"ที่จังหวัด{rng.choice(self.places)}",
                f"{rng.choice(ROLES)} {who or self.person()} กล่าวว่า",
                f"ร้อยละ {rng.randint(1, 99)}.{rng.randint(0, 99):02d}",
                "",
            )
        )
        return (f"{extra} {text}" if rng.random() < 0.5 else f"{text} {extra}").strip(), "th", who
