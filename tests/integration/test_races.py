"""Concurrent requests on one object: exactly one winner, the others 412 or 409, never a 500.

These run real transactions in threads, so they use a database of their own: a new SQLite
file, or on PostgreSQL a schema of the test database (`races`), dropped afterwards.
"""

from __future__ import annotations

import os
import threading
from collections import Counter

import flask_migrate
import pytest
import sqlalchemy as sa

from app import config, create_app
from app.extensions import db
from app.models import AuditEvent, Verdict
from tests.factories import make_token
from tests.own_database import own_database

pytestmark = pytest.mark.own_database

TEXT = (
    "นายสมชาย ใจดี อธิบดีกรมควบคุมโรค กล่าวว่า ปีนี้พบผู้ป่วย 1,200 ราย มากที่สุดในรอบ 5 ปี\n"
    "กระทรวงการคลังรายงานว่าหนี้สาธารณะอยู่ที่ร้อยละ 64 ของจีดีพี"
)
SCHEMA = "races"


@pytest.fixture(scope="module")
def race_app(tmp_path_factory):
    with own_database(tmp_path_factory, SCHEMA) as url:
        app = create_app(config.TestingConfig, database_url=url)
        with app.app_context():
            flask_migrate.upgrade()
        yield app
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def _headers(app, role: str) -> dict[str, str]:
    with app.app_context():
        _, token = make_token(db.session, role)
        db.session.remove()
    return {"Authorization": f"Bearer {token}"}


def _at_once(app, calls) -> Counter:
    """Send every call (client -> response) from its own thread at the same moment."""
    start, statuses, lock = threading.Barrier(len(calls)), Counter(), threading.Lock()

    def run(call):
        client = app.test_client()
        start.wait()
        status = call(client).status_code
        with lock:
            statuses[status] += 1

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def _new_claim(app, checker) -> int:
    client = app.test_client()
    text = f"{TEXT} {os.urandom(4).hex()}"  # a new article (and claims) each time
    response = client.post("/api/v1/articles", json={"text": text}, headers=checker)
    assert response.status_code == 201, response.get_json()
    claim_id = client.get("/api/v1/claims?status=candidate", headers=checker).get_json()
    claim_id = claim_id["items"][0]["id"]
    accepted = client.patch(
        f"/api/v1/claims/{claim_id}",
        json={"status": "accepted"},
        headers={**checker, "If-Match": "1"},
    )
    assert accepted.status_code == 200
    return claim_id


def _in_review(app, checker, claim_id: int | None = None) -> tuple[int, int]:
    client, claim_id = app.test_client(), claim_id or _new_claim(app, checker)
    client.post(f"/api/v1/claims/{claim_id}/sources", json={"title": "รายงาน"}, headers=checker)
    verdict = client.post(
        f"/api/v1/claims/{claim_id}/verdicts",
        json={"rating": "true", "conclusion": "จริง"},
        headers=checker,
    ).get_json()
    submitted = client.post(f"/api/v1/verdicts/{verdict['id']}/submit", headers=checker)
    assert submitted.status_code == 200
    return verdict["id"], submitted.get_json()["version"]


def _audits(app, action: str, object_id: int) -> int:
    with app.app_context():
        count = db.session.scalar(
            sa.select(sa.func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.action == action, AuditEvent.object_id == str(object_id))
        )
        db.session.remove()
    return count


def _approved(app, checker, claim_id: int | None = None) -> int:
    """Return a verdict approved by an editor (not yet published)."""
    verdict_id, _version = _in_review(app, checker, claim_id)
    approver = _headers(app, "editor")
    approved = app.test_client().post(f"/api/v1/verdicts/{verdict_id}/approve", headers=approver)
    assert approved.status_code == 200
    return verdict_id


def _published(app, checker) -> tuple[int, int]:
    """Return a claim with a published verdict, and that verdict."""
    claim_id = _new_claim(app, checker)
    verdict_id = _approved(app, checker, claim_id)
    editor = _headers(app, "editor")
    published = app.test_client().post(f"/api/v1/verdicts/{verdict_id}/publish", headers=editor)
    assert published.status_code == 200, published.get_json()
    return claim_id, verdict_id


def _claim_audits(app, action: str, claim_id: int) -> int:
    """Count the events of an action on any verdict of the claim."""
    with app.app_context():
        ids = db.session.scalars(sa.select(Verdict.id).where(Verdict.claim_id == claim_id)).all()
        db.session.remove()
    return sum(_audits(app, action, each) for each in ids)


