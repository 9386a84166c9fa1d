"""Pick a claim by searching for it (merge targets): words in, the best open claims out."""

from __future__ import annotations

import re

from flask import jsonify, request
from flask_login import login_required

from app.claims import bp
from app.extensions import db
from app.labels import STATUS_LABELS
from app.models import Claim, ClaimStatus
from app.search import Hit, Scope, search
from app.search.highlight import snippet
from app.services import workflow
from app.web import actor

# What a claim can be merged into: a claim still being checked, or published.
TARGET_STATUSES = tuple(
    s.value for s in ClaimStatus if s not in (ClaimStatus.MERGED, ClaimStatus.DISMISSED)
)
CHOICES = 8
# "#42" names claim 42; a bare number is a word of the claim (1945, 80 ปี).
_CLAIM_NUMBER = re.compile(r"^#(\d{1,9})$")


def merge_choices(claim_id: int, text: str) -> list[Hit]:
    """Return the claims that the words find, best first, for merging claim_id into one."""
    text = (text or "").replace("\x00", " ").strip()[:500]
    if not text:
        return []
    scope = Scope(kinds=("claim",), statuses=TARGET_STATUSES, not_claim=claim_id)
    if number := _CLAIM_NUMBER.match(text):
        # A claim number finds that claim (when it can be a target), as words would.
        target = db.session.get(Claim, int(number.group(1)))
        if target is None or target.id == claim_id or target.status.value not in TARGET_STATUSES:
            return []
        shown = snippet(target.text, frozenset())
        return [Hit("claim", target.id, target.id, shown.text, shown, 1.0, target.status.value)]
    return search(db.session, actor(), text, scope, per_page=CHOICES, prefix=True).items


@bp.route("/claims/<id:claim_id>/merge-choices")
@login_required
def merge_choices_json(claim_id: int):
    """Return the claims that words find as merge targets (for the claim page's picker)."""
    workflow.get_claim(db.session, claim_id)  # 404 for a claim that is not there
    hits = merge_choices(claim_id, request.args.get("q", ""))
    return jsonify(
        items=[
            {
                "id": hit.id,
                "title": hit.title,
                "snippet": hit.snippet.text,
                "highlights": [list(span) for span in hit.snippet.marks],
                "status": hit.status,
                "status_label": str(STATUS_LABELS[ClaimStatus(hit.status)]),
            }
            for hit in hits
        ]
    )
