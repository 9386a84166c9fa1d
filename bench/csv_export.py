"""Benchmark: memory and speed of the CSV export of 100,000 published verdicts.

    make bench-csv      # or: .venv/bin/python -m bench.csv_export [--rows N] [--database-url URL]

The requirement: a CSV of 100k verdicts streams without the process growing past 200 MB.

A new database (a temporary SQLite file; with --database-url postgresql+psycopg://..., a scratch
database created next to the one named and dropped afterwards, never its tables) is built with the
migrations and filled with Core `insert()` executemany: published Thai claims (~150 characters),
one article appearance each (four claims to an article) and a published verdict with a rating.

Each export runs in a fresh subprocess, pinned to one CPU core, that only opens that database, so
seeding never counts in its peak RSS (VmHWM, see `rss_mb`):
  route  a signed-in viewer GETs /exports/claims.csv with the test client, unbuffered; the chunks
         are counted and hashed, never kept;
  cli    `flask export csv FILE`, run with Flask's CLI runner.
Each is warmed up first (the route: 1,000 rows; the CLI: a whole export to /dev/null); then the
high-water mark restarts and the export is measured. Both run over a database of a tenth of the
rows, then of all of them: memory that does not grow with the rows gives a peak ratio of ~1.
The speed baseline, timed in the same process afterwards, is `csv.writer` writing the same number
of rows (1,000 real export rows, cycled) to /dev/null.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import itertools
import json
import os
import platform
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime, timedelta
from pathlib import Path

import flask_migrate
import sqlalchemy as sa

from app import create_app
from app.config import TestingConfig
from app.extensions import db
from app.models import Appearance, Article, Claim, ClaimStatus, Rating, Role, Verdict, VerdictState
from app.services import accounts, exporting
from app.services.actors import SYSTEM
from app.services.extraction import text_key

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
VIEWER = "csv-bench-viewer@example.org"
PASSWORD = "csv bench viewer password"
CLAIMS_PER_ARTICLE = 4
CHUNK = 5000
SAMPLE = 1000
MAX_RSS_MB = 200
BOM = "\ufeff".encode()
CSRF_INPUT = re.compile(
    r'name="csrf_token" type="hidden" value="([^"]+)"|'
    r'type="hidden" name="csrf_token" value="([^"]+)"'
)

CLAIMANTS = (
    "นายกรัฐมนตรี",
    "โฆษกรัฐบาล",
    "รัฐมนตรีว่าการกระทรวงพาณิชย์",
    "ผู้ว่าราชการจังหวัดเชียงใหม่",
    "ส.ส. พรรคฝ่ายค้าน",
    "อธิบดีกรมควบคุมโรค",
    "ผู้ว่าการธนาคารแห่งประเทศไทย",
    "เพจข่าวสุขภาพบนเฟซบุ๊ก",
    "ผู้สมัครผู้ว่าฯ กรุงเทพมหานคร",
    "นายกสมาคมผู้ส่งออกข้าวไทย",
)
TOPICS = (
    "ราคาน้ำมันดีเซล",
    "อัตราการว่างงาน",
    "จำนวนผู้ป่วยไข้เลือดออก",
    "ค่าฝุ่น PM2.5",
    "จำนวนนักท่องเที่ยวต่างชาติ",
    "หนี้ครัวเรือน",
    "ราคาข้าวหอมมะลิ",
    "ผลผลิตทุเรียน",
    "ค่าแรงขั้นต่ำ",
    "มูลค่าการส่งออกยางพารา",
    "จำนวนผู้ใช้รถไฟฟ้า",
    "ปริมาณน้ำในเขื่อนภูมิพล",
)
PLACES = (
    "ในกรุงเทพมหานคร",
    "ในภาคตะวันออกเฉียงเหนือ",
    "ทั่วประเทศ",
    "ในจังหวัดภูเก็ต",
    "ในภาคใต้",
    "ในจังหวัดขอนแก่น",
    "ในเขตเศรษฐกิจพิเศษภาคตะวันออก",
)
CHANGES = ("เพิ่มขึ้น", "ลดลง", "พุ่งสูงขึ้น", "ปรับตัวลดลง")
PERIODS = (
    "เมื่อเทียบกับช่วงเดียวกันของปีที่แล้ว",
    "นับตั้งแต่ต้นปี",
    "ภายในเวลาเพียงหกเดือน",
    "ในรอบสิบปีที่ผ่านมา",
    "หลังรัฐบาลออกมาตรการกระตุ้นเศรษฐกิจ",
)
OUTCOMES = (
    "ซึ่งเป็นผลงานของรัฐบาลชุดนี้",
    "และจะส่งผลกระทบต่อประชาชนทุกครัวเรือน",
    "โดยไม่มีหน่วยงานใดออกมาชี้แจง",
    "ตามตัวเลขของหน่วยงานรัฐที่เผยแพร่ล่าสุด",
)
SOURCES = ("สำนักงานสถิติแห่งชาติ", "กรมควบคุมโรค", "กรมการค้าภายใน", "กรมอุตุนิยมวิทยา")
OUTLETS = ("ไทยรัฐ", "มติชน", "ประชาชาติธุรกิจ", "ไทยพีบีเอส", "กรุงเทพธุรกิจ")


def rss_mb() -> float:
    """Return this process's peak resident set size in MiB.

    Linux: VmHWM, the peak of this process's own memory. ru_maxrss is not used there: it keeps
    the peak of the process that started this one (the seeding parent) across fork and exec.
    """
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return int(re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE).group(1)) / 1024


def reset_peak() -> float:
    """Return the peak RSS so far in MiB, then restart the high-water mark from the current RSS.

    Linux restarts it when "5" is written to /proc/self/clear_refs; elsewhere the mark stays and
    an export's growth is only seen above the earlier peak.
    """
    peak = rss_mb()
    with suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")
    return peak


def claim_text(rng: random.Random) -> str:
    """Return a Thai claim of about 150 characters, varied in topic, place and figures."""
    return (
        f"{rng.choice(TOPICS)}{rng.choice(PLACES)}{rng.choice(CHANGES)}"
        f"ถึงร้อยละ {rng.uniform(1, 60):.1f} {rng.choice(PERIODS)} "
        f"คิดเป็นเงินราว {rng.randrange(100, 90000):,} ล้านบาท {rng.choice(OUTCOMES)}"
    )


def seed(connection: sa.Connection, start: int, count: int, author_id: int) -> list[int]:
    """Insert `count` published claims after id `start`; return the claims' text lengths."""
    ratings = connection.scalars(sa.select(Rating.id).order_by(Rating.id)).all()
    rng = random.Random(start)
    lengths = []
    first_article = start // CLAIMS_PER_ARTICLE
    for chunk_start in range(start, start + count, CHUNK):
        ids = range(chunk_start + 1, min(chunk_start + CHUNK, start + count) + 1)
        claims, articles, appearances, verdicts = [], [], [], []
        for first in range(0, len(ids), CLAIMS_PER_ARTICLE):
            group = ids[first : first + CLAIMS_PER_ARTICLE]
            article_id = first_article + len(articles) + 1
            published = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=article_id)
            outlet = rng.choice(OUTLETS)
            body = f"{outlet} {published:%Y-%m-%d} — "
            for claim_id in group:
                text = claim_text(rng)
                lengths.append(len(text))
                begin, body = len(body), body + text + " "
                claims.append(
                    {
                        "id": claim_id,
                        "text": text,
                        "text_key": text_key(text),
                        "claimant": rng.choice(CLAIMANTS),
                        "claim_date": published.date(),
                        "language": "th",
                        "score": round(rng.uniform(0.3, 0.99), 2),
                        "reasons": {},
                        "status": ClaimStatus.PUBLISHED,
                    }
                )
                appearances.append(
                    {
                        "id": claim_id,
                        "claim_id": claim_id,
                        "article_id": article_id,
                        "start": begin,
                        "end": begin + len(text),
                        "sentence": text,
                    }
                )
                verdicts.append(
                    {
                        "id": claim_id,
                        "claim_id": claim_id,
                        "number": 1,
                        "rating_id": rng.choice(ratings),
                        "conclusion": f"ข้อมูลของ{rng.choice(SOURCES)}ไม่ตรงกับที่อ้าง: ตัวเลขจริง"
                        f"{rng.choice(CHANGES)}ร้อยละ {rng.uniform(0.1, 9):.1f} เท่านั้น",
                        "state": VerdictState.PUBLISHED,
                        "author_id": author_id,
                        "approver_id": author_id,
                        "published_at": published + timedelta(days=3),
                    }
                )
            body += f"รายงานโดยกองบรรณาธิการ ข่าวหมายเลข {article_id}"
            url = f"https://news.example.co.th/{published:%Y/%m}/{article_id}"
            articles.append(
                {
                    "id": article_id,
                    "url": url,
                    "canonical_url": url,
                    "title": body[:80],
                    "outlet": outlet,
                    "published_on": published.date(),
                    "language": "th",
                    "body": body,
                    "body_sha256": hashlib.sha256(body.encode("utf-8")).hexdigest(),
                }
            )
        first_article += len(articles)
        for table, rows in (
            (Claim, claims),
            (Article, articles),
            (Appearance, appearances),
            (Verdict, verdicts),
        ):
            connection.execute(sa.insert(table.__table__), rows)
        connection.commit()
    return lengths


