"""Build everything the claim page shows: the claim, its forms, sources, verdicts and history."""

from __future__ import annotations

import itertools

from flask import render_template, request
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from wtforms.fields.choices import SelectChoice

from app.claims import forms
from app.claims.picker import merge_choices
from app.extensions import db
from app.extraction.entities import find_entities
from app.i18n import input_day
from app.markdown import render_markdown
from app.models import Claim, ClaimStatus, Role, User, VerdictState
from app.services import approval, history, matching, ratings, review, sources
from app.services.actors import Actor
from app.services.archiving import archive

FORM_CLASSES = {
    "edit": forms.ClaimEditForm,
    "accept": forms.ActionForm,
    "dismiss": forms.DismissForm,
    "reopen": forms.ActionForm,
    "merge": forms.MergeForm,
    "assign": forms.AssignForm,
    "source": forms.SourceForm,
    "verdict": forms.VerdictForm,
    "correction": forms.VerdictForm,
    "submit": forms.ActionForm,
    "approve": forms.ActionForm,
    "send_back": forms.SendBackForm,
    "publish": forms.ActionForm,
    "comment": forms.CommentForm,
    "remove_source": forms.ActionForm,
    "archive_retry": forms.ActionForm,
    "unmerge": forms.ActionForm,
}


def make_form(name: str, claim: Claim | None = None, **kwargs):
    """Build one of the page's forms; the prefix keeps its ids unique on the page."""
    form = FORM_CLASSES[name](prefix=name, **kwargs)
    if hasattr(form, "rating"):
        locale = str(get_locale())
        # No rating is chosen for the reviewer: a verdict saved by accident would carry one.
        form.rating.choices = [
            SelectChoice("", _l("— Choose a rating —")),
            *(SelectChoice(r.key, r.label(locale)) for r in ratings.scale(db.session)),
        ]
    if name == "assign":
        form.assignee.choices = [SelectChoice("", "—"), *checker_choices()]
    return form


def checker_choices(leave_out: int | None = None) -> list[SelectChoice]:
    """Return the active users who can be given claims (checkers and above), by e-mail."""
    users = db.session.scalars(
        db.select(User).where(User.active.is_(True)).order_by(User.email)
    ).all()
    return [
        SelectChoice(str(u.id), u.display_name)
        for u in users
        if u.role.includes(Role.CHECKER) and u.id != leave_out
    ]


def _blank_forms(claim: Claim) -> dict[str, object]:
    """Return the page's forms filled from the stored claim and verdict."""
    built = {name: make_form(name, claim, formdata=None) for name in FORM_CLASSES}
    for form in built.values():
        if hasattr(form, "version") and form.version.data is None:
            form.version.data = claim.version
    built["edit"].text.data, built["edit"].claimant.data = claim.text, claim.claimant
    built["edit"].claim_date.data = claim.claim_date
    built["edit"].reported_by.data = claim.reported_by
    built["assign"].assignee.data = str(claim.assignee_id or "")
    current = review.open_verdict(claim) or review.published_verdict(claim)
    open_one = review.open_verdict(claim)
    if open_one is not None:
        form = built["verdict"]
        form.rating.data, form.conclusion.data = open_one.rating.key, open_one.conclusion
        form.explanation.data, form.correction_note.data = (
            open_one.explanation,
            open_one.correction_note,
        )
        for name in ("verdict", "submit", "approve", "send_back", "publish"):
            built[name].version.data = open_one.version
    elif current is not None:
        form = built["correction"]
        form.rating.data, form.conclusion.data = current.rating.key, current.conclusion
        form.explanation.data = current.explanation
    return built


