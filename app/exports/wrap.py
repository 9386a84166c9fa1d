"""Break Thai and English text into lines that fit a width, at word boundaries.

Thai has no spaces between words, so lines break where pythainlp's newmm segmenter puts a word
boundary; a word too long for a whole line breaks between Thai character clusters (TCC), never
between a consonant and its marks. Widths come from the caller's `measure` (a shaped width).
"""

from __future__ import annotations

from collections.abc import Callable

from pythainlp.tokenize import subword_tokenize

from app.extraction.tokens import newmm_words

ELLIPSIS = "…"
OPENING = set("“‘«([{\"'")  # kept with the word after them
CLOSING = set("”’»)]}.,;:!?%…")  # kept with the word before them
Measure = Callable[[str], float]


def words(text: str) -> list[str]:
    """Split text into words and runs of spaces (newmm, spaces kept), so "".join gives it back."""
    text = " ".join(text.split())
    glued: list[str] = []
    for word in (w for w in newmm_words(text) if w):
        if glued and glued[-1] != " " and (glued[-1][-1] in OPENING or word[0] in CLOSING):
            glued[-1] += word  # a quote mark or a stop never starts or ends a line alone
        else:
            glued.append(word)
    return glued


def _clusters(word: str) -> list[str]:
    return [c for c in subword_tokenize(word, engine="tcc") if c]


def _pieces(word: str, measure: Measure, width: float) -> list[str]:
    """Return a word as pieces that each fit the width (the word itself when it fits)."""
    if measure(word) <= width:
        return [word]
    pieces, current = [], ""
    for cluster in _clusters(word):
        if current and measure(current + cluster) > width:
            pieces.append(current)
            current = ""
        current += cluster
    return pieces + ([current] if current else [])


def wrap(text: str, measure: Measure, width: float, max_lines: int, limit: int = 600) -> list[str]:
    """Return at most `max_lines` lines of text that each fit `width`; when the text does not
    fit, the last line ends with an ellipsis after its last whole word.

    Only the first `limit` characters are segmented and measured, which bounds the cost."""
    tokens = words(text[: limit + 1])
    clipped = len(text) > limit
    if clipped:
        tokens.pop()  # possibly cut inside a word
    lines: list[list[str]] = [[]]
    for token in tokens:
        for piece in _pieces(token, measure, width) if token.strip() else [token]:
            if not _text(lines[-1]) and not piece.strip():
                continue  # no line starts with a space
            if not _text(lines[-1]) or measure(_text(lines[-1] + [piece])) <= width:
                lines[-1].append(piece)
                continue
            if len(lines) == max_lines:
                return _finish(lines, measure, width, ellipsis=True)
            lines.append([] if not piece.strip() else [piece])
    return _finish(lines, measure, width, ellipsis=clipped)


def _text(pieces: list[str]) -> str:
    return "".join(pieces).rstrip()


def _finish(lines: list[list[str]], measure: Measure, width: float, ellipsis: bool) -> list[str]:
    """Join each line's pieces; with `ellipsis`, end the last line with one, dropping whole
    pieces from its end until it fits."""
    lines = [line for line in lines if _text(line)]
    if ellipsis and lines:
        last = lines[-1]
        while len(last) > 1 and measure(_text(last) + ELLIPSIS) > width:
            last.pop()
        lines[-1] = [_text(last) + ELLIPSIS]
    return [_text(line) for line in lines]
