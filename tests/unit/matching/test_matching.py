"""Claim matching, pure: one form for two wordings, the facts that must agree, the score."""

import pytest

from app.matching import Thresholds, compare, profile
from app.matching.facts import facts, place_name
from app.matching.normalize import prepare
from tests.matching_set import DATA, HARD, evaluate, load_pairs


def _differs(a, b, **kw):
    found = compare(profile(a, kw.get("ca")), profile(b, kw.get("cb")))
    return found, {r["code"]: r for r in found.reasons if r["kind"] == "differs"}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("กนง.คงดอกเบี้ยที่ร้อยละ 2.50", "คณะกรรมการนโยบายการเงินคงดอกเบี้ยที่ 2.5%"),
        ("มีผู้ป่วย ๑.๒ ล้านคน", "มีผู้ป่วย 1,200,000 คน"),
        ("รายได้ 3 หมื่นล้านบาท", "รายได้ 30,000 ล้านบาท"),
        ("เมื่อ ส.ค. พ.ศ. 2488", "เมื่อสิงหาคม ค.ศ. 1945"),
        ("GDP grew 2.5 per cent", "GDP grew 2.5%"),
        ("1.5 million people", "1,500,000 people"),
    ],
)
def test_two_ways_of_writing_the_same_facts_read_alike(a, b):
    fa, fb = facts(prepare(a)), facts(prepare(b))
    assert (fa.numbers, fa.years, fa.months) == (fb.numbers, fb.years, fb.months)
    assert fa.numbers or fa.years


def test_buddhist_era_years_become_common_era_but_a_price_stays_a_price():
    assert facts(prepare("ในปี 2568 ราคา 2500 บาท")).years == {2025}
    assert facts(prepare("ในปี 2568 ราคา 2500 บาท")).numbers == {"2500"}


def test_places_negation_and_days():
    read = facts(prepare("เมื่อวันที่ 15 ส.ค. 2568 ครม.ยังไม่อนุมัติงบให้จ.แพร่และเกาหลีเหนือ"))
    assert {"TH-PRE", "KP"} <= read.places and read.negated
    assert read.days == {(15, 8)} and read.years == {2025}
    assert not facts(prepare("โรคแพร่ระบาดไม่ว่าจะเป็นที่ใด")).places
    assert not facts(prepare("ไม่ว่าจะเป็นใคร")).negated
    assert facts(prepare("Thai exports rose")).places == facts(prepare("Thailand's exports")).places
    assert place_name("KP", "th") == "เกาหลีเหนือ" and place_name("TH-CMI", "en") == "Chiang Mai"


SEED_CLAIM = (
    "ในเดือนสิงหาคม ค.ศ. 1945 กองทัพโซเวียตได้รุกเข้าสู่พื้นที่ทางตอนเหนือของคาบสมุทรเกาหลี "
    "ช่วยยุติการปกครองอาณานิคมของญี่ปุ่นที่ยาวนาน 35 ปี"
)


def test_the_same_claim_in_the_buddhist_era_scores_above_auto():
    same = SEED_CLAIM.replace("ค.ศ. 1945", "พ.ศ. ๒๔๘๘").replace("35", "๓๕")
    found = compare(profile(SEED_CLAIM), profile(same))
    assert found.score >= Thresholds().auto and not found.differences


@pytest.mark.parametrize(
    ("changed", "code", "this", "other"),
    [
        (SEED_CLAIM.replace("35 ปี", "36 ปี"), "numbers", ["35"], ["36"]),
        (SEED_CLAIM.replace("1945", "1950"), "dates", ["1945"], ["1950"]),
        (SEED_CLAIM.replace("เกาหลี", "เวียดนาม"), "places", ["KP"], []),
        (SEED_CLAIM.replace("ช่วยยุติ", "ไม่ได้ช่วยยุติ"), "negation", ["false"], ["true"]),
    ],
)
def test_a_difference_in_a_fact_keeps_the_score_below_auto_and_is_named(changed, code, this, other):
    found, differs = _differs(SEED_CLAIM, changed)
    assert found.score < Thresholds().auto <= found.lexical or found.lexical >= 0.8
    assert code in differs
    if code in ("numbers", "dates"):
        assert differs[code]["this"] == this and differs[code]["other"] == other


def test_a_substituted_word_or_claimant_keeps_it_below_auto():
    found, differs = _differs(
        "ธนาคารกรุงไทยส่งเอกสารแจ้งลูกค้าให้เปิดสมุดบัญชี", "ธนาคารกสิกรไทยส่งเอกสารแจ้งลูกค้าให้เปิดสมุดบัญชี"
    )
    assert "words" in differs and found.score < Thresholds().auto
    found, differs = _differs(
        "รัฐบาลจะแจกเงินหมื่นให้ทุกคน", "รัฐบาลจะแจกเงินหมื่นให้ทุกคน", ca="นายกฯ", cb="ผู้นำฝ่ายค้าน"
    )
    assert "claimant" in differs and found.score < Thresholds().auto
    found, _ = _differs(
        "นายกฯ กล่าวว่ารัฐบาลจะแจกเงิน 10000 บาทให้ทุกคนในเดือนนี้",
        "นายกรัฐมนตรีกล่าวว่ารัฐบาลจะแจกเงิน 10,000 บาทให้ทุกคนในเดือนนี้",
        ca="นายกฯ",
        cb="นายกรัฐมนตรี",
    )
    assert found.score >= Thresholds().auto


def test_a_short_wording_is_never_linked_without_a_person():
    found, differs = _differs("ข่าวปลอม", "ข่าวปลอม")
    assert "short" in differs and found.score < Thresholds().auto


def test_thresholds_must_be_ordered():
    with pytest.raises(ValueError):
        Thresholds(suggest=0.9, auto=0.5)


@pytest.mark.parametrize("name", ["pairs.jsonl", "pairs-holdout.jsonl"])
def test_the_labelled_pairs_meet_the_targets(name):
    pairs = load_pairs(DATA / name)
    assert len(pairs) >= 90 and any(p.kind in HARD for p in pairs)
    figures = evaluate(pairs, Thresholds())
    auto, suggest = figures["auto"], figures["suggest"]
    assert auto.hard_false_positives == 0 and auto.hard_precision == 1.0
    assert auto.precision >= 0.98
    assert suggest.recall >= 0.90
    assert auto.true_positives > 0, "auto links the wordings that are plainly the same"


def test_a_district_no_list_holds_is_a_place_of_its_own():
    hat_yai = "น้ำท่วมที่อำเภอหาดใหญ่ มีผู้ได้รับผลกระทบ 3,000 ครัวเรือน"
    chiang_mai = "น้ำท่วมที่อำเภอเมืองเชียงใหม่ มีผู้ได้รับผลกระทบ 3,000 ครัวเรือน"
    found = compare(profile(hat_yai), profile(chiang_mai))
    assert any(r["code"] == "places" and r["kind"] == "differs" for r in found.reasons)
    same = compare(profile(hat_yai), profile("น้ำท่วม อ.หาดใหญ่ มีผู้ได้รับผลกระทบ 3,000 ครัวเรือน"))
    assert not [
        r for r in same.reasons if r["code"].startswith("places") and r["kind"] == "differs"
    ]
