"""Thai sentences: split a paragraph at the spaces that end a sentence.

Thai writes no full stop; a space separates sentences, but also clauses, names, numbers and
appositions. A space ends a sentence unless the words around it show that the sentence goes on.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from app.extraction import dates, lexicon
from app.extraction.tokens import Token

MIN_SENTENCE = 25  # characters; a shorter piece is an adjunct or a fragment
SHORT_CHUNK = 8  # a chunk this short beside a space is part of a name or a phrase
ADJUNCT_MAX_WORDS = 40  # a time, place or reason phrase is shorter than this
QUOTE_LOOKAHEAD = 2_000  # tokens searched for a quotation's end (and then its speaker)
OPENING, CLOSING = "“(\"'«‘[", "”)\"'»’]"
NON_STARTING_POS = (
    "VACT",
    "VSTA",
    "VATT",
    "XVAE",
    "XVAM",
    "XVBM",
    "XVMM",
    "XVBB",
    "RPRE",
    "JCRG",
    "JCMP",
    "ADVN",
    "ADVS",
    "CLTV",
    "CNIT",
    "NCNM",
    "DIBQ",
    "PREL",
)
SENTENCE_STARTERS = frozenset(
    (
        "ทั้งนี้",
        "นอกจากนี้",
        "อย่างไรก็ตาม",
        "ขณะเดียวกัน",
        "ด้าน",
        "ล่าสุด",
        "ต่อมา",
        "ก่อนหน้านี้",
        "สำหรับ",
        "โดยล่าสุด",
        "ดังนั้น",
        "จากนั้น",
        "หลังจากนั้น",
        "ทว่า",
        "ขณะนี้",
        "โปรด",
        "กรุณา",
    )
)
TITLES = tuple(sorted(lexicon.TH_TITLES, key=len, reverse=True))
PERSONAL_TITLES = lexicon.TH_PERSONAL_TITLES
UNITS = frozenset(lexicon.TH_UNITS) | frozenset(lexicon.TH_DURATION_UNITS)
MONTHS = frozenset(dates.TH_MONTHS)
CLAUSE_OPENERS = frozenset(lexicon.TH_CLAUSE_OPENERS)
# What goes on from a figure: its comparison, its share, its other form, where it came from.
FIGURE_FOLLOWERS = (
    "เมื่อเทียบ",
    "เทียบกับ",
    "คิดเป็น",
    "หรือ",
    "จากเดิม",
    "จากช่วง",
    "จากปี",
    "จากเดือน",
)
TIME_OPENERS = (
    "ในวัน",
    "ในปี",
    "ในเดือน",
    "ในช่วง",
    "ในสัปดาห์",
    "เมื่อวัน",
    "เมื่อปี",
    "เมื่อเดือน",
    "เมื่อช่วง",
    "เมื่อเวลา",
    "ตั้งแต่วัน",
    "ตั้งแต่ปี",
    "ล่าสุด",
    "ก่อนหน้านี้",
)
# A province, district or subdistrict abbreviated ("จ.สุรินทร์") names a place, never a subject.
PLACE_ABBREVIATIONS = ("จ.", "อ.", "ต.")
PLACE_LEVELS = ("ตำบล", "อำเภอ", "จังหวัด", "เขต", "แขวง", "ในพื้นที่ตำบล", "ในพื้นที่อำเภอ", "ต.", "อ.")
SPEECH_VERBS = frozenset(lexicon.TH_SPEECH_VERBS)
# Social-media punctuation: "!", "‼️", "⚠️", "?" at a chunk's end (or a sign at the next one's start).
EXCLAIMS = re.compile(r"(?:[!?‼⁉]|[\u2600-\u27bf\U0001f300-\U0001faff]\ufe0f?)$|^[‼⁉\u2600-\u27bf]")
SPEAKER_STARTS = PERSONAL_TITLES + tuple(lexicon.TH_TITLES) + lexicon.TH_ORG_PREFIXES
AGE = re.compile(r"(?:วัย|อายุ)\s*\d{1,3}\s*ปี$")
ERAS = frozenset(("พ.ศ.", "ค.ศ.", "พ.", "ค."))
APPOSITIVE_TITLES = tuple(t for t in TITLES if t not in ("นาย", "นาง", "นางสาว", "น.ส.", "ดร."))
ADJUNCT_MARKERS = (
    "เมื่อ",
    "ใน",
    "ตั้งแต่",
    "เนื่องจาก",
    "เนื่องใน",
    "หลังจาก",
    "ก่อนหน้า",
    "ระหว่าง",
    "ช่วง",
    "ตาม",
    "ณ",
    "จาก",
    "สำหรับ",
    "ภายใน",
)
ADJUNCT_VERBS = frozenset(("ผ่าน", "มา", "ครบ", "ครบรอบ", "เริ่ม", "ผ่านมา", "เกิด", "ถึง"))


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


def opens_complement(word: str) -> bool:
    """Say whether a word is "ว่า" (that), alone or glued to its verb ("กล่าวว่า")."""
    return word == "ว่า" or (word.endswith("ว่า") and word[:-3] in lexicon.TH_SPEECH_VERBS)


SAYS_THAT = tuple(f"{verb}{tail}" for verb in lexicon.TH_SPEECH_VERBS for tail in ("ว่า", "ไว้ว่า"))
OPINES_THAT = tuple(word for word in lexicon.TH_OPINION if word.endswith("ว่า"))


def _introduces_speech(chunk: str) -> bool:
    """Say whether a chunk opens with "(speech or opinion verb) ว่า": the words before are its
    speaker ("นายสมชาย ใจดี ผู้อำนวยการ… ชี้แจงว่า …"), not a sentence of their own."""
    return chunk.startswith(SAYS_THAT) or chunk.startswith(OPINES_THAT)


def _speech_within(tokens: list[Token], i: int, chunks: int) -> bool:
    """Say whether one of the next few chunks after the space tokens[i] introduces speech."""
    j = i
    for _ in range(chunks):
        chunk = _chunk_around(tokens, j, 1)
        if _introduces_speech(chunk):
            return True
        j += 1
        while j < len(tokens) and not tokens[j].is_space:
            j += 1
        if j >= len(tokens):
            return False
    return False


def _chunk_around(tokens: list[Token], index: int, step: int) -> str:
    """Return the text from the space at `index` to the next space in direction `step`."""
    words, i = [], index + step
    while 0 <= i < len(tokens) and not tokens[i].is_space:
        words.append(tokens[i].text)
        i += step
    return "".join(reversed(words) if step < 0 else words)


def _is_adjunct(tokens: list[Token], first: int, stop: int) -> bool:
    """Say whether tokens[first:stop] are only a time, place or reason phrase (no verb yet).

    Such a phrase is short: past ADJUNCT_MAX_WORDS words it is taken for a clause, which also
    keeps the test's cost bounded in a paragraph with no clause breaks.
    """
    found = (t.text for t in _words(tokens[k] for k in range(first, stop)))
    words = list(itertools.islice(found, 2))
    if not words or not "".join(words).startswith(ADJUNCT_MARKERS):
        return False
    words += itertools.islice(found, ADJUNCT_MAX_WORDS - 2)
    if next(found, None) is not None:
        return False
    pos = lexicon.thai_pos_unigram()
    return not any(pos.get(w, "").startswith("V") and w not in ADJUNCT_VERBS for w in words[1:])


def _words(tokens: Iterable[Token]) -> Iterator[Token]:
    return (t for t in tokens if not t.is_space)


def _quote_is_sentence(tokens: list[Token], index: int) -> bool:
    """Say whether the quotation opening at `index` is followed by its speaker ("” เขากล่าว")."""
    depth = 0
    for i in range(index, min(len(tokens), index + QUOTE_LOOKAHEAD)):
        depth += sum(c in OPENING for c in tokens[i].text) - sum(
            c in CLOSING for c in tokens[i].text
        )
        if depth <= 0 and i > index:
            following = [t.text for t in tokens[i + 1 : i + 8]]
            return any(w in lexicon.TH_SPEECH_VERBS for w in following)
    return False


@dataclass(frozen=True)
class _Clauses:
    """Where the clause around each token begins, found in one pass over a paragraph.

    `latest[i]` is where the last clause opened before tokens[i] starts (-1 if none did):
    after a "ว่า" (that), or at a clause opener that follows a space. `starts` are the tokens'
    offsets, for finding the clause's first token by bisection.
    """

    latest: list[int]
    starts: list[int]

    @classmethod
    def of(cls, tokens: list[Token]) -> _Clauses:
        latest, mark = [], -1
        for k, token in enumerate(tokens):
            latest.append(mark)
            if opens_complement(token.text):
                mark = token.end
            elif k and tokens[k - 1].is_space and token.text in CLAUSE_OPENERS:
                mark = token.start
        return cls(latest, [token.start for token in tokens])


def _continues(tokens: list[Token], i: int, sentence_start: int, clauses: _Clauses) -> bool:
    """Say whether the words around the space tokens[i] show one sentence going on."""
    left, right = tokens[i - 1], tokens[i + 1]
    lw, rw = left.text, right.text
    left_chunk, right_chunk = _chunk_around(tokens, i, -1), _chunk_around(tokens, i, 1)
    if EXCLAIMS.search(left_chunk) or EXCLAIMS.match(right_chunk):
        return False  # "…ส่งต่อด่วนๆ ‼️ ตอนนี้มีมิจฉาชีพ…": an exclamation or a warning sign ends it
    ends_in_figure = lw[-1:].isdigit() or (
        len(left_chunk) <= SHORT_CHUNK and _chunk_before(tokens, i)[-1:].isdigit()
    )
    if (rw in UNITS and lw[-1:].isdigit()) or lw.endswith("."):
        return True
    if (lw in MONTHS or lw in lexicon.TH_BEFORE_NUMBER) and (rw[:1].isdigit() or rw in ERAS):
        return True
    if lw in lexicon.TH_CONTINUES_AFTER or opens_complement(lw):
        return True
    if ends_in_figure and right_chunk.startswith(FIGURE_FOLLOWERS):
        return True  # "…ร้อยละ 38 เมื่อเทียบกับช่วงเดียวกันของปีก่อน": the figure's comparison
    if right_chunk.startswith(TIME_OPENERS) and not ends_in_figure:
        return False  # "... ในวันครบรอบนี้ เกาหลีเหนือ...": a time phrase opens the next sentence
    if rw in lexicon.TH_ATTACHES_LEFT or _introduces_speech(right_chunk):
        return True
    if rw in SPEECH_VERBS and lw[-1:] not in CLOSING:
        return True  # "นายลวรณ แสงสนิท ผู้อำนวยการ…  ชี้แจงตามที่…": the verb needs its speaker
    if right_chunk.startswith(lexicon.TH_ORG_PREFIXES) and _speech_within(tokens, i, 3):
        return True  # "สำนักงาน… กระทรวงพาณิชย์ รายงานว่า": the body it belongs to, then speech
    clause_start = max(sentence_start, clauses.latest[i])
    if _is_adjunct(tokens, bisect.bisect_left(clauses.starts, clause_start), i):
        return True
    if AGE.search("".join(t.text for t in tokens[max(0, i - 6) : i])[-12:]):
        return True  # "นายสมพงษ์ ทองดี วัย 78 ปี บุตรชายของ…": an age, then the rest of who
    if right_chunk.startswith(PLACE_ABBREVIATIONS) or (
        right_chunk.startswith(PLACE_LEVELS) and left_chunk.startswith(PLACE_LEVELS)
    ):
        return True  # an address: "ลงพื้นที่ จ.สุรินทร์", "ตำบลบ้านแร่ อำเภอเขวาสินรินทร์"
    if rw[:1] == "(":
        return True  # an abbreviation or aside in brackets: "สำนักงาน… (สพฐ.) เปิดเผยว่า"
    if rw[0] in OPENING:
        return not _quote_is_sentence(tokens, i + 1) and lw[-1:] not in CLOSING
    if lw.endswith(")") and left_chunk.startswith("(") and len(left_chunk) <= 16:
        return True  # "กรมโรงงานอุตสาหกรรม (กรอ.) มีคำสั่ง…": a short form in brackets, then the verb
    if lw[-1:] in CLOSING:
        # "“…” นายธนพล อุ่นเรือน ผู้อำนวยการกองคุ้มครอง… กล่าว": a speaker named after the
        # quotation, with a long role, and then the verb
        after = _words_after(tokens, i, 24)
        if any(w in SPEECH_VERBS for w in after[:6]):
            return True
        return right_chunk.startswith(SPEAKER_STARTS) and any(w in SPEECH_VERBS for w in after)
    if right_chunk.startswith(APPOSITIVE_TITLES) and not ends_in_figure:
        return True  # an apposition: "name title"
    if left_chunk.startswith(PERSONAL_TITLES) and len(left_chunk) <= 20:
        return True  # "title first-name" then the family name
    if _chunk_before(tokens, i).startswith(PERSONAL_TITLES) and not ends_in_figure:
        return True  # "title first-name family-name" then a role in apposition
    if (len(left_chunk) <= SHORT_CHUNK and not ends_in_figure) or len(right_chunk) <= SHORT_CHUNK:
        return True
    if (lw[-1:].isascii() and lw[-1:].isalpha()) or (rw[:1].isascii() and rw[:1].isalpha()):
        return True
    return lexicon.thai_pos_unigram().get(rw, "") in NON_STARTING_POS


def _chunk_before(tokens: list[Token], i: int) -> str:
    """Return the chunk before the left chunk of the space at i."""
    j = i - 1
    while j >= 0 and not tokens[j].is_space:
        j -= 1
    return _chunk_around(tokens, j, -1) if j > 0 else ""


def _words_after(tokens: list[Token], i: int, count: int) -> list[str]:
    return [t.text for t in tokens[i + 1 : i + 1 + count * 2] if not t.is_space][:count]


def sentence_spans(tokens: list[Token], start: int, end: int) -> list[tuple[int, int]]:
    """Split the paragraph [start, end) (tokens cover it) into sentence spans."""
    depths, clauses = _quote_depths(tokens), _Clauses.of(tokens)
    spans, sentence_start = [], start
    for i, token in enumerate(tokens):
        if not token.is_space or i == 0 or i + 1 >= len(tokens) or depths[i] > 0:
            continue
        if token.start - sentence_start < MIN_SENTENCE or end - token.end < MIN_SENTENCE // 2:
            continue
        if tokens[i + 1].text in SENTENCE_STARTERS or not _continues(
            tokens, i, sentence_start, clauses
        ):
            spans.append((sentence_start, token.start))
            sentence_start = token.end
    spans.append((sentence_start, end))
    return [(a, b) for a, b in spans if b > a]
