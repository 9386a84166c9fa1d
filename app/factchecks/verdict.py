"""Map a published rating to one of five verdicts: false .. true, or None when unclear.

The textual rating wins: it is matched, case- and accent-insensitively, by its leading words
("FALSO: As imagens ..." is false). Otherwise the number is placed between worst and best
(either way round), so 1 of 1..5 is false and 3 is mixed.
"""

from __future__ import annotations

import unicodedata

FALSE = "false"
MOSTLY_FALSE = "mostly_false"
MIXED = "mixed"
MOSTLY_TRUE = "mostly_true"
TRUE = "true"

# Schema.org's Rating defaults, used only to place a value given without its scale.
DEFAULT_BEST = 5.0
DEFAULT_WORST = 1.0

WORDS = {
    FALSE: (
        "false", "fake", "fake news", "totally false", "completely false", "absolutely false",
        "falso", "falsa", "falsch", "faux", "fausse", "fabricated", "hoax", "bulo", "incorrect",
        "wrong", "pants on fire", "not true", "untrue", "no es cierto", "no es verdad",
        "nao e verdade", "totalmente falso", "completamente falso", "frei erfunden", "altered",
        "manipulated", "manipulado", "manipulada", "montaje", "montagem", "scam",
        "ग़लत", "गलत", "फर्जी", "फ़र्ज़ी", "झूठ", "झूठा", "غلط", "جھوٹ", "جعلی",
        "ข่าวปลอม", "เท็จ", "ปลอม", "ไม่จริง", "ไม่เป็นความจริง", "ข้อมูลเท็จ",
    ),
    MOSTLY_FALSE: (
        "mostly false", "largely false", "mainly false", "mostly fake", "mayormente falso",
        "mayoritariamente falso", "en su mayoria falso", "majoritariamente falso",
        "uberwiegend falsch", "เท็จเป็นส่วนใหญ่", "ส่วนใหญ่เท็จ",
    ),
    MIXED: (
        "misleading", "enganoso", "enganosa", "irrefuhrend", "partly false", "partially false",
        "partly true", "partially true", "half true", "mixture", "mixed", "needs context",
        "missing context", "lacks context", "out of context", "sin contexto",
        "fuera de contexto", "descontextualizado", "descontextualizada", "fora de contexto",
        "sem contexto", "parcialmente falso", "parcialmente verdadero", "parcialmente verdadeiro",
        "medio falso", "impreciso", "imprecisa", "exagerado", "exagerada", "exaggerated",
        "distorted", "teilweise falsch", "teils falsch", "fehlender kontext", "trompeur",
        "en partie faux", "partiellement faux", "ข่าวบิดเบือน", "บิดเบือน", "จริงบางส่วน",
        "จริงครึ่งเดียว", "भ्रामक", "आधा सच", "آدھا سچ", "گمراہ کن",
    ),
    MOSTLY_TRUE: (
        "mostly true", "largely true", "mainly true", "mostly correct", "mayormente verdadero",
        "mayormente cierto", "en su mayoria verdadero", "verdadero pero", "verdadeiro mas",
        "uberwiegend richtig", "uberwiegend wahr", "จริงเป็นส่วนใหญ่", "ส่วนใหญ่จริง",
    ),
    TRUE: (
        "true", "correct", "accurate", "verdadero", "verdadera", "verdadeiro", "verdadeira",
        "cierto", "cierta", "verdad", "richtig", "wahr", "stimmt", "vrai", "exact",
        "ข่าวจริง", "จริง", "ถูกต้อง", "सच", "सही", "سچ", "درست",
    ),
}  # fmt: skip


def fold(text: str) -> str:
    """Return `text` casefolded, without Latin accents or punctuation, spaces collapsed."""
    out: list[str] = []
    for char in unicodedata.normalize("NFD", text.casefold()):
        category = unicodedata.category(char)
        if category == "Mn" and out and out[-1].isascii():
            continue  # a Latin accent; Thai and Devanagari marks stay
        out.append(" " if category[0] in "PSZC" else char)
    return " ".join(unicodedata.normalize("NFC", "".join(out)).split())


def _index() -> dict[str, list[tuple[str, str]]]:
    """Return the folded words by their first character, longest first ("mostly false" first)."""
    index: dict[str, list[tuple[str, str]]] = {}
    for verdict, words in WORDS.items():
        for word in map(fold, words):
            index.setdefault(word[0], []).append((word, verdict))
    return {start: sorted(keys, key=lambda k: -len(k[0])) for start, keys in index.items()}


KEYS = _index()


def verdict_from_text(rating: str | None) -> str | None:
    """Return the verdict a textual rating names by its leading words, or None."""
    if not rating:
        return None
    folded = fold(rating)
    for word, verdict in KEYS.get(folded[:1], ()):
        if folded.startswith(word) and (len(folded) == len(word) or folded[len(word)] == " "):
            return verdict
    return None


def verdict_from_scale(value: float | None, best: float | None, worst: float | None) -> str | None:
    """Return the verdict of a value placed between worst and best (inverted scales work)."""
    if value is None:
        return None
    best = DEFAULT_BEST if best is None else best
    worst = DEFAULT_WORST if worst is None else worst
    if best == worst:
        return None
    position = (value - worst) / (best - worst)
    if not 0 <= position <= 1:
        return None
    if position < 0.2:
        return FALSE
    if position < 0.4:
        return MOSTLY_FALSE
    if position <= 0.6:
        return MIXED
    return MOSTLY_TRUE if position < 0.8 else TRUE


def verdict_of(
    rating: str | None, value: float | None, best: float | None, worst: float | None
) -> str | None:
    """Return the verdict from the textual rating, else from the numbers."""
    return verdict_from_text(rating) or verdict_from_scale(value, best, worst)
