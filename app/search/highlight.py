"""Snippets of a matching text with the matching words marked. Pure code.

The words are found with the analyzer the index uses, so what is marked is what matched
(a Thai word, "colonies" for colony), never a substring inside another word.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.search.analyzer import Token, tokens

SNIPPET_CHARS = 240


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


def _first_hint(text: str, wanted: frozenset[str]) -> int:
    """Return where a wanted term probably first occurs (its surface form, or its stem)."""
    folded = text.casefold()
    found = [folded.find(term[:-1] if len(term) > 4 else term) for term in wanted]
    found = [at for at in found if at >= 0]
    return min(found) if found else 0


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
        (t.start - start, t.end - start)
        for t in found
        if t.term in wanted and t.start >= start and t.end <= end
    )
    return Snippet(text[start:end], marks, start > 0, end < len(text))
