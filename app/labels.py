"""Translated names of workflow states and roles, for templates and forms."""

from flask import Flask, g
from flask_babel import lazy_gettext as _l

from app.models import ClaimStatus, JobStatus, Rating, Role, SourceType, Stance, VerdictState

ROLE_LABELS = {
    Role.VIEWER: _l("Viewer"),
    Role.CHECKER: _l("Checker"),
    Role.EDITOR: _l("Editor"),
    Role.ADMIN: _l("Admin"),
}

STATUS_LABELS = {
    ClaimStatus.CANDIDATE: _l("Candidate"),
    ClaimStatus.ACCEPTED: _l("Accepted"),
    ClaimStatus.DISMISSED: _l("Dismissed"),
    ClaimStatus.IN_RESEARCH: _l("In research"),
    ClaimStatus.IN_REVIEW: _l("In review"),
    ClaimStatus.PUBLISHED: _l("Published"),
    ClaimStatus.MERGED: _l("Merged"),
}


STANCE_LABELS = {
    Stance.SUPPORTS: _l("Supports the claim"),
    Stance.REFUTES: _l("Refutes the claim"),
    Stance.CONTEXT: _l("Context"),
}

SOURCE_TYPE_LABELS = {SourceType.PRIMARY: _l("Primary"), SourceType.SECONDARY: _l("Secondary")}

VERDICT_STATE_LABELS = {
    VerdictState.DRAFT: _l("Draft"),
    VerdictState.IN_REVIEW: _l("In review"),
    VerdictState.APPROVED: _l("Approved"),
    VerdictState.PUBLISHED: _l("Published"),
    VerdictState.SUPERSEDED: _l("Superseded by a correction"),
}

JOB_STATUS_LABELS = {
    JobStatus.QUEUED: _l("Waiting to start"),
    JobStatus.RUNNING: _l("Running"),
    JobStatus.FINISHED: _l("Finished"),
    JobStatus.FAILED: _l("Failed"),
    JobStatus.INTERRUPTED: _l("Interrupted"),
    JobStatus.CANCELLED: _l("Cancelled"),
}

JOB_KIND_LABELS = {
    "import": _l("Bulk import"),
    "report": _l("Period report (PDF)"),
    "archive": _l("Source archive"),
}

REASON_LABELS = {
    "number": _l("number"),
    "percentage": _l("percentage"),
    "quantity": _l("quantity"),
    "date": _l("date"),
    "duration": _l("duration"),
    "superlative": _l("record or superlative"),
    "comparison": _l("comparison"),
    "attribution": _l("attributed"),
    "quote": _l("quotation"),
    "named_entity": _l("named entity"),
    "event": _l("event"),
    "opinion": _l("opinion"),
    "prediction": _l("prediction"),
    "advice": _l("advice"),
    "wish": _l("wish"),
    "question": _l("question"),
    "fragment": _l("fragment"),
}

LANGUAGE_LABELS = {"th": _l("Thai"), "en": _l("English"), "mixed": _l("Thai and English")}

