"""The seed article (app/demo/kim-putin-th.txt) yields the claims a fact-checker expects."""

from pathlib import Path

import pytest

from app.extraction import extract_claims

SEED = (Path(__file__).resolve().parents[3] / "app/demo/kim-putin-th.txt").read_text("utf-8")


@pytest.fixture(scope="module")
def claims():
    return extract_claims(SEED)


def _with(claims, *phrases):
    found = [c for c in claims if all(p in c.text for p in phrases)]
    assert found, f"no claim contains {phrases}"
    return found[0]


def test_offsets_point_at_the_claims(claims):
    for claim in claims:
        assert SEED[claim.start : claim.end].strip("“”") == claim.text


def test_the_soviet_advance_of_august_1945(claims):
    claim = _with(claims, "ค.ศ. 1945", "กองทัพโซเวียต", "35 ปี")
    assert claim.claimant is None
    assert claim.dates == ("1945",)
    assert 35 in claim.numbers
    assert {"date", "duration"} <= set(claim.reasons)


def test_the_80th_anniversary_and_kcna_publishing_the_letter(claims):
    anniversary = _with(claims, "ครบรอบ 80 ปี", "15 สิงหาคม")
    kcna = _with(claims, "KCNA", "เผยแพร่จดหมาย")
    assert 80 in anniversary.numbers and kcna.score >= 0.5


def test_the_russian_delegation_with_volodin(claims):
    claim = _with(claims, "คณะผู้แทนจากรัสเซีย", "วยาเชสลาฟ โวโลดิน", "ประธานสภาดูมา")
    assert "named_entity" in claim.reasons


def test_the_1945_claim_reads_from_the_month_not_from_because(claims):
    claim = _with(claims, "ค.ศ. 1945", "กองทัพโซเวียต")
    assert claim.text.startswith("ในเดือนสิงหาคม ค.ศ. 1945")


def test_the_two_quotations_in_the_letter_are_kims():
    everything = extract_claims(SEED, include_all=True)
    quoted = [c for c in everything if SEED[c.start - 1 : c.start] == "“" or c.text[:1] == "“"]
    letter = [c for c in quoted if "เบ่งบาน" not in c.text]
    assert len(letter) == 2, [c.text[:40] for c in quoted]
    assert all(c.claimant == "คิม จองอึน" for c in letter)


def test_relations_have_fully_blossomed_said_kim_through_state_media(claims):
    claim = _with(claims, "เบ่งบานเต็มที่")
    assert claim.claimant == "คิม จองอึน"
    # Yonhap reported what North Korea's state media reported Kim told Putin: the channel that
    # heard Kim is the state media, nearest him in the chain.
    assert claim.reported_by == "สื่อของรัฐเกาหลีเหนือ"
    assert "attribution" in claim.reasons
    assert "จะก้าวหน้า" not in claim.text  # the prediction is a clause of its own


def test_no_wish_and_no_prediction(claims):
    texts = " ".join(c.text for c in claims)
    assert "ได้รับชัยชนะและเกียรติยศ" not in texts
    assert "จะดำเนินต่อไปและก้าวหน้า" not in texts
    assert "จะก้าวหน้าอย่างมั่นคงยิ่งขึ้นในอนาคต" not in texts


def test_every_sentence_is_scored_with_all(claims):
    every = extract_claims(SEED, include_all=True)
    assert len(every) > len(claims)
    wish = _with(every, "ได้รับชัยชนะและเกียรติยศ")
    assert "wish" in wish.reasons and wish.score < 0.5
