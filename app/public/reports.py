"""PDF report downloads: signed-in users, or a bearer token."""

from __future__ import annotations

from datetime import date

from flask import Response, jsonify, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app import jobs
from app.errors import error_response
from app.exports.pdf import PdfUnavailable
from app.extensions import csrf, db
from app.ingest.errors import IngestError
from app.ingest.text import parse_published
from app.public import bp
from app.public.access import reader as _reader
from app.public.forms import PeriodForm
from app.services import reports
from app.services.errors import InvalidInput
from app.web import job_progress


def _pdf(make, filename: str):
    try:
        data = make()
    except PdfUnavailable:
        return error_response(
            503,
            _(
                "PDF reports need the Pango library on the server "
                "(apt-get install libpango-1.0-0 libpangoft2-1.0-0)."
            ),
            "unavailable",
        )
    response = Response(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@bp.route("/reports/claims/<id:claim_id>.pdf")
def claim_pdf(claim_id: int):
    """The fact-check report of one published claim."""
    reader = _reader()
    return _pdf(
        lambda: reports.claim_report(db.session, reader, claim_id), f"satja-claim-{claim_id}.pdf"
    )


@bp.route("/reports/articles/<id:article_id>.pdf")
def article_pdf(article_id: int):
    """An article with its claims highlighted and verdicts in the margin."""
    reader = _reader()
    return _pdf(
        lambda: reports.article_report(db.session, reader, article_id),
        f"satja-article-{article_id}.pdf",
    )


@bp.route("/reports/period")
def period_form():
    """Read a period typed in either era: on to its PDF, or back with the problem by its field."""
    _reader()
    form = PeriodForm(request.args)
    if request.args and form.validate():
        try:
            reports.check_period(form.since.data, form.until.data)
        except InvalidInput as error:
            field = form.since if error.field == "from" else form.until
            field.errors = [*field.errors, error.message]
        else:
            days = {"from": form.since.data.isoformat(), "to": form.until.data.isoformat()}
            return redirect(url_for("public.period_pdf", **days), 303)
    status = 422 if form.errors else 200
    return render_template("reports/period_form.html", form=form), status


def _day(value: str | None) -> date:
    """Read a period's day: ISO, or as typed in either era (2568-08-15 is 2025-08-15)."""
    day = parse_published(value)
    if day is None:
        raise IngestError("bad_date", "")
    return day


def _period_days() -> tuple[date, date] | None:
    """Return the period asked for (query or form), or None when a day cannot be read."""
    try:
        return _day(request.values.get("from")), _day(request.values.get("to"))
    except IngestError:
        return None


def _unreadable_period():
    return error_response(
        400, _("Give the period as from=YYYY-MM-DD&to=YYYY-MM-DD."), "bad_request"
    )


@bp.route("/reports/period.pdf")
def period_pdf():
    """The verdicts published in a period: ?from=YYYY-MM-DD&to=YYYY-MM-DD.

    A large period is built as a background job, which only a POST starts (a GET never
    queues work): a browser is offered the button, an API client is told to POST.
    """
    reader = _reader()
    days = _period_days()
    if days is None:
        return _unreadable_period()
    start, end = days
    if reports.is_large(reports.period_size(db.session, reader, start, end)):
        message = _("This period is large: its report is built in the background.")
        if not current_user.is_authenticated:
            response, status = error_response(409, message + " " + _("POST to this address."))
            response.headers["Allow"] = "GET, POST"
            return response, status
        form = PeriodForm(data={"since": start, "until": end})
        return render_template("reports/period_form.html", form=form, large=message), 409
    return _pdf(
        lambda: reports.period_report(db.session, reader, start, end), f"satja-{start}-{end}.pdf"
    )


@bp.route("/reports/period.pdf", methods=["POST"])
@csrf.exempt  # checked below for browsers; a bearer token carries no cookie to forge
def start_period_report():
    """Build a period report in the background: browsers go to its progress page, API clients
    get 202 with the job's addresses (each reader may have a few under way)."""
    reader = _reader()
    if current_user.is_authenticated:
        csrf.protect()
    days = _period_days()
    if days is None:
        return _unreadable_period()
    job = reports.start_period_job(db.session, reader, *days)
    db.session.commit()
    jobs.enqueue(reports.JOB_TARGET, job.id)
    if not current_user.is_authenticated:
        response = jsonify(_job_json(job))
        response.status_code = 202
        response.headers["Location"] = url_for("public.report_job_json", job_id=job.id)
        return response
    return redirect(url_for("public.report_job", job_id=job.id), 303)


def _job_json(job) -> dict:
    return job_progress(job) | {
        "failures": [],
        "status_url": url_for("public.report_job_json", job_id=job.id, _external=True),
        "pdf_url": url_for("public.report_job_pdf", job_id=job.id, _external=True),
    }


@bp.route("/reports/jobs/<id:job_id>")
def report_job(job_id: int):
    """The progress page of a report built in the background."""
    job = reports.report_job(db.session, _reader(), job_id)
    return render_template("reports/job.html", job=job, days=reports.job_period(job))


@bp.route("/reports/jobs/<id:job_id>.json")
def report_job_json(job_id: int):
    """The progress of a report built in the background, for the page (or a client) to poll."""
    return jsonify(_job_json(reports.report_job(db.session, _reader(), job_id)))


@bp.route("/reports/jobs/<id:job_id>.pdf")
def report_job_pdf(job_id: int):
    """The finished PDF of a report built in the background (409 until it is ready)."""
    path = reports.report_file(db.session, _reader(), job_id)
    return send_file(path, mimetype="application/pdf", download_name=f"satja-report-{job_id}.pdf")
