"""gunicorn settings for `make serve` (docs/deploy.md). Every value can be overridden from the
environment: SATJA_BIND, WEB_CONCURRENCY (processes), SATJA_THREADS (threads per process),
SATJA_TIMEOUT (seconds a request may take), SATJA_ACCESS_LOG ("-" is standard output)."""

import multiprocessing
import os

_database = os.environ.get("DATABASE_URL", "")
# SQLite takes one writer at a time and the in-process job thread belongs to one process: on
# SQLite, one process with threads. On PostgreSQL, processes for the cores.
_embedded = not _database or _database.startswith("sqlite")
_cores = multiprocessing.cpu_count()

bind = os.environ.get("SATJA_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", 1 if _embedded else 2 * _cores + 1))
worker_class = "gthread"
threads = int(os.environ.get("SATJA_THREADS", 4 if _embedded else 2))
# A request running longer than this is stopped and its process replaced (exports stream, and a
# slow site is fetched by a job, so no page should come near it).
timeout = int(os.environ.get("SATJA_TIMEOUT", 30))
# On `kill -HUP <master>` (a reload) or TERM, requests under way get this long to finish.
graceful_timeout = 30
keepalive = 5
# A process is replaced after this many requests (jitter keeps them from all restarting at once).
max_requests = 2000
max_requests_jitter = 200
# Each process opens its own database pool after the fork; the app is not preloaded.
preload_app = False
accesslog = os.environ.get("SATJA_ACCESS_LOG", "-") or None  # "" turns it off
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
proc_name = "satja"
