"""Thai sentences: split a paragraph at the spaces that end a sentence.

Thai writes no full stop; a space separates sentences, but also clauses, names, numbers and
appositions. A space ends a sentence unless the words around it show that the sentence goes on.
"""
from __future__ import annotations

from app.extraction import lexicon
from app.extraction.tokens import Token

MIN_SENTENCE = 25  # characters; a shorter piece is an adjunct or a fragment
SHORT_CHUNK = 8  # a chunk this short beside a space is part of a name or a phrase
OPENING, CLOSING = "“(\"'«‘[", "”)\"'»’]"
NON_STARTING_POS = ("VACT", "VSTA", "VATT", "XVAE", "XVAM", "XVBM", "XVMM", "XVBB", "RPRE",
                    "JCRG", "JCMP", "ADVN", "ADVS", "CLTV", "CNIT", "NCNM", "DIBQ", "PREL")
SENTENCE_STARTERS = frozenset((
    "ทั้งนี้", "นอกจากนี้", "อย่างไรก็ตาม", "ขณะเดียวกัน", "ด้าน", "ล่าสุด", "ต่อมา",
    "ก่อนหน้านี้", "สำหรับ", "โดยล่าสุด", "ดังนั้น", "จากนั้น", "หลังจากนั้น", "ทว่า",
))
TITLES = tuple(sorted(lexicon.TH_TITLES, key=len, reverse=True))
PERSONAL_TITLES = ("นาย", "นาง", "น.ส.", "ดร.", "พล.", "พ.ต.", "พ.อ.", "ร.ต.", "ศ.", "รศ.", "ผศ.",
                   "นพ.", "พญ.", "ม.ร.ว.", "คุณ", "หม่อม")
UNITS = frozenset(lexicon.TH_UNITS) | frozenset(lexicon.TH_DURATION_UNITS)


def _quote_depths(tokens: list[Token]) -> list[int]:
    """Return, for each token, how many quotes or brackets are open after it."""
    depth, depths, straight_open = 0, [], False
    for token in tokens:
        for char in token.text:
            if char == '"':
                straight_open = not straight_open
                depth += 1 if straight_open else -1
            elif char in OPENING:
                depth += 1
            elif char in CLOSING:
                depth = max(0, depth - 1)
        depths.append(depth)
    return depths


def _chunk_around(tokens: list[Token], index: int, step: int) -> str:
    """Return the text from the space at `index` to the next space in direction `step`."""
    words, i = [], index + step
    while 0 <= i < len(tokens) and not tokens[i].is_space:
        words.append(tokens[i].text)
        i += step
    return "".join(reversed(words) if step < 0 else words)


def _continues(left: Token, right: Token, left_chunk: str, right_chunk: str) -> bool:
    """Say whether the words around a space show one sentence going on."""
    l, r = left.text, right.text
    if any(c.isdigit() for c in l + r) or r in UNITS or l.endswith("."):
        return True
    if l in lexicon.TH_CONTINUES_AFTER or r in lexicon.TH_ATTACHES_LEFT:
        return True
    if right_chunk.startswith(TITLES):
        return True  # an apposition: "name title"
    if left_chunk.startswith(PERSONAL_TITLES) and len(left_chunk) <= 20:
        return True  # "title first-name" then the family name
    if len(left_chunk) <= SHORT_CHUNK or len(right_chunk) <= SHORT_CHUNK:
        return True
    if l.isascii() or r.isascii() or l in CLOSING or r[0] in CLOSING:
        return True
    return lexicon.thai_pos_unigram().get(r, "") in NON_STARTING_POS


def sentence_spans(tokens: list[Token], start: int, end: int) -> list[tuple[int, int]]:
    """Split the paragraph [start, end) (tokens cover it) into sentence spans."""
    depths = _quote_depths(tokens)
    spans, sentence_start = [], start
    for i, token in enumerate(tokens):
        if not token.is_space or i == 0 or i + 1 >= len(tokens) or depths[i] > 0:
            continue
        left, right = tokens[i - 1], tokens[i + 1]
        if token.start - sentence_start < MIN_SENTENCE or end - token.end < MIN_SENTENCE // 2:
            continue
        if right.text in SENTENCE_STARTERS or not _continues(
            left, right, _chunk_around(tokens, i, -1), _chunk_around(tokens, i, 1)
        ):
            spans.append((sentence_start, token.start))
            sentence_start = token.end
    spans.append((sentence_start, end))
    return [(a, b) for a, b in spans if b > a]
