"""Background jobs on Redis/RQ: a real `flask jobs worker` process runs an import; killed with
SIGKILL mid-job, the job is retried and resumed after the lines it had stored, with no duplicate
rows. The worker runs against a database of its own (a SQLite file, or on PostgreSQL a schema of
the test database) and a queue of its own on the Redis at TEST_REDIS_URL (127.0.0.1:6379 by
default); the tests are skipped when no Redis answers there.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import flask_migrate
import pytest
import sqlalchemy as sa
from redis import Redis
from redis.exceptions import RedisError

from app import config, create_app
from app import jobs as runner
from app.extensions import db
from app.models import Article, Job, JobStatus
from app.services import bulk
from app.services import jobs as job_service
from tests.factories import make_user
from tests.loopback import serving
from tests.own_database import own_database

pytestmark = pytest.mark.own_database
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
ROOT = Path(__file__).resolve().parents[2]
SCHEMA = "rq_jobs"
WAIT = 120  # seconds: the most a step may take on a busy machine before the test fails


def _redis() -> Redis:
    connection = Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        connection.ping()
    except RedisError:
        pytest.skip(f"no Redis answers at {REDIS_URL}")
    return connection


class Site:
    """Article pages on loopback; /slow/… holds its first request until `release` is set."""

    def __init__(self) -> None:
        self.reached = threading.Event()
        self.release = threading.Event()

    def __call__(self, environ, start_response):
        path = environ["PATH_INFO"]
        if path.startswith("/slow/"):
            self.reached.set()
            self.release.wait(WAIT)
        number = path.rsplit("/", 1)[-1]
        body = f"ข่าวหน้าเว็บที่ {number}: กรมควบคุมโรครายงานว่าพบผู้ป่วยสะสม {number}0 ราย"
        start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8")])
        return [body.encode()]


@pytest.fixture(scope="module")
def rq_setup(tmp_path_factory):
    connection = _redis()
    with own_database(tmp_path_factory, SCHEMA) as url:
        yield from _rq_app(connection, url)


def _rq_app(connection: Redis, url: str):
    """Yield the app on `url` with its own RQ queue, and a worker's environment; then empty
    the queue's keys."""
    queue_name = f"satja-test-{uuid.uuid4().hex[:8]}"
    settings = {
        "REDIS_URL": REDIS_URL,
        "SATJA_JOBS": "rq",
        "SATJA_RQ_QUEUE": queue_name,
        "SATJA_JOB_RETRIES": (0, 0, 0),
        "SATJA_FETCH_ALLOW_PRIVATE": True,
    }
    app = create_app(config.TestingConfig, database_url=url, **settings)
    with app.app_context():
        flask_migrate.upgrade()
    env = os.environ | {
        "DATABASE_URL": url,
        "REDIS_URL": REDIS_URL,
        "SATJA_RQ_QUEUE": queue_name,
        "SATJA_JOB_RETRIES": "0,0,0",
        "SATJA_FETCH_ALLOW_PRIVATE": "1",
        "SECRET_KEY": "rq-test",
        "SATJA_ENV": "production",
        "SATJA_JOBS": "rq",
    }
    yield app, env
    for key in connection.scan_iter(f"*{queue_name}*"):
        connection.delete(key)
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _worker(env: dict[str, str]) -> subprocess.Popen:
    command = [sys.executable, "-m", "flask", "--app", "wsgi", "jobs", "worker", "--burst"]
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        children = (task / "children").read_text().split()
        found.update(int(child) for child in children)
    return found


def _client_of(port: int, candidates: set[int]) -> int:
    """Return which of `candidates` holds a TCP connection to 127.0.0.1:`port`."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if int(fields[2].rsplit(":", 1)[1], 16) == port:
                inodes.add(f"socket:[{fields[9]}]")
    for pid in candidates:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                if os.readlink(fd) in inodes:
                    return pid
            except OSError:
                continue
    raise AssertionError(f"no process of {candidates} is connected to port {port}")


def _feed(base: str) -> str:
    rows = [{"title": f"ข่าว {i}", "text": f"ข่าวที่ {i}: พบผู้ป่วยสะสม {i} ราย"} for i in range(5)]
    rows.append({"title": "หน้าเว็บที่ช้า", "url": f"{base}/slow/7"})
    rows += [{"title": f"ข่าว {i}", "url": f"{base}/page/{i}"} for i in range(20, 25)]
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def test_a_worker_killed_mid_import_is_retried_and_resumes_with_no_duplicates(rq_setup):
    app, env = rq_setup
    site = Site()
    with serving(site) as base:
        with app.app_context():
            user = make_user(db.session, "editor")
            job = job_service.create_job(db.session, user, "import", "feed.jsonl", _feed(base))
            db.session.commit()
            job_id = job.id
            runner.enqueue(bulk.JOB_TARGET, job_id)
            db.session.remove()
        worker = _worker(env)
        try:
            assert site.reached.wait(WAIT), "the worker never reached the slow page"
            horse = _client_of(int(base.rsplit(":", 1)[1]), _children(worker.pid))
            os.kill(horse, signal.SIGKILL)  # the process doing the job, mid-fetch
            site.release.set()
            output, _ = worker.communicate(timeout=WAIT)
        finally:
            site.release.set()
            if worker.poll() is None:
                worker.kill()
    assert worker.returncode == 0, output
    assert "Work-horse terminated unexpectedly" in output
    with app.app_context():
        job = db.session.get(Job, job_id)
        assert job.status == JobStatus.FINISHED, (job.status, job.error, output)
        assert job.attempts == 2
        assert (job.processed, job.total) == (11, 11)
        # The five lines stored before the kill were not imported again.
        assert dict(job.counts) == {"created": 11}
        titles = db.session.scalars(sa.select(Article.title)).all()
        assert len(titles) == len(set(titles)) == 11
        db.session.remove()


def test_the_queue_shows_in_healthz(rq_setup):
    app, _ = rq_setup
    body = app.test_client().get("/healthz").get_json()
    assert body["status"] == "ok"
    assert body["jobs"]["queue"] == "ok"
    assert {"queued", "running", "failed", "workers"} <= set(body["jobs"])


def test_an_unreachable_redis_degrades_healthz(tmp_path):
    url = "sqlite:///" + str(tmp_path / "down.db")
    app = create_app(
        config.TestingConfig,
        database_url=url,
        REDIS_URL="redis://127.0.0.1:1/0",  # nothing listens on port 1
        SATJA_JOBS="rq",
    )
    with app.app_context():
        flask_migrate.upgrade()
        body = app.test_client().get("/healthz")
        assert body.status_code == 200
        assert body.get_json()["status"] == "degraded"
        assert body.get_json()["jobs"] == {"queue": "unreachable"}
        db.session.remove()
        db.engine.dispose()
