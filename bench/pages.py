"""Benchmark: how long the app's main pages take on an archive of 10k, 100k and 1M claims.

    make bench-pages        # or: .venv/bin/python -m bench.pages [--claims 10000 100000]
                            #     [--quick] [--keep] [--engines sqlite postgresql]

Each database is filled by `flask dev seed`'s generator (`bench/seed.py`, seed 1): SQLite files
(up to 100k claims) under --sqlite-dir, and PostgreSQL databases named `<database>_<size>` beside
--postgres-url. Without --keep a database (`<database>_<size>_scratch`) is built anew and removed
afterwards; with --keep one that already holds N claims is reused and kept (1M is seeded once).

Through the Flask test client, signed in as the seeded editor with the most claims assigned
(the bench sets its password), each page is requested 3 times to warm up, then 30 times; the
figures are p50/p95 in ms, each also as a ratio to /healthz's p50 in the same run, and the SQL
statements a request runs (a `before_cursor_execute` listener), which shows N+1 queries. The CSV
export is timed to its first data row (time to first byte of content). Results go to
bench/results/pages.json (merged by engine and size; --quick: pages-quick.json) and a markdown
table is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from contextlib import suppress
from pathlib import Path

import flask_migrate
import sqlalchemy as sa

from app import create_app, pagination
from app.config import TestingConfig
from app.extensions import db
from app.models import Article, Claim, Role, User
from app.services import tokens
from app.services.actors import SYSTEM
from app.services.passwords import hash_password
from app.services.publishing import SITEMAP_BLOCK
from bench import seed
from bench.csv_export import CSRF_INPUT

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "pages.json"
PASSWORD = "pages bench editor password"
WARM_UP = 3
PER_PAGE = 25
SQLITE_MAX = 100_000
AS_SERVED = {"SATJA_JOBS": "thread", "SATJA_DASHBOARD_MAX_AGE": 60}


def label(claims: int) -> str:
    """Return a size's short name: 10k, 100k, 1m."""
    return f"{claims // 1_000_000}m" if claims % 1_000_000 == 0 else f"{claims // 1000}k"


def database_url(engine: str, claims: int, args) -> str:
    """Return the URL of the database of this engine and size; one built for a single run
    (no --keep) has a name of its own, so that dropping it never drops a kept one."""
    name = label(claims) + ("" if args.keep else "_scratch")
    if engine == "sqlite":
        return f"sqlite:///{Path(args.sqlite_dir) / f'pages-{name}.db'}"
    given = sa.make_url(args.postgres_url)
    return given.set(database=f"{given.database}_{name}").render_as_string(False)


