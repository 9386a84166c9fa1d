"""Claim page actions: each validates its form, calls one service, commits, and comes back."""

from __future__ import annotations

from collections.abc import Callable

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import login_required

from app.claims import bp
from app.claims.forms import TRIAGE_REASON, MatchDecisionForm, SourceEditForm, TriageForm
from app.claims.page import make_form, render_claim
from app.claims.work import work_form, work_search
from app.extensions import db
from app.inputs.screen import whole_number
from app.models import Source, Verdict
from app.services import claims as claim_reads
from app.services import comments, dashboard, matching, review, sources, workflow
from app.services.archiving import archive, files
from app.services.errors import Conflict, InvalidInput, NotFound, StaleEdit
from app.services.ingest import IngestRefused
from app.services.notifications import inbox
from app.web import actor, attach_error, safe_next


def _version(form) -> int:
    """Return the version the form was based on; a form without one is malformed."""
    version = whole_number(form.version.data) if hasattr(form, "version") else None
    if version is None:
        abort(400)
    return version


def _of_claim(model, claim_id: int, object_id: int) -> None:
    """Refuse (404) a verdict or source id that belongs to another claim than the page's."""
    found = db.session.get(model, object_id)
    if found is None or found.claim_id != claim_id:
        abort(404)


def _act(claim_id: int, name: str, call: Callable, message: str, anchor: str = ""):
    """Run one action of the claim page and come back to it (or show why not)."""
    form = make_form(name)
    if not form.validate_on_submit():
        return render_claim(actor(), workflow.get_claim(db.session, claim_id), 400, **{name: form})
    return _act_with(claim_id, name, form, call, message, anchor)


def _act_with(claim_id: int, name: str, form, call: Callable, message: str, anchor: str = ""):
    """Call the service with a validated form; commit, or show the refusal with the input."""
    try:
        call(form)
    except StaleEdit as error:
        db.session.rollback()
        claim = workflow.get_claim(db.session, claim_id)
        # Saving again now applies the user's input over the current version, knowingly.
        form.version.data = str(error.current_version)
        return render_claim(
            actor(), claim, 412, conflict=str(error.message), conflict_form=name, **{name: form}
        )
    except (InvalidInput, Conflict, IngestRefused, files.FileRefused) as error:
        db.session.rollback()
        attach_error(form, InvalidInput(error.message, getattr(error, "field", None)))
        claim = workflow.get_claim(db.session, claim_id)
        return render_claim(
            actor(), claim, error.status, problem=str(error.message), **{name: form}
        )
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("claims.claim", claim_id=claim_id) + anchor)


@bp.route("/claims/<id:claim_id>")
@login_required
def claim(claim_id: int):
    """Show a claim with everything about it."""
    return render_claim(actor(), claim_reads.claim_for_page(db.session, claim_id))


@bp.route("/claims/<id:claim_id>/accept", methods=["POST"])
@login_required
def accept(claim_id: int):
    return _act(
        claim_id,
        "accept",
        lambda f: workflow.accept(db.session, actor(), claim_id, _version(f)),
        _("Claim accepted."),
    )


@bp.route("/claims/<id:claim_id>/dismiss", methods=["POST"])
@login_required
def dismiss(claim_id: int):
    return _act(
        claim_id,
        "dismiss",
        lambda f: workflow.dismiss(db.session, actor(), claim_id, f.reason.data, _version(f)),
        _("Claim dismissed."),
    )


@bp.route("/claims/<id:claim_id>/reopen", methods=["POST"])
@login_required
def reopen(claim_id: int):
    return _act(
        claim_id,
        "reopen",
        lambda f: workflow.reopen(db.session, actor(), claim_id, _version(f)),
        _("Claim back in the queue."),
    )


@bp.route("/claims/<id:claim_id>/merge", methods=["POST"])
@login_required
def merge(claim_id: int):
    return _act(
        claim_id,
        "merge",
        lambda f: workflow.merge(db.session, actor(), claim_id, f.into.data, _version(f)),
        _("Claim merged."),
    )


@bp.route("/claims/<id:claim_id>/unmerge", methods=["POST"])
@login_required
def unmerge(claim_id: int):
    """Say a merged claim is not the claim it was merged into."""
    form = make_form("unmerge")
    if not form.validate_on_submit():
        flash(_("The form expired; try again."), "error")
        return redirect(safe_next())
    try:
        workflow.unmerge(db.session, actor(), claim_id, _version(form))
    except (Conflict, StaleEdit) as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return redirect(safe_next())
    db.session.commit()
    flash(_("Unmerged: it is a claim of its own again, with its own appearances."), "success")
    return redirect(safe_next())