def _verdicts(app, claim_id: int) -> int:
    with app.app_context():
        count = db.session.scalar(
            sa.select(sa.func.count()).select_from(Verdict).where(Verdict.claim_id == claim_id)
        )
        db.session.remove()
    return count


def test_twenty_parallel_patches_on_one_version(race_app):
    checker = _headers(race_app, "checker")
    claim_id = _new_claim(race_app, checker)
    headers = {**checker, "If-Match": '"2"'}
    calls = [
        lambda c, n=n: c.patch(
            f"/api/v1/claims/{claim_id}", json={"claimant": f"ผู้พูด {n}"}, headers=headers
        )
        for n in range(20)
    ]
    assert _at_once(race_app, calls) == Counter({200: 1, 412: 19})
    assert _audits(race_app, "claim.edit", claim_id) == 1


def test_two_approvals_at_once(race_app):
    verdict_id, _version = _in_review(race_app, _headers(race_app, "checker"))
    editors = [_headers(race_app, "editor") for _ in range(2)]
    calls = [
        lambda c, h=h: c.post(f"/api/v1/verdicts/{verdict_id}/approve", headers=h) for h in editors
    ]
    statuses = _at_once(race_app, calls)
    assert statuses[200] == 1 and statuses[409] + statuses[412] == 1, statuses
    assert _audits(race_app, "verdict.approve", verdict_id) == 1


def test_approve_and_send_back_at_once(race_app):
    # Both editors act on the version they saw: one wins, the other learns it changed. (Without
    # If-Match, approve then send-back is a legitimate sequence, and both would succeed.)
    verdict_id, version = _in_review(race_app, _headers(race_app, "checker"))
    first, second = (_headers(race_app, "editor") | {"If-Match": str(version)} for _ in range(2))
    calls = [
        lambda c: c.post(f"/api/v1/verdicts/{verdict_id}/approve", headers=first),
        lambda c: c.post(
            f"/api/v1/verdicts/{verdict_id}/send-back",
            json={"comment": "ตรวจอีกครั้ง"},
            headers=second,
        ),
    ]
    statuses = _at_once(race_app, calls)
    assert statuses[200] == 1 and statuses[409] + statuses[412] == 1, statuses
    decided = _audits(race_app, "verdict.approve", verdict_id) + _audits(
        race_app, "verdict.send_back", verdict_id
    )
    assert decided == 1


def test_two_drafts_at_once(race_app):
    checker = _headers(race_app, "checker")
    claim_id = _new_claim(race_app, checker)
    others = [_headers(race_app, "checker") for _ in range(2)]
    calls = [
        lambda c, h=h: c.post(
            f"/api/v1/claims/{claim_id}/verdicts",
            json={"rating": "true", "conclusion": "จริง"},
            headers=h,
        )
        for h in others
    ]
    statuses = _at_once(race_app, calls)
    assert statuses[201] == 1 and statuses[409] + statuses[412] == 1, statuses
    assert _verdicts(race_app, claim_id) == 1
    assert _claim_audits(race_app, "verdict.draft", claim_id) == 1


def test_two_publishes_at_once(race_app):
    verdict_id = _approved(race_app, _headers(race_app, "checker"))
    editors = [_headers(race_app, "editor") for _ in range(2)]
    calls = [
        lambda c, h=h: c.post(f"/api/v1/verdicts/{verdict_id}/publish", headers=h) for h in editors
    ]
    statuses = _at_once(race_app, calls)
    assert statuses[200] == 1 and statuses[409] + statuses[412] == 1, statuses
    assert _audits(race_app, "verdict.publish", verdict_id) == 1


def test_two_corrections_at_once(race_app):
    claim_id, _verdict_id = _published(race_app, _headers(race_app, "checker"))
    checkers = [_headers(race_app, "checker") for _ in range(2)]
    calls = [
        lambda c, h=h, n=n: c.post(
            f"/api/v1/claims/{claim_id}/corrections",
            json={"rating": "false", "conclusion": "ไม่จริง", "correction_note": f"แก้ไข {n}"},
            headers=h,
        )
        for n, h in enumerate(checkers)
    ]
    statuses = _at_once(race_app, calls)
    assert statuses[201] == 1 and statuses[409] + statuses[412] == 1, statuses
    assert _verdicts(race_app, claim_id) == 2  # the published version and one correction
    assert _claim_audits(race_app, "verdict.correct", claim_id) == 1
