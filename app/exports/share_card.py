"""Draw a fact-check's share card: the 1200x630 PNG that LINE, Facebook and X show in a preview.

No Flask, no database: `CardFacts` in, PNG bytes out. Text is shaped by libraqm (HarfBuzz) with
the Noto Sans Thai the web pages use, so Thai vowels and tone marks sit where they belong; Pillow's
BASIC layout would stack them on the wrong glyphs.
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, features

from app.exports.wrap import wrap

FONT_PATH = Path(__file__).resolve().parents[1] / "static" / "fonts" / "NotoSansThai-Variable.ttf"
WIDTH, HEIGHT = 1200, 630
MARGIN = 64
RENDERER_VERSION = "1"  # part of every card's ETag: bump it when the drawing changes
BACKGROUND, INK, MUTED, BAND = "#fbfaf7", "#1d232a", "#4f5963", "#12314f"
# The same colours as the pages' `.rating-badge.tone-*` (white text on each passes WCAG AA).
TONE_COLOURS = {
    "true": "#1f6f3a",
    "mostly-true": "#3f6a12",
    "mixed": "#8a5a00",
    "mostly-false": "#b0410c",
    "false": "#a1261b",
    "other": "#5b6570",
}
CLAIM_SIZE, CLAIM_LINE, CLAIM_LINES = 42, 62, 5
_drawing = threading.Lock()  # FreeType faces are not safe to share between threads


@dataclass(frozen=True)
class CardFacts:
    """What a share card shows, already in the fact-check's language."""

    organisation: str
    rating_label: str
    tone: str
    claim_text: str
    byline: str  # who made the claim and when the fact-check was published
    language: str = "th"


def layout_engine() -> ImageFont.Layout:
    """Return the shaping layout (raqm); refuse to draw unshaped Thai."""
    if not features.check("raqm"):
        raise RuntimeError("Pillow was built without libraqm: Thai cannot be shaped")
    return ImageFont.Layout.RAQM


@cache
def font(
    size: int, weight: str = "Regular", layout: ImageFont.Layout | None = None
) -> ImageFont.FreeTypeFont:
    """Return Noto Sans Thai at a size and named weight (an instance of the variable font)."""
    face = ImageFont.truetype(
        str(FONT_PATH), size, layout_engine=layout if layout is not None else layout_engine()
    )
    face.set_variation_by_name(weight)
    return face


def render_card(facts: CardFacts) -> bytes:
    """Return the share card of a fact-check as PNG bytes (1200x630)."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    with _drawing:
        _header(draw, facts)
        top = _badge(draw, facts, top=124)
        _claim(draw, facts, top=top + 20)
        _byline(draw, facts)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _fit(text: str, face: ImageFont.FreeTypeFont, width: float) -> str:
    lines = wrap(text, face.getlength, width, 1)
    return lines[0] if lines else ""


def _header(draw: ImageDraw.ImageDraw, facts: CardFacts) -> None:
    draw.rectangle((0, 0, WIDTH, 100), fill=BAND)
    face = font(38, "Bold")
    name = _fit(facts.organisation, face, WIDTH - 2 * MARGIN)
    draw.text((MARGIN, 50), name, font=face, fill="#ffffff", anchor="lm", language=facts.language)


def _badge(draw: ImageDraw.ImageDraw, facts: CardFacts, top: int) -> int:
    """Draw the rating as a coloured badge with its label; return the badge's bottom."""
    face = font(46, "Bold")
    label = _fit(facts.rating_label, face, WIDTH - 2 * MARGIN - 64)
    width = face.getlength(label, language=facts.language) + 64
    bottom = top + 76
    colour = TONE_COLOURS.get(facts.tone, TONE_COLOURS["other"])
    draw.rounded_rectangle((MARGIN, top, MARGIN + width, bottom), radius=14, fill=colour)
    middle = ((MARGIN + MARGIN + width) / 2, (top + bottom) / 2)
    draw.text(middle, label, font=face, fill="#ffffff", anchor="mm", language=facts.language)
    return bottom


def _claim(draw: ImageDraw.ImageDraw, facts: CardFacts, top: int) -> None:
    face = font(CLAIM_SIZE)
    text = f"“{' '.join(facts.claim_text.split())}”"
    lines = wrap(text, face.getlength, WIDTH - 2 * MARGIN, CLAIM_LINES)
    for index, line in enumerate(lines):
        y = top + index * CLAIM_LINE
        draw.text((MARGIN, y), line, font=face, fill=INK, language=facts.language)


def _byline(draw: ImageDraw.ImageDraw, facts: CardFacts) -> None:
    face = font(30)
    text = _fit(facts.byline, face, WIDTH - 2 * MARGIN)
    draw.text(
        (MARGIN, HEIGHT - 36), text, font=face, fill=MUTED, anchor="ls", language=facts.language
    )
