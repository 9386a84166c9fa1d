"""English sentences: split at . ! ? unless they end an abbreviation, an initial or a number."""

from __future__ import annotations

import re

from app.extraction import lexicon

# A sentence end: punctuation, closing quotes or brackets, then space and a likely sentence start.
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
_NEXT_WORD = re.compile(r"\s+[\"'“‘]?([A-Z][a-z]*)")
# Abbreviations that often end a sentence, and words that often begin one.
FINAL_ABBREVIATIONS = frozenset(("a.m", "p.m", "etc", "inc", "ltd", "co", "corp", "jr", "sr"))
SENTENCE_STARTERS = frozenset(
    (
        "The",
        "A",
        "An",
        "He",
        "She",
        "It",
        "They",
        "We",
        "I",
        "In",
        "On",
        "At",
        "This",
        "That",
        "These",
        "Those",
        "But",
        "And",
        "Police",
        "Officials",
        "There",
        "His",
        "Her",
        "Its",
        "Their",
    )
)


def _is_abbreviation(text: str, dot: int) -> bool:
    """Say whether the full stop at `dot` ends an abbreviation or an initial (and not also
    the sentence: "at 9 a.m. The ..." ends one)."""
    match = _WORD_BEFORE.search(text, 0, dot + 1)
    if not match:
        return False
    word = match.group(1).lower()
    if word in FINAL_ABBREVIATIONS and _NEXT_WORD.match(text, dot + 1):
        return _NEXT_WORD.match(text, dot + 1).group(1) not in SENTENCE_STARTERS
    return word in lexicon.EN_ABBREVIATIONS or len(word) == 1 or "." in word


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split text[start:end] into sentence spans (offsets into text)."""
    spans, sentence_start = [], start
    for match in _END.finditer(text, start, end):
        if (
            text[match.start()] == "."
            and match.group() == "."
            and _is_abbreviation(text, match.start())
        ):
            continue
        spans.append((sentence_start, match.end()))
        sentence_start = match.end()
        while sentence_start < end and text[sentence_start].isspace():
            sentence_start += 1
    spans.append((sentence_start, end))
    return [(a, b) for a, b in spans if b > a]
