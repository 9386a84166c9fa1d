"""Sentences and clauses in Thai and English."""

from app.extraction import extract_claims
from app.extraction.english import sentence_spans


def _sentences(text):
    return [text[a:b] for a, b in sentence_spans(text, 0, len(text))]


def test_english_splitter_knows_abbreviations():
    text = (
        "On Aug. 15, Dr. Somchai of the U.S. embassy said 3.5 million people were hit. "
        '"It is bad," he said. Gen. Prayut left at 9 a.m. The No. 3 team won. What next?'
    )
    assert _sentences(text) == [
        "On Aug. 15, Dr. Somchai of the U.S. embassy said 3.5 million people were hit.",
        '"It is bad," he said.',
        "Gen. Prayut left at 9 a.m.",
        "The No. 3 team won.",
        "What next?",
    ]


def test_thai_sentences_separated_by_a_space_are_split():
    text = (
        "กรมควบคุมโรครายงานว่าพบผู้ป่วยไข้เลือดออกสะสม 42,513 ราย "
        "นายกรัฐมนตรีเดินทางเยือนเวียดนามอย่างเป็นทางการเป็นเวลา 2 วัน"
    )
    claims = extract_claims(text, include_all=True)
    assert [c.text for c in claims] == [
        "กรมควบคุมโรครายงานว่าพบผู้ป่วยไข้เลือดออกสะสม 42,513 ราย",
        "นายกรัฐมนตรีเดินทางเยือนเวียดนามอย่างเป็นทางการเป็นเวลา 2 วัน",
    ]


def test_a_fact_joined_to_a_prediction_is_two_clauses():
    text = "ยอดผู้ป่วยสะสมเพิ่มขึ้นร้อยละ 12 จากปีก่อน และคาดว่าจะเพิ่มขึ้นอีกในเดือนหน้า"
    claims = extract_claims(text, include_all=True)
    assert [c.text for c in claims] == [
        "ยอดผู้ป่วยสะสมเพิ่มขึ้นร้อยละ 12 จากปีก่อน",
        "คาดว่าจะเพิ่มขึ้นอีกในเดือนหน้า",  # a claim starts after its connective
    ]
    assert claims[0].checkworthy and not claims[1].checkworthy


def test_english_fact_and_forecast_are_two_clauses():
    text = "Exports rose 4.2% in July, but economists expect a slowdown next year."
    claims = extract_claims(text, include_all=True)
    assert [c.checkworthy for c in claims] == [True, False]
    assert "prediction" in claims[1].reasons


def test_names_and_numbers_do_not_break_thai_sentences():
    text = "นายสมชาย ใจดี อธิบดีกรมควบคุมโรค กล่าวว่า ปีนี้มีผู้ป่วย 1,200 ราย มากที่สุดในรอบ 5 ปี"
    [claim] = extract_claims(text)
    assert claim.text == text
    assert claim.claimant == "นายสมชาย ใจดี"
