"""The share card: a 1200x630 PNG; Thai wrapped at word boundaries, cut with an ellipsis."""

import io
import time

from PIL import Image
from pythainlp.tokenize import word_tokenize

from app.exports.share_card import CLAIM_SIZE, CardFacts, font, render_card
from app.exports.wrap import ELLIPSIS, words, wrap

THAI = (
    "คิม จองอึน ผู้นำเกาหลีเหนือ ได้บอกกับประธานาธิบดีวลาดิเมียร์ ปูติน แห่งรัสเซียว่า "
    "ความสัมพันธ์ทวิภาคีของทั้งสองประเทศได้เบ่งบานเต็มที่แล้ว และจะก้าวหน้าอย่างมั่นคงยิ่งขึ้นในอนาคต"
)


def _facts(**changes) -> CardFacts:
    given = {
        "organisation": "ศูนย์ตรวจสอบข่าวสัจจะ",
        "rating_label": "จริงเป็นส่วนใหญ่",
        "tone": "mostly-true",
        "claim_text": THAI,
        "byline": "คิม จองอึน · 1 ธันวาคม 2569",
    }
    return CardFacts(**{**given, **changes})


def test_the_card_is_a_1200_by_630_png():
    image = Image.open(io.BytesIO(render_card(_facts())))
    assert (image.format, image.size) == ("PNG", (1200, 630))
    assert image.getpixel((10, 10)) == (0x12, 0x31, 0x4F)  # the organisation's band
    assert (0x3F, 0x6A, 0x12) in {c for _n, c in image.getcolors(1_000_000)}  # the badge


def test_cards_differ_with_what_they_show():
    assert render_card(_facts()) != render_card(_facts(tone="false", rating_label="เท็จ"))


def _boundaries(text: str) -> set[int]:
    """Return the offsets where newmm puts a word boundary in the (space-normalised) text."""
    offsets, at = {0}, 0
    for word in word_tokenize(" ".join(text.split()), engine="newmm", keep_whitespace=True):
        at += len(word)
        offsets.add(at)
    return offsets


def test_thai_lines_break_only_where_a_word_ends():
    face = font(CLAIM_SIZE)
    text = " ".join([THAI] * 3)
    lines = wrap(text, face.getlength, 700, 20)
    assert len(lines) > 3 and all(face.getlength(line) <= 700 for line in lines)
    joined, allowed, at = " ".join(text.split()), _boundaries(text), 0
    for line in lines:
        at = joined.index(line, at)  # every line is the text itself, nothing re-spelled
        assert at in allowed and at + len(line) in allowed, line
        at += len(line)
    assert "".join(lines).replace(" ", "") == joined.replace(" ", "")


def test_overflow_ends_with_an_ellipsis_after_a_whole_word():
    face = font(CLAIM_SIZE)
    text = " ".join([THAI] * 5)
    lines = wrap(text, face.getlength, 1072, 3)
    assert len(lines) == 3 and lines[-1].endswith(ELLIPSIS)
    last = lines[-1][: -len(ELLIPSIS)]
    assert face.getlength(lines[-1]) <= 1072
    end = text.index(last, len(lines[0]) + len(lines[1])) + len(last)
    assert end in _boundaries(text)  # the ellipsis follows a whole word


def test_a_word_wider_than_a_line_breaks_between_character_clusters():
    face = font(CLAIM_SIZE)
    lines = wrap("ผู้ใหญ่น้ำที่นี่" * 20, face.getlength, 300, 10)
    assert len(lines) > 1
    for line in lines:  # no line starts with a vowel or tone mark torn from its consonant
        assert line[0] not in "ัิีึืุู่้๊๋็์ํำะาๅ", line


def test_quote_marks_stay_with_their_words():
    assert "“เบ่งบาน" in words("ได้ “เบ่งบานเต็มที่” แล้ว")
    assert any(w.endswith("”") for w in words("ได้ “เบ่งบานเต็มที่” แล้ว"))


def test_cost_is_bounded_whatever_the_length():
    started = time.perf_counter()
    render_card(_facts(claim_text=THAI * 2000, organisation="ก" * 5000, byline="ข" * 5000))
    assert time.perf_counter() - started < 5
