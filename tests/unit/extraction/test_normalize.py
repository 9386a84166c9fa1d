"""Normalization keeps every offset pointing into the original input."""

from hypothesis import given, settings
from hypothesis import strategies as st

from app.extraction import normalize as normalizing
from app.extraction.normalize import clean_span, normalize


def test_zero_width_characters_are_dropped_but_offsets_kept():
    source = "ก\u200bข ค"
    norm = normalize(source)
    assert norm.text == "กข ค"
    start, end = norm.to_source(0, 2)
    assert source[start:end] == "ก\u200bข"


def test_thai_digits_are_read_as_digits_in_place():
    source = "ผู้ป่วย ๑๒ ราย"
    norm = normalize(source)
    assert "12" in norm.text
    i = norm.text.index("12")
    assert source[slice(*norm.to_source(i, i + 2))] == "๑๒"


def test_common_thai_typing_slips_are_mended():
    norm = normalize("เเม่น้ำ นํ้า ทํา ข่่าว")
    assert norm.text == "แม่น้ำ น้ำ ทำ ข่าว"
    i = norm.text.index("แม่")
    assert norm.to_source(i, i + 3) == (0, 4)


def test_nfc_composition_maps_back_to_both_characters():
    source = "Cafe\u0301 ok"
    norm = normalize(source)
    assert norm.text.startswith("Café")
    assert source[slice(*norm.to_source(0, 4))] == "Cafe\u0301"


def test_clean_span_is_nfc_without_zero_width():
    assert clean_span("e\u0301\u200bx") == "éx"


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.text(alphabet="กขคงจะาิีึืุู่้๊๋็์ํำเแโใไ ๑๒๓123\n.,“”AaÅ\u0301", max_size=200))
def test_the_fast_path_gives_what_cluster_by_cluster_gives(text):
    fast, general = normalizing.normalize(text), normalizing._general(text)
    assert (fast.text, fast.starts, fast.ends) == (general.text, general.starts, general.ends)
