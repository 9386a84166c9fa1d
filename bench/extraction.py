"""Benchmark: claim extraction against pythainlp's crfcut sentence splitter, in one process.

    make bench-extraction          # or: .venv/bin/python -m bench.extraction [--rounds N]

The corpus is Thai news text: the seed article (a real news report), the 10 real Thai government
releases as published (tests/data/real/thai_news, page furniture and all) and the Thai articles
of the annotated set (tests/data/extraction). Both are timed over the same corpus in alternating
rounds on one CPU core; the figures are the median round. The ratio is extraction time over
crfcut time: how much the whole extractor costs compared with sentence splitting alone.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from pathlib import Path

from pythainlp.tokenize import sent_tokenize

from app.extraction import extract_claims
from tests.extraction_set import load_set

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def thai_corpus() -> list[str]:
    """Return the benchmark's Thai news texts."""
    seed = (ROOT / "app" / "demo" / "kim-putin-th.txt").read_text(encoding="utf-8")
    releases = sorted((ROOT / "tests" / "data" / "real" / "thai_news").glob("*.txt"))
    return (
        [seed]
        + [path.read_text(encoding="utf-8") for path in releases]
        + [a.text for a in load_set() if a.language == "th"]
    )


def _round(function, corpus: list[str]) -> float:
    started = time.perf_counter()
    for text in corpus:
        function(text)
    return time.perf_counter() - started


def crfcut(text: str) -> list[str]:
    """The baseline: pythainlp's CRF sentence splitter alone."""
    return sent_tokenize(text, engine="crfcut")


def extraction(text: str) -> list:
    """The measured work: every sentence and clause scored, as `--all` does."""
    return extract_claims(text, language="th", include_all=True)


def run(rounds: int) -> dict[str, object]:
    """Time both over the corpus in alternating rounds and return the figures."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    corpus = thai_corpus()
    for text in corpus:  # warm up: models, dictionaries and gazetteers loaded once
        crfcut(text)
        extraction(text)
    base, ours = [], []
    for _ in range(rounds):
        base.append(_round(crfcut, corpus))
        ours.append(_round(extraction, corpus))
    base_s, ours_s = statistics.median(base), statistics.median(ours)
    return {
        "articles": len(corpus),
        "mean_chars": round(sum(map(len, corpus)) / len(corpus)),
        "mean_utf8_bytes": round(sum(len(t.encode("utf-8")) for t in corpus) / len(corpus)),
        "rounds": rounds,
        "crfcut_articles_per_s": round(len(corpus) / base_s, 1),
        "extraction_articles_per_s": round(len(corpus) / ours_s, 1),
        # per UTF-8 kilobyte, so corpora of different lengths compare
        "extraction_kb_per_s": round(sum(len(t.encode("utf-8")) for t in corpus) / 1024 / ours_s),
        "ratio_extraction_to_crfcut": round(ours_s / base_s, 3),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
        "python": platform.python_version(),
        "processor": platform.processor() or platform.uname().machine,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    figures = run(parser.parse_args().rounds)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "extraction.json").write_text(json.dumps(figures, indent=2))
    for key, value in figures.items():
        print(f"{key:>28}: {value}")
    # Goals: no slower than crfcut alone (issue 14), and 50 two-kilobyte articles a second.
    goals = figures["ratio_extraction_to_crfcut"] <= 1.0 and figures["extraction_kb_per_s"] >= 100
    print(f"{'goals (ratio <= 1.0, >= 100 KB/s)':>28}: {'met' if goals else 'NOT met'}")


if __name__ == "__main__":
    main()
