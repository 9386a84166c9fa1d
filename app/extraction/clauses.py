"""Split a sentence into clauses where it joins separate statements."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from app.extraction import lexicon
from app.extraction.thai import _quote_depths
from app.extraction.tokens import Token

MIN_CLAUSE = 12
STRONG_MIN = 30  # characters each side for a causal or contrastive opener to part two clauses
TH_STRONG = ("เนื่องจาก", "เพราะ", "แต่", "ขณะที่", "อย่างไรก็ตาม", "ส่วน")
EN_STRONG = re.compile(r"^(?:because|but|while|although|whereas|though)\b", re.I)
TH_OPENERS = tuple(sorted(lexicon.TH_CLAUSE_OPENERS, key=len, reverse=True))
NEGATIVE_OPENERS = tuple(
    sorted(
        lexicon.TH_ADVICE
        + lexicon.TH_ADVICE_OPENING
        + lexicon.TH_WISH
        + lexicon.TH_PREDICTION
        + lexicon.TH_HOPE
        + lexicon.TH_OPINION
        + lexicon.TH_FUTURE
        + ("ต้องติดตาม", "ไม่รู้ว่า"),
        key=len,
        reverse=True,
    )
)
# A clause with its own subject that opines or hopes: "… 20 ฉบับ ผู้จัดหวังว่า…".
SUBJECT_OPINES = re.compile(r"[^\s]{1,15}?(?:หวัง|คาด|เชื่อ|มอง|คิด|เห็น)ว่า")
EN_OPENER = re.compile("|".join(re.escape(o) for o in lexicon.EN_CLAUSE_OPENERS), re.I)

Polarity = Callable[[int, int], bool]


def thai_split_points(tokens: list[Token], start: int, end: int) -> list[int]:
    """Return offsets in [start, end) where a clause opener, or a cue of opinion, prediction,
    advice or wish, follows a space: where a sentence may join separate statements."""
    depths = _quote_depths(tokens)
    points = []
    for i, token in enumerate(tokens[:-1]):
        if not token.is_space or not start < token.start < end or depths[i] > 0:
            continue
        following = "".join(t.text for t in tokens[i + 1 : i + 4])
        # "… ไปใช้ ซึ่งอาจสร้างความเข้าใจผิด": a relative clause that turns to a forecast
        unjoined = following[len("ซึ่ง") :] if following.startswith("ซึ่ง") else following
        if (
            following.startswith(TH_OPENERS)
            or unjoined.startswith(NEGATIVE_OPENERS)
            or SUBJECT_OPINES.match(_chunk_after(tokens, i))
        ):
            points.append(tokens[i + 1].start)
    return points


def _chunk_after(tokens: list[Token], i: int, most: int = 8) -> str:
    """The words after the space tokens[i], up to the next space (at most `most` of them)."""
    words = []
    for token in tokens[i + 1 : i + 1 + most]:
        if token.is_space:
            break
        words.append(token.text)
    return "".join(words)


def english_split_points(text: str, start: int, end: int) -> list[int]:
    """Return offsets where an English clause opener (", but", "; ") begins a clause."""
    points, depth = [], 0
    quote_positions = {m.start() for m in re.finditer(r"[\"“”]", text[start:end])}
    for match in EN_OPENER.finditer(text, start, end):
        depth = sum(1 for q in quote_positions if q < match.start() - start) % 2
        if depth == 0:
            points.append(match.start() + len(match.group()) - len(match.group().lstrip(",; ")))
    return points


def split(
    start: int, end: int, points: list[int], positive: Polarity, strong: Polarity | None = None
) -> list[tuple[int, int]]:
    """Cut [start, end) at the points where the clauses on either side differ in check-worthiness.

    Clauses that agree stay together: "X rose and Y fell" is one statement of fact, while
    "X rose, but experts expect a fall" joins a fact to a prediction.
    """
    bounds = [start, *[p for p in points if start + MIN_CLAUSE <= p <= end - MIN_CLAUSE], end]
    parts = [(a, b) for a, b in itertools.pairwise(bounds)]
    merged = [parts[0]]
    for part in parts[1:]:
        previous = merged[-1]
        separate = (
            strong is not None
            and strong(*part)
            and min(previous[1] - previous[0], part[1] - part[0]) >= STRONG_MIN
        )
        if not separate and positive(*previous) == positive(*part):
            merged[-1] = (previous[0], part[1])
        else:
            merged.append(part)
    return merged
