"""`flask jobs ...`: run an RQ worker for the background jobs, and see the queue."""

from __future__ import annotations

import json
import logging

import click
from flask import current_app
from flask.cli import AppGroup

from app import jobs

jobs_cli = AppGroup("jobs", help="Run background-job workers (RQ on Redis) and see the queue.")


def _require_rq() -> None:
    if current_app.config["SATJA_JOBS"] != "rq":
        raise click.ClickException(
            "Jobs run in the app process (SATJA_JOBS="
            f"{current_app.config['SATJA_JOBS']}); set REDIS_URL to run them on workers."
        )


@jobs_cli.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
@click.option(
    "--maintenance-interval",
    default=60,
    show_default=True,
    type=click.IntRange(5, 3600),
    help="Seconds between the worker's checks for jobs whose worker died (they are retried).",
)
def worker_command(burst: bool, maintenance_interval: int) -> None:
    """Run one RQ worker: it takes jobs from the queue and runs each in a forked work-horse."""
    from rq import Worker

    _require_rq()
    app = current_app._get_current_object()
    jobs.set_worker_app(app)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    queue = jobs.rq_queue(app)
    worker = Worker([queue], connection=queue.connection, maintenance_interval=maintenance_interval)
    # The scheduler moves retries whose backoff has passed back onto the queue.
    worker.work(burst=burst, with_scheduler=True, logging_level="INFO")


@jobs_cli.command("status")
def status_command() -> None:
    """Print the queue's state: waiting, running and failed jobs, and workers."""
    _require_rq()
    click.echo(json.dumps(jobs.queue_status(current_app._get_current_object())))