@contextmanager
def scratch_database(url: str | None) -> Iterator[str]:
    """Yield the URL of a new, empty database; remove it afterwards.

    SQLite: a file in a temporary directory. PostgreSQL: a database created on the same server
    as `url` (whose own tables are never touched) and dropped at the end.
    """
    if not url or url.startswith("sqlite"):
        with tempfile.TemporaryDirectory(prefix="satja-csv-bench-") as folder:
            yield "sqlite:///" + str(Path(folder) / "bench.db")
        return
    given = sa.make_url(url)
    name = f"{given.database}_csv_bench_{os.getpid()}"
    admin = sa.create_engine(given, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield given.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            force = " WITH (FORCE)" if admin.dialect.server_version_info >= (13,) else ""
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"{force}')
        admin.dispose()


def export_route(app, rows: int) -> dict[str, object]:
    """Stream the CSV through /exports/claims.csv as a signed-in viewer; keep no chunk."""
    client = app.test_client()
    html = client.get("/login").get_data(as_text=True)
    token = next(m.group(1) or m.group(2) for m in CSRF_INPUT.finditer(html))
    form = {"email": VIEWER, "password": PASSWORD, "csrf_token": token}
    assert client.post("/login", data=form).status_code == 302, "sign-in failed"
    warm = client.get("/exports/claims.csv", buffered=False)  # code paths and caches loaded
    for _ in zip(range(SAMPLE), warm.response, strict=False):
        pass
    warm.close()
    earlier = reset_peak()
    before = rss_mb()
    at_tenth = first_row = None
    digest, size, chunks = hashlib.sha256(), 0, 0
    started = time.perf_counter()
    response = client.get("/exports/claims.csv", buffered=False)
    assert response.status_code == 200 and response.is_streamed
    for chunk in response.response:
        if chunks == 1:  # the database's work before its first row (SQLite: the subqueries)
            first_row = time.perf_counter() - started
        elif chunks == 0:
            assert chunk.startswith(BOM), "no BOM"
        digest.update(chunk)
        size += len(chunk)
        chunks += 1
        if chunks == rows // 10 + 1:
            at_tenth = rss_mb()
    response.close()
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "rss_earlier_peak_mb": earlier,
        "rss_before_mb": before,
        "rss_peak_mb": rss_mb(),
        "rss_at_tenth_mb": at_tenth,
        "first_row_seconds": first_row,
        "rows": chunks - 1,  # one chunk per row after the BOM and header
        "bytes": size,
        "sha256": digest.hexdigest(),
    }


