"""parse_file on the real fact-checks (shared/data, copied to tests/data/real) and on odd shapes."""

from __future__ import annotations

import ast
import json
from datetime import date
from pathlib import Path

import pytest

from app.factchecks import Failure, KnownFactCheck, Parsed, UnreadableFile, parse_file
from app.factchecks.values import absolute_url, to_date, to_number
from app.factchecks.verdict import verdict_from_scale, verdict_from_text

SHARED = Path(__file__).resolve().parents[2] / "data" / "real"  # shared/data, copied
CLAIMREVIEW = SHARED / "claimreview"
AFNC = SHARED / "afnc" / "afnc_sample.csv"
ODD = Path(__file__).resolve().parents[2] / "data" / "factchecks"
PACKAGE = Path(__file__).resolve().parents[3] / "app" / "factchecks"


def parse(path: Path, **kwargs: int) -> Parsed:
    """Parse a file as an upload of it would be."""
    return parse_file(path.name, path.read_bytes(), **kwargs)


def real(prefix: str) -> Parsed:
    """Parse the shared ClaimReview file named `prefix`__meedan-fetch-fixture.*."""
    (path,) = CLAIMREVIEW.glob(f"{prefix}__meedan-fetch-fixture.*")
    return parse(path)


def codes(parsed: Parsed) -> list[tuple[str, str]]:
    """Return (where, code) of each failure."""
    return [(f.item, f.code) for f in parsed.failures]


def review(**fields: object) -> dict[str, object]:
    """Return a minimal valid ClaimReview node, with `fields` changed."""
    node: dict[str, object] = {
        "@type": "ClaimReview",
        "url": "https://example.org/r",
        "claimReviewed": "A claim",
        "author": {"@type": "Organization", "name": "Example"},
    }
    node.update(fields)
    return node


def parse_json(doc: object, name: str = "x.json", **kwargs: int) -> Parsed:
    """Parse `doc` serialised as a JSON file."""
    return parse_file(name, json.dumps(doc).encode(), **kwargs)


# --- every real file ------------------------------------------------------------------------

REAL = {
    # file: (format, items, publisher of the first item, its rating, its review date)
    "api-list-15__newtral_es__meedan-fetch-fixture.json": (
        "claimreview", 15, "Newtral", "Falso", date(2022, 10, 8)
    ),
    "array__comprova__meedan-fetch-fixture.json": (
        "claimreview", 1, "Comprova", "FALSO: As imagens foram retiradas", date(2022, 5, 30)
    ),
    "array__efe_verifica__meedan-fetch-fixture.json": (
        "claimreview", 1, "Agencia EFE", "Falso.", date(2022, 10, 24)
    ),
    "datafeeditem__datacommons_dpa_de__meedan-fetch-fixture.json": (
        "claimreview", 1, "Deutsche Presse-Agentur", "Reker hat diesen Satz nie gesagt",
        date(2019, 9, 20),
    ),
    "factchecktools-api-claim__vishvasnews_ur__meedan-fetch-fixture.json": (
        "factchecktools", 1, "vishvasnews.com", "False", date(2019, 6, 20)
    ),
    "graph__afp__meedan-fetch-fixture.json": (
        "claimreview", 1, "AFP Fact Check", "False", date(2020, 6, 24)
    ),
    "graph__afp_checamos__meedan-fetch-fixture.json": (
        "claimreview", 1, "Checamos", "Falso", date(2020, 6, 23)
    ),
    "graph__afp_fact_check_hindi__meedan-fetch-fixture.json": (
        "claimreview", 1, "AFP", "ये तस्वीर अफ्रीका में", date(2021, 8, 4)
    ),
    "graph__afp_factual__meedan-fetch-fixture.json": (
        "claimreview", 1, "Factual", "Engañoso", date(2021, 6, 1)
    ),
    "graph__afp_factual_usa__meedan-fetch-fixture.json": (
        "claimreview", 1, "AFP", "Falso", date(2022, 7, 8)
    ),
    "graph__afp_india__meedan-fetch-fixture.json": (
        "claimreview", 1, "AFP", "Misleading", date(2022, 3, 2)
    ),
    "html-page__afp_factcheck_en__meedan-fetch-fixture.html": (
        "claimreview", 1, "AFP Fact Check", "False", date(2020, 6, 24)
    ),
    "object__aajtak_india_today__meedan-fetch-fixture.json": (
        "claimreview", 1, "Aajtak", "False", date(2020, 7, 5)
    ),
    "object__boom_live__meedan-fetch-fixture.json": (
        "claimreview", 1, "BOOM", "False", date(2019, 4, 10)
    ),
    "object__vishvas_news__meedan-fetch-fixture.json": (
        "claimreview", 1, "Vishvas News", "False", date(2022, 10, 18)
    ),
}  # fmt: skip


