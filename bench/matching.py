"""Benchmark: matching a new claim against N stored claims, through the search index's postings,
against a brute-force comparison with every stored claim in the same run; and the cost that
matching adds to ingesting an article.

    make bench-matching     # or: .venv/bin/python -m bench.matching --claims 100000
                            #     [--keep PATH_OR_URL]   (a database built by bench.search)

The database is the search benchmark's (bench/search.py: N claims written from real Thai and
English sentences with names, places, numbers and dates varied), built here when missing.
Queries are restatements of stored claims (Thai digits, an attribution put in front, a word
left out), so each has one right answer. Figures:

- indexed: `matching.find_similar` per query, p50/p95 in ms of a cold pass (pages read from
  disk) and of a warm one, and how often its best claim is the one restated (recall@1);
- brute force: every stored claim's indexed words compared with the query's (a full scan), the
  50 most alike scored like the indexed ones; its p50/p95 and recall@1, over fewer queries;
- ingest: the held-out annotated articles (Thai and English, not the stored claims' material)
  ingested (stored, extracted and indexed, as a commit does) with matching on and off,
  alternating, each rolled back; the ratio of the medians.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import time
from pathlib import Path

import flask_migrate
import sqlalchemy as sa

from app import create_app
from app.config import TestingConfig
from app.extensions import db
from app.matching import compare
from app.models import Claim, ClaimStatus
from app.search import index
from app.search.engines import DOCS
from app.services import ingest, matching
from app.services.actors import SYSTEM
from bench import search as search_bench
from bench.csv_export import scratch_database
from bench.search import _ms
from tests.extraction_set import HOLDOUT, load_set

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
THAI_DIGITS = str.maketrans({str(i): chr(0x0E50 + i) for i in range(10)})
LEADS = ("มีรายงานว่า ", "สื่อหลายสำนักรายงานว่า ", "Reports say ", "")
SCAN_BATCH = 20_000


def restate(text: str, rng: random.Random) -> str:
    """Return another outlet's wording of a claim: Thai digits, a lead, a word left out."""
    words = text.split(" ")
    if len(words) > 6 and rng.random() < 0.5:
        del words[rng.randrange(1, len(words) - 1)]
    restated = " ".join(words)
    if rng.random() < 0.5:
        restated = restated.translate(THAI_DIGITS)
    return rng.choice(LEADS) + restated


def _queries(session, count: int, rng: random.Random) -> list[tuple[int, str, str | None]]:
    top = session.scalar(sa.select(sa.func.max(Claim.id))) or 0
    picked: list[tuple[int, str, str | None]] = []
    while len(picked) < count:
        ids = [rng.randint(1, top) for _ in range(count * 2)]
        rows = session.execute(
            sa.select(Claim.id, Claim.text, Claim.claimant).where(
                Claim.id.in_(ids), Claim.status.not_in((ClaimStatus.MERGED,))
            )
        ).all()
        picked += [(r.id, restate(r.text, rng), r.claimant) for r in rows]
    return picked[:count]


def _doc_terms(engine_name: str, value: str) -> set[str]:
    if engine_name == "postgresql":  # 'term':1B,4B 'other':2B
        return {part.split("':", 1)[0].strip("'") for part in value.split(" ") if "':" in part}
    return set(value.split())


def brute_force(session, text: str, claimant: str | None) -> tuple[int | None, float]:
    """Return the best claim found by comparing the query with every stored claim."""
    read = matching._profile(text, claimant)
    wanted = set(matching._query_terms(text, read))
    engine_name = session.get_bind().dialect.name
    terms_column = sa.cast(DOCS.c.terms, sa.Text) if engine_name == "postgresql" else DOCS.c.terms
    alike: list[tuple[float, int]] = []
    last = 0
    while True:
        rows = session.execute(
            sa.select(DOCS.c.id, DOCS.c.object_id, terms_column)
            .where(
                DOCS.c.kind == "claim",
                DOCS.c.status != ClaimStatus.MERGED.value,
                DOCS.c.id > last,
            )
            .order_by(DOCS.c.id)
            .limit(SCAN_BATCH)
        ).all()
        if not rows:
            break
        last = rows[-1][0]
        for _, object_id, terms in rows:
            found = _doc_terms(engine_name, terms or "")
            shared = len(wanted & found)
            if shared:
                alike.append((2 * shared / (len(wanted) + len(found)), object_id))
    alike.sort(reverse=True)
    best: tuple[int | None, float] = (None, 0.0)
    for _, claim_id in alike[:50]:
        claim = session.get(Claim, claim_id)
        score = compare(read, matching._profile(claim.text, claim.claimant)).score
        if score > best[1]:
            best = (claim_id, score)
    return best


def _indexed(session, text: str, claimant: str | None) -> int | None:
    found = matching.find_similar(session, text, claimant, limit=5)
    claims = [item for item, _ in found if item.type == "claim"]
    return claims[0].id if claims else None


def _right(session, found: int | None, wanted: int) -> bool:
    """Tell whether the claim found is the one restated, or a claim of the very same text (the
    benchmark's material repeats sentences, so several claims may be worded alike)."""
    if found is None:
        return False
    if found == wanted:
        return True
    texts = dict(
        session.execute(sa.select(Claim.id, Claim.text).where(Claim.id.in_([found, wanted]))).all()
    )
    return " ".join(texts.get(found, "").split()) == " ".join(texts.get(wanted, "-").split())