def export_cli(app, rows: int, out: str) -> dict[str, object]:
    """Write the CSV to a file with `flask export csv FILE`."""
    runner = app.test_cli_runner()
    result = runner.invoke(args=["export", "csv", os.devnull])  # warm up
    assert result.exit_code == 0, result.output
    earlier = reset_peak()
    before = rss_mb()
    started = time.perf_counter()
    result = runner.invoke(args=["export", "csv", out])
    seconds = time.perf_counter() - started
    peak = rss_mb()
    assert result.exit_code == 0, result.output
    with open(out, "rb") as file:
        digest = hashlib.file_digest(file, "sha256")
    return {
        "seconds": seconds,
        "rss_earlier_peak_mb": earlier,
        "rss_before_mb": before,
        "rss_peak_mb": peak,
        "rss_at_tenth_mb": None,
        "first_row_seconds": None,
        "rows": int(result.output.split()[0]),
        "bytes": os.path.getsize(out),
        "sha256": digest.hexdigest(),
    }


def csv_writer_seconds(app, rows: int) -> float:
    """The baseline: csv.writer writing `rows` rows (real ones, cycled) to /dev/null."""
    with app.app_context():
        sample = list(itertools.islice(exporting.csv_rows(db.session, SYSTEM), SAMPLE))
        db.session.remove()
    times = []
    for _ in range(3):
        with open(os.devnull, "w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, lineterminator="\r\n")
            started = time.perf_counter()
            writer.writerows(itertools.islice(itertools.cycle(sample), rows))
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def child(path: str, url: str, rows: int, out: str) -> None:
    """Run one export in this fresh process and print its figures as JSON."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    app = create_app(TestingConfig, database_url=url)
    figures = export_route(app, rows) if path == "route" else export_cli(app, rows, out)
    figures["csv_writer_seconds"] = csv_writer_seconds(app, rows)
    print(json.dumps(figures))


def measure(path: str, url: str, rows: int, out: str) -> dict[str, object]:
    """Run one export in a subprocess and return its figures."""
    command = [sys.executable, "-m", "bench.csv_export", "--child", path]
    command += ["--database-url", url, "--rows", str(rows), "--out", out]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"{path} export failed:\n{done.stderr}")
    figures = json.loads(done.stdout.splitlines()[-1])
    assert figures["rows"] == rows, f"{path}: {figures['rows']} rows, not {rows}"
    return figures


def check_file(out: str, rows: int) -> None:
    """Check that the CSV file has the BOM, the header and one record per claim."""
    with open(out, encoding="utf-8", newline="") as file:
        assert file.read(1) == "\ufeff", "no BOM"
        records = sum(1 for _ in csv.reader(file))
    assert records == rows + 1, f"{records} CSV records, not {rows} + header"


def run(rows: int, database_url: str | None) -> dict[str, object]:
    """Seed a tenth of the rows and export, then the rest and export again; return the figures."""
    sizes = (rows // 10, rows)
    results: dict[int, dict[str, dict]] = {}
    with scratch_database(database_url) as url, tempfile.TemporaryDirectory() as folder:
        app = create_app(TestingConfig, database_url=url)
        with app.app_context():
            flask_migrate.upgrade()
            viewer = accounts.NewUser(email=VIEWER, password=PASSWORD, role=Role.VIEWER)
            editor = accounts.NewUser("csv-bench-editor@example.org", PASSWORD, Role.EDITOR)
            accounts.create_user(db.session, SYSTEM, viewer)
            author_id = accounts.create_user(db.session, SYSTEM, editor).id
            db.session.commit()
            db.session.remove()
            seeded, lengths, seed_seconds = 0, [], 0.0
            for size in sizes:
                started = time.perf_counter()
                with db.engine.connect() as connection:
                    lengths += seed(connection, seeded, size - seeded, author_id)
                seed_seconds += time.perf_counter() - started
                seeded = size
                db.engine.dispose()
                out = str(Path(folder) / f"claims-{size}.csv")
                results[size] = {
                    "route": measure("route", url, size, out),
                    "cli": measure("cli", url, size, out),
                }
                check_file(out, size)
                same = results[size]["route"]["sha256"] == results[size]["cli"]["sha256"]
                assert same, "the route and the CLI wrote different CSV"
            db.engine.dispose()
    small, full = results[sizes[0]], results[rows]
    figures: dict[str, object] = {
        "rows": rows,
        "database": sa.make_url(url).get_backend_name(),
        "mean_claim_chars": round(sum(lengths) / len(lengths)),
        "seed_rows_per_s": round(rows / seed_seconds),
        "csv_mb": round(full["cli"]["bytes"] / 2**20, 1),
        "bom_and_row_count": "ok",
    }
    for path in ("route", "cli"):
        ours, smaller = full[path], small[path]
        figures |= {
            f"{path}_rows_per_s": round(rows / ours["seconds"]),
            f"{path}_ratio_to_csv_writer": round(ours["seconds"] / ours["csv_writer_seconds"], 2),
            f"{path}_process_peak_rss_mb": round(
                max(ours["rss_peak_mb"], ours["rss_earlier_peak_mb"]), 1
            ),
            f"{path}_rss_at_start_mb": round(ours["rss_before_mb"], 1),
            f"{path}_export_peak_rss_mb": round(ours["rss_peak_mb"], 1),
            f"{path}_growth_mb": round(ours["rss_peak_mb"] - ours["rss_before_mb"], 1),
            f"{path}_growth_mb_{sizes[0]}_rows": round(
                smaller["rss_peak_mb"] - smaller["rss_before_mb"], 1
            ),
            f"{path}_peak_ratio_{rows}_to_{sizes[0]}": round(
                ours["rss_peak_mb"] / smaller["rss_peak_mb"], 3
            ),
        }
    figures["route_growth_mb_after_tenth_of_rows"] = round(
        full["route"]["rss_peak_mb"] - full["route"]["rss_at_tenth_mb"], 1
    )
    figures["route_first_row_s"] = round(full["route"]["first_row_seconds"], 2)
    figures[f"route_first_row_s_{sizes[0]}_rows"] = round(small["route"]["first_row_seconds"], 2)
    figures |= {
        "csv_writer_rows_per_s": round(rows / full["cli"]["csv_writer_seconds"]),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs (1 used)",
        "python": platform.python_version(),
        "sqlalchemy": sa.__version__,
    }
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument(
        "--database-url",
        default=None,
        help="SQLite (default: a temporary file) or a PostgreSQL server's database URL; "
        "a scratch database is created on that server and dropped afterwards",
    )
    parser.add_argument("--child", choices=("route", "cli"), help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.database_url, args.rows, args.out)
        return
    figures = run(args.rows, args.database_url)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "csv_export.json").write_text(json.dumps(figures, indent=2))
    for key, value in figures.items():
        print(f"{key:>36}: {value}")
    tenth = args.rows // 10
    goals = all(
        figures[f"{path}_process_peak_rss_mb"] < MAX_RSS_MB
        and figures[f"{path}_peak_ratio_{args.rows}_to_{tenth}"] <= 1.1
        for path in ("route", "cli")
    )
    print(f"{f'goals (< {MAX_RSS_MB} MB, ratio <= 1.1)':>36}: {'met' if goals else 'NOT met'}")


if __name__ == "__main__":
    main()