def test_every_real_claimreview_file_is_covered():
    assert sorted(p.name for p in CLAIMREVIEW.iterdir()) == sorted(REAL)


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_claimreview_file(name):
    fmt, count, publisher, rating, reviewed = REAL[name]
    parsed = parse(CLAIMREVIEW / name)
    assert (parsed.format, len(parsed.items), parsed.failures) == (fmt, count, [])
    first = parsed.items[0]
    assert (first.publisher, first.review_date) == (publisher, reviewed)
    assert first.rating.startswith(rating)
    assert first.url.startswith("https://")
    assert first.source_format == fmt
    assert all(isinstance(item, KnownFactCheck) and item.claim_text for item in parsed.items)


def test_newtral_api_list_takes_all_fifteen_posts():
    items = real("api-list-15__newtral_es").items
    assert {i.publisher for i in items} == {"Newtral"}
    assert {i.rating for i in items} == {"Falso", "Engañoso"}
    assert {i.rating: i.verdict for i in items} == {"Falso": "false", "Engañoso": "mixed"}
    assert (items[0].claimant, items[0].claim_date) == ("Jéssica Albiach", date(2022, 10, 4))
    assert items[0].url == "https://www.newtral.es/pobreza-trabajo-cataluna-factcheck/20221008/"
    assert len({i.url for i in items}) == 15


def test_afp_graph_numbers_and_appearance():
    item = real("graph__afp").items[0]
    assert (item.rating_value, item.best_rating, item.worst_rating) == (1.0, 5.0, 1.0)
    assert item.verdict == "false"
    assert item.title == "CDC does not add flu and pneumonia deaths to COVID-19 toll"
    assert item.claim_date == date(2020, 5, 14)
    assert item.claimant == "multiple sources"
    assert item.appearances == (
        "https://www.facebook.com/photo.php?fbid=1334206990098622&set=a.134474800071853&type=3",
    )


def test_afp_india_misleading_is_mixed():
    item = real("graph__afp_india").items[0]
    assert (item.rating, item.rating_value, item.verdict) == ("Misleading", 3.0, "mixed")


def test_hindi_sentence_rating_falls_back_to_the_number():
    item = real("graph__afp_fact_check_hindi").items[0]
    assert item.claim_text == "टीपू सुल्तान की तस्वीर"
    assert item.verdict == "false"  # 1 on 1..5; the rating is a sentence, not a label
    assert len(item.appearances) == 1 and len(item.appearances[0]) > 2000


def test_html_page_reads_the_embedded_claimreview():
    parsed = real("html-page__afp_factcheck_en")
    item = parsed.items[0]
    assert item.url == real("graph__afp").items[0].url  # the same review, published twice
    assert item.url.endswith("/cdc-does-not-add-flu-and-pneumonia-deaths-covid-19-toll")
    assert item.claim_text.startswith("The US Centers for Disease Control and Prevention lied")


def test_boom_publisher_wins_over_person_author_and_empty_best_is_none():
    item = real("object__boom_live").items[0]
    assert item.publisher == "BOOM"
    assert (item.rating_value, item.best_rating, item.worst_rating) == (1.0, None, None)
    assert item.verdict == "false"
    assert item.claimant == "Facebook Page - NoConversion"


def test_comprova_long_rating_starting_with_falso_is_false():
    item = real("array__comprova").items[0]
    assert item.verdict == "false"
    assert item.appearances == (
        "https://kwai-video.com/p/TDQEC1Og",
        "https://kwai-video.com/p/2rSh4OCe",
    )
    assert item.claimant == "Boatos de redes sociais"


def test_datacommons_feed_item_with_a_sentence_rating_has_no_verdict():
    item = real("datafeeditem__datacommons_dpa_de").items[0]
    assert item.publisher == "Deutsche Presse-Agentur"  # not the sdPublisher, Google
    assert item.verdict is None
    assert item.claim_date == date(2019, 9, 7)
    assert item.appearances[0].startswith("https://www.facebook.com/photo.php?fbid=389949688569877")


