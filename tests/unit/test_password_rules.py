"""Which passwords are refused as easy to guess, and why (zxcvbn's lists and patterns)."""

import pytest

from app.services.passwords import find_weakness


@pytest.mark.parametrize(
    ("password", "weakness"),
    [
        ("password123", "common"),
        ("iloveyou12", "common"),
        ("qwertyuiop", "common"),
        ("aaaaaaaaaaaa", "repeat"),
        ("กกกกกกกกกกกก", "repeat"),
        ("ab1ab1ab1ab1", "repeat"),
        ("abcdefghijk", "sequence"),
        ("9876543210", "sequence"),
        ("กขคฆงจฉชซฌ", "sequence"),
        ("somchai2025", "personal"),
        ("a" * 200, "repeat"),  # only the first 72 characters are analysed; they give it away
    ],
)
def test_guessable_passwords_are_named(password, weakness):
    assert find_weakness(password, ["somchai@example.org", "somchai"]) == weakness


@pytest.mark.parametrize(
    "password",
    ["correct horse battery staple", "ข้อกล่าวอ้างสัจจะ", "a much longer new secret", "Tr0ub4dor&3xx"],
)
def test_strong_passwords_pass(password):
    assert find_weakness(password) is None
