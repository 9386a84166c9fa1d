"""Run background jobs behind one interface: in a thread of this process, or inline.

A job is a row in `jobs` and a function `run(job_id)` that does the work and records progress.
`SATJA_JOBS=thread` (default) hands it to one worker thread of this process, which runs jobs one
at a time, each with its own app context and database session (one at a time because SQLite
refuses a write from a transaction that read before another writer committed); `inline` runs it
at once, where it was started (tests). A Redis/RQ runner can be added
behind the same `enqueue` when REDIS_URL is set.
"""

from __future__ import annotations

import importlib
import logging
import queue
import threading
from collections.abc import Callable

from flask import Flask, current_app

log = logging.getLogger(__name__)


def _resolve(target: str) -> Callable[[int], None]:
    """Return the job function named "package.module:function"."""
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


def _run_in_thread(app: Flask, target: str, job_id: int) -> None:
    from app.extensions import db

    with app.app_context():
        try:
            _resolve(target)(job_id)
        except Exception:
            log.exception("job %s (%s) crashed", job_id, target)
        finally:
            db.session.remove()


_queue: queue.SimpleQueue[tuple[Flask, str, int]] = queue.SimpleQueue()
_worker: threading.Thread | None = None
_worker_lock = threading.Lock()


def _work() -> None:
    while True:
        app, target, job_id = _queue.get()
        _run_in_thread(app, target, job_id)


def enqueue(target: str, job_id: int) -> None:
    """Start job `job_id` with the function `target` the way the app is configured to."""
    global _worker
    mode = current_app.config["SATJA_JOBS"]
    if mode == "inline":
        # Where it was started (tests): a job writes, whatever the request's method.
        from app import transactions

        with transactions.as_writer():
            _resolve(target)(job_id)
        return
    with _worker_lock:
        if _worker is None or not _worker.is_alive():
            _worker = threading.Thread(target=_work, name="satja-jobs", daemon=True)
            _worker.start()
    _queue.put((current_app._get_current_object(), target, job_id))
