"""Verdict version differences: whole words (Thai words by newmm), lines and list items kept."""

from app.services.history import text_diff


def _changed(pieces, kind):
    return [text for k, text in pieces if k == kind]


def test_a_changed_thai_word_is_shown_whole_not_letter_by_letter():
    pieces = text_diff("ผู้ป่วยเพิ่มขึ้นร้อยละ 5 ในปีนี้", "ผู้ป่วยลดลงร้อยละ 5 ในปีนี้")
    assert _changed(pieces, "del") == ["เพิ่มขึ้น"]
    assert _changed(pieces, "ins") == ["ลดลง"]


def test_words_with_vowel_and_tone_marks_are_not_cut_at_the_marks():
    # \w alone stops at ู and ้: the old splitter saw "ผ", "ป", "วย" as separate pieces.
    pieces = text_diff("ผู้ใหญ่บ้านยืนยัน", "ผู้ใหญ่บ้านปฏิเสธ")
    assert _changed(pieces, "del") == ["ยืนยัน"] and _changed(pieces, "ins") == ["ปฏิเสธ"]


def test_english_words_and_numbers_change_whole():
    pieces = text_diff("Exports rose 5 percent", "Exports fell 5 percent")
    assert _changed(pieces, "del") == ["rose"] and _changed(pieces, "ins") == ["fell"]


def test_lines_and_list_items_survive_the_diff():
    old = "สรุป:\n- ข้อมูลจากกรมควบคุมโรค\n- ตัวเลขปี 2567"
    new = "สรุป:\n- ข้อมูลจากกรมควบคุมโรค\n- ตัวเลขปี 2568"
    pieces = text_diff(old, new)
    assert "".join(t for k, t in pieces if k != "ins") == old
    assert "".join(t for k, t in pieces if k != "del") == new
    assert _changed(pieces, "del") == ["2567"]
