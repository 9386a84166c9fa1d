"""Translated names of workflow states and roles, for templates and forms."""

from flask import Flask
from flask_babel import lazy_gettext as _l

from app.models import ClaimStatus, Role

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


def register(app: Flask) -> None:
    """Make the labels available to every template."""

    @app.context_processor
    def inject_labels() -> dict[str, object]:
        return {"role_labels": ROLE_LABELS, "status_labels": STATUS_LABELS}
