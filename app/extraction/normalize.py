"""Normalize text for analysis while remembering where every character came from."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Zero-width and invisible format characters: dropped for analysis.
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
THAI_DIGITS = {chr(0x0E50 + i): str(i) for i in range(10)}
# Common Thai typing slips, each orthographically impossible, with what was meant.
THAI_TYPO_FIXES = (
    (re.compile("เเ"), "แ"),  # two sara e for sara ae
    (re.compile("\u0e4d([\u0e48-\u0e4b]?)\u0e32"), "\\1\u0e33"),  # nikhahit (+ tone) + aa: sara am
)
_DOUBLED_MARK = re.compile(r"([\u0e31\u0e34-\u0e3a\u0e47-\u0e4e])\1+")
_CLUSTER = re.compile(r".[\u0300-\u036f\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]*", re.S)


@dataclass(frozen=True)
class NormalizedText:
    """Analysis text with, for each of its characters, the span of input it stands for."""

    text: str
    source: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a span [start, end) of the analysis text to a span of the input."""
        if start >= end:
            position = self.starts[start] if start < len(self.starts) else len(self.source)
            return position, position
        return self.starts[start], self.ends[end - 1]


def _clusters(text: str):
    """Yield (start, end) of each base character with its combining marks."""
    for match in _CLUSTER.finditer(text):
        yield match.start(), match.end()


_ZERO_WIDTH_RE = re.compile("[" + "".join(sorted(ZERO_WIDTH)) + "]")
_DIGIT_TABLE = str.maketrans(THAI_DIGITS)


def normalize(source: str) -> NormalizedText:
    """Return NFC text without zero-width characters, Thai digits as ASCII, typos mended."""
    if (
        unicodedata.is_normalized("NFC", source)
        and not _ZERO_WIDTH_RE.search(source)
        and not _DOUBLED_MARK.search(source)
    ):
        return _plain(source)
    return _general(source)


def _general(source: str) -> NormalizedText:
    """normalize() cluster by cluster: zero-width characters dropped, NFC, doubled marks."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for start, end in _clusters(source):
        cluster = "".join(c for c in source[start:end] if c not in ZERO_WIDTH)
        if not cluster:
            continue
        cluster = _DOUBLED_MARK.sub(r"\1", unicodedata.normalize("NFC", cluster))
        for char in cluster:
            chars.append(THAI_DIGITS.get(char, char))
            starts.append(start)
            ends.append(end)
    _mend_typos(chars, starts, ends)
    return NormalizedText("".join(chars), source, tuple(starts), tuple(ends))


def _plain(source: str) -> NormalizedText:
    """normalize() of a text with nothing to drop or compose (most text): the same result, with
    no per-cluster normalization."""
    chars = list(source.translate(_DIGIT_TABLE))
    starts: list[int] = []
    ends: list[int] = []
    for match in _CLUSTER.finditer(source):
        a, b = match.span()
        starts.extend([a] * (b - a))
        ends.extend([b] * (b - a))
    _mend_typos(chars, starts, ends)
    return NormalizedText("".join(chars), source, tuple(starts), tuple(ends))


def _mend_typos(chars: list[str], starts: list[int], ends: list[int]) -> None:
    """Replace typing slips by the characters meant, in place, keeping the source spans."""
    for pattern, replacement in THAI_TYPO_FIXES:
        text = "".join(chars)
        for match in reversed(list(pattern.finditer(text))):
            a, b = match.span()
            fixed = match.expand(replacement)
            chars[a:b] = list(fixed)
            starts[a:b] = [starts[a]] * len(fixed)
            ends[a:b] = [ends[b - 1]] * len(fixed)


def clean_span(source: str) -> str:
    """Return a source span as a claim's text: NFC, no zero-width characters."""
    return unicodedata.normalize("NFC", "".join(c for c in source if c not in ZERO_WIDTH))
