"""The embedded default holds a desk: 16 people reading and writing at once on SQLite, while a
background import writes, get no error (no "database is locked", no 503 from /healthz)."""

from __future__ import annotations

import json
import os
import re
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import flask_migrate
import pytest
import requests

from app import config, create_app
from app.extensions import db
from app.models import Role
from app.services import accounts
from app.services.actors import SYSTEM
from tests.loopback import serving

pytestmark = [
    pytest.mark.own_database,
    # It always runs on an SQLite file of its own: once per CI run is enough.
    pytest.mark.skipif(
        bool(os.environ.get("TEST_DATABASE_URL")), reason="SQLite's desk; run once, on SQLite"
    ),
]

PEOPLE, ROUNDS = 16, 2
PASSWORD = "a long enough test password"
TOKEN = re.compile(r'name="([\w-]*csrf_token)" type="hidden" value="([^"]+)"')


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    """A real server on an SQLite file, jobs in their own thread, the demo and 16 people."""
    db_file = tmp_path_factory.mktemp("desk") / "satja-desk.db"
    app = create_app(config.TestingConfig, database_url=f"sqlite:///{db_file}", SATJA_JOBS="thread")
    with app.app_context():
        flask_migrate.upgrade()
    app.test_cli_runner().invoke(args=["demo", "load"])
    with app.app_context():
        for i in range(PEOPLE):
            role = Role.EDITOR if i % 4 == 0 else Role.CHECKER
            given = accounts.NewUser(f"desk{i}@example.org", PASSWORD, role, f"คนที่ {i}")
            accounts.create_user(db.session, SYSTEM, given)
        db.session.commit()
    with serving(app) as url:
        yield url
    with app.app_context():
        db.engine.dispose()


def _token(html: str, name: str = "csrf_token") -> str | None:
    return next((value for field, value in TOKEN.findall(html) if field == name), None)


def _signed_in(base: str, email: str) -> requests.Session:
    person = requests.Session()
    token = _token(person.get(f"{base}/login").text)
    answer = person.post(
        f"{base}/login", data={"email": email, "password": PASSWORD, "csrf_token": token}
    )
    assert answer.ok and "/login" not in answer.url, answer.status_code
    return person


def _start_import(base: str, person: requests.Session) -> str:
    """Start a bulk import of 120 articles: its job writes while everyone works. Return the
    address of its progress."""
    lines = [
        json.dumps(
            {
                "title": f"ข่าวโหลด {i}",
                "text": f"กรมควบคุมโรครายงานว่าพบผู้ป่วย {i * 13} ราย เพิ่มขึ้นร้อยละ {i % 30} ในสัปดาห์ที่ {i}",
            },
            ensure_ascii=False,
        )
        for i in range(120)
    ]
    page = person.get(f"{base}/articles/new").text
    answer = person.post(
        f"{base}/articles/bulk",
        data={"bulk-csrf_token": _token(page, "bulk-csrf_token")},
        files={"bulk-file": ("feed.jsonl", "\n".join(lines).encode("utf-8"))},
    )
    assert answer.ok and "/imports/" in answer.url
    return answer.url + ".json"


def _finished(person: requests.Session, progress: str) -> dict:
    """Follow the import to its end, as its page does (bounded: it never hangs the suite)."""
    for _ in range(600):
        job = person.get(progress).json()
        if job["done"]:
            return job
        threading.Event().wait(0.1)
    raise AssertionError(f"the import did not finish: {job}")


def _work(base: str, index: int, imports: list) -> Counter:
    """Sign in, then read the desk's pages and comment on a claim, a few rounds over."""
    statuses: Counter = Counter()
    person = _signed_in(base, f"desk{index}@example.org")
    if index == 0:
        imports.append((person, _start_import(base, person)))
    for round_ in range(ROUNDS):
        # The article's PDF takes a second or more to render: a reader holding the write lock
        # that long would keep every writer waiting past the busy timeout.
        paths = ("/queue", "/claims", "/search?q=เกาหลี", "/reports/articles/1.pdf")
        for path in paths:
            statuses[person.get(base + path).status_code] += 1
        claim_page = person.get(f"{base}/claims/1")
        statuses[claim_page.status_code] += 1
        token = _token(claim_page.text, "comment-csrf_token")
        if token is None:  # an error page: counted above
            continue
        answer = person.post(
            f"{base}/claims/1/comments",
            data={
                "comment-body": f"ความเห็นที่ {round_} ของคนที่ {index}",
                "comment-csrf_token": token,
            },
            allow_redirects=False,
        )
        statuses[answer.status_code] += 1
        statuses[requests.get(f"{base}/healthz").status_code] += 1
    return statuses


def test_sixteen_people_at_once_get_no_error_while_a_job_writes(desk):
    imports: list = []
    with ThreadPoolExecutor(max_workers=PEOPLE) as pool:
        results = list(pool.map(lambda i: _work(desk, i, imports), range(PEOPLE)))
    # The import wrote all along and ends with every article stored (and no job thread is
    # left writing into the next tests).
    job = _finished(*imports[0])
    assert job["status"] == "finished" and job["counts"].get("created") == 120, job
    total = sum(results, Counter())
    errors = {status: n for status, n in total.items() if status >= 400}
    assert errors == {}, total
    assert total[302] == PEOPLE * ROUNDS  # every comment saved
    assert sum(total.values()) == PEOPLE * ROUNDS * 7