def test_factchecktools_claim_uses_the_site_when_the_publisher_has_no_name():
    parsed = real("factchecktools-api-claim__vishvasnews_ur")
    item = parsed.items[0]
    assert (item.publisher, item.language, item.verdict) == ("vishvasnews.com", "ur", "false")
    assert (item.claimant, item.claim_date) == ("FB User-Harshit Pandey", date(2019, 6, 20))
    assert item.title.startswith("فیکٹ چیک")


# --- AFNC ------------------------------------------------------------------------------------


def test_afnc_sample_imports_eight_fact_checks_and_skips_four_rows():
    parsed = parse(AFNC)
    assert (parsed.format, len(parsed.items)) == ("afnc", 8)
    assert codes(parsed) == [
        ("row 2", "not_fact_check"),
        ("row 3", "not_fact_check"),
        ("row 11", "not_fact_check"),
        ("row 12", "not_fact_check"),
    ]
    assert "คลังความรู้" in parsed.failures[0].detail
    assert {i.rating for i in parsed.items} == {"ข่าวปลอม", "ข่าวจริง"}
    assert {i.publisher for i in parsed.items} == {"ศูนย์ต่อต้านข่าวปลอม (AFNC)"}


def test_afnc_first_row_in_detail():
    item = parse(AFNC).items[0]
    assert item.review_date == date(2025, 6, 29)  # 29/06/2568 in the Buddhist Era
    assert (item.rating, item.verdict, item.language) == ("ข่าวปลอม", "false", "th")
    assert item.url == "https://www.antifakenewscenter.com/?p=73575"
    assert item.claim_text == "ประเทศไทยเฝ้าระวังแผ่นดินไหว พบการเขย่าแรงขึ้นในวันที่ 25 มิ.ย. 68"
    assert item.checked_by == "กรมอุตุนิยมวิทยา กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม"
    assert item.finding.startswith("แผ่นดินไหวไม่มีการเตือนล่วงหน้า")
    assert item.appearances == () and item.claimant is None


def test_afnc_true_news_row():
    true_items = [i for i in parse(AFNC).items if i.verdict == "true"]
    assert [i.url for i in true_items] == ["https://www.antifakenewscenter.com/?p=73543"]
    assert true_items[0].review_date == date(2025, 6, 28)
    assert true_items[0].checked_by == "สำนักงานประกันสังคม กระทรวงแรงงาน"


def test_afnc_odd_rows():
    parsed = parse(ODD / "afnc-odd.csv")
    assert codes(parsed) == [
        ("row 3", "bad_url"),
        ("row 5", "not_fact_check"),
        ("row 6", "no_claim_text"),
        ("row 7", "not_fact_check"),
    ]
    claims = [(i.claim_text, i.verdict, i.review_date) for i in parsed.items]
    assert claims == [
        ("ดื่มน้ำมะนาวรักษามะเร็งได้", "false", date(2025, 8, 15)),
        ("รัฐแจกเงินทุกคน 10,000 บาท", "mixed", date(2024, 2, 1)),
        ("กรมอุตุฯ เตือนฝนตกหนัก", "true", date(2023, 12, 31)),  # a CE year stays
        ("ไลน์ปลอมแอบอ้างธนาคาร", "false", None),  # 31/02 is no date
        ("ข่าวปลอมระบาดหนักในช่วงน้ำท่วม", "true", date(2025, 3, 1)),  # no label: kept whole
    ]
    first, _, third, *_ = parsed.items
    assert first.title == "ข่าวปลอม อย่าแชร์! ดื่มน้ำมะนาวรักษามะเร็งได้"
    assert first.finding == "ไม่มีหลักฐาน\nทางการแพทย์ยืนยัน"
    assert (third.url, third.checked_by) == (None, None)  # javascript: URL, "-" agency


def test_csv_that_is_not_afnc_is_unreadable():
    with pytest.raises(UnreadableFile) as caught:
        parse(ODD / "not-afnc.csv")
    assert caught.value.code == "not_afnc"
    assert "name,email,age" in caught.value.detail


# --- odd ClaimReview shapes ------------------------------------------------------------------


