"""Snippets of a matching text with the matching words marked. Pure code.

The words are found with the analyzer the index uses, so what is marked is what matched
(a Thai word, "colonies" for colony), never a substring inside another word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.search.analyzer import Token, parts, tokens

SNIPPET_CHARS = 240
_NUMBER_TERM = re.compile(r"\d+(?:d\d+)?")
DIGITS = str.maketrans({chr(0x0E50 + i): str(i) for i in range(10)})


@dataclass(frozen=True)
class Snippet:
    """A piece of text and the spans [start, end) of it that matched the query."""

    text: str
    marks: tuple[tuple[int, int], ...]
    cut_before: bool = False
    cut_after: bool = False

    def parts(self) -> list[tuple[str, bool]]:
        """Return the text as (piece, matched) pairs, in order."""
        pieces, at = [], 0
        for start, end in self.marks:
            if start > at:
                pieces.append((self.text[at:start], False))
            pieces.append((self.text[start:end], True))
            at = end
        if at < len(self.text):
            pieces.append((self.text[at:], False))
        return pieces


def _pattern(term: str) -> re.Pattern:
    """Return how a term may be written: a number with separators, else its stem's letters."""
    if _NUMBER_TERM.fullmatch(term):
        whole, _, fraction = term.partition("d")
        digits = ",?".join(re.escape(d) for d in whole)
        return re.compile(digits + (r"\." + re.escape(fraction) + "0*" if fraction else ""))
    return re.compile(re.escape(term[:-1] if len(term) > 4 and term.isascii() else term))


def _first_hint(text: str, wanted: frozenset[str]) -> int:
    """Return where the rarest wanted term (the one that tells most) first seems to occur."""
    folded = text.casefold().translate(DIGITS)
    best = None
    for term in wanted:
        found = [m.start() for m in _pattern(term).finditer(folded)][:1000]
        if found and (best is None or len(found) < best[0]):
            best = (len(found), found[0])
    return best[1] if best else 0


def _region(text: str, centre: int, width: int) -> tuple[int, int]:
    start = max(0, centre - width // 2)
    return start, min(len(text), start + width)


def snippet(text: str, wanted: frozenset[str], width: int = SNIPPET_CHARS) -> Snippet:
    """Return the part of the text around its first match, with every match in it marked."""
    text = text or ""
    if len(text) <= width:
        found = tokens(text)
        start, end = 0, len(text)
    else:
        # Read a region wider than the snippet, then cut the snippet at word boundaries in it.
        low, high = _region(text, _first_hint(text, wanted), width * 3)
        found = [Token(t.term, t.start + low, t.end + low) for t in tokens(text[low:high])]
        # A region cut inside a word begins with a piece of it: skip that piece.
        words = found[1:] if low > 0 else found
        matched = [t for t in words if t.term in wanted]
        centre = matched[0].start if matched else (words[0].start if words else low)
        start = (
            0
            if centre - width // 3 <= 0
            else next((t.start for t in words if t.start >= centre - width // 3), centre)
        )
        end = max((t.end for t in words if t.end <= start + width), default=start + width)
    marks = tuple(
        (a - start, b - start)
        for token in found
        if token.start >= start and token.end <= end
        for a, b in _matched(text, token, wanted)
    )
    return Snippet(text[start:end], marks, start > 0, end < len(text))


def _matched(text: str, token: Token, wanted: frozenset[str]) -> list[tuple[int, int]]:
    """Return the spans of a token that matched: all of it, or the parts of a compound."""
    if token.term in wanted:
        return [(token.start, token.end)]
    pieces = parts(token.term)
    if len(pieces) < 2 or not wanted.intersection(pieces):
        return []
    spans, at = [], token.start
    for piece in pieces:
        found = text.find(piece, at, token.end)
        if found < 0:
            break
        if piece in wanted:
            spans.append((found, found + len(piece)))
        at = found + len(piece)
    return spans
