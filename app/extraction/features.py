"""Features of a sentence or clause that make it check-worthy, or not."""

from __future__ import annotations

import itertools
import re
from functools import cache

from app.extraction import dates, lexicon, numbers
from app.extraction.tokens import Token

QUOTE = re.compile(r"[“”\"«»]")
LATIN_NAME = re.compile(r"(?<![A-Za-z])[A-Z][A-Za-z&.-]+(?:\s+[A-Z][A-Za-z&.-]+)*")


def _alternation(words) -> re.Pattern:
    return re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))


class ThaiCue:
    """Cue words found as whole words (อย่า is not in อย่าง) or, for phrases, anywhere."""

    def __init__(self, cues: tuple[str, ...]) -> None:
        dictionary = lexicon.thai_common_words()
        self.words = frozenset(c for c in cues if c in dictionary)
        phrases = [c for c in cues if c not in dictionary]
        self.phrases = _alternation(phrases) if phrases else None

    def search(self, text: str, words: set[str]) -> bool:
        """Say whether the text (with these words) contains a cue."""
        return bool(self.words & words) or bool(self.phrases and self.phrases.search(text))


@cache
def _thai_cues() -> dict[str, ThaiCue]:
    return {
        "opinion": ThaiCue(lexicon.TH_OPINION),
        "prediction": ThaiCue(lexicon.TH_PREDICTION + lexicon.TH_HOPE + lexicon.TH_FUTURE),
        "advice": ThaiCue(lexicon.TH_ADVICE),
        "wish": ThaiCue(lexicon.TH_WISH),
        "superlative": ThaiCue(lexicon.TH_SUPERLATIVE),
        "comparison": ThaiCue(lexicon.TH_COMPARISON),
        "question": ThaiCue(lexicon.TH_QUESTION),
        "event": ThaiCue(lexicon.TH_PAST),
        "denial": ThaiCue(lexicon.TH_DENIAL),
        "state": ThaiCue(lexicon.TH_STATE),
    }


@cache
def _thai_patterns() -> dict[str, re.Pattern]:
    return {
        # a body by name: "รัฐบาล" or "ตำรวจ" alone, in nearly every sentence of a government
        # release, names no one in particular
        "organisation": _alternation(
            p for p in lexicon.TH_ORG_PREFIXES if p not in lexicon.TH_GENERIC_BODIES
        ),
        "advice_opening": re.compile(
            r"(?:^|\s|และ|แต่|โดย)(?:" + "|".join(lexicon.TH_ADVICE_OPENING) + r")(?!ง)"
        ),
        "person_title": re.compile(
            "(?:" + "|".join(map(re.escape, lexicon.TH_TITLES[:22])) + r")[\u0e01-\u0e2e]"
        ),
    }


@cache
def _english_patterns() -> dict[str, re.Pattern]:
    def words(cues) -> re.Pattern:
        return re.compile(r"\b(?:" + "|".join(map(re.escape, cues)) + r")(?![a-z])", re.I)

    return {
        "opinion": words(lexicon.EN_OPINION),
        "prediction": words(lexicon.EN_PREDICTION + lexicon.EN_HOPE),
        "advice": words(lexicon.EN_ADVICE),
        "wish": words(lexicon.EN_WISH),
        "superlative": words(lexicon.EN_SUPERLATIVE),
        "comparison": words(lexicon.EN_COMPARISON),
        "attribution": re.compile(
            r"\b(?:" + "|".join(lexicon.EN_SPEECH_VERBS) + r"|according to)\b", re.I
        ),
        "denial": words(lexicon.EN_DENIAL),
    }


def _figures(text: str, reasons: set[str]) -> None:
    """Add number, percentage, quantity, duration and date reasons."""
    found_dates = dates.find_dates(text)
    if found_dates or dates.has_date_mention(text):
        reasons.add("date")
    if numbers.find_numbers(text, [(a, b) for a, b, _ in found_dates]):
        reasons.add("number")
    if numbers.PERCENT.search(text):
        reasons.add("percentage")
    if numbers.QUANTITY.search(text):
        reasons.add("quantity")
    if numbers.DURATION.search(text):
        reasons.add("duration")


def _thai_entities(tokens: list[Token]) -> bool:
    """Say whether any word, or two adjacent words, is a known Thai name. Two common words are
    a phrase even where a Wikipedia title spells them ("ไม่เป็น", "การบริโภค")."""
    gazetteer, common = lexicon.thai_gazetteer(), lexicon.thai_common_words()
    words = [t.text for t in tokens if not t.is_space]
    if any(w in lexicon.TH_ABBREVIATED_BODIES for w in words):
        return True  # a body by its short form: สถ., ก.ล.ต., ธปท.
    return any(w in gazetteer for w in words) or any(
        a + b in gazetteer and not (a in common and b in common)
        for a, b in itertools.pairwise(words)
    )


TOPIC_VERBS = frozenset(lexicon.TH_TOPIC_VERBS)
# A sentence that only announces what follows: "…สรุปสาระสำคัญ ดังนี้", "…รูปแบบสำคัญ อาทิ".
PURPOSE = re.compile(r"(?:ทั้งนี้|ก็|ซึ่ง|และ|โดย|แต่)?\s*เพื่อ")
BULLET = re.compile(r"[-•▪●]\s")
HASHTAG = re.compile(r"(?:^|\s)#\w")
INTRODUCES_A_LIST = re.compile(r"(?:ดังนี้|ดังต่อไปนี้|อาทิ|ได้แก่|ประกอบด้วย|:)\s*$")