def test_empty_and_minus_one_ratings_are_none():
    empty, minus_one, *_ = parse(ODD / "ratings-odd.json").items
    for item in (empty, minus_one):
        assert (item.rating, item.rating_value, item.best_rating, item.worst_rating) == (
            None, None, None, None
        )  # fmt: skip
        assert item.verdict is None
    assert minus_one.review_date == date(2024, 3, 2)


def test_inverted_out_of_range_and_text_first_ratings():
    items = parse(ODD / "ratings-odd.json").items
    verdicts = {i.url.rsplit("/", 1)[1]: i.verdict for i in items[2:]}
    assert verdicts == {
        "inverted-worst": "false",
        "inverted-mostly-true": "mostly_true",
        "out-of-range": None,
        "text-wins": "mixed",
    }
    assert (items[2].best_rating, items[2].worst_rating) == (1.0, 5.0)
    assert items[2].review_date == date(2024, 3, 3)  # the publisher's own day, not UTC's


def test_graph_with_type_list_relative_url_references_and_bare_appearance():
    parsed = parse(ODD / "shapes-odd.json")
    first = parsed.items[0]
    assert first.publisher == "Example Net Checks"  # author given as an @id reference
    assert first.url == "https://checks.example.net/2024/05/relative-review/"
    assert first.appearances == (
        "https://social.example.com/post/1",
        "https://social.example.com/post/0",
    )
    assert (first.verdict, first.claimant) == ("mostly_false", "Somebody Online")
    assert first.claim_date == date(2024, 5, 1)


def test_type_instead_of_at_type_and_javascript_url():
    parsed = parse(ODD / "shapes-odd.json")
    second = parsed.items[1]
    assert second.claim_text.startswith("A review typed with type instead of @type")
    assert (second.publisher, second.url, second.verdict) == ("Plain String Checks", None, "false")
    assert second.appearances == ("https://a.example.com/x",)
    assert parsed.failures[0] == Failure(
        "@graph[4]",
        "bad_url",
        "imported without its URL (not an http(s) URL): 'javascript:alert(1)'",
    )


def test_items_without_claim_or_publisher_are_reported_and_others_kept():
    parsed = parse(ODD / "shapes-odd.json")
    assert len(parsed.items) == 2  # WebSite, Organization and BreadcrumbList are ignored
    assert codes(parsed) == [
        ("@graph[4]", "bad_url"),
        ("@graph[5]", "no_claim_text"),
        ("@graph[6]", "no_publisher"),
    ]
    assert "https://checks.example.net/no-claim" in parsed.failures[1].detail


def test_relative_url_without_a_base_is_kept_as_none_and_reported():
    parsed = parse(ODD / "relative-no-base.json")
    item = parsed.items[0]
    assert (item.url, item.publisher, item.language, item.verdict) == (
        None, "Path Only News", "es", "mixed"
    )  # fmt: skip
    assert codes(parsed) == [("item 1", "bad_url")]
    assert "relative URL" in parsed.failures[0].detail


def test_html_page_with_several_blocks_one_invalid():
    parsed = parse(ODD / "page-several-blocks.html")
    assert codes(parsed) == [("script 2", "bad_json")]
    thai, second = parsed.items
    assert thai.url == "https://thai-checks.example.org/checks/lemon-cancer"  # the canonical link
    assert thai.claim_text == "น้ำมะนาว รักษา มะเร็งได้ 100%"
    assert (thai.language, thai.verdict, thai.review_date) == ("th", "false", date(2024, 8, 15))
    assert thai.appearances == ("https://thai-checks.example.org/share/123",)
    assert thai.finding == "ไม่มีหลักฐาน\nทางการแพทย์"
    assert (second.url, second.verdict, second.rating) == (
        "https://thai-checks.example.org/checks/second", "mostly_true", None
    )  # fmt: skip


def test_data_feed_items():
    parsed = parse(ODD / "datafeed.json")
    assert [(i.claim_text, i.verdict) for i in parsed.items] == [
        ("First claim in the feed", "mixed"),
        ("Second claim in the feed", "true"),
    ]
    assert parsed.failures == []


def test_wordpress_posts_with_claimreview_inside_and_a_post_without():
    parsed = parse(ODD / "wordpress-posts.json")
    assert [i.claim_text for i in parsed.items] == [
        "Claim held in the Yoast schema",
        "Claim held in an HTML string & escaped",
    ]
    assert codes(parsed) == [("item 2", "not_claimreview")]


