"""The stylesheet never lets a narrow column cut a Thai word in the middle."""

import re
from pathlib import Path

CSS = (Path(__file__).resolve().parents[2] / "app/static/css/satja.css").read_text("utf-8")


def test_no_rule_breaks_words_anywhere():
    # word-break: break-all / break-word and overflow-wrap: anywhere shrink a table column's
    # minimum width below its longest word, so Thai names and words (no spaces between them)
    # get cut mid-word; overflow-wrap: break-word only breaks a word that fits no line at all.
    assert not re.search(r"word-break:\s*break-(all|word)", CSS)
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", CSS):
        if re.search(r"overflow-wrap:\s*anywhere", body):
            # Only for code and web addresses: a SHA-256 or a URL has no word to keep whole.
            allowed = ("code", ".url")
            assert all(s.strip().endswith(allowed) for s in selectors.split(",")), selectors


def test_rating_badges_do_not_wrap():
    rule = re.search(r"\.rating-badge\s*\{([^}]*)\}", CSS).group(1)
    assert "white-space: nowrap" in rule
