"""Quality on the annotated set (tests/data/extraction): the targets of the extraction issue."""

import pytest

from app.extraction import THRESHOLD, extract_claims
from tests.extraction_set import HOLDOUT, evaluate, load_set

ARTICLES = load_set()


def _extract(text):
    return extract_claims(text, include_all=True)


@pytest.fixture(scope="module")
def scores():
    return evaluate(ARTICLES, _extract, THRESHOLD)


def test_the_set_is_large_and_varied_enough():
    languages = [a.language for a in ARTICLES]
    assert languages.count("th") >= 30 and languages.count("en") >= 10
    assert len({a.domain for a in ARTICLES}) >= 15
    thai_digits = [a for a in ARTICLES if any("\u0e50" <= ch <= "\u0e59" for ch in a.text)]
    assert len(thai_digits) >= 5


def test_recall_and_precision_reach_the_targets(scores):
    # Floors a little under the figures of issue 14 (recall 0.920, precision 0.912, claimant
    # 0.858 with the real releases and AFNC findings in the set), so a regression fails.
    assert scores.recall >= 0.90, scores
    assert scores.precision >= 0.88, scores
    assert scores.claimant_accuracy >= 0.83, scores


def test_the_ranking_puts_check_worthy_units_first(scores):
    assert scores.average_precision >= 0.90, scores


@pytest.mark.parametrize("language", ["th", "en"])
def test_each_language_holds_up_on_its_own(language):
    subset = [a for a in ARTICLES if a.language == language]
    result = evaluate(subset, _extract, THRESHOLD)
    assert result.recall >= 0.85 and result.precision >= 0.80, result


def test_the_held_out_set_is_not_far_behind():
    """Written after the rules were fixed; a large drop here means the rules overfit."""
    held_out = load_set(HOLDOUT)
    assert len(held_out) >= 22
    result = evaluate(held_out, _extract, THRESHOLD)
    # issue 14: recall 0.928, precision 0.957, claimant 0.811 on its 22 articles
    assert result.recall >= 0.88 and result.precision >= 0.90, result
    assert result.claimant_accuracy >= 0.75, result


def test_the_real_texts_are_in_the_development_set_whole():
    """The 10 Thai government releases and the 12 AFNC findings of the shared data."""
    releases = [a for a in ARTICLES if "thaigov" in a.source]
    findings = [a for a in ARTICLES if "antifakenewscenter" in a.source]
    assert len(releases) == 10 and len(findings) == 12
    real = releases + findings
    assert all(a.language == "th" for a in real)
    assert sum(u.checkworthy for a in real for u in a.units) >= 150
    for article in real:
        assert all(article.text[u.start : u.end].strip() for u in article.units)
