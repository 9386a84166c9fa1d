"""A notification names its claim by an excerpt cut between words, Thai words included."""

from pythainlp.tokenize import word_tokenize

from app.services.notifications.text import MAX_CLAIM, claim_excerpt

CLAIM = (
    "ความเป็นน้ำหนึ่งใจเดียวกันที่มียาวนาน 80 ปี อันเป็นประวัติศาสตร์ ดั้งเดิม และหล่อหลอมด้วยเลือด "
    "ระหว่างเกาหลีเหนือและรัสเซีย คือรากฐานที่ยกระดับมิตรภาพวิกฤติให้เป็นความเป็นเพื่อนที่มั่นคงที่สุด"
)


def test_a_short_claim_is_kept_whole():
    assert claim_excerpt("  ปีนี้พบผู้ป่วย\n1,200 ราย ") == "ปีนี้พบผู้ป่วย 1,200 ราย"


def test_a_long_claim_is_cut_at_a_word_boundary():
    excerpt = claim_excerpt(CLAIM)
    assert excerpt.endswith("…") and len(excerpt) <= MAX_CLAIM
    kept = excerpt[:-1]
    assert CLAIM.startswith(kept)
    # The cut falls where newmm ends a word: the kept text is a run of whole words.
    words = word_tokenize(CLAIM, engine="newmm", keep_whitespace=True)
    ends = {sum(len(w) for w in words[: i + 1]) for i in range(len(words))}
    assert len(kept) in ends or len(kept.rstrip()) in ends
