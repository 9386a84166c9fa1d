"""Run background jobs behind one interface: on RQ workers, in a thread of this process, or inline.

A job is a row in `jobs` (or, for mail, a notification) and a function `run(ref)` that does the
work and records progress. How it runs is `SATJA_JOBS`:

- `rq` (the default when REDIS_URL is set): the job goes to a Redis queue and `flask jobs worker`
  processes run it, each job in a forked work-horse. A job that fails for a passing reason (the
  database or the network went away) or whose work-horse was killed is tried again after a
  backoff (SATJA_JOB_RETRIES), and a retry takes the job over where it was left.
- `thread` (the default otherwise): one worker thread of this process runs jobs one at a time,
  each with its own app context and database session (one at a time because SQLite refuses a
  write from a transaction that read before another writer committed). Retries wait on a timer.
- `inline`: at once, where it was started (tests); a retry runs at once too.

A job function signals "try again later" by raising RetryLater (app.services.jobs does this);
`retrying()` tells it whether this run is such a retry.
"""

from __future__ import annotations

import contextvars
import importlib
import logging
import queue
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from flask import Flask, current_app, has_app_context

log = logging.getLogger(__name__)

MODES = ("rq", "thread", "inline")
DEFAULT_QUEUE = "satja"
# An RQ job may run this long before its work-horse is stopped (a 10,000-line import fits).
RQ_JOB_TIMEOUT = 6 * 3600

_retrying: contextvars.ContextVar[bool] = contextvars.ContextVar("satja_job_retry", default=False)


class RetryLater(Exception):
    """Raised by a job function: this attempt failed for a passing reason, try again."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def retrying() -> bool:
    """Say whether the job being run is a retry of an attempt that failed or was killed."""
    return _retrying.get()


def retry_intervals(app: Flask) -> tuple[int, ...]:
    """Return the seconds to wait before each retry (its length is the number of retries)."""
    return tuple(app.config["SATJA_JOB_RETRIES"])


def _resolve(target: str) -> Callable[[int], None]:
    """Return the job function named "package.module:function"."""
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


@contextmanager
def _attempt(retry: bool) -> Iterator[None]:
    token = _retrying.set(retry)
    try:
        yield
    finally:
        _retrying.reset(token)


def _run_inline(target: str, ref: int) -> None:
    """Run the job here, retrying at once as often as the app allows (tests)."""
    from app import transactions

    retries = len(retry_intervals(current_app))
    for attempt in range(retries + 1):
        try:
            # Where it was started (tests): a job writes, whatever the request's method.
            with _attempt(attempt > 0), transactions.as_writer():
                _resolve(target)(ref)
            return
        except RetryLater as retry:
            log.warning("job %s (%s) will be retried: %s", ref, target, retry.reason)


# -- in a thread of this process -------------------------------------------------------------

_queue: queue.SimpleQueue[tuple[Flask, str, int, int]] = queue.SimpleQueue()
_worker: threading.Thread | None = None
_worker_lock = threading.Lock()


def _run_in_thread(app: Flask, target: str, ref: int, attempt: int) -> None:
    from app.extensions import db

    with app.app_context():
        try:
            with _attempt(attempt > 0):
                _resolve(target)(ref)
        except RetryLater as retry:
            # The job counts its attempts and stops asking once they are spent.
            intervals = retry_intervals(app) or (0,)
            delay = intervals[min(attempt, len(intervals) - 1)]
            log.warning("job %s (%s) retried in %ss: %s", ref, target, delay, retry.reason)
            timer = threading.Timer(delay, _queue.put, ((app, target, ref, attempt + 1),))
            timer.daemon = True
            timer.start()
        except Exception:
            log.exception("job %s (%s) crashed", ref, target)
        finally:
            db.session.remove()


def _work() -> None:
    while True:
        _run_in_thread(*_queue.get())


def _start_thread(app: Flask, target: str, ref: int) -> None:
    global _worker
    with _worker_lock:
        if _worker is None or not _worker.is_alive():
            _worker = threading.Thread(target=_work, name="satja-jobs", daemon=True)
            _worker.start()
    _queue.put((app, target, ref, 0))


# -- on RQ workers --------------------------------------------------------------------------


def redis_connection(app: Flask, timeout: float = 30):
    """Return the app's Redis client for REDIS_URL with this socket timeout, made once per
    process: its connection pool is reused by every enqueue and health check (redis-py makes
    the pool anew in a forked child)."""
    from redis import Redis

    clients = app.extensions.setdefault("satja_redis", {})
    if timeout not in clients:
        clients[timeout] = Redis.from_url(
            app.config["REDIS_URL"], socket_connect_timeout=min(timeout, 5), socket_timeout=timeout
        )
    return clients[timeout]


def rq_queue(app: Flask, timeout: float = 30):
    """Return the app's RQ queue."""
    from rq import Queue

    return Queue(
        app.config["SATJA_RQ_QUEUE"],
        connection=redis_connection(app, timeout),
        default_timeout=RQ_JOB_TIMEOUT,
    )