def test_failure_places_name_the_graph_and_the_script():
    page = (
        '<html><head><script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, '
        '{"@type": "ClaimReview", "author": "X"}]}</script></head></html>'
    )
    parsed = parse_file("p.html", page.encode())
    assert codes(parsed) == [("script 1 @graph[2]", "no_claim_text")]


def test_factchecktools_response_with_two_claims():
    parsed = parse(ODD / "factchecktools-two-claims.json")
    assert parsed.format == "factchecktools"
    assert [(i.publisher, i.verdict, i.language) for i in parsed.items] == [
        ("Cofact", "false", "th"),
        ("AFP Thailand", "mostly_false", "en"),
        ("checker.example", "true", None),
    ]
    assert codes(parsed) == [
        ("claims[2] claimReview[1]", "bad_url"),
        ("claims[2] claimReview[2]", "no_publisher"),
    ]
    cofact = parsed.items[0]
    assert cofact.claim_text == "ดื่มน้ำอุ่นทุกเช้า ฆ่าเชื้อไวรัสได้"
    assert (cofact.review_date, cofact.claim_date) == (date(2024, 1, 12), date(2024, 1, 10))
    assert parsed.items[2].url is None  # ftp:


def test_page_url_stands_in_for_a_missing_review_url():
    page = (
        '<html><head><link rel="alternate canonical" href="https://p.example/check">'
        '<script type="application/ld+json">{"@type": "http://schema.org/ClaimReview", '
        '"claimReviewed": "C", "author": "P"}</script></head></html>'
    )
    assert parse_file("p.html", page.encode()).items[0].url == "https://p.example/check"


def test_relative_url_resolves_against_main_entity_of_page():
    node = review(url="../b", mainEntityOfPage={"@id": "https://m.example/x/a"})
    node["@type"] = "schema:ClaimReview"
    assert parse_json(node).items[0].url == "https://m.example/b"


def test_items_are_frozen():
    item = parse_json(review()).items[0]
    with pytest.raises(AttributeError):
        item.url = "https://elsewhere.example/"  # type: ignore[misc]


def test_failures_are_capped_too():
    parsed = parse_json([review(claimReviewed="") for _ in range(5)], max_items=3)
    assert [f.code for f in parsed.failures] == ["no_claim_text"] * 3 + ["too_many_failures"]


# --- files that cannot be read ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("image.png", (ODD / "binary.png").read_bytes(), "binary"),
        ("latin1.csv", "ข่าว".encode("cp874"), "undecodable"),
        ("empty.json", b"  \n", "empty"),
        ("bom-only.csv", b"\xef\xbb\xbf\r\n", "empty"),
        ("notes.txt", b"just some words", "unknown_format"),
        ("broken.json", b'{"@type": "ClaimReview",', "bad_json"),
        ("deep.json", b"[" * 200_000 + b"]" * 200_000, "bad_json"),
        ("page.json", b'{"@type": "WebPage", "name": "About us"}', "no_fact_checks"),
        ("numbers.json", b"[1, 2, 3]", "no_fact_checks"),
        ("plain.html", b"<html><body>No JSON-LD</body></html>", "no_fact_checks"),
        ("api.json", b'{"claims": []}', "no_fact_checks"),
    ],
)
def test_unreadable_files(name, data, code):
    with pytest.raises(UnreadableFile) as caught:
        parse_file(name, data)
    assert caught.value.code == code
    assert caught.value.detail


def test_format_comes_from_the_content_not_the_name():
    parsed = parse_file("misnamed.csv", json.dumps(review()).encode())
    assert parsed.format == "claimreview"
    assert parse_file("afnc.txt", AFNC.read_bytes()).format == "afnc"


def test_bytes_with_a_bom_and_utf16_are_decoded():
    text = json.dumps(review(claimReviewed="ข่าวลือ"), ensure_ascii=False)
    assert parse_file("a.json", b"\xef\xbb\xbf" + text.encode()).items[0].claim_text == "ข่าวลือ"
    utf16 = parse_file("a.json", text.encode("utf-16"))
    assert utf16.items[0].language == "th"


def test_review_nested_too_deep_is_not_searched():
    doc: object = review()
    for _ in range(30):
        doc = {"wrapper": doc}
    with pytest.raises(UnreadableFile) as caught:
        parse_json(doc)
    assert caught.value.code == "no_fact_checks"


