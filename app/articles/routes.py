"""Views: add articles in four ways, follow bulk imports, list and read articles."""

from flask import current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from markupsafe import Markup, escape

from app import jobs, transactions
from app.articles import bp
from app.articles.forms import ArticleFilterForm, BulkForm, FileForm, TextForm, UrlForm
from app.articles.highlight import highlighted_paragraphs
from app.extensions import db
from app.models import Article, Job
from app.results import query_text, search_list
from app.search import Scope
from app.services import articles, bulk, ingest
from app.services import jobs as job_service
from app.services.errors import Conflict, InvalidInput
from app.services.query import ids_of
from app.web import actor, attach_error, bounded_page, job_progress, list_args

FORMS = {"text": TextForm, "file": FileForm, "url": UrlForm, "bulk": BulkForm}


def _form(name: str, **kwargs):
    """Build one of the four forms; the prefix keeps ids unique on the shared page."""
    return FORMS[name](prefix=name, **kwargs)


def _submission(form, **given) -> ingest.Submission:
    """Turn the metadata fields of a form into a submission."""
    return ingest.Submission(
        title=form.title.data,
        outlet=form.outlet.data,
        author=form.author.data,
        published=form.published.data,
        language=form.language.data or None,
        **given,
    )


def _added(article, created: bool):
    """Say what happened and show the article."""
    link = Markup('<a href="{}">{}</a>').format(
        url_for("articles.article", article_id=article.id), article.title
    )
    if created:
        flash(Markup(escape(_("Article added: "))) + link, "success")
    else:
        flash(Markup(escape(_("This article is already stored: "))) + link, "info")
    return redirect(url_for("articles.article", article_id=article.id))


# Why a page could not be read: the checker can still paste the text they see in a browser.
FETCH_FAILURES = {"unreachable", "http_error", "no_text", "too_many_redirects", "too_large"}


def _new_page(active: str, form, status: int = 200, paste_url: str | None = None):
    forms = {name: _form(name, formdata=None) for name in FORMS}
    forms[active] = form
    if paste_url:
        forms["text"].url.data = paste_url
    return render_template(
        "articles/new.html", forms=forms, active=active, suggest_paste=bool(paste_url)
    ), status


@bp.route("/articles/new")
@login_required
def new():
    """Show the four ways of adding an article."""
    articles.articles_query(actor())  # viewers may look; the services refuse them on submit
    return _new_page("text", _form("text", formdata=None))


@bp.route("/articles/text", methods=["POST"])
@login_required
def add_text():
    """Store pasted text."""
    form = _form("text")
    if not form.validate_on_submit():
        return _new_page("text", form, 400)
    given = _submission(form, text=form.text.data, url=form.url.data or None)
    return _store(form, "text", lambda: ingest.ingest(db.session, actor(), given))


@bp.route("/articles/file", methods=["POST"])
@login_required
def add_file():
    """Store an uploaded file."""
    form = _form("file")
    if not form.validate_on_submit():
        return _new_page("file", form, 400)
    upload = form.file.data
    given = _submission(form)
    return _store(
        form,
        "file",
        lambda: ingest.ingest_file(db.session, actor(), upload.filename, upload.read(), given),
    )


@bp.route("/articles/url", methods=["POST"])
@login_required
def add_url():
    """Fetch a web page and store it."""
    form = _form("url")
    if not form.validate_on_submit():
        return _new_page("url", form, 400)
    given = _submission(form, url=form.url.data)
    return _store(form, "url", lambda: _fetch_then_ingest(given))


def _fetch_then_ingest(given: ingest.Submission):
    """Fetch the page with no transaction open (a slow site holds no lock), then store it."""
    page = ingest.fetched(actor(), given, release=db.session.commit)
    return ingest.ingest(db.session, actor(), page)


def _store(form, active: str, store):
    """Run the service; show its refusal on the form, or the stored article."""
    try:
        article, created = store()
    except (ingest.IngestRefused, InvalidInput) as error:
        attach_error(form, error)
        fetch_failed = active == "url" and getattr(error, "code", "") in FETCH_FAILURES
        return _new_page(active, form, error.status, form.url.data if fetch_failed else None)
    db.session.commit()
    return _added(article, created)