def _matching(claim: Claim) -> dict:
    """Return what the page says of other claims and fact-checks: possibly the same ones, known
    fact-checks of it, claims merged into it (each can be unmerged)."""
    given = matching.thresholds()
    similar = matching.similar_to_claim(db.session, claim, 8)
    # By the canonical_id index alone; status filtered here (see services.matching).
    merged = [
        c
        for c in db.session.scalars(
            db.select(Claim).where(Claim.canonical_id == claim.id).order_by(Claim.id)
        )
        if c.status == ClaimStatus.MERGED
    ]
    return {
        "possibly_same": [s for s in similar if s.type == "claim" and s.score >= given.suggest],
        "checked_elsewhere": [
            s for s in similar if s.type == "fact_check" and s.score >= given.suggest
        ],
        "merged_here": merged,
        "match_form": forms.MatchDecisionForm(formdata=None),
        "thresholds": given,
    }


ENTITY_KINDS = {
    "person": _l("People"),
    "organisation": _l("Organisations"),
    "place": _l("Places"),
}


def _entities_by_kind(claim: Claim) -> list[tuple[str, list[str]]]:
    """Return the people, organisations and places the claim names, each kind with its label."""
    named: dict[str, list[str]] = {}
    for entity in find_entities(claim.text, claim.language):
        names = named.setdefault(entity.kind, [])
        if entity.text not in names:
            names.append(entity.text)
    return [(str(label), named[kind]) for kind, label in ENTITY_KINDS.items() if kind in named]


def render_claim(
    actor: Actor,
    claim: Claim,
    status: int = 200,
    conflict: str | None = None,
    problem: str | None = None,
    conflict_form: str | None = None,
    **submitted,
):
    """Render the claim page; a submitted form (with the user's input and errors) replaces its
    blank twin so nothing typed is lost."""
    built = _blank_forms(claim)
    built.update(submitted)
    verdicts = claim.verdicts
    diffs = {
        v.number: {
            "conclusion": history.text_diff(prev.conclusion, v.conclusion),
            "explanation": history.text_diff(prev.explanation, v.explanation),
        }
        for prev, v in itertools.pairwise(verdicts)
    }
    source_forms = {}
    for source in sources.active_sources(claim):
        name = f"source{source.id}"
        form = submitted.pop(name, None) or forms.SourceEditForm(
            prefix=name, formdata=None, obj=source
        )
        if form.version.data is None:
            form.version.data = source.version
        if form.published.data is None and source.published_on:
            form.published.data = input_day(source.published_on)
        source_forms[source.id] = form
    merge_q = (request.values.get("merge_q") or "").strip()[:500]
    events = history.claim_history(db.session, actor, claim)
    return render_template(
        "claims/claim.html",
        **_matching(claim),
        merge_q=merge_q,
        merge_options=merge_choices(claim.id, merge_q) if merge_q else [],
        source_forms=source_forms,
        claim=claim,
        entities=_entities_by_kind(claim),
        forms=built,
        conflict=conflict,
        problem=problem,
        conflict_form=conflict_form,
        sources=sources.active_sources(claim),
        archive_states={s.id: archive.state(s) for s in sources.active_sources(claim)},
        removed_sources=[s for s in claim.sources if s.removed_at is not None],
        open_verdict=review.open_verdict(claim),
        published=review.published_verdict(claim),
        verdicts=verdicts,
        diffs=diffs,
        part_labels={"conclusion": _l("conclusion"), "explanation": _l("explanation")},
        markdown=render_markdown,
        history=events,
        assignee_names=history.assignees(db.session, events),
        can_edit=actor.role.includes(Role.CHECKER),
        can_review=actor.role.includes(Role.EDITOR),
        approve_refusal=_approve_refusal(actor, claim),
    ), status


def _approve_refusal(actor: Actor, claim: Claim):
    """Return why this editor may not approve the verdict in review (four eyes), if so."""
    verdict = review.open_verdict(claim)
    if verdict is None or verdict.state != VerdictState.IN_REVIEW:
        return None
    if not actor.role.includes(Role.EDITOR):
        return None
    reason = approval.approval_refusal(db.session, actor, verdict)
    return None if reason is None else str(reason)  # escaped on the page like any text
