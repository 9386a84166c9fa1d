"""The extraction benchmark's corpus holds the real Thai releases as they were published."""

from pathlib import Path

from bench.extraction import thai_corpus

RELEASES = Path(__file__).resolve().parents[2] / "data" / "real" / "thai_news"


def test_the_corpus_includes_the_ten_real_releases_unchanged():
    releases = sorted(RELEASES.glob("*.txt"))
    assert len(releases) == 10
    corpus = thai_corpus()
    for path in releases:
        assert path.read_text(encoding="utf-8") in corpus
    assert "ที่มา : " in "".join(corpus)  # page furniture and all