@bp.route("/claims/<id:claim_id>/matches", methods=["POST"])
@login_required
def decide_match(claim_id: int):
    """Answer "possibly the same as …" for a claim: the same claim (merge) or a different one."""
    form = MatchDecisionForm()
    if not form.validate_on_submit() or not (form.same.data or form.different.data):
        flash(_("The form expired; try again."), "error")
        return redirect(safe_next())
    same = bool(form.same.data)
    try:
        matching.decide(db.session, actor(), claim_id, form.kind.data, int(form.other.data), same)
    except (Conflict, NotFound) as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return redirect(safe_next())
    db.session.commit()
    flash(
        _("Merged: one claim, checked once.") if same else _("Noted: not the same claim."),
        "success",
    )
    return redirect(safe_next())


@bp.route("/claims/<id:claim_id>/assign", methods=["POST"])
@login_required
def assign(claim_id: int):
    def call(form):
        assignee = int(form.assignee.data) if form.assignee.data else None
        workflow.assign(db.session, actor(), claim_id, assignee, _version(form))

    return _act(claim_id, "assign", call, _("Assignment saved."))


@bp.route("/claims/<id:claim_id>/edit", methods=["POST"])
@login_required
def edit(claim_id: int):
    return _act(
        claim_id,
        "edit",
        lambda f: workflow.edit(
            db.session,
            actor(),
            claim_id,
            workflow.ClaimEdit(f.text.data, f.claimant.data, f.claim_date.data, f.reported_by.data),
            _version(f),
        ),
        _("Claim saved."),
    )


def _source_input(form) -> sources.SourceInput:
    return sources.SourceInput(
        url=form.url.data or None,
        title=form.title.data or "",
        publisher=form.publisher.data,
        published=form.published.data,
        excerpt=form.excerpt.data or "",
        stance=form.stance.data,
        source_type=form.source_type.data,
        note=form.note.data or "",
    )


def _upload(form) -> files.Upload | None:
    """Return the form's file, if one was chosen."""
    chosen = form.file.data
    if chosen is None or not getattr(chosen, "filename", ""):
        return None
    return files.Upload(chosen.filename, chosen.read())


@bp.route("/claims/<id:claim_id>/sources", methods=["POST"])
@login_required
def add_source(claim_id: int):
    """Save a source at once; its page or PDF is archived by a background job."""
    added = []

    def call(form):
        given, upload = _source_input(form), _upload(form)
        added.append(sources.add_source(db.session, actor(), claim_id, given, upload))

    response = _act(claim_id, "source", call, _("Source added."), "#sources")
    if added and not isinstance(response, tuple):
        archive.start(added[0])  # committed: the job can read the source
    return response


@bp.route("/claims/<id:claim_id>/sources/<id:source_id>/edit", methods=["POST"])
@login_required
def edit_source(claim_id: int, source_id: int):
    """Change a source's description; the archived snapshot stays."""
    _of_claim(Source, claim_id, source_id)
    form = SourceEditForm(prefix=f"source{source_id}")
    if not form.validate_on_submit():
        flash(_("Check the source's fields."), "error")
        return redirect(url_for("claims.claim", claim_id=claim_id) + "#sources")
    return _act_with(
        claim_id,
        f"source{source_id}",
        form,
        lambda f: sources.edit_source(
            db.session, actor(), source_id, _source_input(f), _version(f)
        ),
        _("Source saved."),
        "#sources",
    )


@bp.route("/claims/<id:claim_id>/sources/<id:source_id>/remove", methods=["POST"])
@login_required
def remove_source(claim_id: int, source_id: int):
    _of_claim(Source, claim_id, source_id)
    return _act(
        claim_id,
        "remove_source",
        lambda f: sources.remove_source(db.session, actor(), source_id, _version(f)),
        _("Source removed."),
        "#sources",
    )


def _verdict_input(form) -> review.VerdictInput:
    return review.VerdictInput(
        form.rating.data,
        form.conclusion.data,
        form.explanation.data or "",
        form.correction_note.data or None,
    )


@bp.route("/claims/<id:claim_id>/verdicts", methods=["POST"])
@login_required
def draft_verdict(claim_id: int):
    return _act(
        claim_id,
        "verdict",
        lambda f: review.draft(db.session, actor(), claim_id, _verdict_input(f)),
        _("Draft verdict saved."),
        "#verdict",
    )


