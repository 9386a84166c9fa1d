"""API: claims (with ETag/If-Match optimistic locking), verdicts and the rating scale."""

from __future__ import annotations

from flask import jsonify, request
from flask_babel import lazy_gettext as _l

from app.api import bp
from app.api.auth import api_user
from app.api.bodies import json_body
from app.api.sources import source_json
from app.errors import error_response
from app.extensions import db
from app.extraction.entities import find_entities
from app.ingest.errors import IngestError
from app.ingest.text import parse_published
from app.inputs.screen import version_number, whole_number
from app.models import Claim, ClaimStatus, Role, User, Verdict
from app.services import accounts, matching, publishing, ratings, review, sources, workflow
from app.services import claims as claim_reads
from app.services.errors import InvalidInput
from app.services.ingest import IngestRefused
from app.services.permissions import require_role
from app.web import bounded_page


def verdict_json(verdict: Verdict | None) -> dict | None:
    if verdict is None:
        return None
    return {
        "id": verdict.id,
        "number": verdict.number,
        "state": verdict.state.value,
        "rating": verdict.rating.key,
        "conclusion": verdict.conclusion,
        "explanation": verdict.explanation,
        "correction_note": verdict.correction_note,
        "author": verdict.author.email if verdict.author else None,
        "approver": verdict.approver.email if verdict.approver else None,
        "content_editor": verdict.content_editor.email if verdict.content_editor else None,
        "published_at": verdict.published_at.isoformat() if verdict.published_at else None,
        "version": verdict.version,
    }


def claim_json(claim: Claim, full: bool = False) -> dict:
    data = {
        "id": claim.id,
        "text": claim.text,
        "claimant": claim.claimant,
        "reported_by": claim.reported_by,
        "status": claim.status.value,
        "score": claim.score,
        "reasons": claim.reasons.get("reasons", []),
        "language": claim.language,
        "assignee": claim.assignee.email if claim.assignee else None,
        "version": claim.version,
    }
    if full:
        data["entities"] = [
            {"kind": e.kind, "text": e.text, "start": e.start, "end": e.end}
            for e in find_entities(claim.text, claim.language)
        ]
        data |= {
            "claim_date": claim.claim_date.isoformat() if claim.claim_date else None,
            "appearances": [
                {"article_id": a.article_id, "start": a.start, "end": a.end, "sentence": a.sentence}
                for a in claim.appearances
            ],
            "sources": [source_json(s) for s in sources.active_sources(claim)],
            "verdict": verdict_json(review.open_verdict(claim) or review.published_verdict(claim)),
            "published_verdict": verdict_json(review.published_verdict(claim)),
            "public_url": publishing.public_url(claim),
        }
    return data


def _with_etag(claim: Claim, status: int = 200):
    response = jsonify(claim_json(claim, full=True))
    response.set_etag(str(claim.version))
    return response, status


def _if_match() -> int | tuple:
    """Return the version named by If-Match, or the 428 answer when it is missing."""
    header = request.headers.get("If-Match", "").strip()
    if not header:
        return error_response(
            428,
            _l("Send If-Match with the version (ETag) you based this on."),
            "precondition_required",
        )
    version = version_number(header)
    if version is None:
        return error_response(412, _l("If-Match must be the claim's ETag."), "stale_edit")
    return version


@bp.route("/claims")
def list_claims():
    """Return claims, filtered by status and assignee, newest first.
    ---
    get:
      parameters:
        - Page
        - name: status
          in: query
          schema:
            type: string
            enum: [candidate, accepted, in_research, in_review, published, dismissed, merged]
        - {name: assignee, in: query, description: an e-mail address, schema: {type: string}}
      responses:
        200: ClaimPage
    """
    status = request.args.get("status") or None
    if status and status not in {s.value for s in ClaimStatus}:
        return error_response(400, _l("Unknown status."), "bad_request")
    query = claim_reads.claims_query(api_user(), ClaimStatus(status) if status else None)
    assignee = request.args.get("assignee")
    if assignee:
        query = query.join(User, Claim.assignee_id == User.id).where(
            db.func.lower(User.email) == assignee.lower()
        )
    query = query.options(*claim_reads.API_LOADING)
    page = bounded_page(query, 25)
    return jsonify(
        items=[claim_json(c) for c in page.items],
        page=page.page,
        pages=page.pages,
        total=page.total,
        total_capped=page.capped,
    )


