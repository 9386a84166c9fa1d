"""The search analyzer, query language and snippets: pure code, no database."""

from datetime import date

from app.search.analyzer import parts, terms, tokens
from app.search.highlight import snippet
from app.search.query import Filter, Phrase, parse, read_period

SEED_SENTENCE = (
    "เนื่องจากในเดือนสิงหาคม ค.ศ. 1945 กองทัพโซเวียตได้รุกเข้าสู่พื้นที่ทางตอนเหนือของคาบสมุทรเกาหลี "
    "ช่วยยุติการปกครองอาณานิคมของญี่ปุ่นที่ยาวนาน 35 ปี"
)


def test_thai_text_becomes_its_words():
    found = terms(SEED_SENTENCE)
    for word in ("โซเวียต", "คาบสมุทร", "เกาหลี", "อาณานิคม", "ญี่ปุ่น", "1945", "35"):
        assert word in found
    assert "ไป" in terms("เขาจะเดินทางไปเชียงใหม่")
    assert "ไป" not in terms("ส่งจดหมายที่ไปรษณีย์")


def test_english_words_are_stemmed_so_forms_meet():
    assert terms("colonies") == terms("colony") == ["coloni"]
    assert terms("The Ministry SAID") == ["the", "ministri", "said"]


def test_numbers_digits_and_separators_are_one_form():
    assert terms("๒๕๖๘") == ["2568"]
    assert terms("1,200,000 บาท") == ["1200000", "บาท"]
    assert terms("ร้อยละ 2.50") == terms("ร้อยละ 2.5") == ["ร้อยละ", "2d5"]


def test_punctuation_and_invisible_characters_only_separate():
    assert terms("“เบ่งบาน\u200bเต็มที่” (KCNA)") == ["เบ่งบาน", "เต็มที่", "kcna"]


def test_token_spans_point_into_the_original_text():
    text = "สื่อรายงานว่า “ปูติน” กล่าว"
    for token in tokens(text):
        assert text[token.start : token.end].casefold() in (token.term, "ปูติน")
    assert [text[t.start : t.end] for t in tokens(text) if t.term == "ปูติน"] == ["ปูติน"]


def test_query_words_phrases_exclusions_and_filters():
    query = parse('ปูติน "คาบสมุทรเกาหลี" -ข่าวลือ status:published -rating:false outlet:"Thai PBS"')
    assert query.include == (Phrase(("ปูติน",)), Phrase(("คาบสมุทร", "เกาหลี")))
    assert query.exclude == (Phrase(("ข่าวลือ",)),)
    assert query.filters == (
        Filter("status", "published"),
        Filter("rating", "false", negated=True),
        Filter("outlet", "Thai PBS"),
    )
    assert query.highlight == {"ปูติน", "คาบสมุทร", "เกาหลี"}


def test_a_thai_word_that_splits_is_a_phrase_and_claimant_is_a_field():
    query = parse("คาบสมุทรเกาหลี claimant:ปูติน")
    assert query.include == (Phrase(("คาบสมุทร", "เกาหลี")), Phrase(("ปูติน",), "claimant"))


def test_thai_compounds_are_also_searched_by_their_parts():
    assert parts("กองทัพอากาศ") == ("กองทัพ", "อากาศ")
    assert parts("เกาหลีเหนือ") == ("เกาหลี", "เหนือ")
    assert parts("นายกรัฐมนตรี") == ("นายก", "รัฐมนตรี")
    assert parts("สหรัฐฯ") == ("สหรัฐ",)
    # Short pieces are not split off: เกา (scratch) must not find every เกาหลี.
    assert parts("เกาหลี") == ("เกาหลี",) and parts("ไปรษณีย์") == ("ไปรษณีย์",)
    assert parse("กองทัพอากาศ").include == (Phrase(("กองทัพอากาศ",), fine=("กองทัพ", "อากาศ")),)
    marked = snippet("กองทัพอากาศไทยแถลง", frozenset({"อากาศ"}))
    assert [text for text, matched in marked.parts() if matched] == ["อากาศ"]


