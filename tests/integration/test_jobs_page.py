"""The jobs page lists background work with its state; Retry and Cancel act on it; a job that
fails for a passing reason is retried with its attempts counted, and fails for good after the
last one."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import OperationalError

from app import jobs as runner
from app.models import Article, Job, JobStatus
from app.services import bulk, ingest, jobs
from tests.factories import make_user


def _feed(count: int = 3) -> str:
    rows = ({"title": f"ข่าว {i}", "text": f"ข่าวที่ {i}: พบผู้ป่วยสะสม {i} ราย"} for i in range(count))
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def _flaky_ingest(monkeypatch, failures: int) -> list[int]:
    """Make ingestion raise a dropped-connection error the first `failures` times."""
    calls = [0]
    real = ingest.ingest

    def flaky(*args, **kwargs):
        calls[0] += 1
        if calls[0] <= failures:
            raise OperationalError("INSERT", {}, Exception("server closed the connection"))
        return real(*args, **kwargs)

    monkeypatch.setattr(ingest, "ingest", flaky)
    return calls


def _import(db_session, user, count: int = 3) -> Job:
    job = jobs.create_job(db_session, user, "import", "feed.jsonl", _feed(count))
    db_session.commit()
    return job


def test_a_passing_failure_is_retried_and_the_job_finishes(app, db_session, monkeypatch):
    user = make_user(db_session, "checker")
    job = _import(db_session, user)
    _flaky_ingest(monkeypatch, failures=2)
    with app.test_request_context():
        runner.enqueue(bulk.JOB_TARGET, job.id)
    db_session.expire_all()
    job = db_session.get(Job, job.id)
    assert (job.status, job.attempts, job.counts) == (JobStatus.FINISHED, 3, {"created": 3})
    assert db_session.scalar(sa.select(sa.func.count()).select_from(Article)) == 3


def test_after_the_last_retry_the_job_fails_with_its_reason_and_can_be_retried(
    app, db_session, monkeypatch, signed_in, auth, client
):
    user = signed_in("checker")
    job = _import(db_session, user)
    retries = len(app.config["SATJA_JOB_RETRIES"])
    _flaky_ingest(monkeypatch, failures=retries + 1)
    with app.test_request_context():
        runner.enqueue(bulk.JOB_TARGET, job.id)
    db_session.expire_all()
    job = db_session.get(Job, job.id)
    assert (job.status, job.attempts) == (JobStatus.FAILED, retries + 1)
    assert "OperationalError" in job.error and job.payload is not None
    page = client.get("/jobs").get_data(as_text=True)
    assert "feed.jsonl" in page and "Failed" in page and "OperationalError" in page
    assert f"/jobs/{job.id}/retry" in page
    # The database is back: Retry runs the import again.
    response = auth.post(f"/jobs/{job.id}/retry", {}, form_page="/jobs", follow_redirects=True)
    assert "The job is queued again." in response.get_data(as_text=True)
    db_session.expire_all()
    job = db_session.get(Job, job.id)
    assert (job.status, job.counts, job.payload) == (JobStatus.FINISHED, {"created": 3}, None)


def test_a_retry_takes_over_the_job_its_killed_attempt_left_running(db_session, monkeypatch):
    user = make_user(db_session, "checker")
    job = _import(db_session, user)
    job.status, job.attempts = JobStatus.RUNNING, 1  # its worker was killed mid-job
    db_session.commit()
    bulk.run_job(job.id)  # a second delivery that is not a retry leaves it alone
    db_session.expire_all()
    assert db_session.get(Job, job.id).status == JobStatus.RUNNING
    monkeypatch.setattr(runner, "retrying", lambda: True)
    bulk.run_job(job.id)
    db_session.expire_all()
    job = db_session.get(Job, job.id)
    assert (job.status, job.attempts, job.counts) == (JobStatus.FINISHED, 2, {"created": 3})


def test_cancel_from_the_jobs_page(db_session, signed_in, auth, client):
    user = signed_in("checker")
    job = _import(db_session, user)  # queued, never started
    page = client.get("/jobs").get_data(as_text=True)
    assert f"/jobs/{job.id}/cancel" in page and "Waiting to start" in page
    response = auth.post(f"/jobs/{job.id}/cancel", {}, form_page="/jobs", follow_redirects=True)
    assert "The job is cancelled" in response.get_data(as_text=True)
    db_session.expire_all()
    assert db_session.get(Job, job.id).status == JobStatus.CANCELLED
    response = auth.post(f"/jobs/{job.id}/retry", {}, form_page="/jobs", follow_redirects=True)
    assert "Only an interrupted or failed job can be tried again." in response.get_data(
        as_text=True
    )


def test_a_checker_sees_only_their_jobs_and_an_editor_sees_all(db_session, signed_in, auth, client):
    other = make_user(db_session, "checker")
    theirs = _import(db_session, other)
    signed_in("checker")
    assert f'id="job-{theirs.id}"' not in client.get("/jobs").get_data(as_text=True)
    auth.logout()
    signed_in("editor")
    assert f'id="job-{theirs.id}"' in client.get("/jobs").get_data(as_text=True)


def test_someone_elses_job_cannot_be_cancelled(db_session, signed_in, auth):
    other = make_user(db_session, "checker")
    theirs = _import(db_session, other)
    signed_in("checker")
    response = auth.post(f"/jobs/{theirs.id}/cancel", {}, form_page="/jobs")
    assert response.status_code == 403
    db_session.expire_all()
    assert db_session.get(Job, theirs.id).status == JobStatus.QUEUED


@pytest.mark.parametrize(
    ("value", "parsed"), [("10,60,300", (10, 60, 300)), ("", ()), (" 5 , 5 ", (5, 5))]
)
def test_job_retries_setting(value, parsed):
    from app.config import job_retries

    assert job_retries(value) == parsed


@pytest.mark.parametrize("value", ["ten", "-1", "1,x", "100000"])
def test_job_retries_setting_refuses_nonsense(value):
    from app.config import ConfigError, job_retries

    with pytest.raises(ConfigError):
        job_retries(value)


def test_the_jobs_page_runs_as_many_queries_for_3_jobs_as_for_60(db_session, signed_in, client):
    from tests.querycount import statements_of

    user = signed_in("editor")
    others = [make_user(db_session, "checker") for _ in range(3)]
    for starter in [user, *others]:
        _import(db_session, starter)
    client.get("/jobs")  # warm up
    _, few = statements_of(client, "/jobs")
    for number in range(60):
        jobs.create_job(db_session, others[number % 3], "import", f"f{number}.jsonl", "{}")
    db_session.commit()
    response, many = statements_of(client, "/jobs")
    assert response.get_data(as_text=True).count('id="job-') == 64
    import collections

    extra = collections.Counter(many) - collections.Counter(few)
    assert len(many) == len(few), list(extra.items())[:3]


def test_the_jobs_page_marks_a_job_whose_runner_is_gone_interrupted(db_session, signed_in, client):
    from datetime import timedelta

    from app.database import utcnow

    user = signed_in("checker")
    job = _import(db_session, user)
    job.status, job.heartbeat_at = JobStatus.RUNNING, utcnow() - timedelta(hours=1)
    db_session.commit()
    html = client.get("/jobs").get_data(as_text=True)
    assert "Interrupted" in html and f"/jobs/{job.id}/retry" in html
    db_session.expire_all()
    assert db_session.get(Job, job.id).status == JobStatus.INTERRUPTED