def _admin(url: str) -> sa.Engine:
    return sa.create_engine(sa.make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")


def drop(url: str) -> None:
    """Remove a database: the SQLite file, or the PostgreSQL database."""
    made = sa.make_url(url)
    if made.get_backend_name() == "sqlite":
        with suppress(FileNotFoundError):
            Path(made.database).unlink()
        return
    admin = _admin(url)
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{made.database}" WITH (FORCE)')
    admin.dispose()


def create(url: str) -> None:
    """Create an empty database (a PostgreSQL one; a SQLite file comes by itself)."""
    made = sa.make_url(url)
    if made.get_backend_name() == "sqlite":
        Path(made.database).parent.mkdir(parents=True, exist_ok=True)
        return
    admin = _admin(url)
    with admin.connect() as connection:
        exists = connection.scalar(
            sa.text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": made.database}
        )
        if not exists:
            connection.exec_driver_sql(f'CREATE DATABASE "{made.database}"')
    admin.dispose()


def build(app, claims: int) -> float:
    """Seed the app's database with `claims` claims unless it holds them; return seconds taken."""
    with app.app_context():
        flask_migrate.upgrade()
        held = db.session.scalar(sa.select(sa.func.count()).select_from(Claim))
        if held == claims:
            if db.engine.dialect.name == "postgresql":
                db.session.execute(sa.text("ANALYZE"))
                db.session.commit()
            return 0.0
        if held:
            raise SystemExit(f"{claims}: the database holds {held} claims; drop it or leave --keep")
        started = time.perf_counter()
        seed.seed(db.session, claims, 1)
        return time.perf_counter() - started


def sign_in_editor(app) -> tuple[object, str]:
    """Sign the seeded editor with most assigned claims in; return the client and an API token."""
    with app.app_context():
        assigned = (
            sa.select(User)
            .join(Claim, Claim.assignee_id == User.id)
            .where(User.role.in_((Role.EDITOR, Role.ADMIN)), User.active)
            .group_by(User.id)
            .order_by(sa.func.count().desc(), User.id)
            .limit(1)
        )
        editor = db.session.scalar(assigned) or db.session.scalar(
            sa.select(User).where(User.role == Role.EDITOR, User.active).limit(1)
        )
        editor.password_hash = hash_password(PASSWORD)
        _token, clear = tokens.issue_token(db.session, SYSTEM, editor, "pages bench", 1)
        email = editor.email
        db.session.commit()
    client = app.test_client()
    html = client.get("/login").get_data(as_text=True)
    csrf = next(m.group(1) or m.group(2) for m in CSRF_INPUT.finditer(html))
    form = {"email": email, "password": PASSWORD, "csrf_token": csrf}
    assert client.post("/login", data=form).status_code == 302, "sign-in failed"
    return client, clear


def deep(rows: int) -> int:
    """Return a list's deep page: its middle page, or the deepest a long list goes to (lists
    stop at app.pagination.COUNT_CAP rows)."""
    return max(1, min(rows // PER_PAGE // 2, pagination.max_page(PER_PAGE)))


def pages(app) -> list[tuple[str, str]]:
    """Return (name, path) of each page measured, the ids and deep pages taken from the data."""
    with app.app_context():
        session = db.session
        count = session.scalar(sa.select(sa.func.count()).select_from(Claim))
        candidates = session.scalar(
            sa.select(sa.func.count()).select_from(Claim).where(Claim.status == "candidate")
        )
        published = session.scalars(
            sa.select(Claim.id).where(Claim.status == "published").order_by(Claim.id)
        ).all()
        claim = published[len(published) // 2]
        articles = session.scalar(sa.select(sa.func.max(Article.id)))
        outlet = session.scalar(
            sa.select(Article.outlet).group_by(Article.outlet).order_by(sa.func.count().desc())
        )
    return [
        ("healthz", "/healthz"),
        ("queue", "/queue"),
        ("queue: outlet filter", f"/queue?outlet={outlet}"),
        ("queue: deep page", f"/queue?page={deep(candidates)}"),
        ("claims: status filter", "/claims?status=in_research"),
        ("claims", "/claims"),
        ("claims: deep page", f"/claims?page={deep(count)}"),
        ("articles", "/articles"),
        ("claim page", f"/claims/{claim}"),
        ("article page", f"/articles/{articles // 2 or 1}"),
        ("dashboard", "/dashboard"),
        ("my work", "/my-work"),
        ("public fact-checks", "/fact-checks"),
        ("public fact-check", f"/fact-checks/{claim}"),
        ("API claims", "/api/v1/claims"),
        ("Atom feed", "/fact-checks/feed.atom"),
        ("CSV export, first row", "/exports/claims.csv"),
        ("sitemap.xml (the index)", "/sitemap.xml"),
        ("a sitemap of 10,000 ids", f"/sitemaps/fact-checks-{claim // SITEMAP_BLOCK}.xml"),
    ]


class Counter:
    """Counts the SQL statements the engine runs."""

    def __init__(self, engine: sa.Engine) -> None:
        self.statements = 0
        sa.event.listen(engine, "before_cursor_execute", self.count)

    def count(self, *_args) -> None:
        """Count one statement."""
        self.statements += 1


def request(client, path: str, token: str) -> tuple[float, int, int]:
    """Request a page; return seconds, status and bytes (a CSV: to its first data row)."""
    headers = {"Authorization": f"Bearer {token}"} if path.startswith("/api/") else {}
    started = time.perf_counter()
    if not path.endswith(".csv"):
        response = client.get(path, headers=headers)
        return time.perf_counter() - started, response.status_code, len(response.data)
    response = client.get(path, buffered=False)
    received = b""
    for chunk in response.response:
        received += chunk
        if received.count(b"\n") >= 2:  # the header and the first claim
            break
    took = time.perf_counter() - started
    response.close()
    return took, response.status_code, len(received)


def _ms(values: list[float]) -> dict[str, float]:
    values = sorted(values)
    return {
        "p50": round(statistics.median(values) * 1000, 1),
        "p95": round(values[min(len(values) - 1, int(len(values) * 0.95))] * 1000, 1),
    }


def measure(app, requests: int) -> dict[str, dict]:
    """Time every page; return its figures by name."""
    client, token = sign_in_editor(app)
    with app.app_context():
        counter = Counter(db.engine)
    found = {}
    for name, path in pages(app):
        for _ in range(WARM_UP):
            request(client, path, token)
        times, before = [], counter.statements
        for _ in range(requests):
            took, status, size = request(client, path, token)
            if status != 200:
                raise SystemExit(f"{path} answered {status}")
            times.append(took)
        queries = (counter.statements - before) / requests
        found[name] = {"path": path, **_ms(times), "queries": round(queries, 1), "bytes": size}
    base = found["healthz"]["p50"] or 0.01
    for figures in found.values():
        figures["x_healthz"] = round(figures["p50"] / base, 1)
    return found


def run(engine: str, claims: int, args) -> dict[str, object]:
    """Build (or reuse) one database, measure its pages, and remove it unless --keep."""
    url = database_url(engine, claims, args)
    if not args.keep:
        drop(url)
    create(url)
    try:
        # As served: background work on the app's thread, the dashboard's figures kept a minute.
        app = create_app(TestingConfig, database_url=url, **AS_SERVED)
        seconds = build(app, claims)
        figures = measure(app, args.requests)
        with app.app_context():
            db.engine.dispose()
    finally:
        if not args.keep:
            drop(url)
    return {
        "engine": engine,
        "claims": claims,
        "seed_s": round(seconds, 1) if seconds else None,
        "requests": args.requests,
        "pages": figures,
    }


def table(runs: list[dict]) -> str:
    """Return the runs as a markdown table: a row per page, p50 / p95 ms (× healthz, queries)."""
    heads = [f"{r['engine']} {label(r['claims'])}" for r in runs]
    lines = ["| page | " + " | ".join(heads) + " |", "|---|" + "---|" * len(runs)]
    for name in runs[0]["pages"]:
        cells = []
        for run_ in runs:
            f = run_["pages"].get(name)
            cells.append(
                f"{f['p50']} / {f['p95']} (×{f['x_healthz']}, {f['queries']:g} q)" if f else ""
            )
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def save(runs: list[dict], path: Path = RESULTS) -> list[dict]:
    """Merge the runs into bench/results/pages.json (by engine and size); return all kept."""
    kept = json.loads(path.read_text()).get("runs", []) if path.exists() else []
    done = {(r["engine"], r["claims"]) for r in runs}
    kept = [r for r in kept if (r["engine"], r["claims"]) not in done] + runs
    kept.sort(key=lambda r: (r["engine"] != "postgresql", r["claims"]))
    path.parent.mkdir(parents=True, exist_ok=True)
    machine = f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs"
    document = {"machine": machine, "python": platform.python_version(), "runs": kept}
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    return kept


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--engines", nargs="+", default=["postgresql", "sqlite"])
    parser.add_argument("--quick", action="store_true", help="10k claims only, fewer requests")
    parser.add_argument("--keep", action="store_true", help="reuse and keep the databases")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--sqlite-dir", default="/tmp/satja-bench-pages")
    parser.add_argument(
        "--postgres-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/bench_pages"
    )
    args = parser.parse_args()
    if args.quick:
        args.claims, args.requests = [10_000], min(args.requests, 10)
    runs = []
    for claims in args.claims:
        for engine in args.engines:
            if engine == "sqlite" and claims > SQLITE_MAX:
                continue
            runs.append(run(engine, claims, args))
            print(json.dumps(runs[-1], ensure_ascii=False))
    # A quick run (fewer requests) keeps its figures apart from the full runs'.
    save(runs, RESULTS.with_name("pages-quick.json") if args.quick else RESULTS)
    print(table(runs))


if __name__ == "__main__":
    main()
