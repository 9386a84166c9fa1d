"""Render report HTML to PDF with WeasyPrint and the bundled Noto Sans Thai font."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path


class PdfUnavailable(RuntimeError):
    """WeasyPrint cannot run here (its system libraries, Pango and HarfBuzz, are missing)."""


@cache
def thai_font() -> Path:
    """Return the Noto Sans Thai font file shipped by fontpkg-noto-sans-thai."""
    import fontpkg_noto_sans_thai

    return next((Path(fontpkg_noto_sans_thai.__file__).parent / "files").glob("*.ttf"))


def font_css() -> str:
    """Return the @font-face rule that makes Noto Sans Thai available to the report."""
    return f'@font-face {{ font-family: "Noto Sans Thai"; src: url("{thai_font().as_uri()}"); }}'


def css_string(text: str) -> str:
    """Return text as a quoted CSS string that cannot end the string or the <style> element."""
    escaped = "".join(f"\\{ord(ch):x} " if ch in '\\"<>&' or ord(ch) < 32 else ch for ch in text)
    return f'"{escaped}"'


SARA_AM, NIKHAHIT_SARA_AA = "\u0e33", "\u0e4d\u0e32"


def html_to_pdf(
    html: str, base_url: str | None = None, on_layout: Callable[[int], None] | None = None
) -> bytes:
    """Return the PDF of an HTML document.

    HarfBuzz draws sara am (ำ) as nikhahit + sara aa glyphs; the PDF's text map can name each
    glyph only once, so a plain sara aa nearby would read back as ำ. Writing ำ in its
    decomposed form (its Unicode compatibility decomposition) draws the same glyphs and lets
    text extraction (pdftotext, copy and paste) give the words back.

    `on_layout(pages)` is called between the two long steps, layout and writing.
    """
    html = html.replace(SARA_AM, NIKHAHIT_SARA_AA)
    try:
        from weasyprint import CSS, HTML
        from weasyprint.text.fonts import FontConfiguration
    except (ImportError, OSError) as error:  # OSError: a missing shared library
        raise PdfUnavailable(str(error)) from None
    fonts = FontConfiguration()  # without it, @font-face rules are ignored
    document = HTML(string=html, base_url=base_url).render(
        stylesheets=[CSS(string=font_css(), font_config=fonts)], font_config=fonts
    )
    if on_layout is not None:
        on_layout(len(document.pages))
    return document.write_pdf()