ACTION_LABELS = {
    "user.create": _l("Account created"),
    "user.login": _l("Signed in"),
    "user.change_password": _l("Password changed"),
    "user.set_role": _l("Role changed"),
    "user.activate": _l("Account reactivated"),
    "user.deactivate": _l("Account deactivated"),
    "user.email_notifications": _l("E-mail notifications changed"),
    "token.issue": _l("API token issued"),
    "token.revoke": _l("API token revoked"),
    "article.create": _l("Article added"),
    "claim.create": _l("Claim found"),
    "appearance.create": _l("Claim found in an article"),
    "job.create": _l("Import started"),
    "job.interrupted": _l("Job interrupted"),
    "job.resume": _l("Job resumed"),
    "job.cancel": _l("Job cancelled"),
    "appearance.move": _l("Appearance moved to another claim"),
    "user.login_failed": _l("Failed sign-in"),
    "user.logout": _l("Signed out"),
    "claim.accept": _l("Claim accepted"),
    "claim.dismiss": _l("Claim dismissed"),
    "claim.reopen": _l("Claim reopened"),
    "claim.merge": _l("Claim merged"),
    "claim.auto_merge": _l("Claim linked to the same claim found earlier"),
    "claim.unmerge": _l("Claim unmerged: not the same claim"),
    "claim_match.same": _l("Marked as the same claim"),
    "claim_match.different": _l("Marked as a different claim"),
    "fact_check.import": _l("Known fact-checks imported"),
    "claim.assign": _l("Claim assigned"),
    "claim.edit": _l("Claim edited"),
    "claim.start_research": _l("Research started"),
    "claim.in_review": _l("Claim in review"),
    "claim.sent_back": _l("Claim back in research"),
    "claim.publish": _l("Claim published"),
    "source.add": _l("Source added"),
    "source.edit": _l("Source edited"),
    "source.remove": _l("Source removed"),
    "source.archive": _l("Source archived"),
    "source.archive_failed": _l("Source could not be archived"),
    "source.archive_retry": _l("Source archiving retried"),
    "verdict.draft": _l("Verdict drafted"),
    "verdict.correct": _l("Correction drafted"),
    "verdict.edit": _l("Verdict edited"),
    "verdict.submit": _l("Verdict submitted for review"),
    "verdict.approve": _l("Verdict approved"),
    "verdict.send_back": _l("Verdict sent back"),
    "verdict.review_again": _l("Verdict back in review: its claim or sources changed"),
    "verdict.publish": _l("Verdict published"),
    "verdict.supersede": _l("Verdict superseded"),
    "comment.add": _l("Comment added"),
    "rating.add": _l("Rating added"),
    "rating.edit": _l("Rating changed"),
    "rating.delete": _l("Rating deleted"),
    "organisation.edit": _l("Organisation changed"),
}

OBJECT_LABELS = {
    "users": _l("User"),
    "api_tokens": _l("API token"),
    "articles": _l("Article"),
    "claims": _l("Claim"),
    "appearances": _l("Appearance"),
    "claim_matches": _l("Possible match"),
    "known_fact_checks": _l("Known fact-check"),
    "sources": _l("Source"),
    "verdicts": _l("Verdict"),
    "ratings": _l("Rating"),
    "comments": _l("Comment"),
    "jobs": _l("Background job"),
    "organisation": _l("Organisation"),
}


def audit_changes(before: dict | None, after: dict | None) -> list[tuple[str, object, object]]:
    """Return (field, before, after) for each field an audit event changed, in field order."""
    before, after = before or {}, after or {}
    fields = list(dict.fromkeys([*before, *after]))
    return [(f, before.get(f), after.get(f)) for f in fields if before.get(f) != after.get(f)]


def rating_tone(rating: Rating | None) -> str:
    """Return the tone of a rating ("true" … "false", "other") on the scale in use."""
    from app.extensions import db
    from app.services import ratings

    if "rating_values" not in g:  # one query per request, however many badges a page shows
        g.rating_values = ratings.scale_values(db.session)
    return ratings.rating_tone(rating.value if rating else None, g.rating_values)


def register(app: Flask) -> None:
    """Make the labels and the audit helper available to every template."""
    app.add_template_filter(audit_changes, "audit_changes")
    app.add_template_filter(rating_tone, "rating_tone")
    app.add_template_filter(lambda row: (STATUS_LABELS[row[0]], row[1]), "status_row")

    @app.context_processor
    def inject_labels() -> dict[str, object]:
        return {
            "role_labels": ROLE_LABELS,
            "status_labels": STATUS_LABELS,
            "language_labels": LANGUAGE_LABELS,
            "action_labels": ACTION_LABELS,
            "object_labels": OBJECT_LABELS,
            "job_status_labels": JOB_STATUS_LABELS,
            "job_kind_labels": JOB_KIND_LABELS,
            "reason_labels": REASON_LABELS,
            "stance_labels": STANCE_LABELS,
            "source_type_labels": SOURCE_TYPE_LABELS,
            "verdict_state_labels": VERDICT_STATE_LABELS,
        }
