"""Thai word tokens with their offsets."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from pythainlp.corpus import thai_words
from pythainlp.tokenize import word_tokenize


@dataclass(frozen=True)
class Token:
    """A word (or a run of spaces) and its [start, end) in the text."""

    text: str
    start: int
    end: int

    @property
    def is_space(self) -> bool:
        return self.text.isspace()


# newmm reads a text in pieces of about this many characters, each cut before a space.
PIECE = 1_000
_BEFORE_SPACE = re.compile(r"\S(?=\s)")  # the last character before a run of spaces


@cache
def _words_with_spaces() -> tuple[re.Pattern, int]:
    """The dictionary's words that hold a space ("ต่าง ๆ"), and the longest one's length."""
    words = sorted((w for w in thai_words() if " " in w), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))), len(words[0]) if words else 0


def _cut(text: str, start: int) -> int | None:
    """Return where a piece from `start` ends: before a run of spaces past PIECE characters,
    never inside a dictionary word that holds a space (newmm reads "ต่าง ๆ" as one word)."""
    spaced, longest = _words_with_spaces()
    position = start + PIECE - 1
    while match := _BEFORE_SPACE.search(text, position):
        cut = match.end()
        around = spaced.search(text, max(start, cut - longest), cut + longest)
        while around and around.end() <= cut:
            around = spaced.search(text, around.start() + 1, cut + longest)
        if around is None or around.start() >= cut:
            return cut
        position = around.end()
    return None


def newmm_words(text: str) -> Iterator[str]:
    """Yield the newmm words of a text, runs of spaces kept, so that "".join gives it back.

    pythainlp's newmm copies the rest of its input for every character cluster it reads, so
    one call costs the square of the text's length (a 200,000-character paragraph: seconds).
    Words never span a space, so the text is given to it in pieces cut where a run of spaces
    begins (and not inside a dictionary word that holds a space): the same words, at a cost
    linear in the text. A piece with no space for four times
    PIECE characters goes to newmm's safe mode, which cuts it where words likely end.
    """
    start, length = 0, len(text)
    while start < length:
        cut = _cut(text, start) if length - start > PIECE else None
        end = cut or length
        piece = text[start:end]
        engine = "newmm-safe" if len(piece) > 4 * PIECE else "newmm"
        yield from word_tokenize(piece, engine=engine, keep_whitespace=True)
        start = end


def thai_tokens(text: str, offset: int = 0) -> list[Token]:
    """Split text into newmm words (spaces kept as tokens) with offsets."""
    tokens = []
    position = offset
    for word in _mended(newmm_words(text)):
        tokens.append(Token(word, position, position + len(word)))
        position += len(word)
    return tokens


# newmm cuts "บอกว่า" (said that) as "บอ" + "กว่า" (more than); "บอ" is no word of its own.
_CUT_BEFORE_KWA = frozenset(("บอ",))


def _mended(words: Iterator[str]) -> Iterator[str]:
    """Mend newmm's "บอ|กว่า" into "บอก|ว่า" (the only such cut of a speech verb)."""
    held = None
    for word in words:
        if held is not None:
            if word.startswith("กว่า") and held in _CUT_BEFORE_KWA:
                yield held + "ก"
                word = word[1:]
            else:
                yield held
            held = None
        if word in _CUT_BEFORE_KWA:
            held = word
            continue
        yield word
    if held is not None:
        yield held
