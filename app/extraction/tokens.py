"""Thai word tokens with their offsets."""

from __future__ import annotations

from dataclasses import dataclass

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


def thai_tokens(text: str, offset: int = 0) -> list[Token]:
    """Split text into newmm words (spaces kept as tokens) with offsets."""
    tokens = []
    position = offset
    for word in word_tokenize(text, engine="newmm", keep_whitespace=True):
        tokens.append(Token(word, position, position + len(word)))
        position += len(word)
    return tokens
