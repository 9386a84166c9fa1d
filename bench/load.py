"""Benchmark: HTTP under load, gunicorn on PostgreSQL, the signed-in pages against /healthz.

    make bench-load         # or: .venv/bin/python -m bench.load [--claims 100000] [--quick]
                            #     [--keep] [--duration 10] [--connections 32]

A PostgreSQL database of N claims (`flask dev seed`'s generator, as bench/pages.py builds it:
`<database>_<size>` beside --postgres-url, reused with --keep) is served by gunicorn with the
project's gunicorn.conf.py on a free loopback port. The seeded editor signs in over HTTP; then
`wrk` (Debian's package) loads each page in turn, `-t2 -c32` for --duration seconds, with the
session cookie: requests/s, p50 and p99 latency, errors (non-2xx/3xx answers, socket errors),
and the throughput as a share of /healthz's in the same run. Results go to
bench/results/load.json and a markdown table is printed. Goal (issue 15): main pages at least
50% of /healthz's throughput, no errors, p99 within 250 ms.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import sqlalchemy as sa

from app import create_app
from app.config import TestingConfig
from app.extensions import db
from app.models import Claim, Role, User
from app.services.passwords import hash_password
from bench import pages as page_bench
from bench.csv_export import CSRF_INPUT

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "load.json"
PASSWORD = "load bench editor password"
# The session is bound to the client (Flask-Login's strong protection): one User-Agent for all.
AGENT = "satja-bench-load"
PAGES = (
    "healthz",
    "queue",
    "queue: outlet filter",
    "claims",
    "articles",
    "claim page",
    "article page",
    "dashboard",
    "my work",
    "public fact-checks",
    "public fact-check",
    "Atom feed",
)


def free_port() -> int:
    """Return a loopback port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(url: str, port: int) -> subprocess.Popen:
    """Start gunicorn (gunicorn.conf.py) on the database; return once it answers /healthz."""
    env = os.environ | {
        "DATABASE_URL": url,
        "SECRET_KEY": "load bench secret",
        "SATJA_BIND": f"127.0.0.1:{port}",
        "SATJA_ACCESS_LOG": "",
        "SATJA_PUBLIC_URL": f"http://127.0.0.1:{port}",
    }
    env.pop("REDIS_URL", None)
    gunicorn = Path(sys.executable).parent / "gunicorn"
    server = subprocess.Popen(
        [str(gunicorn), "--config", "gunicorn.conf.py", "wsgi:app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit(server.stderr.read().decode()) from None
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not answer /healthz within 60 s")


def sign_in(url: str, base: str) -> str:
    """Give the seeded editor a known password, sign in over HTTP, return the Cookie header."""
    app = create_app(TestingConfig, database_url=url)
    with app.app_context():
        editor = db.session.scalar(
            sa.select(User)
            .join(Claim, Claim.assignee_id == User.id)
            .where(User.role.in_((Role.EDITOR, Role.ADMIN)), User.active)
            .group_by(User.id)
            .order_by(sa.func.count().desc(), User.id)
            .limit(1)
        )
        editor.password_hash = hash_password(PASSWORD)
        email = editor.email
        db.session.commit()
        db.engine.dispose()
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("User-Agent", AGENT)]
    html = opener.open(f"{base}/login").read().decode()
    csrf = next(m.group(1) or m.group(2) for m in CSRF_INPUT.finditer(html))
    form = urllib.parse.urlencode({"email": email, "password": PASSWORD, "csrf_token": csrf})
    opener.open(f"{base}/login", data=form.encode())
    cookies = "; ".join(f"{c.name}={c.value}" for c in jar)
    if "session=" not in cookies:
        raise SystemExit("sign-in failed")
    return cookies


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def check(url: str, cookie: str) -> None:
    """Refuse to measure an address that does not answer 200 to the signed-in editor."""
    opener = urllib.request.build_opener(_NoRedirect)
    opener.addheaders = [("User-Agent", AGENT), ("Cookie", cookie)]
    try:
        with opener.open(url, timeout=60) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    if status != 200:
        raise SystemExit(f"{url} answered {status}, not 200")


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return round(float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit], 1)


def wrk(url: str, cookie: str, args) -> dict[str, float]:
    """Load one address with wrk; return requests/s, p50/p99 ms and errors."""
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s"]
    command += ["--latency", "--timeout", "10s", "-H", f"Cookie: {cookie}"]
    command += ["-H", f"User-Agent: {AGENT}", url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.M))
    if not {"50", "99"} <= set(latency):
        raise SystemExit(f"wrk gave no latency for {url}:\n{output}")
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": _ms(latency["50"]),
        "p99": _ms(latency["99"]),
        "errors": errors,
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
    }


def run(args) -> dict[str, object]:
    """Build or reuse the database, serve it, load each page; return the figures."""
    url = page_bench.database_url("postgresql", args.claims, args)
    if not args.keep:
        page_bench.drop(url)
    page_bench.create(url)
    app = create_app(TestingConfig, database_url=url)
    page_bench.build(app, args.claims)
    paths = dict(page_bench.pages(app))
    with app.app_context():
        db.engine.dispose()
    port = free_port()
    server = serve(url, port)
    base = f"http://127.0.0.1:{port}"
    try:
        cookie = sign_in(url, base)
        found = {}
        for name in PAGES:
            address = base + urllib.parse.quote(paths[name], safe="/?=&")
            check(address, cookie)
            found[name] = {"path": paths[name], **wrk(address, cookie, args)}
            print(name, found[name], flush=True)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
        if not args.keep:
            page_bench.drop(url)
    base_rps = found["healthz"]["rps"] or 1
    for figures in found.values():
        figures["share_of_healthz"] = round(figures["rps"] / base_rps, 2)
    return {
        "claims": args.claims,
        "wrk": f"-t{args.threads} -c{args.connections} -d{args.duration}s",
        "gunicorn": "gunicorn.conf.py defaults (PostgreSQL: 2 x cores + 1 processes, 2 threads)",
        "pages": found,
    }


def table(result: dict) -> str:
    """Return the figures as a markdown table."""
    lines = [
        "| page | requests/s | share of /healthz | p50 ms | p99 ms | errors |",
        "|---|---|---|---|---|---|",
    ]
    for name, f in result["pages"].items():
        lines.append(
            f"| {name} | {f['rps']:.0f} | {f['share_of_healthz']:.2f} | {f['p50']} | "
            f"{f['p99']} | {f['errors']} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--quick", action="store_true", help="10k claims, 3 s a page")
    parser.add_argument("--keep", action="store_true", help="reuse and keep the database")
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--postgres-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/bench_pages"
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install wrk")
    if args.quick:
        args.claims, args.duration = 10_000, 3
    result = run(args)
    result["machine"] = f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs"
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(table(result))


if __name__ == "__main__":
    main()