@bp.route("/articles/bulk", methods=["POST"])
@login_required
def add_bulk():
    """Start a bulk import as a job and follow it."""
    form = _form("bulk")
    if not form.validate_on_submit():
        return _new_page("bulk", form, 400)
    upload = form.file.data
    try:
        text = bulk.decode(upload.read())
        bulk.parse_text(upload.filename, text)
        job = job_service.create_job(db.session, actor(), "import", upload.filename, text)
    except ingest.IngestRefused as error:
        attach_error(form, error)
        return _new_page("bulk", form, error.status)
    db.session.commit()
    jobs.enqueue(bulk.JOB_TARGET, job.id)
    return redirect(url_for("articles.import_job", job_id=job.id))


@bp.route("/imports/<id:job_id>")
@login_required
def import_job(job_id: int):
    """Show a bulk import's progress (updated by static/js/job-progress.js)."""
    job = _followed_job(job_id)
    return render_template("articles/job.html", job=job, failures=_failures(job))


@bp.route("/imports/<id:job_id>.json")
@login_required
def import_job_json(job_id: int):
    """Return a bulk import's progress for the page to poll."""
    job = _followed_job(job_id)
    return jsonify(job_progress(job) | {"failures": _failures(job)[:50]})


def _followed_job(job_id: int) -> Job:
    """Return the job to show, marked interrupted first if its runner stopped answering."""
    job = job_service.get_job(db.session, actor(), job_id)
    stale_after = current_app.config["SATJA_JOB_STALE_AFTER"]
    if job_service.is_stale(job, stale_after):
        with transactions.writing():  # a GET that records what it found
            job = db.session.get(Job, job_id)
            if job_service.is_stale(job, stale_after):  # the runner may have beaten us to it
                job_service.mark_interrupted(db.session, job)
    return job


@bp.route("/imports/<id:job_id>/resume", methods=["POST"])
@login_required
def resume_job(job_id: int):
    """Resume an interrupted import where it stopped."""
    try:
        job, target = job_service.resume(db.session, actor(), job_id)
    except Conflict as error:  # resumed or ended meanwhile (another tab, another person)
        flash(str(error.message), "error")
        return redirect(url_for("articles.import_job", job_id=job_id))
    db.session.commit()
    jobs.enqueue(target, job.id)
    flash(_("The import goes on from line %(line)d.", line=job.processed + 1), "success")
    return redirect(url_for("articles.import_job", job_id=job_id))


@bp.route("/imports/<id:job_id>/cancel", methods=["POST"])
@login_required
def cancel_job(job_id: int):
    """Cancel an import: what it has stored stays, the rest is not imported."""
    try:
        job_service.cancel(db.session, actor(), job_id)
    except Conflict as error:
        flash(str(error.message), "error")
        return redirect(url_for("articles.import_job", job_id=job_id))
    db.session.commit()
    flash(_("The import is cancelled; the articles it stored stay."), "info")
    return redirect(url_for("articles.import_job", job_id=job_id))


def _failures(job) -> list[dict[str, object]]:
    """Return a job's failed lines with their reasons in the reader's language."""
    failures = []
    for failure in job.failures.get("lines", []):
        reason = str(ingest.failure_message(failure.get("code", "")))
        if failure.get("detail"):
            reason += f" ({failure['detail']})"
        failures.append({"line": failure["line"], "code": failure.get("code"), "reason": reason})
    return failures


@bp.route("/articles")
@login_required
def article_list():
    """List articles with filters."""
    form = ArticleFilterForm(formdata=request.args)
    filters = articles.ArticleFilter()
    if form.validate():
        filters = articles.ArticleFilter(
            form.outlet.data or None, form.language.data or None, form.since.data, form.until.data
        )
    query = articles.articles_query(actor(), filters)
    within = None if filters == articles.ArticleFilter() else ids_of(query, Article)
    page = search_list(Article, Scope(kinds=("article",), within=within)) or bounded_page(query, 25)
    return render_template(
        "articles/list.html",
        page=page,
        claim_counts=articles.claim_counts(db.session, [a.id for a in page.items]),
        form=form,
        args=list_args(),
        q=query_text(),
    )


@bp.route("/articles/<id:article_id>")
@login_required
def article(article_id: int):
    """Show an article with its claims highlighted, and the list of its claims."""
    found = articles.get_article(db.session, actor(), article_id)
    paragraphs = highlighted_paragraphs(found.body, found.appearances)
    return render_template("articles/article.html", article=found, paragraphs=paragraphs)