def _indexed_pass(session, queries) -> tuple[list[float], int]:
    times, hits = [], 0
    for claim_id, text, claimant in queries:
        started = time.perf_counter()
        best = _indexed(session, text, claimant)
        times.append(time.perf_counter() - started)
        hits += _right(session, best, claim_id)
    return times, hits


def measure_matching(session, queries, brute_count: int) -> dict[str, object]:
    """Time indexed matching on every query twice (the first pass reads the pages it needs
    from disk, the second runs on a warm cache, as a server with its database in memory does)
    and brute force on a few."""
    for _, text, claimant in queries[:10]:  # pythainlp's dictionary, the gazetteers
        _indexed(session, text, claimant)
    cold_times, _ = _indexed_pass(session, queries)
    indexed_times, hits = _indexed_pass(session, queries)
    brute_times, brute_hits, agree = [], 0, 0
    for claim_id, text, claimant in queries[:brute_count]:
        started = time.perf_counter()
        best, _ = brute_force(session, text, claimant)
        brute_times.append(time.perf_counter() - started)
        brute_hits += _right(session, best, claim_id)
        agree += _right(session, _indexed(session, text, claimant), best) if best else 0
    session.rollback()
    indexed, brute = _ms(indexed_times), _ms(brute_times)
    return {
        "queries": len(queries),
        "indexed_ms": indexed,
        "indexed_cold_ms": _ms(cold_times),
        "indexed_recall_at_1": round(hits / len(queries), 3),
        "brute_force_queries": brute_count,
        "brute_force_ms": brute,
        "brute_force_recall_at_1": round(brute_hits / max(brute_count, 1), 3),
        "same_best_as_brute_force": round(agree / max(brute_count, 1), 3),
        "brute_over_indexed_p50": round(brute["p50"] / max(indexed["p50"], 0.01), 1),
    }


def measure_ingest(app, session, rounds: int) -> dict[str, object]:
    """Ingest the same articles with matching on and off, alternating; each rolled back.

    The articles are the held-out annotated ones: the stored claims were written from the seed,
    the government releases and the other annotated articles, so these are news to them, as an
    article a desk adds is (an article made of the stored sentences again would be its
    duplicate, found before any matching).
    """
    texts = [article.text for article in load_set(HOLDOUT)]
    totals = {True: [], False: []}
    for round_number in range(rounds + 1):
        for on in (False, True) if round_number % 2 else (True, False):
            app.config["SATJA_MATCHING"] = on
            # No wording read in an earlier round is remembered: every claim is new each time.
            matching._profile.cache_clear()
            matching._grams.cache_clear()
            started = time.perf_counter()
            for text in texts:
                ingest.ingest(session, SYSTEM, ingest.Submission(text=text, outlet="Bench"))
                # What a commit does too: the search index takes the article and its claims.
                index.apply_pending(session)
            took = time.perf_counter() - started
            session.rollback()
            if round_number:  # the first round warms caches (pythainlp, the database)
                totals[on].append(took)
    app.config["SATJA_MATCHING"] = True
    on, off = statistics.median(totals[True]), statistics.median(totals[False])
    return {
        "articles": len(texts),
        "ingest_with_matching_s": round(on, 2),
        "ingest_without_matching_s": round(off, 2),
        "ingest_ratio": round(on / off, 2),
    }


def _advance_sequences(session) -> None:
    """Move each table's id sequence past the ids bench/search.py wrote itself (its rows are
    inserted with their ids), so that the articles ingested here get ids of their own."""
    for table in db.metadata.sorted_tables:
        if "id" in table.c and isinstance(table.c.id.type, sa.Integer):
            session.execute(
                sa.text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {table.name}), false)"
                )
            )


def run(url: str, claims: int, query_count: int, brute_count: int) -> dict[str, object]:
    """Build (or reuse) a database of `claims` claims and measure matching on it."""
    built = search_bench.run(url, claims, 0)
    app = create_app(TestingConfig, database_url=url)
    with app.app_context():
        flask_migrate.upgrade()
        if db.engine.dialect.name == "postgresql":
            _advance_sequences(db.session)
            db.session.execute(sa.text("ANALYZE"))
            db.session.commit()
        queries = _queries(db.session, query_count, random.Random(11))
        found = measure_matching(db.session, queries, brute_count)
        found |= measure_ingest(app, db.session, 6)
        db.engine.dispose()
    return {**built, **found}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--brute-force", type=int, default=10, dest="brute")
    parser.add_argument("--database-url", default=None, help="PostgreSQL URL (default: SQLite)")
    parser.add_argument("--keep", default=None, help="build (or reuse) this SQLite file or URL")
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    if args.keep:
        url = args.keep if "://" in args.keep else f"sqlite:///{args.keep}"
        result = run(url, args.claims, args.queries, args.brute)
    else:
        with scratch_database(args.database_url) as url:
            result = run(url, args.claims, args.queries, args.brute)
    result["machine"] = f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores"
    name = f"matching-{result['engine']}-{args.claims}.json"
    (RESULTS / name).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
