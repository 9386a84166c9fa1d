"""Cut an article body into paragraphs of plain and highlighted pieces (claim spans)."""

from __future__ import annotations

from dataclasses import dataclass

from app.models import Appearance


@dataclass(frozen=True)
class Piece:
    """A stretch of body text, highlighted when it is where a claim appears."""

    text: str
    appearance: Appearance | None = None


def highlighted_paragraphs(body: str, appearances: list[Appearance]) -> list[list[Piece]]:
    """Return the body's paragraphs, each a list of pieces in text order."""
    spans = []
    for appearance in sorted(appearances, key=lambda a: (a.start, -a.end)):
        if not spans or appearance.start >= spans[-1].end:  # overlapping spans: keep the first
            spans.append(appearance)
    pieces: list[Piece] = []
    position = 0
    for appearance in spans:
        if appearance.start > position:
            pieces.append(Piece(body[position : appearance.start]))
        pieces.append(Piece(body[appearance.start : appearance.end], appearance))
        position = appearance.end
    if position < len(body):
        pieces.append(Piece(body[position:]))
    return _paragraphs(pieces)


def _paragraphs(pieces: list[Piece]) -> list[list[Piece]]:
    """Split pieces at newlines into paragraphs (a highlight never spans a newline in practice)."""
    paragraphs: list[list[Piece]] = [[]]
    for piece in pieces:
        lines = piece.text.split("\n")
        for index, line in enumerate(lines):
            if index:
                paragraphs.append([])
            if line:
                paragraphs[-1].append(Piece(line, piece.appearance))
    return [p for p in paragraphs if p]
