"""Decoding, normalization, language, canonical URLs and published dates."""

from datetime import date
from pathlib import Path

import pytest

from app.ingest.errors import IngestError
from app.ingest.text import (
    canonical_url,
    decode_text,
    detect_language,
    normalize_body,
    parse_published,
)

SEED = (Path(__file__).resolve().parents[3] / "app/demo/kim-putin-th.txt").read_text("utf-8")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp874"])
def test_thai_text_is_decoded_from_utf8_and_windows_874(encoding):
    assert decode_text(SEED.encode(encoding)) == SEED


def test_plain_tis_620_is_decoded():
    # TIS-620 has no curly quotes (Windows-874, its superset, does).
    plain = SEED.replace("“", '"').replace("”", '"')
    assert decode_text(plain.encode("tis-620")) == plain


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (bytes(range(256)) * 4, "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("héllo wörld, ça va".encode("latin-1"), "encoding"),
    ],
)
def test_binary_and_undecodable_files_are_refused(data, code):
    with pytest.raises(IngestError) as caught:
        decode_text(data)
    assert caught.value.code == code


def test_normalize_body_collapses_space_and_blank_lines():
    assert normalize_body("  หนึ่ง \r\n\r\n  สอง   สาม \n\n") == "หนึ่ง\nสอง สาม"
    assert normalize_body("Cafe\u0301") == "Café"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (SEED, "th"),
        ("Exports rose 4.2% in July.", "en"),
        ("ข่าว Reuters รายงาน exports rose sharply in July according to data", "mixed"),
    ],
)
def test_language_from_script(text, language):
    assert detect_language(text) == language


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        (
            "HTTPS://News.Example.COM:443/a/b/?utm_source=fb&id=3&fbclid=x#top",
            "https://news.example.com/a/b?id=3",
        ),
        ("http://news.example.com:80/a/", "http://news.example.com/a"),
        ("https://news.example.com/a?b=2&a=1", "https://news.example.com/a?a=1&b=2"),
        ("https://news.example.com:8443/", "https://news.example.com:8443"),
    ],
)
def test_canonical_url(url, canonical):
    assert canonical_url(url) == canonical


@pytest.mark.parametrize("url", ["ftp://example.com/x", "javascript:alert(1)", "not a url"])
def test_canonical_url_refuses_non_web_addresses(url):
    with pytest.raises(IngestError):
        canonical_url(url)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("15 สิงหาคม 2568", date(2025, 8, 15)),
        ("2025-08-15", date(2025, 8, 15)),
        ("15/08/2568", date(2025, 8, 15)),
        ("15/08/2025", date(2025, 8, 15)),
        ("Aug 15, 2025", date(2025, 8, 15)),
        ("1 ม.ค. 2567", date(2024, 1, 1)),
        ("", None),
    ],
)
def test_published_dates_in_thai_and_english(value, expected):
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", ["yesterday", "31/02/2568", "2025-13-01"])
def test_nonsense_dates_are_refused(value):
    with pytest.raises(IngestError):
        parse_published(value)
