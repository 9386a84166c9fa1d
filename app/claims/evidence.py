"""A source's archive on the claim page: retry it, follow it, read its text, open its file."""

from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import quote

from flask import Response, abort, jsonify, render_template
from flask_babel import gettext as _
from flask_login import login_required

from app.claims import bp
from app.claims.routes import _act
from app.extensions import db
from app.ingest.uploads import EXTENSIONS, PDF
from app.models import Role, Source
from app.services import sources
from app.services.archiving import archive
from app.web import actor


def _source_of(claim_id: int, source_id: int) -> Source:
    """Return the claim's (not removed) source, or 404."""
    source = db.session.get(Source, source_id)
    if source is None or source.claim_id != claim_id or source.removed_at is not None:
        abort(404)
    return source


@bp.route("/claims/<id:claim_id>/sources/<id:source_id>/archive", methods=["POST"])
@login_required
def retry_archive(claim_id: int, source_id: int):
    """Queue archiving of a source again (after a failure)."""
    _source_of(claim_id, source_id)
    done = []

    def call(form):
        done.append(archive.retry(db.session, actor(), source_id))

    response = _act(claim_id, "archive_retry", call, _("Archiving again."), f"#source-{source_id}")
    if done and not isinstance(response, tuple):
        archive.start(done[0])
    return response


@bp.route("/claims/<id:claim_id>/sources/<id:source_id>/archive.json")
@login_required
def archive_state(claim_id: int, source_id: int):
    """Return a source's archive state and its block of the claim page (for archive-state.js)."""
    source = _source_of(claim_id, source_id)
    state = archive.state(source)
    html = render_template(
        "claims/_source_archive.html",
        source=source,
        state=state,
        claim=source.claim,
        can_edit=actor().role.includes(Role.CHECKER),
    )
    return jsonify(state.as_json() | {"title": source.title or source.url, "html": html})


@bp.route("/claims/<id:claim_id>/sources/<id:source_id>/archived")
@login_required
def archived_text(claim_id: int, source_id: int):
    """Show the text a source's archive kept."""
    source = _source_of(claim_id, source_id)
    if not source.snapshot_sha256:
        abort(404)
    return render_template("claims/archived_text.html", source=source, claim=source.claim)


@bp.route("/claims/<id:claim_id>/sources/<id:source_id>/file")
@login_required
def source_file(claim_id: int, source_id: int):
    """Send a source's uploaded file: an image shown, a PDF downloaded, never sniffed."""
    _source_of(claim_id, source_id)
    source, data = sources.file_of(db.session, actor(), source_id)
    kind = source.file_type or "application/octet-stream"
    name = f"source-{source.id}.{EXTENSIONS.get(kind, 'bin')}"
    disposition = "attachment" if kind == PDF else "inline"
    response = Response(data, mimetype=kind)
    # The name the checker uploaded, with the extension of the type Satja found in the bytes:
    # a file uploaded as "x.html" is never saved to a reader's disk as HTML.
    stem = PurePosixPath((source.file_name or "").replace("\\", "/")).stem or f"source-{source.id}"
    original = quote(f"{stem}.{EXTENSIONS.get(kind, 'bin')}")
    response.headers["Content-Disposition"] = (
        f"{disposition}; filename=\"{name}\"; filename*=UTF-8''{original}"
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response
