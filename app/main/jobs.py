"""The jobs page: background work one started (an editor sees everyone's), with Retry and Cancel."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required

from app import jobs, transactions
from app.extensions import db
from app.main import bp
from app.models import Job
from app.services import jobs as job_service
from app.services.errors import Conflict
from app.web import actor, safe_next

# Where each kind of job shows its own progress.
JOB_PAGES = {"import": "articles.import_job", "report": "public.report_job"}


def job_page(job: Job) -> str | None:
    """Return the address of the job's own page, if its kind has one."""
    endpoint = JOB_PAGES.get(job.kind)
    return url_for(endpoint, job_id=job.id) if endpoint else None


@bp.route("/jobs")
@login_required
def jobs_page():
    """List recent background jobs with their state, progress and reason."""
    stale_after = current_app.config["SATJA_JOB_STALE_AFTER"]
    found = job_service.list_jobs(db.session, actor())
    stale = [job.id for job in found if job_service.is_stale(job, stale_after)]
    if stale:  # a GET that records what it found, as a job's own page does
        with transactions.writing():
            job_service.mark_stale(db.session, stale, stale_after)
        found = job_service.list_jobs(db.session, actor())
    return render_template(
        "main/jobs.html",
        jobs=found,
        job_page=job_page,
        can_retry=job_service.can_retry,
        can_cancel=job_service.can_cancel,
        retries=len(current_app.config["SATJA_JOB_RETRIES"]),
    )


@bp.route("/jobs/<id:job_id>/retry", methods=["POST"])
@login_required
def retry_job(job_id: int):
    """Try a failed or interrupted job again (an import goes on after its stored lines)."""
    try:
        job, target = job_service.resume(db.session, actor(), job_id)
    except Conflict as error:
        flash(str(error.message), "error")
        return redirect(safe_next("main.jobs_page"))
    db.session.commit()
    jobs.enqueue(target, job.id)
    flash(_("The job is queued again."), "success")
    return redirect(safe_next("main.jobs_page"))


@bp.route("/jobs/<id:job_id>/cancel", methods=["POST"])
@login_required
def cancel_job(job_id: int):
    """Cancel a job: what it has stored stays."""
    try:
        job_service.cancel(db.session, actor(), job_id)
    except Conflict as error:
        flash(str(error.message), "error")
        return redirect(safe_next("main.jobs_page"))
    db.session.commit()
    flash(_("The job is cancelled; what it stored stays."), "info")
    return redirect(safe_next("main.jobs_page"))
