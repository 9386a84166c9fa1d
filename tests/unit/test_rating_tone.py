"""Ratings are coloured by their place on the scale in use, not by their names."""

import pytest

from app.services.ratings import OFF_SCALE_TONE, TONES, rating_tone

DEFAULT = (1, 2, 3, 4, 5, None, None)  # True … False, plus Misleading and Unproven


@pytest.mark.parametrize(
    ("value", "tone"),
    [(5, "true"), (4, "mostly-true"), (3, "mixed"), (2, "mostly-false"), (1, "false")],
)
def test_the_default_scale_gets_one_tone_per_value(value, tone):
    assert rating_tone(value, DEFAULT) == tone


def test_off_scale_ratings_are_other():
    assert rating_tone(None, DEFAULT) == OFF_SCALE_TONE == "other"
    assert rating_tone(3, [None]) == "other"  # no scale in use at all


def test_other_scales_are_read_relative_to_their_ends():
    assert [rating_tone(v, (10, 20, 30, 40)) for v in (40, 30, 20, 10)] == [
        "true",
        "mostly-true",
        "mostly-false",
        "false",
    ]
    assert [rating_tone(v, (1, 2, 3)) for v in (3, 2, 1)] == ["true", "mixed", "false"]
    assert rating_tone(7, (7,)) == "true"  # a one-value scale
    assert rating_tone(99, (1, 5)) == "true" and rating_tone(0, (1, 5)) == "false"  # clamped
    assert {rating_tone(v, range(1, 101)) for v in range(1, 101)} == set(TONES)
