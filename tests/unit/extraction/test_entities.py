"""People, organisations and places a claim names, with exact spans."""

import pytest

from app.extraction.entities import find_entities


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "นายแพทย์ธีระ ศรีวงศ์ เปิดเผยว่า กรมควบคุมโรคพบผู้ป่วยที่อำเภอหาดใหญ่ จังหวัดสงขลา 1,200 ราย",
            [
                ("person", "นายแพทย์ธีระ ศรีวงศ์"),
                ("organisation", "กรมควบคุมโรค"),
                ("place", "หาดใหญ่"),
                ("place", "สงขลา"),
            ],
        ),
        (
            "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน (สพฐ.) เปิดเผยว่า นักเรียนในเชียงใหม่ลดลง",
            [
                ("organisation", "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน (สพฐ.)"),
                ("place", "เชียงใหม่"),
            ],
        ),
        (
            "กระทรวงพาณิชย์ที่รายงานว่า ราคาข้าวในญี่ปุ่นสูงขึ้น",
            [("organisation", "กระทรวงพาณิชย์"), ("place", "ญี่ปุ่น")],
        ),
        (
            "The Bank of Thailand said Finance Minister Pichai Chunhavajira met the Ministry of "
            "Finance.",
            [
                ("organisation", "Bank of Thailand"),
                ("person", "Pichai Chunhavajira"),
                ("organisation", "Ministry of Finance"),
            ],
        ),
    ],
)
def test_entities_are_found_whole_with_exact_spans(text, expected):
    found = find_entities(text)
    assert [(e.kind, e.text) for e in found] == expected
    assert all(text[e.start : e.end] == e.text for e in found)


def test_a_title_that_begins_with_nai_is_no_person_and_a_lone_word_is_no_place():
    found = find_entities("นายกสมาคมโรงแรมไทยกล่าวว่า อัตราการเข้าพักอยู่ที่ร้อยละ 63")
    assert all(e.kind != "person" for e in found)


def test_places_tell_two_districts_apart():
    def places(text):
        return {e.text for e in find_entities(text) if e.kind == "place"}

    assert places("น้ำท่วมที่อำเภอหาดใหญ่") == {"หาดใหญ่"}
    assert places("น้ำท่วมที่จังหวัดเชียงใหม่") == {"เชียงใหม่"}
