"""Properties that hold for any text: no crash; spans in range, ordered, disjoint and exact (a
claim's text is its span of the input, whatever datelines, connectives or quotes it was cut
from)."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.extraction import extract_claims
from app.extraction.normalize import clean_span

THAI_AND_FRIENDS = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B),
        st.sampled_from(list(" \n\t.,!?\"“”'()%$-\u200b\ufeff๑๒๓0123456789")),
        st.characters(min_codepoint=0x41, max_codepoint=0x7A),
        st.characters(blacklist_categories=("Cs",)),
    ),
    max_size=400,
)
NEWSY = st.lists(
    st.sampled_from(
        [
            "นายสมชาย ใจดี กล่าวว่า",
            "ผู้ป่วย ๑๒ ราย",
            "“เพิ่มขึ้นร้อยละ 5”",
            "และคาดว่าจะ",
            "15 สิงหาคม 2568",
            "ค.ศ. 1945",
            " ",
            "\n",
            "เเม่นํ้า",
            "Dr. Smith said",
            "U.S.",
            "ขอให้โชคดี",
            "อย่า",
            "ที่สุด",
            "\u200b",
            "?",
            "ได้",
            "ว่า",
            "สงขลา — ",
            "2568 – ",
            "SEOUL, Aug. 15 (Yonhap) -- ",
            "เนื่องจาก",
            "ทั้งนี้ ",
            "Because ",
            "สื่อของรัฐรายงานว่า คิม จองอึน ได้บอกกับปูตินว่า",
            "ตามที่มีการระบุว่า",
            "\r\n",
            "\u00a0",
            "วันพุธที่ 9 กันยายน 2563",
            "COVID-19",
        ]
    ),
    max_size=40,
).map("".join)

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _check(text: str) -> None:
    for language in (None, "th", "en"):
        claims = extract_claims(text, language=language, include_all=True)
        previous_end = 0
        for claim in claims:
            assert 0 <= claim.start < claim.end <= len(text)
            assert claim.start >= previous_end  # in order, never overlapping
            previous_end = claim.end
            assert 0.0 <= claim.score <= 1.0
            assert claim.text.strip()
            span = text[claim.start : claim.end]
            assert claim.text == clean_span(span)  # the text is exactly its span of the input
            assert not span[0].isspace() and not span[-1].isspace()
            for who in (claim.claimant, claim.reported_by):
                assert who is None or who.strip() == who != ""


@SETTINGS
@given(THAI_AND_FRIENDS)
def test_any_text(text):
    _check(text)


@SETTINGS
@given(NEWSY)
def test_news_like_fragments(text):
    _check(text)
