"""API: a claim's sources, saved at once and archived in the background, with their files."""

from __future__ import annotations

from flask import jsonify, request
from flask_babel import lazy_gettext as _l

from app.api import bp
from app.api.auth import api_user
from app.api.bodies import BadBody, json_body
from app.extensions import db
from app.models import Role, Source
from app.services import sources
from app.services.archiving import archive, files
from app.services.errors import NotFound
from app.services.permissions import require_role

FIELDS = ("url", "title", "publisher", "published", "excerpt", "stance", "source_type", "note")


def source_json(source: Source) -> dict:
    """Return a source as the API shows it, with its archive state and its file's facts."""
    return {
        "id": source.id,
        "url": source.url,
        "title": source.title,
        "publisher": source.publisher,
        "published": source.published_on.isoformat() if source.published_on else None,
        "excerpt": source.excerpt,
        "stance": source.stance.value,
        "source_type": source.source_type.value,
        "note": source.note,
        "snapshot_sha256": source.snapshot_sha256,
        "accessed_at": source.accessed_at.isoformat() if source.accessed_at else None,
        "archive": archive.state(source).as_json(),
        "file": _file_json(source),
        "version": source.version,
    }


def _file_json(source: Source) -> dict | None:
    if not source.file_sha256:
        return None
    return {
        "sha256": source.file_sha256,
        "type": source.file_type,
        "size": source.file_size,
        "name": source.file_name,
    }


def _given() -> tuple[dict, files.Upload | None]:
    """Return the source's fields and file, from a JSON body or a multipart form."""
    if request.mimetype != "multipart/form-data":
        return json_body(FIELDS), None
    if len(request.files) > 1 or any(k not in (*FIELDS, "file") for k in request.form):
        raise BadBody(_l("Send the fields of a source and at most one file, named file."))
    chosen = request.files.get("file")
    upload = files.Upload(chosen.filename or "", chosen.read()) if chosen else None
    return request.form.to_dict(), upload


@bp.route("/claims/<id:claim_id>/sources", methods=["POST"])
def add_source(claim_id: int):
    """Attach a source at once; a url or a PDF is archived in the background.
    ---
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/SourceSubmission"}
          multipart/form-data:
            schema:
              allOf:
                - {$ref: "#/components/schemas/SourceSubmission"}
                - type: object
                  properties:
                    file:
                      type: string
                      format: binary
                      description: "a PNG, JPEG, WebP or GIF screenshot, or a PDF"
      responses:
        201: Source
        413: {description: "The file is larger than Satja accepts."}
        422: {description: "A field is invalid, or the file is not a screenshot or a PDF."}
    """
    body, upload = _given()
    given = sources.SourceInput(
        url=body.get("url") or None,
        title=str(body.get("title") or ""),
        publisher=body.get("publisher"),
        published=body.get("published"),
        excerpt=str(body.get("excerpt") or ""),
        stance=str(body.get("stance") or "context"),
        source_type=str(body.get("source_type") or "secondary"),
        note=str(body.get("note") or ""),
    )
    source = sources.add_source(db.session, api_user(), claim_id, given, upload)
    db.session.commit()
    archive.start(source)
    return jsonify(source_json(source)), 201


def _visible(source_id: int) -> Source:
    source = db.session.get(Source, source_id)
    if source is None or source.removed_at is not None:
        raise NotFound(_l("No such source."))
    return source


@bp.route("/sources/<id:source_id>")
def get_source(source_id: int):
    """Return a source with its archive state.
    ---
    get:
      responses:
        200: Source
    """
    require_role(api_user(), Role.VIEWER)
    return jsonify(source_json(_visible(source_id)))


@bp.route("/sources/<id:source_id>/archive", methods=["POST"])
def retry_archive(source_id: int):
    """Archive a source again after a failure; 409 while it is pending or once archived.
    ---
    post:
      responses:
        202: Source
        409: {description: "The source is being archived, is archived, or has nothing to archive."}
    """
    source = archive.retry(db.session, api_user(), source_id)
    db.session.commit()
    archive.start(source)
    return jsonify(source_json(source)), 202