def test_max_items_caps_the_result_and_says_so():
    parsed = parse_json([review(url=f"https://example.org/{n}") for n in range(5)], max_items=2)
    assert len(parsed.items) == 2
    assert codes(parsed) == [("file", "too_many_items")]


def test_text_fields_are_capped_collapsed_and_nfc():
    long_claim = "e\u0301" * 6000  # "é" decomposed
    parsed = parse_json(
        [
            review(claimReviewed=long_claim, headline="t" * 900, author={"name": "p" * 400}),
            review(claimReviewed="  two\n\t words\u200b ", headline="<b>Bold</b> &amp; plain"),
        ]
    )
    capped, spaced = parsed.items
    assert capped.claim_text == "é" * 5000
    assert (len(capped.title), len(capped.publisher)) == (500, 200)
    assert (spaced.claim_text, spaced.title) == ("two words", "Bold & plain")


def test_failure_details_are_short():
    parsed = parse_json([review(claimReviewed="x", url="javascript:" + "a" * 1000)])
    assert len(parsed.failures[0].detail) <= 200


# --- helpers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rating", "verdict"),
    [
        ("False", "false"),
        ("FALSO: As imagens foram retiradas", "false"),
        ("Falsch", "false"),
        ("ग़लत", "false"),
        ("ข่าวปลอม", "false"),
        ("Pants on Fire!", "false"),
        ("Mostly False", "mostly_false"),
        ("Misleading", "mixed"),
        ("Engañoso", "mixed"),
        ("Enganoso", "mixed"),
        ("Partly false", "mixed"),
        ("Half-True", "mixed"),
        ("ข่าวบิดเบือน", "mixed"),
        ("Mostly true", "mostly_true"),
        ("ข่าวจริง", "true"),
        ("Verdadeiro", "true"),
        ("Unproven", None),
        ("Falsehoods everywhere", None),
        ("", None),
    ],
)
def test_verdict_from_text(rating, verdict):
    assert verdict_from_text(rating) == verdict


@pytest.mark.parametrize(
    ("value", "best", "worst", "verdict"),
    [
        (1, 5, 1, "false"),
        (2, 5, 1, "mostly_false"),
        (3, 5, 1, "mixed"),
        (4, 5, 1, "mostly_true"),
        (5, 5, 1, "true"),
        (1, 1, 5, "true"),
        (5, 1, 5, "false"),
        (0, 1, 0, "false"),
        (1, None, None, "false"),
        (6, 5, 1, None),
        (3, 3, 3, None),
        (None, 5, 1, None),
    ],
)
def test_verdict_from_scale(value, best, worst, verdict):
    assert verdict_from_scale(value, best, worst) == verdict


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2020-06-24 00:03", date(2020, 6, 24)),
        ("2019-04-10T12:09:05+05:30", date(2019, 4, 10)),
        ("2019-06-20T12:12:40Z", date(2019, 6, 20)),
        ("20221008", date(2022, 10, 8)),
        ("2567-08-15", date(2024, 8, 15)),
        ("2022-02-30", None),
        ("yesterday", None),
        ("", None),
        (None, None),
    ],
)
def test_to_date(raw, expected):
    assert to_date(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", 1.0), (2, 2.0), ("2,5", 2.5), ("", None), (-1, None), ("-1", None), ("abc", None),
     (True, None), (float("nan"), None)],
)  # fmt: skip
def test_to_number(raw, expected):
    assert to_number(raw) == expected


@pytest.mark.parametrize(
    ("raw", "base", "expected"),
    [
        ("https://a.example/x", None, "https://a.example/x"),
        ("/x", "https://a.example/y/z", "https://a.example/x"),
        ("x", "https://a.example/y/z", "https://a.example/y/x"),
        ("//cdn.example/x", None, "https://cdn.example/x"),
        ("/x", None, None),
        ("javascript:alert(1)", "https://a.example/", None),
        ("mailto:someone@example.org", None, None),
        ("ftp://a.example/x", None, None),
        ("https://", None, None),
    ],
)
def test_absolute_url(raw, base, expected):
    assert absolute_url(raw, base) == expected


def test_package_is_pure():
    banned = {"flask", "flask_sqlalchemy", "sqlalchemy", "urllib3", "requests", "socket", "http"}
    for module in PACKAGE.glob("*.py"):
        tree = ast.parse(module.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not {n.split(".")[0] for n in names} & banned, (module.name, names)
