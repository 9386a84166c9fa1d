"""Run background jobs behind one interface: in a thread of this process, or inline.

A job is a row in `jobs` and a function `run(job_id)` that does the work and records progress.
`SATJA_JOBS=thread` (default) runs it in a daemon thread with its own app context and database
session; `inline` runs it at once, where it was started (tests). A Redis/RQ runner can be added
behind the same `enqueue` when REDIS_URL is set.
"""

from __future__ import annotations

import importlib
import logging
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


def enqueue(target: str, job_id: int) -> None:
    """Start job `job_id` with the function `target` the way the app is configured to."""
    mode = current_app.config["SATJA_JOBS"]
    if mode == "inline":
        _resolve(target)(job_id)
        return
    app = current_app._get_current_object()
    thread = threading.Thread(
        target=_run_in_thread, args=(app, target, job_id), name=f"satja-job-{job_id}", daemon=True
    )
    thread.start()