@bp.route("/claims/<id:claim_id>")
def get_claim(claim_id: int):
    """Return a claim with its appearances, sources and verdict; ETag is its version.
    ---
    get:
      responses:
        200: Claim
    """
    require_role(api_user(), Role.VIEWER)
    return _with_etag(workflow.get_claim(db.session, claim_id))


@bp.route("/claims/<id:claim_id>/similar")
def similar_claims(claim_id: int):
    """Return the claims and known fact-checks most like this claim, with scores and reasons.
    ---
    get:
      description: >
        Candidates come from the search index and are scored by Thai-aware word and character
        similarity; any difference in numbers, dates, places, negation or claimant keeps the
        score below the automatic-link threshold and is named in `reasons`. Claims merged into
        this one, the one it is merged into, and pairs a person marked different are left out.
      parameters:
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 50, default: 10}}
      responses:
        200: SimilarItems
    """
    require_role(api_user(), Role.VIEWER)
    claim = workflow.get_claim(db.session, claim_id)
    limit = whole_number(request.args.get("limit", "10"), 50)
    if not limit:
        return error_response(400, _l("limit must be a whole number from 1 to 50."), "bad_request")
    items = matching.similar_to_claim(db.session, claim, limit)
    given = matching.thresholds()
    return jsonify(
        items=[item.json() for item in items],
        thresholds={"suggest": given.suggest, "auto": given.auto},
    )


@bp.route("/claims/<id:claim_id>", methods=["PATCH"])
def patch_claim(claim_id: int):
    """Edit a claim or move it along; needs If-Match (412 when stale, 428 when missing).
    ---
    patch:
      parameters:
        - ClaimVersion
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              properties:
                text: {type: string}
                claimant: {type: [string, "null"]}
                reported_by:
                  type: [string, "null"]
                  description: who passed the claimant's words on (a channel), if anyone
                claim_date: {type: [string, "null"], format: date}
                status:
                  type: string
                  enum: [accepted, dismissed, candidate, merged]
                  description: >-
                    dismissed needs reason, merged needs canonical_id;
                    candidate brings a dismissed claim back
                reason: {type: string}
                canonical_id: {type: integer}
                assignee: {type: [string, "null"], description: an e-mail address}
      responses:
        200: Claim
        409: {description: "The change is not allowed in the claim's state."}
        412: {description: "The claim changed since its ETag was read."}
        422: {description: "A field is invalid."}
        428: {description: "If-Match is missing."}
    """
    require_role(api_user(), Role.CHECKER)  # an empty body changes nothing, but is no way in
    version = _if_match()
    if not isinstance(version, int):
        return version
    body = json_body(
        ("text", "claimant", "reported_by", "claim_date", "status", "reason", "assignee"),
        ("canonical_id",),
    )
    user = api_user()
    claim = workflow.get_claim(db.session, claim_id)
    if {"text", "claimant", "reported_by", "claim_date"} & body.keys():
        # A field left out keeps its value (a PATCH of the text alone keeps the date).
        claim_date = _date(body["claim_date"]) if "claim_date" in body else claim.claim_date
        workflow.edit(
            db.session,
            user,
            claim_id,
            workflow.ClaimEdit(
                body.get("text", claim.text),
                body.get("claimant", claim.claimant),
                claim_date,
                body.get("reported_by", claim.reported_by),
            ),
            version,
        )
        version = claim.version
    if "status" in body:
        _transition(claim_id, body, version)
        version = claim.version
    if "assignee" in body:
        workflow.assign(db.session, user, claim_id, _user_id(body["assignee"]), version)
    db.session.commit()
    return _with_etag(workflow.get_claim(db.session, claim_id))


def _transition(claim_id: int, body: dict, version: int) -> None:
    user, status = api_user(), body["status"]
    if status == "accepted":
        workflow.accept(db.session, user, claim_id, version)
    elif status == "dismissed":
        workflow.dismiss(db.session, user, claim_id, str(body.get("reason") or ""), version)
    elif status == "candidate":
        workflow.reopen(db.session, user, claim_id, version)
    elif status == "merged":
        workflow.merge(db.session, user, claim_id, int(body.get("canonical_id") or 0), version)
    else:
        raise InvalidInput(
            _l(
                "status may be set to accepted, dismissed, candidate or merged; "
                "verdicts move the rest."
            ),
            field="status",
        )


