"""PDF reports: one fact-check, one article with its claims, a period's verdicts."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app, render_template
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from sqlalchemy.orm import Session

from app.articles.highlight import highlighted_paragraphs
from app.database import utcnow
from app.exports.pdf import css_string, html_to_pdf
from app.markdown import render_markdown
from app.models import Job, JobStatus, Role, Verdict, VerdictState
from app.services import articles, jobs, publishing, ratings, review, sources
from app.services.actors import Actor
from app.services.errors import Conflict, Gone, InvalidInput, NotFound, TooMany
from app.services.permissions import require_role

MAX_PERIOD_DAYS = 400
EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)


def _render(
    template: str,
    on_html: Callable[[], None] | None = None,
    on_layout: Callable[[int], None] | None = None,
    **context,
) -> bytes:
    language = str(get_locale())
    org = publishing.organisation_for_reports()
    html = render_template(
        template,
        language=language,
        markdown=render_markdown,
        org=org,
        footer_css=Markup(css_string(f"{org.name} · ")),
        **context,
    )
    if on_html is not None:
        on_html()  # everything is read: a job commits here, so the layout holds no lock
    return html_to_pdf(html, on_layout=on_layout)


def claim_report(session: Session, actor: Actor, claim_id: int) -> bytes:
    """Return the PDF fact-check report of a published claim."""
    require_role(actor, Role.VIEWER)
    claim = publishing.published_claim(session, claim_id)
    verdict = review.published_verdict(claim)
    return _render(
        "reports/claim.html",
        title=claim.text[:80],
        claim=claim,
        verdict=verdict,
        corrections=[v for v in claim.verdicts if v.correction_note and v.published_at],
        sources=sources.active_sources(claim),
        public_url=publishing.public_url(claim),
    )


def article_report(session: Session, actor: Actor, article_id: int) -> bytes:
    """Return the PDF of an article with its claims highlighted and their verdicts in the margin."""
    article = articles.get_article(session, actor, article_id)
    return _render(
        "reports/article.html",
        title=article.title,
        article=article,
        paragraphs=highlighted_paragraphs(article.body, article.appearances),
        verdict_of=review.published_verdict,
    )


def check_period(start: date, end: date) -> None:
    """Refuse a period that is reversed, too long or outside the days reports cover."""
    if not (EARLIEST <= start and end <= LATEST):
        raise InvalidInput(
            _l("Give days between %(a)s and %(b)s.", a=EARLIEST.isoformat(), b=LATEST.isoformat()),
            field="from",
        )
    if end < start:
        raise InvalidInput(_l("The period ends before it starts."), field="to")
    if (end - start).days > MAX_PERIOD_DAYS:
        raise InvalidInput(
            _l("Ask for at most %(n)d days at a time.", n=MAX_PERIOD_DAYS), field="to"
        )


def _period(start: date, end: date) -> tuple[datetime, datetime]:
    """Return the period's bounds in the desk's time zone; refuse a reversed or too long one."""
    check_period(start, end)
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    return datetime.combine(start, time(), zone), datetime.combine(
        end + timedelta(days=1), time(), zone
    )


def _in_period(start: date, end: date):
    since, until = _period(start, end)
    return sa.and_(Verdict.published_at >= since, Verdict.published_at < until)


def period_size(session: Session, actor: Actor, start: date, end: date) -> int:
    """Return how many verdicts were published in the period (to decide: now, or as a job)."""
    require_role(actor, Role.VIEWER)
    return session.scalar(
        sa.select(sa.func.count()).select_from(Verdict).where(_in_period(start, end))
    )


def is_large(count: int) -> bool:
    """Return whether a period report of `count` verdicts is built as a background job."""
    return count >= current_app.config["SATJA_PDF_JOB_MIN_VERDICTS"]


def period_report(
    session: Session,
    actor: Actor,
    start: date,
    end: date,
    on_step: Callable[[int], None] | None = None,
) -> bytes:
    """Return the PDF of the verdicts published between two days (inclusive).

    `on_step(n)` reports progress: 1 when the verdicts are read and written out as HTML, 2 when
    the pages are laid out.
    """
    require_role(actor, Role.VIEWER)
    verdicts = session.scalars(
        sa.select(Verdict).where(_in_period(start, end)).order_by(Verdict.published_at)
    ).all()
    language = str(get_locale())
    counts = Counter(v.rating_id for v in verdicts if v.state == VerdictState.PUBLISHED)
    distribution = [(r.label(language), counts.get(r.id, 0)) for r in ratings.scale(session)]
    return _render(
        "reports/period.html",
        on_html=(lambda: on_step(1)) if on_step else None,
        on_layout=(lambda _pages: on_step(2)) if on_step else None,
        title=str(_l("Satja")),  # the PDF document title, in the reader's language
        start=start,
        end=end,
        verdicts=verdicts,
        distribution=distribution,
        corrections=sum(1 for v in verdicts if v.correction_note),
    )


JOB_KIND = "report"
JOB_TARGET = "app.services.reports:run_period_job"
JOB_STEPS = 3  # read the verdicts, lay the pages out, write the file


def _open_jobs(session: Session, actor: Actor) -> int:
    return session.scalar(
        sa.select(sa.func.count(Job.id)).where(
            Job.kind == JOB_KIND,
            Job.created_by_id == actor.id,
            Job.status.in_([JobStatus.QUEUED, JobStatus.RUNNING]),
        )
    )


def prune_reports(now: datetime | None = None) -> int:
    """Delete report files older than SATJA_REPORT_RETENTION_DAYS; return how many went."""
    folder = Path(current_app.config["SATJA_REPORTS_DIR"])
    days = current_app.config["SATJA_REPORT_RETENTION_DAYS"]
    oldest = (now or utcnow()).timestamp() - days * 86400
    gone = 0
    for path in folder.glob("period-*.pdf") if folder.is_dir() else ():
        if path.stat().st_mtime < oldest:
            path.unlink(missing_ok=True)
            gone += 1
    return gone


def start_period_job(session: Session, actor: Actor, start: date, end: date) -> Job:
    """Queue a period report as a background job (run it with app.jobs.enqueue(JOB_TARGET)).

    Each reader may have a few under way at once (SATJA_REPORT_JOBS_PER_USER); starting one
    also deletes reports past their retention.
    """
    _period(start, end)
    limit = current_app.config["SATJA_REPORT_JOBS_PER_USER"]
    if actor.id is not None and _open_jobs(session, actor) >= limit:
        raise TooMany(
            _l(
                "You already have %(n)d reports being built: wait for one to finish.",
                n=limit,
            )
        )
    prune_reports()
    payload = {"from": start.isoformat(), "to": end.isoformat(), "language": str(get_locale())}
    return jobs.create_job(
        session, actor, JOB_KIND, f"{start} – {end}", json.dumps(payload), minimum=Role.VIEWER
    )


def report_path(job_id: int) -> Path:
    """Return where the PDF of report job `job_id` is kept."""
    return Path(current_app.config["SATJA_REPORTS_DIR"]) / f"period-{job_id}.pdf"


def run_period_job(job_id: int) -> None:
    """Build the PDF of a period report job (called by the job runner)."""
    from app.extensions import db

    session = db.session

    def work(job: Job) -> None:
        given = json.loads(job.payload or "{}")
        jobs.start(job, JOB_STEPS)
        session.commit()
        started_at = job.started_at

        def step(done: int) -> None:
            jobs.progress(job, done, {}, [])
            session.commit()
            jobs.checkpoint(job, started_at)  # cancelled, or taken over by a retry

        headers = {"Accept-Language": given["language"]}
        with current_app.test_request_context("/reports/period.pdf", headers=headers):
            data = period_report(
                session,
                job.created_by,
                date.fromisoformat(given["from"]),
                date.fromisoformat(given["to"]),
                on_step=step,
            )
        path = report_path(job.id)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        jobs.progress(job, JOB_STEPS, {}, [])

    jobs.run(session, job_id, work)


def report_job(session: Session, actor: Actor, job_id: int) -> Job:
    """Return a report job its starter (or an editor) may follow."""
    job = jobs.get_job(session, actor, job_id)
    if job.kind != JOB_KIND:
        raise NotFound(_l("No such report."))
    return job


def job_period(job: Job) -> tuple[date, date] | None:
    """Return the first and last day of a period report job (from its label)."""
    try:
        start, end = (date.fromisoformat(part) for part in job.label.split(" – "))
    except ValueError:
        return None
    return start, end


def report_file(session: Session, actor: Actor, job_id: int) -> Path:
    """Return the finished PDF of a report job."""
    job = report_job(session, actor, job_id)
    path = report_path(job.id)
    if job.status != JobStatus.FINISHED:
        raise Conflict(_l("The report is not ready."))
    if not path.exists():
        days = current_app.config["SATJA_REPORT_RETENTION_DAYS"]
        raise Gone(_l("Reports are kept %(n)d days; build this one again.", n=days))
    return path
