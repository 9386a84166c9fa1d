"""Every job ends: finished, or failed with a reason its page can show."""

from app.models import JobStatus
from app.services import jobs
from app.services.errors import Conflict
from tests.factories import make_user


def _job(db_session):
    job = jobs.create_job(db_session, make_user(db_session, "checker"), "import", "x.csv", "")
    db_session.commit()
    return job


def test_a_job_that_works_is_finished_and_not_run_again(db_session):
    job = _job(db_session)
    runs = []
    jobs.run(db_session, job.id, runs.append)
    assert job.status == JobStatus.FINISHED and job.payload is None and runs == [job]
    jobs.run(db_session, job.id, runs.append)
    assert len(runs) == 1


def test_a_refusal_is_shown_as_it_is_and_a_crash_by_its_kind(db_session, caplog):
    refused = _job(db_session)

    def refuse(job):
        job.total = 99  # work that did not finish is rolled back
        raise Conflict("The file changed.")

    jobs.run(db_session, refused.id, refuse)
    assert (refused.status, refused.error, refused.total) == (
        JobStatus.FAILED,
        "The file changed.",
        0,
    )
    crashed = _job(db_session)

    def crash(job):
        raise ValueError("secret detail")

    jobs.run(db_session, crashed.id, crash)
    assert crashed.status == JobStatus.FAILED
    assert "ValueError" in crashed.error and "secret detail" not in crashed.error
    assert "secret detail" in caplog.text  # the trace is in the log