@bp.route("/claims/<id:claim_id>/verdicts/<id:verdict_id>/edit", methods=["POST"])
@login_required
def edit_verdict(claim_id: int, verdict_id: int):
    _of_claim(Verdict, claim_id, verdict_id)
    return _act(
        claim_id,
        "verdict",
        lambda f: review.edit(db.session, actor(), verdict_id, _verdict_input(f), _version(f)),
        _("Draft verdict saved."),
        "#verdict",
    )


@bp.route("/claims/<id:claim_id>/corrections", methods=["POST"])
@login_required
def correct(claim_id: int):
    return _act(
        claim_id,
        "correction",
        lambda f: review.correct(db.session, actor(), claim_id, _verdict_input(f)),
        _("Correction drafted: submit it for review."),
        "#verdict",
    )


def _step(claim_id: int, verdict_id: int, name: str, service, message: str):
    _of_claim(Verdict, claim_id, verdict_id)
    return _act(
        claim_id,
        name,
        lambda f: service(db.session, actor(), verdict_id, _version(f)),
        message,
        "#verdict",
    )


@bp.route("/claims/<id:claim_id>/verdicts/<id:verdict_id>/submit", methods=["POST"])
@login_required
def submit(claim_id: int, verdict_id: int):
    return _step(claim_id, verdict_id, "submit", review.submit, _("Verdict sent for review."))


@bp.route("/claims/<id:claim_id>/verdicts/<id:verdict_id>/approve", methods=["POST"])
@login_required
def approve(claim_id: int, verdict_id: int):
    return _step(claim_id, verdict_id, "approve", review.approve, _("Verdict approved."))


@bp.route("/claims/<id:claim_id>/verdicts/<id:verdict_id>/publish", methods=["POST"])
@login_required
def publish(claim_id: int, verdict_id: int):
    return _step(claim_id, verdict_id, "publish", review.publish, _("Verdict published."))


@bp.route("/claims/<id:claim_id>/verdicts/<id:verdict_id>/send-back", methods=["POST"])
@login_required
def send_back(claim_id: int, verdict_id: int):
    _of_claim(Verdict, claim_id, verdict_id)
    return _act(
        claim_id,
        "send_back",
        lambda f: review.send_back(db.session, actor(), verdict_id, f.comment.data, _version(f)),
        _("Verdict sent back to its author."),
        "#verdict",
    )


@bp.route("/claims/<id:claim_id>/comments", methods=["POST"])
@login_required
def comment(claim_id: int):
    return _act(
        claim_id,
        "comment",
        lambda f: comments.add_comment(db.session, actor(), claim_id, f.body.data),
        _("Comment added."),
        "#comments",
    )


@bp.route("/queue/triage", methods=["POST"])
@login_required
def triage():
    """Accept or dismiss several queue items at once; on any refusal the typed reason is kept."""
    form = TriageForm()
    ids = [n for n in map(whole_number, request.form.getlist("claim")) if n]
    if not form.validate_on_submit() or not ids:
        return _back_to_queue(form, _("Select at least one claim."))
    try:
        for claim_id in ids:
            if form.dismiss.data:
                workflow.dismiss(db.session, actor(), claim_id, form.reason.data or "")
            else:
                workflow.accept(db.session, actor(), claim_id)
    except (InvalidInput, Conflict, NotFound) as error:
        db.session.rollback()
        return _back_to_queue(form, str(error.message))
    db.session.commit()
    if form.dismiss.data:
        flash(
            ngettext("%(num)d claim dismissed.", "%(num)d claims dismissed.", len(ids)), "success"
        )
    else:
        flash(ngettext("%(num)d claim accepted.", "%(num)d claims accepted.", len(ids)), "success")
    return redirect(safe_next("main.queue"))


def _back_to_queue(form: TriageForm, message: str):
    """Return to the queue as it was (its filters) with the reason typed still in its box."""
    flash(message, "error")
    session[TRIAGE_REASON] = (form.reason.data or "")[:500]
    return redirect(safe_next("main.queue"))


@bp.route("/my-work")
@login_required
def my_work():
    """List the signed-in user's assigned claims by status and age, and their mentions;
    search them (or a colleague's) by words, rating and date."""
    form, user = work_form(), actor()
    reviewing = inbox.review_inbox(db.session, user) if inbox.may_review(user) else None
    return render_template(
        "claims/my_work.html",
        work=comments.my_work(db.session, user),
        form=form,
        found=work_search(form),
        review_verdicts=reviewing,
    )


@bp.route("/dashboard")
@login_required
def desk_dashboard():
    """Show the desk's figures as charts with tables."""
    return render_template(
        "claims/dashboard.html", figures=dashboard.dashboard(db.session, actor())
    )
