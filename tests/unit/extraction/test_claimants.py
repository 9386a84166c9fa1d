"""Who said it, and where a claim's text begins: the cases found on pasted Thai and English news."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from app.extraction import extract_claims
from app.extraction.tokens import thai_tokens

SEED = (Path(__file__).resolve().parents[3] / "app/demo/kim-putin-th.txt").read_text("utf-8")


def _claims(text: str):
    return extract_claims(text, include_all=True)


def _claimant_of(text: str, part: str) -> str | None:
    return next(c.claimant for c in _claims(text) if part in c.text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the speaker and "verb ว่า" stay one sentence
        (
            "นายณรงค์ศักดิ์ ทวีผล ผู้อำนวยการสำนักงบประมาณ ชี้แจงว่า หนี้สาธารณะอยู่ที่ร้อยละ 63.8 ของจีดีพี",
            "นายณรงค์ศักดิ์ ทวีผล",
        ),
        # "และ" inside an organisation's name does not cut it
        (
            "นายแพทย์ธีระ ศรีวงศ์ ผู้อำนวยการกองโรคจากการประกอบอาชีพและสิ่งแวดล้อม เปิดเผยว่า มีผู้ป่วย 1,200 ราย",
            "นายแพทย์ธีระ ศรีวงศ์",
        ),
        # a dateline before the speaker is not part of them
        ("15 สิงหาคม 2568 นายธีรวัฒน์ เกียรติศักดิ์ กล่าวว่า ไทยส่งออกข้าวได้ 4.6 ล้านตัน", "นายธีรวัฒน์ เกียรติศักดิ์"),
        # นายก… is a title (an association's president), not นาย + a name
        (
            "นายสมหมาย ปัญญาดี นายกสมาคมชาวนาอีสาน กล่าวว่า ต้นทุนการผลิตข้าวเฉลี่ยอยู่ที่ไร่ละ 4,800 บาท",
            "นายสมหมาย ปัญญาดี",
        ),
        # newmm cuts บอกว่า as บอ|กว่า
        ("พญ.วิไลวรรณ ทองคำ บอกว่าผู้ป่วยมะเร็งเต้านมร้อยละ 80 ดื่มน้ำขวดที่ทิ้งไว้ในรถ", "พญ.วิไลวรรณ ทองคำ"),
        # an abbreviation in brackets stays with its organisation
        (
            "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน (สพฐ.) เปิดเผยว่า มีนักเรียนหลุดออกจากระบบ 14,218 คน",
            "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน",
        ),
        # the speaker is found past a later verb with no one before it, and past a long adjunct
        (
            "ด้านสภาอุตสาหกรรมแห่งประเทศไทยระบุว่า ค่าแรงคิดเป็นร้อยละ 20-30 ของต้นทุน "
            "และเตือนว่าผู้ประกอบการบางส่วนอาจต้องลดพนักงาน",
            "สภาอุตสาหกรรมแห่งประเทศไทย",
        ),
        (
            "แพรวา ณัฐธิดา ให้สัมภาษณ์ในงานแถลงข่าวเมื่อวันที่ 10 ตุลาคม 2568 ว่า "
            "“เพลงนี้ใช้เวลาเขียนเนื้อร้องเกือบ 2 ปี”",
            "แพรวา ณัฐธิดา",
        ),
        # roles glued to their verb, and a whole organisation with its short form
        ("ผู้ว่าราชการจังหวัดสงขลากล่าวว่า น้ำท่วมครั้งนี้กระทบกว่า 12,000 ครัวเรือน", "ผู้ว่าราชการจังหวัดสงขลา"),
        ("ผู้นำฝ่ายค้านโต้แย้งว่า หนี้ครัวเรือนเพิ่มขึ้นเป็นร้อยละ 91 ของจีดีพี", "ผู้นำฝ่ายค้าน"),
        (
            "นายกรัฐมนตรีกล่าวในการประชุมคณะรัฐมนตรีเมื่อวันอังคารว่า รัฐบาลอนุมัติงบ 5,000 ล้านบาท",
            "นายกรัฐมนตรี",
        ),
        ("กรมป้องกันและบรรเทาสาธารณภัย (ปภ.) รายงานว่า มีผู้เสียชีวิต 12 ราย", "กรมป้องกันและบรรเทาสาธารณภัย"),
        # a body and the one it belongs to: the first speaks
        (
            "สำนักงานนโยบายและยุทธศาสตร์การค้า กระทรวงพาณิชย์ รายงานว่า ดัชนีราคาอยู่ที่ระดับ 100.52",
            "สำนักงานนโยบายและยุทธศาสตร์การค้า",
        ),
        # reported speech keeps the speaker, not the channel
        ("สื่อของรัฐรายงานว่า คิม จองอึน ได้บอกกับปูตินว่า ความสัมพันธ์มีมายาวนาน 80 ปี", "คิม จองอึน"),
        # English noun phrases, trailing or first
        (
            "Russia's economy grew 4.1% in 2024, the Russian economy ministry said.",
            "the Russian economy ministry",
        ),
        ("A WHO spokesperson said 1,200 cases were reported last week.", "A WHO spokesperson"),
    ],
)
def test_the_speaker_is_found_whole(text, expected):
    assert _claims(text)[0].claimant == expected


def test_a_pronoun_after_a_quotation_is_the_person_named_first():
    text = (
        "นพ.เกรียงไกร สุขวัฒนา รองเลขาธิการ อย. กล่าวว่า “สินค้ามีวันหมดอายุ 12 มิ.ย. 2569 "
        "กระจายไปแล้วกว่า 48,000 กระป๋อง” เขายืนยันว่ายังไม่มีรายงานทารกเจ็บป่วย"
    )
    assert _claimant_of(text, "48,000") == "นพ.เกรียงไกร สุขวัฒนา"


def test_a_pronoun_resolves_to_a_person_not_to_a_body():
    text = (
        "นางสาวอรวรรณ ศิริโชค ผู้อำนวยการ กล่าวว่า ราคาสินค้าลดลง 143 รายการ\n"
        "สำนักงานนโยบายและยุทธศาสตร์การค้า รายงานว่า ดัชนีอยู่ที่ระดับ 100.52\n"
        "“ยอดค้าปลีกเพิ่มขึ้นร้อยละ 2.4 เมื่อเทียบกับปีก่อน” เธอกล่าว"
    )
    assert _claimant_of(text, "2.4") == "นางสาวอรวรรณ ศิริโชค"


@pytest.mark.parametrize(
    "text",
    [
        "ผู้สื่อข่าวรายงานว่า เมื่อวันที่ 3 มีนาคม 2568 มีผู้ชุมนุมราว 2,000 คน",
        "A reporter said 2,000 people had gathered outside Government House on Monday.",
        "Japan ruled Korea for 35 years until 1945.",
    ],
)
def test_the_reporter_and_the_subject_of_a_fact_are_no_claimants(text):
    assert all(c.claimant is None for c in _claims(text))


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("สงขลา — นายสมชาย ใจดี กล่าวว่า น้ำท่วมครั้งนี้กระทบ 3,000 ครัวเรือน", "นายสมชาย"),
        (
            "SEOUL, Aug. 15 (Yonhap) -- Kim Jong-un said the two countries had 80 years of ties.",
            "Kim",
        ),
        ("เนื่องจากในเดือนสิงหาคม ค.ศ. 1945 กองทัพโซเวียตได้รุกเข้าสู่เกาหลีตอนเหนือ", "ในเดือน"),
        ("And the ministry said 3,400 people were affected by the floods.", "the ministry"),
    ],
)
def test_a_claim_starts_after_its_dateline_and_connective_with_exact_offsets(text, starts):
    claim = _claims(text)[0]
    assert claim.text.startswith(starts)
    assert text[claim.start : claim.end] == claim.text


def test_the_seed_claims():
    claims = extract_claims(SEED)
    soviet = next(c for c in claims if "1945" in c.text)
    assert soviet.text.startswith("ในเดือนสิงหาคม ค.ศ. 1945")
    assert SEED[soviet.start : soviet.end] == soviet.text
    quoted = [c for c in _claims(SEED) if "ความเป็นน้ำหนึ่งใจเดียวกัน" in c.text or "มิตรภาพ" in c.text]
    assert len(quoted) == 2 and all(c.claimant == "คิม จองอึน" for c in quoted)


def test_a_day_of_a_month_is_a_date_not_a_number():
    claim = _claims("เมื่อวันที่ 1 มกราคม มีผู้ป่วย 300 ราย ตามรายงานของกรมควบคุมโรค")[0]
    assert claim.numbers == (300,)


def test_newmm_words_are_mended_without_moving_offsets():
    tokens = thai_tokens("เขาบอกว่าราคาสูงกว่าเดิม")
    assert [t.text for t in tokens][:3] == ["เขา", "บอก", "ว่า"]
    assert "".join(t.text for t in tokens) == "เขาบอกว่าราคาสูงกว่าเดิม"
    assert all(a.end == b.start for a, b in itertools.pairwise(tokens))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kunlavut Vitidsarn won the final, the Badminton World Federation said on Sunday.\n"
            "His prize money was $66,500, bringing his season earnings to $310,000, according to "
            "the federation.",
            "Badminton World Federation",
        ),
        (
            "Tourism Minister Natthapong Sirikul met hotel owners in Phuket on Monday.\n"
            "The minister said arrivals rose 12% to 3.1 million in the first half of the year.",
            "Natthapong Sirikul",
        ),
    ],
)
def test_an_english_description_names_whom_the_article_named_before(text, expected):
    assert expected in _claims(text)[-1].claimant


@pytest.mark.parametrize(
    ("text", "speaker", "channel"),
    [
        (
            "สื่อของรัฐรายงานว่า คิม จองอึน ได้บอกกับปูตินว่า ความสัมพันธ์แน่นแฟ้นที่สุดในรอบ 70 ปี",
            "คิม จองอึน",
            "สื่อของรัฐ",
        ),
        (
            "สำนักข่าวรอยเตอร์รายงานว่า นายสมชาย ใจดี กล่าวว่า ยอดส่งออกเพิ่มขึ้นร้อยละ 12 ในปี 2567",
            "นายสมชาย ใจดี",
            "สำนักข่าวรอยเตอร์",
        ),
        ("According to KCNA, Kim told Putin that the two sides signed 12 deals.", "Kim", "KCNA"),
        ("KCNA reported that Kim told Putin that trade rose 40% in 2024.", "Kim", "KCNA"),
        # one speaker, no channel
        ("นายสมชาย ใจดี อธิบดีกรมควบคุมโรค เปิดเผยว่า ผู้ป่วยเพิ่มขึ้นร้อยละ 20", "นายสมชาย ใจดี", None),
        ("The ministry said exports rose 5% in July.", "The ministry", None),
        # the reporter tells the news; they are no channel either
        ("ผู้สื่อข่าวรายงานว่า นายกรัฐมนตรีกล่าวว่า รัฐบาลลดภาษีลง 5 เปอร์เซ็นต์", "นายกรัฐมนตรี", None),
    ],
)
def test_reported_speech_keeps_the_speaker_and_the_channel_apart(text, speaker, channel):
    (claim,) = [c for c in extract_claims(text, include_all=True) if c.score >= 0.5]
    assert claim.claimant == speaker
    assert claim.reported_by == channel


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "GDP grew 4.1% in 2024, the Russian economy ministry said.",
            "the Russian economy ministry",
        ),
        ("The Russian economy ministry said on Friday that GDP grew 4.1% in 2024.", None),
        ("A WHO spokesperson told reporters that 12 countries reported cases in 2024.", None),
        ("The price of rice rose 5% in July, traders said.", "traders"),
        ("The Meteorological Department recorded 218 millimetres of rain in 24 hours.", None),
    ],
)
def test_english_noun_phrases_speak_before_and_after(text, speaker):
    (claim,) = extract_claims(text, include_all=True)
    expected = speaker or text.split(" said")[0].split(" told")[0].split(" recorded")[0]
    assert claim.claimant == expected


def test_japan_recorded_a_surplus_is_a_fact_not_an_attribution():
    (claim,) = extract_claims("Japan recorded a trade surplus of 5 billion dollars in 2024.")
    assert claim.claimant is None


def test_which_said_and_it_said_name_the_body():
    text = (
        "The case was investigated by the National Anti-Corruption Commission, which said in a "
        "statement that the land is worth about 690 million baht.\n"
        "The NACC has handled 312 land encroachment cases since 2014, it said."
    )
    first, second = extract_claims(text, include_all=True)
    assert first.claimant == second.claimant == "the National Anti-Corruption Commission"


def test_english_wire_copy_ranks_pronouns_and_channels():
    text = (
        '"This is the largest seizure this year," said Pol. Maj. Gen. Somchai Rakdee, the '
        "bureau's commander.\n"
        '"We found the pills in a truck carrying cabbages," he told reporters.\n'
        "Somchai said the network had moved at least 40 million pills since January.\n"
        "The Nation reported that the minister said drug cases made up 70% of all prisoners.\n"
        "She added that fees had not risen since 2019."
    )
    claims = extract_claims(text, include_all=True)
    assert claims[0].text.endswith("the bureau's commander.")  # "Pol." ends no sentence
    somchai = "Pol. Maj. Gen. Somchai Rakdee"
    assert [c.claimant for c in claims[:3]] == [somchai] * 3
    assert (claims[3].claimant, claims[3].reported_by) == ("the minister", "The Nation")
    assert claims[4].claimant == "the minister"  # the newspaper passed words on; it is no "she"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "A Chinese embassy spokesperson in Hanoi said Beijing had shared data since 2020.",
            "A Chinese embassy spokesperson",
        ),
        (
            '"I knew I had at least 70, but the system said 58," the student, who asked not to '
            "be named, told The Nation.",
            "the student",
        ),
        ("About 190,000 students sat the exams in 2025, according to NIETS figures.", "NIETS"),
        (
            "The Thailand Consumers Council on Wednesday disputed the claim that 90% of fares "
            "cost 499 baht.",
            "The Thailand Consumers Council",
        ),
        ("ข้อมูลของ กรอ. ระบุว่า โรงงานแห่งนี้ได้รับใบอนุญาตเมื่อปี 2560 มีคนงาน 120 คน", "กรอ."),
    ],
)
def test_who_spoke_past_places_days_asides_and_data(text, speaker):
    (claim,) = [c for c in extract_claims(text, include_all=True) if c.score >= 0.5]
    assert claim.claimant == speaker


def test_a_role_after_the_sentence_before_speaks_alone():
    text = (
        "ผู้สื่อข่าวรายงานว่า กรณีนี้เป็นครั้งที่ 3 ในรอบ 2 ปีที่นักกรีฑาทีมชาติไทยตรวจพบสารต้องห้าม "
        "นายกสมาคมกีฬากรีฑาแห่งประเทศไทยให้สัมภาษณ์ว่า สมาคมเพิ่มการสุ่มตรวจเป็น 2 เท่า"
    )
    claimants = {c.claimant for c in extract_claims(text, include_all=True)}
    assert claimants <= {None, "นายกสมาคมกีฬากรีฑาแห่งประเทศไทย"}


def test_a_finding_is_a_claim_only_when_a_named_finder_says_what_it_found():
    found = extract_claims("กรมอุตุนิยมวิทยา ตรวจสอบแล้วพบว่า ไม่มีแผ่นดินไหวในวันที่ 25 มิ.ย. 68")
    assert found[0].claimant == "กรมอุตุนิยมวิทยา"
    (plain,) = extract_claims("ปีนี้มีนักกีฬาทีมชาติไทยตรวจพบสารต้องห้าม 3 ราย", include_all=True)
    assert plain.claimant is None


def test_a_fact_and_a_hope_with_its_own_subject_are_two_claims():
    text = (
        "นับถึงปัจจุบัน ประเทศไทยมีรัฐธรรมนูญมาแล้ว 20 ฉบับ ผู้จัดหวังว่านิทรรศการครั้งนี้จะมีผู้เข้าชมไม่น้อยกว่า 50,000 คน"
    )
    claims = extract_claims(text, include_all=True)
    fact = next(c for c in claims if "20 ฉบับ" in c.text)
    assert "หวังว่า" not in fact.text and fact.score >= 0.5
    assert all(c.score < 0.5 for c in claims if "หวังว่า" in c.text)


def test_a_forecast_spoken_of_is_no_prediction():
    (claim,) = extract_claims("Inflation was 1.8%, above the 1.3% median forecast of economists.")
    assert "prediction" not in claim.reasons
    (plan,) = extract_claims("Economists forecast growth of 3% in 2026.", include_all=True)
    assert plan.score < 0.5


def test_a_speaker_named_after_a_quotation_is_not_the_one_before():
    text = (
        "พ.ต.อ.ณัฐวุฒิ เรืองศรี ผู้กำกับการ กล่าวว่า ตำรวจยึดของกลางได้ 86 ตัว\n"
        "“ลิ่นเป็นสัตว์ที่ถูกลักลอบค้ามากที่สุดในโลก เกล็ดลิ่นมีราคาสูงถึงกิโลกรัมละกว่า 100,000 บาท” "
        "นายธนพล อุ่นเรือน ผู้อำนวยการกองคุ้มครองพันธุ์สัตว์ป่า กล่าว เขากล่าวว่า ลิ่นชวาเป็นสัตว์ป่าคุ้มครอง"
    )
    quoted = next(c for c in extract_claims(text) if "100,000" in c.text)
    assert quoted.claimant == "นายธนพล อุ่นเรือน"


def test_a_time_after_the_speaker_is_not_part_of_who():
    (claim,) = extract_claims("ผลสำรวจของสภาฯ เมื่อเดือนพฤศจิกายน 2567 พบว่า แรงงานมีค่าใช้จ่ายวันละ 557 บาท")
    assert claim.claimant == "สภาฯ"


@pytest.mark.parametrize(
    "text",
    [
        "ทั้งนี้เพื่อความเป็นธรรมแก่ทุกฝ่าย และเพื่อความโปร่งใสในการทำงานของตำรวจ",
        "- Customization การออกแบบเฉพาะเพื่ออำนวยความสะดวกและรองรับการทำงานของกองทัพอากาศ",
    ],
)
def test_a_purpose_and_an_item_of_a_list_of_aims_are_not_claims(text):
    assert extract_claims(text) == []


def test_talked_about_a_topic_then_what_was_said():
    text = (
        "วันนี้ (4 มกราคม 2567) นายชนินทร์ รุ่งธนเกียรติ รองเลขาธิการนายกรัฐมนตรีฝ่ายการเมือง "
        "กล่าวถึงการลงพื้นที่ จ.สุรินทร์ เพื่อตรวจสอบเรื่องร้องเรียนเกี่ยวกับปัญหาที่ดินทำกินของประชาชน "
        "และการบริหารจัดการน้ำภายในจังหวัดว่า พื้นที่ทับซ้อนมีราว 900 ไร่"
    )
    claims = extract_claims(text)
    assert claims and all(c.claimant == "นายชนินทร์ รุ่งธนเกียรติ" for c in claims)


def test_a_role_named_before_its_holder_is_the_holder():
    text = (
        "อธิบดีกรมราชทัณฑ์ ระบุผลตรวจผู้ต้องขังทั้ง 8 รายเป็นลบ\n"
        "นายอายุตม์ สินธพพันธุ์ อธิบดีกรมราชทัณฑ์ กล่าวว่า เรือนจำแยกผู้ต้องขังไว้ 14 วัน"
    )
    assert {c.claimant for c in extract_claims(text)} == {"นายอายุตม์ สินธพพันธุ์"}


def test_an_exclamation_or_a_warning_sign_ends_a_thai_sentence():
    text = "‼️ เตือนภัยจากกลุ่มไลน์ผู้ปกครอง ส่งต่อด่วนๆ ‼️ ตอนนี้มีมิจฉาชีพส่ง SMS ถึงผู้ใช้ไฟกว่า 3,000 ราย"
    claims = extract_claims(text, include_all=True)
    fact = next(c for c in claims if "3,000" in c.text)
    assert "ส่งต่อ" not in fact.text and fact.claimant is None and fact.score >= 0.5


def test_a_reasonable_cause_is_no_advice_and_a_relative_forecast_parts():
    (court,) = extract_claims("ศาลอาญาระบุในคำพิพากษาว่า จำเลยไม่มีเหตุอันควรปรานี จึงไม่รอการลงโทษ 5 ปี")
    assert "advice" not in court.reasons
    text = "บัญชีไลน์ดังกล่าวแอบอ้างนำโลโก้ของ ก.ล.ต. ไปใช้ ซึ่งอาจสร้างความเข้าใจผิดให้แก่ผู้ลงทุน"
    claims = extract_claims(text, include_all=True)
    assert len(claims) == 2 and claims[0].score >= 0.5 > claims[1].score


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Two land developers were each sentenced to eight years in prison.", "number"),
        ("The court did not rule on that question.", "denial"),
        ("หน่วยงานรัฐรู้เรื่องนี้มาตั้งแต่ต้นเดือนแล้ว", "date"),
    ],
)
def test_number_words_denials_and_past_times_count(text, reason):
    (claim,) = extract_claims(text, include_all=True)
    assert reason in claim.reasons and claim.score >= 0.5