def _enqueue_rq(app: Flask, target: str, ref: int) -> None:
    from rq import Retry

    intervals = list(retry_intervals(app))
    rq_queue(app).enqueue(
        run_rq_job,
        target,
        ref,
        retry=Retry(max=len(intervals), interval=intervals) if intervals else None,
        description=f"{target} {ref}",
        result_ttl=24 * 3600,
        failure_ttl=7 * 24 * 3600,
    )


_worker_app: Flask | None = None


def set_worker_app(app: Flask) -> None:
    """Name the app that RQ job functions run in (set by `flask jobs worker`)."""
    global _worker_app
    _worker_app = app


def _job_app() -> Flask:
    global _worker_app
    if _worker_app is None:
        if has_app_context():
            _worker_app = current_app._get_current_object()
        else:  # a plain `rq worker`: build the app from the environment, once per process
            from app import create_app

            _worker_app = create_app()
    return _worker_app


def run_rq_job(target: str, ref: int) -> None:
    """Run a job on an RQ worker (the function RQ calls in its work-horse)."""
    from rq import get_current_job

    from app.extensions import db

    app = _job_app()
    current = get_current_job()
    retries = len(retry_intervals(app))
    # RQ counts down retries_left as it retries (after a failure or a killed work-horse).
    retry = current is not None and current.retries_left is not None
    retry = retry and current.retries_left < retries
    with app.app_context():
        # A forked work-horse must not use the connections its parent opened.
        db.engine.dispose(close=False)
        try:
            with _attempt(retry):
                _resolve(target)(ref)
        except RetryLater as later:
            # Raised again, RQ tries again after its backoff while retries are left.
            raise RuntimeError(f"retry: {later.reason}") from None
        finally:
            db.session.remove()


def queue_status(app: Flask) -> dict[str, object]:
    """Return the RQ queue's state for /healthz: reachable, waiting jobs, workers, failures."""
    from redis.exceptions import RedisError
    from rq import Worker
    from rq.registry import FailedJobRegistry, StartedJobRegistry

    try:
        jobs_queue = rq_queue(app, timeout=1)  # a health check answers quickly
        return {
            "queue": "ok",
            "queued": jobs_queue.count,
            "running": StartedJobRegistry(queue=jobs_queue).get_job_count(cleanup=False),
            "failed": FailedJobRegistry(queue=jobs_queue).get_job_count(cleanup=False),
            "workers": Worker.count(queue=jobs_queue),
        }
    except RedisError:
        return {"queue": "unreachable"}


def enqueue(target: str, ref: int) -> None:
    """Start job `ref` with the function `target` the way the app is configured to."""
    app = current_app._get_current_object()
    mode = app.config["SATJA_JOBS"]
    if mode == "inline":
        _run_inline(target, ref)
        return
    if mode == "rq":
        from redis.exceptions import RedisError

        try:
            _enqueue_rq(app, target, ref)
            return
        except RedisError:
            # Redis is down: the work is not lost, this process does it.
            log.exception("could not queue job %s (%s) on Redis; running it here", ref, target)
    _start_thread(app, target, ref)
