"""Dates in the Buddhist and Common Eras, numbers with Thai multipliers."""

import pytest

from app.extraction import extract_claims
from app.extraction.dates import common_era_year, find_dates
from app.extraction.numbers import find_numbers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 สิงหาคม 2568 สำนักข่าว", ["2025-08-15"]),
        ("เมื่อ พ.ศ. 2475 คณะราษฎร", ["1932"]),
        ("ในเดือนสิงหาคม ค.ศ. 1945 กองทัพ", ["1945"]),
        ("วันที่ 1 ม.ค. 67", ["2024-01-01"]),
        ("ส.ค. 2567", ["2024"]),
        ("ในปี 2566 เจ้าหน้าที่", ["2023"]),
        ("ตั้งแต่ปี 2020", ["2020"]),
        ("On Aug. 15, 2025, police", ["2025-08-15"]),
        ("on 15 August 2025", ["2025-08-15"]),
        ("in 1945 the army", ["1945"]),
        ("published 2025-08-15", ["2025-08-15"]),
        ("วันที่ 31 กุมภาพันธ์ 2568", ["2025"]),  # no such day: the year stands
    ],
)
def test_dates_are_normalized_to_iso(text, expected):
    assert [iso for _, _, iso in find_dates(text)] == expected


def test_a_bare_year_above_2400_is_buddhist_era():
    assert common_era_year(2568, None) == 2025
    assert common_era_year(1945, None) == 1945
    assert common_era_year(2475, "พ.ศ.") == 1932


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("ผู้ป่วย 1,234 ราย", [1234]),
        ("งบประมาณ 3.5 ล้านบาท", [3_500_000]),
        ("รายได้ 1.01 ล้านล้านบาท", [1_010_000_000_000]),
        ("$1.2 billion", [1_200_000_000]),
        ("ครบรอบ 80 ปี", [80]),
        ("ค.ศ. 1945", []),
    ],
)
def test_numbers_apply_multipliers_and_skip_years(text, values):
    dates = [(a, b) for a, b, _ in find_dates(text)]
    assert [n.value for n in find_numbers(text, dates)] == values


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ค่าปรับอยู่ระหว่าง 5,000-100,000 บาท ตามประกาศของกรมการค้าภายใน", (5000, 100000)),
        ("ความเสียหายรวม 5-10 ล้านบาท ในพื้นที่ 3 จังหวัด", (5_000_000, 10_000_000, 3)),
        ("มีผู้ป่วยสะสมสองแสนคน และผู้เสียชีวิตหนึ่งพันราย ตามรายงานของกรมควบคุมโรค", (200_000, 1000)),
        ("ผู้ชุมนุมหลายแสนคนเดินขบวนเมื่อวันที่ 3 มีนาคม 2568", ()),
        ("เกษตรกรปลูกข้าวสองพันธุ์ในพื้นที่ 300 ไร่", (300,)),
        ("เงินเฟ้อเพิ่มขึ้นร้อยละ 5 หรือ 5% จากปีก่อน", (5, 5)),
        ("เมื่อวันที่ 1 มกราคม มีผู้ป่วย 300 ราย ตามรายงานของกรมควบคุมโรค", (300,)),
    ],
)
def test_ranges_number_words_and_days_of_a_month(text, expected):
    assert extract_claims(text, include_all=True)[0].numbers == expected