def _names_only_topic(tokens: list[Token]) -> bool:
    """Say whether a sentence only says what someone spoke about: "กรมราชทัณฑ์ ชี้แจงข้อกล่าวหา…",
    "…กล่าวถึงการลงพื้นที่" with no "ว่า" (that) giving what they said."""
    words = [t.text for t in tokens if not t.is_space]
    if any(w.endswith("ว่า") for w in words):
        return False
    return any(
        word in TOPIC_VERBS and following.startswith(lexicon.TH_TOPIC_WORDS)
        for word, following in itertools.pairwise(words)
    )


# "ไม่สามารถพยากรณ์ล่วงหน้าได้", "การคาดการณ์": forecasting spoken of, not a forecast.
NOMINAL_MARKERS = frozenset(("การ", "สามารถ", "ข้อมูล", "ให้ข้อมูล"))
FORECAST_WORDS = frozenset(("พยากรณ์", "คาดการณ์", "คาดคะเน", "ทำนาย", "ประมาณการ"))


def _only_named(tokens: list[Token]) -> bool:
    """Say whether every cue of a prediction is a forecast word used as a noun."""
    words = [t.text for t in tokens if not t.is_space]
    cues = _thai_cues()["prediction"]
    hits = [i for i, w in enumerate(words) if w in cues.words]
    if not hits or (cues.phrases and cues.phrases.search("".join(words))):
        return False
    return all(words[i] in FORECAST_WORDS and i and words[i - 1] in NOMINAL_MARKERS for i in hits)


def _only_reasonable(text: str, tokens: list[Token]) -> bool:
    """Say whether the only cue of advice is ควร of "อันควร" (reasonable, due)."""
    words = [t.text for t in tokens if not t.is_space]
    shoulds = [i for i, w in enumerate(words) if w == "ควร"]
    if not shoulds or any(i == 0 or words[i - 1] != "อัน" for i in shoulds):
        return False
    cue = _thai_cues()["advice"]
    return not cue.search(text.replace("อันควร", "อัน"), set(words) - {"ควร"})


def _only_seeing(text: str, tokens: list[Token]) -> bool:
    """Say whether the sentence's only cue of a prediction is "จะ" of "จะเห็น(ได้)ว่า"."""
    words = [t.text for t in tokens if not t.is_space]
    futures = [i for i, w in enumerate(words) if w == "จะ"]
    if not futures or any(words[i + 1 : i + 2] != ["เห็น"] for i in futures):
        return False
    cues = _thai_cues()["prediction"]
    rest = set(words) - {"จะ"}
    return not cues.search(text.replace("จะเห็น", "เห็น"), rest)


def thai_reasons(text: str, tokens: list[Token]) -> set[str]:
    """Return the reasons found in a Thai sentence or clause."""
    reasons: set[str] = set()
    _figures(text, reasons)
    if PURPOSE.match(text):
        reasons.add("purpose")  # "เพื่อให้…", "ทั้งนี้เพื่อ…": what something is for, not what happened
    if BULLET.match(text) and "number" not in reasons:
        reasons.add("topic")  # "- Modernization มีความทันสมัย…": an item of a list of aims
    if _names_only_topic(tokens) or (
        (INTRODUCES_A_LIST.search(text) or HASHTAG.search(text)) and "number" not in reasons
    ):
        reasons.add("topic")  # it announces what follows, or is a campaign's tag line
    words = {t.text for t in tokens}
    for name, cue in _thai_cues().items():
        if cue.search(text, words):
            reasons.add(name)
    if "advice" in reasons and _only_reasonable(text, tokens):
        reasons.discard("advice")  # "ไม่มีเหตุอันควรปรานี": a reasonable cause, no advice given
    if "prediction" in reasons and (_only_seeing(text, tokens) or _only_named(tokens)):
        reasons.discard("prediction")  # "จะเห็นได้ว่า…", "ไม่สามารถพยากรณ์ได้": no forecast made
    if "?" in text:
        reasons.add("question")
    patterns = _thai_patterns()
    if patterns["advice_opening"].search(text):
        reasons.add("advice")
    if QUOTE.search(text):
        reasons.add("quote")
    if (
        _thai_entities(tokens)
        or patterns["organisation"].search(text)
        or patterns["person_title"].search(text)
        or LATIN_NAME.search(text)
    ):
        reasons.add("named_entity")
    return reasons


EN_NUMBER_WORDS = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    r"hundreds?|thousands?|millions?|dozens?)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
    r"\s+(?!of\b|or\b|and\b|to\b)[a-z]",
    re.I,
)
# "above the 1.3% median forecast": a forecast spoken of, not one made.
EN_NAMED_FORECAST = re.compile(
    r"\b(?:the|a|an|its|their|median|consensus|official|previous|earlier)\s+"
    r"(?:[\w.%-]+\s+){0,2}?(?:forecasts?|projections?|predictions?)\b",
    re.I,
)


def _without_named_forecasts(text: str) -> str:
    return EN_NAMED_FORECAST.sub(" ", text)


def english_reasons(text: str) -> set[str]:
    """Return the reasons found in an English sentence or clause."""
    reasons: set[str] = set()
    _figures(text, reasons)
    if EN_NUMBER_WORDS.search(text):
        reasons.add("number")  # "sentenced to eight years", "Fifty-two people have died"
    for name, pattern in _english_patterns().items():
        if pattern.search(_without_named_forecasts(text) if name == "prediction" else text):
            reasons.add(name)
    if "?" in text:
        reasons.add("question")
    if QUOTE.search(text):
        reasons.add("quote")
    # A capitalized word that does not start the sentence is taken for a name.
    if LATIN_NAME.search(text, 1 + text.find(" ")):
        reasons.add("named_entity")
    return reasons