def test_text_is_composed_before_it_is_split():
    typed = "ผ\u0e49\u0e39ใหญ่บ้าน"  # tone mark typed before the vowel below
    assert terms(typed) == terms("ผู้ใหญ่บ้าน") == ["ผู้ใหญ่บ้าน"]
    token = tokens("ข่าว " + typed)[-1]
    assert (token.start, token.end) == (5, 5 + len(typed))
    assert terms("cafe\u0301") == terms("café")


def test_dates_are_read_in_either_era():
    query = parse("from:2568 to:15/08/2568")
    assert (query.date_from, query.date_to) == (date(2025, 1, 1), date(2025, 8, 15))
    assert read_period("2025-02") == (date(2025, 2, 1), date(2025, 2, 28))
    assert read_period("2568-08-15") == (date(2025, 8, 15), date(2025, 8, 15))
    assert read_period("15 สิงหาคม 2568") == (date(2025, 8, 15), date(2025, 8, 15))
    assert parse("from:someday").problems == (("bad_date", "from", "someday"),)
    assert read_period("2568-13") is None


def test_unknown_keys_are_words_and_nothing_breaks_the_parser():
    assert parse("https://example.org").include == (Phrase(tuple(terms("https example org"))),)
    assert parse("").empty and parse("   ").empty and parse("-").empty
    assert parse('"unclosed phrase').include == (Phrase(("unclos", "phrase")),)
    assert parse("a\x00b").include == (Phrase(("a",)), Phrase(("b",)))
    many = parse(" ".join(["alpha", "beta", "gamma"] * 10))
    assert len(many.include) == 20 and many.problems[0][0] == "too_many"
    long_phrase = parse('"' + " ".join(["ที่"] * 250) + '"')
    assert len(long_phrase.include[0].terms) == 32 and long_phrase.problems[0][0] == "too_many"
    assert parse("claimant:").problems == (("no_value", "claimant", ""),)
    assert parse("status: x").problems == (("no_value", "status", ""),)
    assert parse("statu:candidate").problems == (("not_a_filter", "statu", "candidate"),)
    assert parse("-from:2568").problems[0][0] == "negated_date"
    assert parse("from:2569 to:2568").problems[0][0] == "reversed"


def test_type_ahead_matches_the_last_word_as_a_prefix():
    assert parse("โซเวียต กองทั", prefix_last=True).include[-1].prefix
    assert not parse('"โซเวียต"', prefix_last=True).include[-1].prefix


def test_snippet_marks_the_words_that_matched_and_nothing_inside_other_words():
    found = snippet("ส่งจดหมายที่ไปรษณีย์ แล้วเดินทางไปเชียงใหม่", frozenset({"ไป"}))
    assert [text for text, matched in found.parts() if matched] == ["ไป"]
    assert found.text[found.marks[0][0] :].startswith("ไปเชียงใหม่")


def test_snippet_of_a_long_text_is_cut_at_words_around_the_match():
    body = "ข่าวทั่วไป " * 200 + SEED_SENTENCE + " ข่าวทั่วไป" * 200
    found = snippet(body, frozenset({"โซเวียต"}))
    assert found.cut_before and found.cut_after and len(found.text) <= 240
    marked = [text for text, matched in found.parts() if matched]
    assert marked == ["โซเวียต"]
    start = body.index(found.text)
    assert start in {t.start for t in tokens(body)}, "the snippet starts with a whole word"
    assert start + len(found.text) in {t.end for t in tokens(body)}, "and ends with one"


def test_type_ahead_completes_an_unfinished_thai_word():
    assert parse("กองทัพโซเวีย", prefix_last=True).include == (
        Phrase(("กองทัพ", "โซเวีย"), prefix=True),
    )
    assert parse("โซเวีย status:x", prefix_last=True).include[-1].prefix is False


def test_snippet_of_a_long_text_finds_numbers_and_the_rarest_word():
    filler = "รายงานข่าวทั่วไปของวันนี้ " * 60
    body = filler + "ร้อยละ 3 " + filler + "งบประมาณ 5,106,470 บาท ร้อยละ 1.50 " + filler
    found = snippet(body, frozenset(terms("5106470")))
    assert [t for t, matched in found.parts() if matched] == ["5,106,470"]
    found = snippet(body, frozenset(terms("ร้อยละ 1.5")))
    assert "1.50" in [t for t, matched in found.parts() if matched]
