"""Benchmark: search latency through the search index against a naive LIKE scan, same run.

    make bench-search       # or: .venv/bin/python -m bench.search [--claims 100000 1000000]
                            #     [--database-url postgresql+psycopg://postgres@127.0.0.1/test]

A new database (a temporary SQLite file; with --database-url a PostgreSQL URL, a scratch
database created beside the one named and dropped afterwards) gets N claims written from real
Thai and English sentence material (the seed article, the Thai government releases and the
annotated articles, cut into sentences by the extractor) with names, places, numbers and dates
varied, one article for every five claims (an outlet, a date), statuses, verdicts and ratings.
`flask search reindex`'s code builds the index and is timed. Then 200 varied queries (words,
names, places, numbers, phrases, exclusions, filters) run once through the search service
(ranked, faceted, first page highlighted) and once as the LIKE '%…%' scan the public list used
(count and first page), alternating, after a warm-up; the figures are p50/p95 in ms.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import flask_migrate
import sqlalchemy as sa
from pythainlp.corpus import thai_stopwords

from app import create_app
from app.config import TestingConfig
from app.extensions import db
from app.models import Appearance, Article, Claim, Rating, SearchDocument, Verdict
from app.search import index, search, service
from app.services.actors import SYSTEM
from app.services.query import LIKE_ESCAPE, contains
from bench.csv_export import scratch_database
from bench.material import Writer

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
CHUNK = 10_000
CLAIMS_PER_ARTICLE = 5
STATUSES = (
    ("candidate", 55),
    ("accepted", 5),
    ("dismissed", 15),
    ("in_research", 6),
    ("in_review", 3),
    ("published", 13),
    ("merged", 3),
)
OUTLETS = (
    "ไทยรัฐ",
    "มติชน",
    "ข่าวสด",
    "เดลินิวส์",
    "ไทยพีบีเอส",
    "กรุงเทพธุรกิจ",
    "ประชาชาติธุรกิจ",
    "ฐานเศรษฐกิจ",
    "สำนักข่าวไทย อสมท",
    "โพสต์ทูเดย์",
    "Bangkok Post",
    "The Nation",
    "Khaosod English",
    "Thai PBS World",
    "PPTV",
    "ช่อง 3",
    "ช่อง 7",
    "Workpoint News",
    "The Standard",
    "The Matter",
)


def seed(session, writer: Writer, count: int, started: int = 0) -> None:
    """Write `count` claims, their articles and appearances, and verdicts of the published."""
    rng = writer.rng
    ratings = session.execute(sa.select(Rating.id, Rating.key)).all()
    now = datetime(2026, 11, 1, tzinfo=UTC)
    claim_id = started
    for chunk_start in range(0, count, CHUNK):
        claims, articles, appearances, verdicts = [], [], [], []
        for _ in range(min(CHUNK, count - chunk_start)):
            claim_id += 1
            article_id = (claim_id - 1) // CLAIMS_PER_ARTICLE + 1
            text, language, claimant = writer.claim()
            status = rng.choices([s for s, _ in STATUSES], [w for _, w in STATUSES])[0]
            created = now - timedelta(minutes=rng.randint(0, 60 * 24 * 365 * 4))
            claims.append(
                {
                    "id": claim_id,
                    "text": text,
                    "text_key": f"{claim_id:064d}",
                    "claimant": claimant,
                    "language": language,
                    "score": rng.random(),
                    "reasons": {},
                    "status": status,
                    "created_at": created,
                    "updated_at": created,
                    "version": 1,
                    "claim_date": created.date() if rng.random() < 0.3 else None,
                }
            )
            if (claim_id - 1) % CLAIMS_PER_ARTICLE == 0:
                articles.append(_article(rng, article_id, created, language))
            articles[-1]["body"] = f"{articles[-1]['body']} {text}".strip()
            start = ((claim_id - 1) % CLAIMS_PER_ARTICLE) * 100
            appearances.append(
                {
                    "claim_id": claim_id,
                    "article_id": article_id,
                    "start": start,
                    "end": start + 50,
                    "sentence": "",
                    "created_at": created,
                }
            )
            if status == "published":
                rating_id, _ = rng.choice(ratings)
                verdicts.append(
                    {
                        "claim_id": claim_id,
                        "number": 1,
                        "rating_id": rating_id,
                        "conclusion": f"ข้อสรุป: {writer._numbers(rng.choice(writer.thai))[:200]}",
                        "explanation": "",
                        "state": "published",
                        "created_at": created,
                        "updated_at": created,
                        "published_at": created,
                        "version": 1,
                    }
                )
        for model, rows in (
            (Article, articles),
            (Claim, claims),
            (Appearance, appearances),
            (Verdict, verdicts),
        ):
            if rows:
                session.execute(sa.insert(model.__table__), rows)
        session.commit()


def _article(rng: random.Random, article_id: int, created: datetime, language: str) -> dict:
    return {
        "id": article_id,
        "title": f"ข่าวที่ {article_id}",
        "outlet": rng.choice(OUTLETS),
        "published_on": created.date(),
        "language": language,
        "body": "",
        "body_sha256": f"{article_id:064d}",
        "ingested_at": created,
        "url": None,
        "canonical_url": None,
    }


def queries(writer: Writer, count: int, rng: random.Random) -> list[str]:
    """Return varied queries as a desk would type them, from the same material."""
    stop = thai_stopwords()
    words = sorted(
        {t for s in writer.thai for t in _surface_words(s) if len(t) >= 3 and t not in stop}
    )
    english = sorted(
        {w.strip(".,()\"'").lower() for s in writer.english for w in s.split() if len(w) > 4}
    )
    found = []
    while len(found) < count:
        kind = rng.random()
        if kind < 0.30:
            query = rng.choice(words)
        elif kind < 0.45:
            query = f"{rng.choice(words)} {rng.choice(words)}"
        elif kind < 0.55:
            sentence = _surface_words(rng.choice(writer.thai))
            at = rng.randrange(max(1, len(sentence) - 3))
            query = '"' + "".join(sentence[at : at + 3]) + '"'
        elif kind < 0.65:
            query = rng.choice(writer.family)
        elif kind < 0.72:
            query = rng.choice(writer.places)
        elif kind < 0.80:
            query = (
                rng.choice(words)
                + " "
                + rng.choice(
                    (
                        "status:published",
                        "lang:th",
                        "rating:false",
                        "from:2567",
                        "type:claim",
                        "status:candidate",
                    )
                )
            )
        elif kind < 0.85:
            query = f"{rng.choice(words)} -{rng.choice(words)}"
        elif kind < 0.93:
            query = rng.choice(english)
        else:
            query = f"ร้อยละ {rng.randint(1, 99)}"
        found.append(query)
    return found


def _surface_words(sentence: str) -> list[str]:
    from pythainlp.tokenize import word_tokenize

    return [w for w in word_tokenize(sentence, engine="newmm", keep_whitespace=False) if w.strip()]


def like_scan(session, query: str) -> int:
    """The naive search: every word as LIKE '%word%' over the claims, count and first page."""
    words = [w.strip('"') for w in query.split() if ":" not in w and not w.startswith("-")]
    where = [Claim.text.ilike(contains(w), escape=LIKE_ESCAPE) for w in words if w]
    total = session.scalar(sa.select(sa.func.count()).select_from(Claim).where(*where))
    session.execute(
        sa.select(Claim.id, Claim.text).where(*where).order_by(Claim.id.desc()).limit(20)
    ).all()
    return total or 0


def _ms(values: list[float]) -> dict[str, float]:
    values = sorted(values)
    return {
        "p50": round(statistics.median(values) * 1000, 1),
        "p95": round(values[min(len(values) - 1, int(len(values) * 0.95))] * 1000, 1),
    }


def run(url: str, claims: int, query_count: int) -> dict[str, object]:
    """Build one database of `claims` claims, index it and measure both searches."""
    rng = random.Random(claims)
    writer = Writer(rng)
    app = create_app(TestingConfig, database_url=url)
    with app.app_context():
        flask_migrate.upgrade()
        seeded = indexed = 0.0
        reuse = db.session.scalar(sa.select(sa.func.count()).select_from(Claim)) == claims
        if not reuse:
            started = time.perf_counter()
            seed(db.session, writer, claims)
            seeded = time.perf_counter() - started
            started = time.perf_counter()
            index.reindex(db.session)
            db.session.commit()
            indexed = time.perf_counter() - started
        documents = db.session.scalar(sa.select(sa.func.count()).select_from(SearchDocument))
        if db.engine.dialect.name == "postgresql":
            db.session.execute(sa.text("ANALYZE"))
            db.session.commit()
        built = {
            "engine": sa.make_url(url).get_backend_name(),
            "claims": claims,
            "documents": documents,
            "seed_s": round(seeded, 1),
            "reindex_s": round(indexed, 1),
        }
        if not query_count:  # a build only (--keep, then measured by a later run)
            db.engine.dispose()
            return built
        asked = queries(writer, query_count, random.Random(7))
        # Two passes: the first reads each query's pages from disk into the OS cache (cold),
        # the second runs on a warm cache, as a server with the database in memory does.
        cold = _measure(db.session, asked)
        warm = _measure(db.session, asked)
        db.engine.dispose()
    return {
        **built,
        "queries": query_count,
        "median_matches": statistics.median(warm["matches"]),
        "capped_queries": sum(1 for n in warm["matches"] if n >= service.WINDOW),
        **{
            f"{name}_{kind}_ms": _ms(found[kind])
            for name, found in (("warm", warm), ("cold", cold))
            for kind in ("search", "like")
        },
        "like_over_search_p50": _ratio(warm, "p50"),
        "like_over_search_p95": _ratio(warm, "p95"),
        "cold_like_over_search_p95": _ratio(cold, "p95"),
        "slowest_warm": sorted(warm["detail"], reverse=True)[:10],
    }


def _measure(session, asked: list[str]) -> dict[str, list]:
    """Run each query through the search and through the LIKE scan, alternating."""
    found: dict[str, list] = {"search": [], "like": [], "matches": [], "detail": []}
    for query in asked:
        started = time.perf_counter()
        results = search(session, SYSTEM, query)
        took = time.perf_counter() - started
        started = time.perf_counter()
        like_scan(session, query)
        found["like"].append(time.perf_counter() - started)
        session.rollback()
        found["search"].append(took)
        found["matches"].append(results.total)
        found["detail"].append((round(took * 1000, 1), results.total, query))
    return found


def _ratio(found: dict[str, list], percentile: str) -> float:
    like, searched = _ms(found["like"])[percentile], _ms(found["search"])[percentile]
    return round(like / max(searched, 0.01), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, nargs="+", default=[100_000])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--database-url", default=None, help="PostgreSQL URL (default: SQLite)")
    parser.add_argument(
        "--keep", default=None, help="build (or reuse) this SQLite file or database URL instead"
    )
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    for claims in args.claims:
        if args.keep:
            url = args.keep if "://" in args.keep else f"sqlite:///{args.keep}"
            result = run(url, claims, args.queries)
        else:
            with scratch_database(args.database_url) as url:
                result = run(url, claims, args.queries)
        result["machine"] = f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores"
        name = f"search-{result['engine']}-{claims}{'' if args.queries else '-build'}.json"
        (RESULTS / name).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
        print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
