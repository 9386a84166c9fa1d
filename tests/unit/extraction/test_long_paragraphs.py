"""A paragraph's cost grows with its length, not with its square.

Pasted pages often arrive without paragraph breaks, and the Thai sentence splitter works a
paragraph at a time. These tests count work instead of timing it: how many characters newmm
is given at once, and how often the splitter looks at a token, per token, for paragraphs ten
times apart in length. (bench/scaling.py times the same thing: `make bench-scaling`.)
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from pythainlp.tokenize import word_tokenize

from app.extraction import extract_claims, tokens
from app.extraction.tokens import PIECE, Token, newmm_words

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT / "app" / "demo" / "kim-putin-th.txt"
EXTRACTION_SET = ROOT / "tests" / "data" / "extraction"


def _thai_texts() -> list[str]:
    """The seed article and the Thai articles of the annotated extraction set."""
    texts = [SEED.read_text(encoding="utf-8")]
    for path in sorted(EXTRACTION_SET.glob("th-*.json")):
        paragraphs = json.loads(path.read_text(encoding="utf-8"))["paragraphs"]
        texts.append("\n".join(_paragraph_text(each) for each in paragraphs))
    return texts


def _paragraph_text(paragraph: list) -> str:
    """A paragraph of the set is a list of [text, check-worthy, claimant] units."""
    return "".join(unit[0] for unit in paragraph)


def test_the_thai_texts_are_there():
    assert len(_thai_texts()) >= 5


def test_newmm_in_pieces_gives_the_words_of_one_call():
    for text in _thai_texts():
        for variant in (text, " ".join(text.split()), text.replace("\n", "   ") * 3):
            pieces = list(newmm_words(variant))
            assert "".join(pieces) == variant
            assert pieces == word_tokenize(variant, engine="newmm", keep_whitespace=True)


@pytest.mark.parametrize("text", ["ก" * 30_000, ("ประชากร  เพิ่มขึ้น \n" * 2000), "a " * 9000])
def test_newmm_reads_a_long_text_in_pieces(monkeypatch, text):
    given, this_thread = [], threading.get_ident()

    def recording(piece, **kwargs):
        if threading.get_ident() == this_thread:  # not a job another test left running
            given.append((len(piece), kwargs["engine"]))
        return word_tokenize(piece, **kwargs)

    monkeypatch.setattr(tokens, "word_tokenize", recording)
    assert "".join(newmm_words(text)) == text
    assert sum(length for length, _engine in given) == len(text)
    # A piece is at most a few PIECEs long, unless it has no space to cut at: then newmm's
    # safe mode cuts it itself.
    assert all(length <= 4 * PIECE or engine == "newmm-safe" for length, engine in given)


def _token_looks(monkeypatch, text: str) -> float:
    """Return how many times extraction read a token's kind, per token of the text."""
    looks, original, this_thread = [0], Token.is_space, threading.get_ident()

    def counted(self):
        if threading.get_ident() == this_thread:
            looks[0] += 1
        return original.fget(self)

    monkeypatch.setattr(Token, "is_space", property(counted))
    extract_claims(text, language="th", include_all=True)
    monkeypatch.setattr(Token, "is_space", original)
    return looks[0] / len(tokens.thai_tokens(text))


PARAGRAPHS = {
    "news as one paragraph": lambda n: " ".join(" ".join(_thai_texts()).split())[:3000] * n,
    "one-letter words": lambda n: "ก " * (800 * n),
    "unclosed quotations": lambda n: "“ก ข ค " * (300 * n),
    "a clause opener without end": lambda n: "เมื่อ " + "ก ข " * (400 * n),
}


@pytest.mark.parametrize("name", sorted(PARAGRAPHS))
def test_work_per_token_is_flat_from_one_to_ten_times_the_paragraph(monkeypatch, name):
    build = PARAGRAPHS[name]
    small, large = _token_looks(monkeypatch, build(1)), _token_looks(monkeypatch, build(10))
    assert large <= 1.3 * small, (small, large)
