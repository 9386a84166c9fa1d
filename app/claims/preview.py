"""The verdict form's live preview: Markdown rendered exactly as the pages will show it."""

from __future__ import annotations

from flask import jsonify, request
from flask_babel import gettext as _
from flask_login import login_required

from app.claims import bp
from app.errors import error_response
from app.inputs.limits import column_limit
from app.markdown import render_markdown
from app.models import Role, Verdict
from app.services.permissions import require_role
from app.web import actor

MAX_PREVIEW = column_limit(Verdict.explanation)  # what the explanation itself may hold


@bp.route("/markdown/preview", methods=["POST"])
@login_required
def markdown_preview():
    """Return {"html": …} for the posted `text` (CSRF-checked, like every form post)."""
    require_role(actor(), Role.CHECKER)
    text = request.form.get("text", "")
    if len(text) > MAX_PREVIEW:
        return error_response(
            413, _("The text is longer than %(n)d characters.", n=MAX_PREVIEW), "too_large"
        )
    return jsonify(html=str(render_markdown(text)))
