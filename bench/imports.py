"""Benchmark: a bulk import of N real-shaped articles end to end, on 2 RQ workers and in-process.

    make bench-imports      # or: .venv/bin/python -m bench.imports [--articles 10000] [--quick]
                            #     [--workers 2] [--postgres-url postgresql+psycopg://...]

N articles (10,000; 100 with --quick) are written from real Thai and English sentence material
(bench/material.py: the seed article, the Thai government releases, the annotated articles, with
their numbers, names, places and dates varied), 6 to 14 sentences each, with a title, an
outlet and a date, as JSON Lines files of 1,000 lines (a desk's feeds). Each is imported as an
import job the way the web's bulk upload does (parse, extract, match, store, index), into a
fresh PostgreSQL scratch database each time:

1. in-process: the jobs one after another in this process, as the app's job thread runs them;
2. RQ: the jobs queued on Redis (REDIS_URL, default redis://127.0.0.1:6379/15, a queue of its
   own) and `--workers` `flask jobs worker --burst` processes started; timed until every job
   has finished.

Figures: wall seconds, articles/s, and RQ's speed as a ratio to in-process in the same run; the
goal (issue 15) is 10,000 articles within 5 minutes on 2 workers, faster than in-process.
Results go to bench/results/imports.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import time
import uuid
from pathlib import Path

import flask_migrate
import sqlalchemy as sa

from app import create_app
from app import jobs as runner
from app.config import TestingConfig
from app.extensions import db
from app.models import Article, Claim, Job, JobStatus, Role
from app.services import bulk
from app.services import jobs as job_service
from bench import pages as page_bench
from bench.material import Writer
from tests.factories import make_user

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "imports.json"
LINES_PER_FILE = 1000
OUTLETS = ("ไทยรัฐ", "มติชน", "ข่าวสด", "Thai PBS", "Bangkok Post", "ประชาชาติธุรกิจ", "กรุงเทพธุรกิจ")


def articles(count: int, seed: int = 7) -> list[dict]:
    """Return `count` articles of varied real sentences, each unlike the others."""
    rng = random.Random(seed)
    writer = Writer(rng)
    found = []
    for n in range(count):
        sentences = [writer.claim()[0] for _ in range(rng.randint(6, 14))]
        english = sum(1 for s in sentences if s.isascii()) > len(sentences) / 2
        day = rng.randint(1, 28)
        found.append(
            {
                "title": f"{sentences[0][:60]} ({n})",
                "text": "\n\n".join(sentences),
                "outlet": rng.choice(OUTLETS),
                "published": f"2026-{rng.randint(1, 11):02d}-{day:02d}",
                "language": "en" if english else "th",
            }
        )
    return found


def files(found: list[dict], per_file: int) -> list[str]:
    """Return the articles as JSON Lines files of `per_file` lines."""
    return [
        "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in found[at : at + per_file])
        for at in range(0, len(found), per_file)
    ]


def fresh_app(url: str, **settings):
    """Return an app on a new, migrated scratch database."""
    page_bench.drop(url)
    page_bench.create(url)
    app = create_app(TestingConfig, database_url=url, **settings)
    with app.app_context():
        flask_migrate.upgrade()
    return app


def queue_jobs(app, feeds: list[str]) -> list[int]:
    """Create one import job per file, started by a checker; return their ids."""
    with app.app_context():
        user = make_user(db.session, Role.CHECKER.value, email=f"bench-{uuid.uuid4().hex}@x.org")
        ids = []
        for number, text in enumerate(feeds, 1):
            job = job_service.create_job(db.session, user, "import", f"feed-{number}.jsonl", text)
            ids.append(job.id)
        db.session.commit()
        return ids


def stored(app) -> dict[str, int]:
    """Return how many articles and claims the database holds, and the jobs' states."""
    with app.app_context():
        count = lambda model: db.session.scalar(sa.select(sa.func.count()).select_from(model))  # noqa: E731
        states = dict(
            db.session.execute(sa.select(Job.status, sa.func.count()).group_by(Job.status)).all()
        )
        result = {
            "articles": count(Article),
            "claims": count(Claim),
            "finished_jobs": states.get(JobStatus.FINISHED, 0),
        }
        db.session.remove()
        db.engine.dispose()
        return result


def in_process(url: str, feeds: list[str]) -> dict[str, object]:
    """Import the files one job after another in this process."""
    app = fresh_app(url, SATJA_JOBS="thread")
    ids = queue_jobs(app, feeds)
    started = time.perf_counter()
    for job_id in ids:
        with app.app_context():
            bulk.run_job(job_id)
            db.session.remove()
    seconds = time.perf_counter() - started
    return {"seconds": round(seconds, 1), **stored(app)}


def on_rq(url: str, feeds: list[str], workers: int, redis_url: str) -> dict[str, object]:
    """Queue the files on Redis and run `workers` burst workers until the queue is empty."""
    queue = f"satja-bench-{uuid.uuid4().hex[:8]}"
    app = fresh_app(url, SATJA_JOBS="rq", REDIS_URL=redis_url, SATJA_RQ_QUEUE=queue)
    ids = queue_jobs(app, feeds)
    env = os.environ | {
        "DATABASE_URL": url,
        "REDIS_URL": redis_url,
        "SATJA_RQ_QUEUE": queue,
        "SECRET_KEY": "imports bench",
        "SATJA_JOBS": "rq",
    }
    command = [sys.executable, "-m", "flask", "--app", "wsgi", "jobs", "worker", "--burst"]
    started = time.perf_counter()
    with app.app_context():
        for job_id in ids:
            runner.enqueue(bulk.JOB_TARGET, job_id)
    running = [
        subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        for _ in range(workers)
    ]
    for worker in running:
        worker.wait()
    seconds = time.perf_counter() - started
    return {"seconds": round(seconds, 1), "workers": workers, **stored(app)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--quick", action="store_true", help="100 articles")
    parser.add_argument(
        "--postgres-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/bench_imports"
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
    )
    args = parser.parse_args()
    if args.quick:
        args.articles = 100
    per_file = LINES_PER_FILE
    if args.articles < per_file * args.workers:  # a small run: files enough for every worker
        per_file = max(1, -(-args.articles // (args.workers * 5)))
    feeds = files(articles(args.articles), per_file)
    url = args.postgres_url
    try:
        alone = in_process(url, feeds)
        print("in-process", alone, flush=True)
        queued = on_rq(url, feeds, args.workers, args.redis_url)
        print("rq", queued, flush=True)
    finally:
        page_bench.drop(url)
    result = {
        "articles": args.articles,
        "files": len(feeds),
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs",
        "in_process": alone | {"articles_per_s": round(args.articles / alone["seconds"], 1)},
        "rq": queued | {"articles_per_s": round(args.articles / queued["seconds"], 1)},
        "rq_speed_x_in_process": round(alone["seconds"] / queued["seconds"], 2),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