def _date(value: str | None):
    """Parse a claim date (Thai or English, either era), refusing nonsense."""
    try:
        return parse_published(value) if value else None
    except IngestError as error:
        raise IngestRefused(error) from None


def _user_id(email: str | None) -> int | None:
    if not email:
        return None
    user = accounts.find_by_email(db.session, email)
    if user is None:
        raise InvalidInput(_l("No such user."), field="assignee")
    return user.id


VERDICT_FIELDS = ("rating", "conclusion", "explanation", "correction_note")


def _verdict_input(body: dict) -> review.VerdictInput:
    return review.VerdictInput(
        str(body.get("rating") or ""),
        str(body.get("conclusion") or ""),
        str(body.get("explanation") or ""),
        body.get("correction_note"),
    )


@bp.route("/claims/<id:claim_id>/verdicts", methods=["POST"])
def draft_verdict(claim_id: int):
    """Start a draft verdict.
    ---
    post:
      x-shared: verdict_input
      responses:
        201: Verdict
        409: {description: "The claim is not ready for a verdict."}
        422: {description: "A field is invalid."}
    """
    verdict = review.draft(
        db.session, api_user(), claim_id, _verdict_input(json_body(VERDICT_FIELDS))
    )
    db.session.commit()
    return jsonify(verdict_json(verdict)), 201


@bp.route("/claims/<id:claim_id>/corrections", methods=["POST"])
def correct(claim_id: int):
    """Start a correction of the published verdict (a new version with a public note).
    ---
    post:
      x-shared: verdict_input
      responses:
        201: Verdict
        409: {description: "The claim has no published verdict."}
        422: {description: "The correction note is missing or a field is invalid."}
    """
    verdict = review.correct(
        db.session, api_user(), claim_id, _verdict_input(json_body(VERDICT_FIELDS))
    )
    db.session.commit()
    return jsonify(verdict_json(verdict)), 201


def _step(verdict_id: int, service, *args):
    header = request.headers.get("If-Match")
    version = version_number(header)
    if header and version is None:
        return error_response(412, _l("If-Match must be the verdict's ETag."), "stale_edit")
    verdict = service(db.session, api_user(), verdict_id, *args, version)
    db.session.commit()
    return jsonify(verdict_json(verdict))


@bp.route("/verdicts/<id:verdict_id>/submit", methods=["POST"])
def submit(verdict_id: int):
    """Send a draft verdict to a second reviewer.
    ---
    post: {x-shared: verdict_step}
    """
    return _step(verdict_id, review.submit)


@bp.route("/verdicts/<id:verdict_id>/approve", methods=["POST"])
def approve(verdict_id: int):
    """Approve a verdict in review (not its author).
    ---
    post: {x-shared: verdict_step}
    """
    return _step(verdict_id, review.approve)


@bp.route("/verdicts/<id:verdict_id>/send-back", methods=["POST"])
def send_back(verdict_id: int):
    """Send a verdict in review back to its author with a comment.
    ---
    post:
      x-shared: verdict_step
      requestBody:
        content:
          application/json:
            schema: {type: object, required: [comment], properties: {comment: {type: string}}}
    """
    return _step(verdict_id, review.send_back, str(json_body(("comment",)).get("comment") or ""))


@bp.route("/verdicts/<id:verdict_id>/publish", methods=["POST"])
def publish(verdict_id: int):
    """Publish an approved verdict (an editor).
    ---
    post: {x-shared: verdict_step}
    """
    return _step(verdict_id, review.publish)


@bp.route("/ratings")
def list_ratings():
    """Return the rating scale.
    ---
    get:
      responses:
        200:
          description: The labels, best first.
          content:
            application/json:
              schema: {type: array, items: {$ref: "#/components/schemas/Rating"}}
    """
    require_role(api_user(), Role.VIEWER)
    return jsonify(
        [
            {
                "key": r.key,
                "label_en": r.label_en,
                "label_th": r.label_th,
                "order": r.sort_order,
                "value": r.value,
            }
            for r in ratings.scale(db.session)
        ]
    )
