"""Benchmark: the cost of an article per KB, from 2 KB to 512 KB, extracted and ingested.

    make bench-scaling          # or: .venv/bin/python -m bench.scaling [--rounds N]

An article of each size is built from real Thai news text (the seed and the Thai articles of
tests/data/extraction), each copy's figures changed so its claims are new claims rather than
duplicates. Two costs are timed in one process: extraction alone (the pure package) and the
whole ingestion into a fresh SQLite database (extraction, claims, appearances, the audit trail,
the search index and claim matching). The figure is milliseconds per KB and its ratio to the
2 KB article's: flat (about 1.0) means the cost grows linearly with the text.

Extraction is timed a second time on the same text as one paragraph (its line breaks made
spaces), as a pasted page without paragraph breaks arrives: the Thai sentence splitter works
a paragraph at a time, and anything it does per sentence over the whole paragraph shows there.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import tempfile
import time
from pathlib import Path

from bench.extraction import thai_corpus

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SIZES_KB = (2, 8, 32, 128, 512)  # 512 KB of Thai: about 175,000 characters, under the limit
DIGITS = re.compile(r"\d+")


def article_of(kb: int, corpus: list[str]) -> str:
    """Return about `kb` KB (UTF-8) of news paragraphs whose every copy has figures of its own."""
    paragraphs = [line for text in corpus for line in text.split("\n") if line.strip()]
    parts, size, copy = [], 0, 0
    while size < kb * 1024:
        for line in paragraphs:
            varied = DIGITS.sub(lambda m, c=copy: str(int(m.group()) + 7 * c + 1), line)
            parts.append(varied)
            size += len(varied.encode("utf-8")) + 1
            if size >= kb * 1024:
                break
        copy += 1
    return "\n".join(parts)


def _median_ms(work, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _ingest_app():
    import flask_migrate

    from app import create_app
    from app.config import TestingConfig

    folder = tempfile.mkdtemp(prefix="satja-scaling-")
    app = create_app(TestingConfig, database_url=f"sqlite:///{folder}/scaling.db")
    with app.app_context():
        flask_migrate.upgrade()
    return app


def _ingest_ms(app, text: str) -> float:
    """Ingest `text` as a new article, as the web's paste box does; return the milliseconds."""
    from app.extensions import db
    from app.models import Role
    from app.services import accounts, ingest
    from app.services.actors import SYSTEM

    with app.test_request_context(method="POST"):
        email = f"bench{time.monotonic_ns()}@example.org"
        given = accounts.NewUser(email, "scaling benchmark passphrase", Role.CHECKER)
        user = accounts.create_user(db.session, SYSTEM, given)
        db.session.commit()
        started = time.perf_counter()
        ingest.ingest(db.session, user, ingest.Submission(text=text))
        db.session.commit()
        return (time.perf_counter() - started) * 1000


def run(rounds: int) -> dict[str, object]:
    """Time extraction and ingestion at each size; return ms per KB and the ratios."""
    from app.extraction import extract_claims

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    corpus = thai_corpus()
    extract_claims(corpus[0], language="th")  # warm up: models and dictionaries
    app = _ingest_app()
    _ingest_ms(app, article_of(2, corpus[1:]))  # warm up the app and the database
    rows = []
    for kb in SIZES_KB:
        text = article_of(kb, corpus)
        real_kb = len(text.encode("utf-8")) / 1024
        extract = _median_ms(lambda t=text: extract_claims(t, language="th"), rounds)
        flat = text.replace("\n", " ")
        one_paragraph = _median_ms(lambda t=flat: extract_claims(t, language="th"), rounds)
        # Each ingestion is a new article: the copies' figures shift with the size.
        ingest = statistics.median(
            _ingest_ms(app, article_of(kb, corpus).replace("ปี", f"ปี{r} ", 1)) for r in range(rounds)
        )
        rows.append(
            {
                "kb": round(real_kb, 1),
                "extract_ms_per_kb": extract / real_kb,
                "one_paragraph_ms_per_kb": one_paragraph / real_kb,
                "ingest_ms_per_kb": ingest / real_kb,
            }
        )
    base = rows[0]
    for row in rows:
        row["extract_ratio"] = round(row["extract_ms_per_kb"] / base["extract_ms_per_kb"], 2)
        row["one_paragraph_ratio"] = round(
            row["one_paragraph_ms_per_kb"] / base["one_paragraph_ms_per_kb"], 2
        )
        row["one_paragraph_ms_per_kb"] = round(row["one_paragraph_ms_per_kb"], 2)
        row["ingest_ratio"] = round(row["ingest_ms_per_kb"] / base["ingest_ms_per_kb"], 2)
        row["extract_ms_per_kb"] = round(row["extract_ms_per_kb"], 2)
        row["ingest_ms_per_kb"] = round(row["ingest_ms_per_kb"], 2)
    return {
        "rounds": rounds,
        "sizes": rows,
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
        "python": platform.python_version(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    figures = run(parser.parse_args().rounds)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "scaling.json").write_text(json.dumps(figures, indent=2))
    print(
        f"{'KB':>7} {'extract ms/KB':>14} {'ratio':>6} {'1 paragraph':>12} {'ratio':>6} "
        f"{'ingest ms/KB':>13} {'ratio':>6}"
    )
    for row in figures["sizes"]:
        print(
            f"{row['kb']:>7} {row['extract_ms_per_kb']:>14} {row['extract_ratio']:>6} "
            f"{row['one_paragraph_ms_per_kb']:>12} {row['one_paragraph_ratio']:>6} "
            f"{row['ingest_ms_per_kb']:>13} {row['ingest_ratio']:>6}"
        )
    ratios = ("extract_ratio", "one_paragraph_ratio", "ingest_ratio")
    worst = max(row[name] for row in figures["sizes"] for name in ratios)
    print(f"largest ratio to 2 KB: {worst} ({'flat' if worst <= 1.5 else 'NOT flat'})")


if __name__ == "__main__":
    main()
