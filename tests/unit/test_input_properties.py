"""Properties of the input readers for any text: they answer or refuse, never crash, and what
they accept is within its bounds."""

import ipaddress
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.ingest.errors import IngestError
from app.ingest.fetch import embedded_ipv4
from app.ingest.text import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    canonical_url,
    decode_text,
    normalize_body,
    parse_published,
    web_address,
)
from app.inputs.screen import forbidden_character, json_depth, version_number, whole_number

SETTINGS = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)
DATE_LIKE = st.lists(
    st.sampled_from(
        [
            "15",
            "/",
            "-",
            ".",
            " ",
            "08",
            "2568",
            "2025",
            "ส.ค.",
            "สิงหาคม",
            "พ.ศ.",
            "ค.ศ.",
            "31",
            "02",
            "0",
            "9999",
            "๑๕",
            "๒๕๖๘",
            "Aug",
            "August",
            "3111",
            "68",
            "\x00",
            "abc",
        ]
    ),
    max_size=8,
).map("".join)


@SETTINGS
@given(st.one_of(ANY_TEXT, DATE_LIKE))
def test_a_typed_date_is_a_day_within_the_years_satja_places_or_a_refusal(value):
    try:
        day = parse_published(value)
    except IngestError as error:
        assert error.code == "bad_date"
        return
    assert day is None or (isinstance(day, date) and EARLIEST_YEAR <= day.year <= LATEST_YEAR)


@SETTINGS
@given(ANY_TEXT)
def test_normalizing_a_body_twice_changes_nothing(text):
    once = normalize_body(text)
    assert normalize_body(once) == once
    assert ("\r" not in once and "\x00" not in once) or "\x00" in text


@SETTINGS
@given(st.binary(max_size=300))
def test_any_bytes_decode_to_text_or_are_refused_as_an_encoding(data):
    try:
        assert isinstance(decode_text(data), str)
    except IngestError as error:
        assert error.code in ("encoding", "empty", "binary")


@SETTINGS
@given(
    st.one_of(
        ANY_TEXT, st.from_regex(r"https?://[a-z0-9.\[\]:@%-]{0,40}(/[^ ]{0,20})?", fullmatch=True)
    )
)
def test_a_web_address_is_read_or_refused_never_raised(url):
    parts = web_address(url)
    if parts is not None:
        assert parts.scheme.lower() in ("http", "https") and parts.hostname
        assert parts.port is None or 1 <= parts.port <= 65535
        try:
            canonical_url(url)
        except IngestError as error:
            assert error.code == "bad_url"


@SETTINGS
@given(st.integers(min_value=0, max_value=2**128 - 1))
def test_every_ipv6_address_yields_only_ipv4_addresses_it_embeds(number):
    found = embedded_ipv4(ipaddress.IPv6Address(number))
    assert all(isinstance(each, ipaddress.IPv4Address) for each in found)


@SETTINGS
@given(st.one_of(ANY_TEXT, st.from_regex(r"-?[0-9]{0,6000}", fullmatch=True)))
def test_numbers_from_requests_are_bounded_or_refused(text):
    number = whole_number(text)
    assert number is None or 0 <= number <= 2**31 - 1
    version = version_number(text)
    assert version is None or 0 <= version <= 2**31 - 1


@SETTINGS
@given(ANY_TEXT)
def test_the_screen_finds_nul_whenever_there_is_one(text):
    assert (forbidden_character(text) is not None) or ("\x00" not in text)


@SETTINGS
@given(st.integers(min_value=0, max_value=300))
def test_json_depth_is_measured_without_parsing(depth):
    assert json_depth(b"[" * depth + b"]" * depth) == depth
