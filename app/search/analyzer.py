"""Turn text into search terms: Thai words by pythainlp, English words stemmed, numbers folded.

Pure code (no Flask, no database). The index and the query go through the same `terms()`, so a
word matches whenever both sides segment it the same way. A term holds only letters, combining
marks and digits, so every engine's tokenizer sees it as exactly one token.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex
import snowballstemmer
from pythainlp.corpus import thai_words

from app.extraction.tokens import newmm_words

# Characters that only separate words; digits of Thai script read as ASCII (one for one, so
# offsets into the prepared text are offsets into the original).
_PREPARE = str.maketrans(
    {
        **{chr(0x0E50 + i): str(i) for i in range(10)},
        **dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad", " "),
    }
)
_PIECE = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_NUMBER = regex.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_LATIN = regex.compile(r"[a-z]+")
_THAI = regex.compile(r"[\u0e00-\u0e7f]")
_CLUSTER = regex.compile(r"\P{M}\p{M}*|\p{M}+", regex.S)
MAX_TERM = 60
MIN_PART = 4
# Text beyond this many characters is not indexed (a document's first 200k characters).
MAX_INDEXED_CHARS = 200_000


@dataclass(frozen=True)
class Token:
    """One search term and the span [start, end) of the text it came from."""

    term: str
    start: int
    end: int


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=50_000)
def fold(word: str) -> str:
    """Return the term of one word: case-folded, NFC, English stemmed, numbers without commas."""
    word = unicodedata.normalize("NFC", word.casefold())
    if _NUMBER.fullmatch(word):
        whole, _, fraction = word.replace(",", "").partition(".")
        fraction = fraction.rstrip("0")
        # A decimal point is not a term character: 2.50 is the term 2d5.
        return (whole.lstrip("0") or "0") + (f"d{fraction}" if fraction else "")
    if _LATIN.fullmatch(word):
        word = _stemmer().stemWord(word)
    return word[:MAX_TERM]


def _words(text: str):
    """Yield (word, start) of each newmm word of the text, spaces and punctuation skipped."""
    offset = 0
    for chunk in newmm_words(text):
        if _NUMBER.fullmatch(chunk):
            yield chunk, offset
        else:
            for piece in _PIECE.finditer(chunk):
                yield piece.group(), offset + piece.start()
        offset += len(chunk)


def _composed(text: str) -> tuple[str, list[int]]:
    """Return the text in NFC and, for each of its characters, where it starts in `text`.

    Thai typed with the tone mark before the vowel below (ผู้ as ผ ้ ู), or Latin letters with
    separate accents, segment differently until composed; each base letter with its marks is
    composed on its own, so every character maps back to the letter it came from.
    """
    parts, starts = [], []
    for cluster in _CLUSTER.finditer(text):
        composed = unicodedata.normalize("NFC", cluster.group())
        parts.append(composed)
        starts.extend([cluster.start()] * len(composed))
    return "".join(parts), starts


def tokens(text: str, limit: int = MAX_INDEXED_CHARS) -> list[Token]:
    """Return the search terms of a text with their spans, in reading order."""
    prepared = text[:limit].translate(_PREPARE)
    if unicodedata.is_normalized("NFC", prepared):
        return [Token(fold(word), start, start + len(word)) for word, start in _words(prepared)]
    composed, starts = _composed(prepared)
    starts.append(len(prepared))
    found = []
    for word, start in _words(composed):
        end = start + len(word)
        # The end is where the next letter starts in the original (or its end).
        found.append(Token(fold(word), starts[start], starts[end] if end < len(starts) else end))
    return found


def terms(text: str, limit: int = MAX_INDEXED_CHARS) -> list[str]:
    """Return the search terms of a text in reading order."""
    return [token.term for token in tokens(text, limit)]


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    return frozenset(thai_words())


@lru_cache(maxsize=200_000)
def parts(term: str) -> tuple[str, ...]:
    """Return the dictionary words a Thai compound term is made of; else (term,).

    newmm keeps compounds of its dictionary whole (กองทัพอากาศ, เกาหลีเหนือ, นายกรัฐมนตรี), so
    their parts (อากาศ, เกาหลี, รัฐมนตรี) are indexed a second time, split: the fewest words of
    at least MIN_PART letters each (the most even split among equals). Shorter parts are not
    split off, or เกา would find every เกาหลี. ฯ and ๆ at the end fall away (สหรัฐฯ is สหรัฐ).
    """
    base = term.rstrip("ฯๆ") or term
    if base != term:
        return (base,)
    if len(term) < 2 * MIN_PART or not has_thai(term):
        return (term,)
    words = _dictionary()
    best: list[tuple[str, ...] | None] = [None] * (len(term) + 1)
    best[0] = ()
    for end in range(MIN_PART, len(term) + 1):
        for start in range(end - MIN_PART + 1):
            piece, before = term[start:end], best[start]
            if before is None or piece not in words or (start == 0 and end == len(term)):
                continue
            found, known = (*before, piece), best[end]
            if known is None or (len(found), -min(map(len, found))) < (
                len(known),
                -min(map(len, known)),
            ):
                best[end] = found
    return best[-1] or (term,)


def fine_terms(found: list[str]) -> list[str]:
    """Return the terms with each Thai compound replaced by its parts."""
    return [part for term in found for part in parts(term)]


@lru_cache(maxsize=1)
def _word_beginnings() -> frozenset[str]:
    """Return every beginning of every word in pythainlp's Thai dictionary (for type-ahead)."""
    return frozenset(word[:end] for word in thai_words() for end in range(1, len(word) + 1))


def typed_terms(text: str) -> tuple[list[str], str]:
    """Return the terms of text still being typed: the whole words, and the unfinished end.

    The unfinished end is the longest run of final terms that begins a dictionary word, so
    "กองทัพโซเวีย" gives (["กองทัพ"], "โซเวีย"), which "โซเวียต" starts with.
    """
    found = terms(text)
    if not found or not has_thai(found[-1]):
        return found[:-1], found[-1] if found else ""
    beginnings = _word_beginnings()
    for size in range(len(found), 0, -1):
        tail = "".join(found[-size:])
        if tail in beginnings:
            return found[:-size], tail
    return found[:-1], found[-1]


def has_thai(text: str) -> bool:
    """Tell whether the text contains Thai script."""
    return bool(_THAI.search(text))
