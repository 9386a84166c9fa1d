"""A bulk import killed mid-way is shown as interrupted, and resumes with no duplicates or is
cancelled; a running import stops at its next step when cancelled."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.database import utcnow
from app.models import Article, AuditEvent, Claim, Job, JobStatus
from app.services import bulk, jobs
from tests.factories import make_user

LINES = 60


@pytest.fixture(autouse=True)
def _batches_by_count(monkeypatch):
    """Commit every COMMIT_EVERY lines only: the commit at least every COMMIT_SECONDS would
    move the checkpoints these tests stop at on a slow or busy machine."""
    monkeypatch.setattr(bulk, "COMMIT_SECONDS", 3600.0)


def _feed(count: int = LINES) -> str:
    rows = (
        {"title": f"ข่าว {i}", "text": f"ข่าวที่ {i}: กรมควบคุมโรครายงานว่าพบผู้ป่วยสะสม {i} ราย"}
        for i in range(count)
    )
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


class Killed(BaseException):
    """What a kill -9 looks like from inside: nothing after it runs (not even `except`)."""


def _killed_after_first_batch(db_session, monkeypatch, user) -> Job:
    """Start an import and 'kill' its runner right after its first committed batch."""
    job = jobs.create_job(db_session, user, "import", "feed.jsonl", _feed())
    db_session.commit()

    def die(job, started_at):
        raise Killed

    monkeypatch.setattr(jobs, "checkpoint", die)
    with pytest.raises(Killed):
        bulk.run_job(job.id)
    monkeypatch.undo()
    db_session.rollback()
    job = db_session.get(Job, job.id)
    assert (job.status, job.processed) == (JobStatus.RUNNING, bulk.COMMIT_EVERY)
    job.heartbeat_at = utcnow() - timedelta(hours=1)  # its runner has been gone an hour
    db_session.commit()
    return job


def _count(db_session, model) -> int:
    return db_session.scalar(sa.select(sa.func.count()).select_from(model))


def test_a_killed_import_is_interrupted_and_resumes_without_duplicates(
    signed_in, auth, client, db_session, monkeypatch
):
    user = signed_in("checker")
    job = _killed_after_first_batch(db_session, monkeypatch, user)
    page = client.get(f"/imports/{job.id}").get_data(as_text=True)
    assert "Interrupted" in page and "Resume the import" in page and "Cancel the import" in page
    status = client.get(f"/imports/{job.id}.json").get_json()
    assert status["status"] == "interrupted" and status["done"]
    response = auth.post(f"/imports/{job.id}/resume", {}, form_page=f"/imports/{job.id}")
    assert response.status_code == 302
    status = client.get(f"/imports/{job.id}.json").get_json()
    assert status["status"] == "finished" and status["processed"] == LINES
    assert status["counts"] == {"created": LINES}  # nothing imported twice
    assert _count(db_session, Article) == LINES
    keys = db_session.scalars(sa.select(Claim.text_key)).all()
    assert len(keys) == len(set(keys))
    actions = db_session.scalars(
        sa.select(AuditEvent.action).where(AuditEvent.object_type == "jobs").order_by(AuditEvent.id)
    ).all()
    assert actions == ["job.create", "job.interrupted", "job.resume"]


def test_an_interrupted_import_can_be_cancelled_and_then_not_resumed(
    signed_in, auth, client, db_session, monkeypatch
):
    user = signed_in("checker")
    job = _killed_after_first_batch(db_session, monkeypatch, user)
    client.get(f"/imports/{job.id}")
    response = auth.post(f"/imports/{job.id}/cancel", {}, form_page=f"/imports/{job.id}")
    assert response.status_code == 302
    db_session.expire_all()
    job = db_session.get(Job, job.id)
    assert job.status == JobStatus.CANCELLED and job.payload is None
    assert _count(db_session, Article) == bulk.COMMIT_EVERY  # what it stored stays
    response = auth.post(
        f"/imports/{job.id}/resume", {}, form_page="/articles/new", follow_redirects=True
    )
    assert "Only an interrupted or failed job can be tried again." in response.get_data(
        as_text=True
    )
    assert db_session.get(Job, job.id).status == JobStatus.CANCELLED


def test_a_running_import_stops_at_its_next_step_when_cancelled(db_session, monkeypatch):
    user = make_user(db_session, "checker")
    job = jobs.create_job(db_session, user, "import", "feed.jsonl", _feed())
    db_session.commit()
    record = jobs.progress

    def progress_then_cancel(job, processed, counts, failures):
        record(job, processed, counts, failures)
        jobs.cancel(db_session, user, job.id)  # as if the starter pressed Cancel meanwhile

    monkeypatch.setattr(jobs, "progress", progress_then_cancel)
    bulk.run_job(job.id)
    job = db_session.get(Job, job.id)
    assert (job.status, job.processed) == (JobStatus.CANCELLED, bulk.COMMIT_EVERY)
    assert _count(db_session, Article) == bulk.COMMIT_EVERY


def test_a_live_job_is_not_interrupted_and_others_cannot_control_it(
    signed_in, auth, client, db_session
):
    starter = make_user(db_session, "checker")
    job = jobs.create_job(db_session, starter, "import", "feed.jsonl", _feed(3))
    jobs.start(job, 3)
    db_session.commit()
    assert not jobs.is_stale(job, 300)
    assert jobs.is_stale(job, 300, now=utcnow() + timedelta(seconds=301))
    signed_in("checker")  # someone else
    response = auth.post(f"/imports/{job.id}/cancel", {}, form_page="/articles/new")
    assert response.status_code == 403
    assert db_session.get(Job, job.id).status == JobStatus.RUNNING
    auth.logout()
    signed_in("editor")  # an editor may follow and stop anyone's job
    assert "Running" in client.get(f"/imports/{job.id}").get_data(as_text=True)
    response = auth.post(f"/imports/{job.id}/cancel", {}, form_page=f"/imports/{job.id}")
    assert response.status_code == 302
    db_session.expire_all()
    assert db_session.get(Job, job.id).cancel_requested
