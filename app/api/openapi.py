"""The OpenAPI 3.1 description of /api/v1, built by apispec from the routes and their docstrings.

Each API view documents itself: the first line of its docstring is the summary, and YAML after a
`---` line gives the OpenAPI operation (parameters, request body, responses), read with apispec's
`load_operations_from_docstring`. This module adds what every operation shares: the path
parameters of the URL rule, the bearer-token security and the JSON error responses.
"""

from __future__ import annotations

import re

from apispec import APISpec
from apispec.yaml_utils import load_operations_from_docstring
from flask import Flask, jsonify, render_template
from flask import current_app as app_proxy

from app.api import bp
from app.api.auth import PUBLIC_ENDPOINTS
from app.web import MAX_PAGE

ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {"type": "string", "examples": ["not_found"]},
                "message": {"type": "string"},
                "fields": {"type": "object", "additionalProperties": {"type": "string"}},
            },
        }
    },
}

NULLABLE_STRING = {"type": ["string", "null"]}
FILE_TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif", "application/pdf"]
CLAIM_STATUS = {
    "type": "string",
    "enum": [
        "candidate",
        "accepted",
        "in_research",
        "in_review",
        "published",
        "dismissed",
        "merged",
    ],
}

VERDICT = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "number": {"type": "integer", "description": "1 for the first verdict, then corrections"},
        "state": {"type": "string", "enum": ["draft", "in_review", "approved", "published"]},
        "rating": {"type": "string", "description": "a key of GET /ratings"},
        "conclusion": {"type": "string"},
        "explanation": {"type": "string", "description": "Markdown"},
        "correction_note": NULLABLE_STRING,
        "author": NULLABLE_STRING,
        "approver": NULLABLE_STRING,
        "content_editor": {
            **NULLABLE_STRING,
            "description": "who last changed the rating, conclusion, explanation or note",
        },
        "published_at": {"type": ["string", "null"], "format": "date-time"},
        "version": {"type": "integer", "description": "send as If-Match to move it along"},
    },
}

SOURCE = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "url": NULLABLE_STRING,
        "title": {"type": "string"},
        "publisher": NULLABLE_STRING,
        "excerpt": {"type": "string"},
        "stance": {"type": "string", "enum": ["supports", "refutes", "context"]},
        "source_type": {"type": "string", "enum": ["primary", "secondary"]},
        "note": {"type": "string"},
        "snapshot_sha256": NULLABLE_STRING,
        "accessed_at": {"type": ["string", "null"], "format": "date-time"},
        "published": {"type": ["string", "null"], "format": "date"},
        "archive": {"$ref": "#/components/schemas/SourceArchive"},
        "file": {
            "oneOf": [
                {
                    "type": "object",
                    "required": ["sha256", "type", "size"],
                    "properties": {
                        "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                        "type": {
                            "type": "string",
                            "enum": FILE_TYPES,
                        },
                        "size": {"type": "integer", "minimum": 1},
                        "name": NULLABLE_STRING,
                    },
                },
                {"type": "null"},
            ]
        },
        "version": {"type": "integer"},
    },
}

SOURCE_ARCHIVE = {
    "type": "object",
    "description": "Archiving runs in the background: pending, then archived or failed "
    "(with the reason in the reader's language); none when there is no url or PDF.",
    "required": ["status"],
    "properties": {
        "status": {"type": "string", "enum": ["none", "pending", "archived", "failed"]},
        "error": {"type": "string"},
        "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
        "archived_at": {"type": "string", "format": "date-time"},
    },
}

SOURCE_SUBMISSION = {
    "type": "object",
    "description": "A url, a title or a file is needed; a url is never fetched in the request.",
    "properties": {
        "url": {"type": "string", "format": "uri"},
        "title": {"type": "string"},
        "publisher": {"type": "string"},
        "published": {"type": "string", "description": "a Thai or English date, either era"},
        "excerpt": {"type": "string"},
        "stance": {"type": "string", "enum": ["supports", "refutes", "context"]},
        "source_type": {"type": "string", "enum": ["primary", "secondary"]},
        "note": {"type": "string"},
    },
}

CLAIM = {
    "type": "object",
    "required": ["id", "text", "status", "version"],
    "properties": {
        "id": {"type": "integer"},
        "text": {"type": "string"},
        "claimant": NULLABLE_STRING,
        "reported_by": {
            **NULLABLE_STRING,
            "description": "Who passed the claimant's words on (a channel), if the text names one.",
        },
        "status": CLAIM_STATUS,
        "score": {"type": "number", "minimum": 0, "maximum": 1},
        "reasons": {"type": "array", "items": {"type": "string"}},
        "language": {"type": "string", "enum": ["th", "en"]},
        "assignee": NULLABLE_STRING,
        "version": {"type": "integer", "description": "the ETag; send as If-Match to edit"},
        "claim_date": {"type": ["string", "null"], "format": "date"},
        "entities": {
            "type": "array",
            "description": "people, organisations and places the claim names; start and end "
            "are character offsets in its text",
            "items": {
                "type": "object",
                "required": ["kind", "text", "start", "end"],
                "properties": {
                    "kind": {"type": "string", "enum": ["person", "organisation", "place"]},
                    "text": {"type": "string"},
                    "start": {"type": "integer", "minimum": 0},
                    "end": {"type": "integer", "minimum": 0},
                },
            },
        },
        "appearances": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "article_id": {"type": "integer"},
                    "start": {"type": "integer", "description": "character offset in the body"},
                    "end": {"type": "integer"},
                    "sentence": {"type": "string"},
                },
            },
        },
        "sources": {"type": "array", "items": {"$ref": "#/components/schemas/Source"}},
        "verdict": {"oneOf": [{"$ref": "#/components/schemas/Verdict"}, {"type": "null"}]},
        "published_verdict": {
            "oneOf": [{"$ref": "#/components/schemas/Verdict"}, {"type": "null"}]
        },
        "public_url": {
            "type": ["string", "null"],
            "format": "uri",
            "description": "the public fact-check page, once published",
        },
    },
}

ARTICLE = {
    "type": "object",
    "required": ["id", "title", "language", "claims"],
    "properties": {
        "id": {"type": "integer"},
        "url": NULLABLE_STRING,
        "title": {"type": "string"},
        "language": {"type": "string", "enum": ["th", "en", "mixed"]},
        "outlet": NULLABLE_STRING,
        "author": NULLABLE_STRING,
        "published": {"type": ["string", "null"], "format": "date"},
        "body": {"type": "string", "description": "only when one article is asked for"},
        "claims": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "id": {"type": "integer"},
                    "text": {"type": "string"},
                    "start": {"type": "integer"},
                    "end": {"type": "integer"},
                    "score": {"type": "number"},
                    "reasons": {"type": "array", "items": {"type": "string"}},
                    "claimant": NULLABLE_STRING,
                    "reported_by": NULLABLE_STRING,
                    "status": CLAIM_STATUS,
                },
            },
        },
    },
}

SUBMISSION = {
    "type": "object",
    "description": "Give text, html or url (fetched by the server).",
    "properties": {
        name: {"type": "string"}
        for name in ("text", "html", "url", "title", "outlet", "author", "published", "language")
    },
}

RATING = {
    "type": "object",
    "properties": {
        "key": {"type": "string"},
        "label_en": {"type": "string"},
        "label_th": {"type": "string"},
        "order": {"type": "integer"},
        "value": {"type": ["integer", "null"], "description": "ClaimReview ratingValue; null = -1"},
    },
}


def _page_of(ref: str) -> dict:
    return {
        "type": "object",
        "properties": {
            "items": {"type": "array", "items": {"$ref": f"#/components/schemas/{ref}"}},
            "page": {"type": "integer"},
            "pages": {"type": "integer"},
            "total": {"type": "integer"},
            "total_capped": {
                "type": "boolean",
                "description": "more rows than `total`, where the count stops (10,000); "
                "pages go as deep as that: narrow the list with its filters",
            },
        },
    }


SEARCH_HIT = {
    "type": "object",
    "required": ["type", "id", "title", "snippet", "score"],
    "properties": {
        "type": {"type": "string", "enum": ["claim", "article", "source", "verdict", "fact_check"]},
        "id": {"type": "integer"},
        "claim_id": {"type": ["integer", "null"], "description": "the claim it belongs to"},
        "title": {"type": "string"},
        "snippet": {"type": "string", "description": "the text around the first match"},
        "highlights": {
            "type": "array",
            "description": "[start, end) character spans of the snippet that matched",
            "items": {"type": "array", "items": {"type": "integer"}},
        },
        "score": {"type": "number", "description": "higher is a better match"},
        "status": NULLABLE_STRING,
        "rating": NULLABLE_STRING,
        "outlet": NULLABLE_STRING,
        "language": NULLABLE_STRING,
        "date": {"type": ["string", "null"], "format": "date"},
        "url": {"type": "string", "description": "the staff page it opens"},
    },
}
FACET_VALUES = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "value": {"type": "string"},
            "label": {"type": "string"},
            "count": {"type": "integer"},
        },
    },
}
SEARCH_RESULTS = {
    "type": "object",
    "required": ["items", "facets", "page", "pages", "total"],
    "properties": {
        "items": {"type": "array", "items": {"$ref": "#/components/schemas/SearchHit"}},
        "facets": {
            "type": "object",
            "description": "counts of all matches per kind, status, rating, outlet, language",
            "additionalProperties": FACET_VALUES,
        },
        "page": {"type": "integer"},
        "pages": {"type": "integer"},
        "total": {"type": "integer"},
        "total_capped": {
            "type": "boolean",
            "description": "more match than `total`, which counts the newest 1,000",
        },
        "problems": {"type": "array", "items": {"type": "string"}},
    },
}

REASON = {
    "type": "object",
    "required": ["kind", "code"],
    "description": (
        "what agrees (kind same: words, numbers, dates, places, claimant, url) or differs "
        "(kind differs: words, numbers, dates, places, negation, claimant, short, and "
        "numbers_one_side, dates_one_side, places_one_side for a fact named on one side only)"
    ),
    "properties": {
        "kind": {"type": "string", "enum": ["same", "differs"]},
        "code": {"type": "string"},
        "values": {"type": "array", "items": {"type": "string"}},
        "this": {"type": "array", "items": {"type": "string"}},
        "other": {"type": "array", "items": {"type": "string"}},
    },
}
SIMILAR_ITEM = {
    "type": "object",
    "required": ["type", "id", "score", "reasons", "text"],
    "properties": {
        "type": {"type": "string", "enum": ["claim", "fact_check"]},
        "id": {"type": "integer"},
        "score": {"type": "number", "minimum": 0, "maximum": 1},
        "reasons": {"type": "array", "items": REASON},
        "text": {"type": "string"},
        "status": {"type": "string", "description": "a claim's status"},
        "publisher": NULLABLE_STRING,
        "rating": NULLABLE_STRING,
        "url": NULLABLE_STRING,
        "date": {"type": ["string", "null"], "format": "date"},
    },
}
SIMILAR_ITEMS = {
    "type": "object",
    "required": ["items", "thresholds"],
    "properties": {
        "items": {"type": "array", "items": SIMILAR_ITEM},
        "thresholds": {
            "type": "object",
            "properties": {"suggest": {"type": "number"}, "auto": {"type": "number"}},
        },
    },
}

NOTIFICATION = {
    "type": "object",
    "required": ["id", "kind", "claim_id", "text", "created_at", "read"],
    "properties": {
        "id": {"type": "integer"},
        "kind": {
            "type": "string",
            "enum": ["mention", "assignment", "review_requested", "sent_back", "published"],
        },
        "claim_id": {"type": "integer"},
        "text": {"type": "string", "description": "what happened, in the asked language"},
        "created_at": {"type": "string", "format": "date-time"},
        "read": {"type": "boolean"},
    },
}
NOTIFICATION_PAGE = {
    "type": "object",
    "required": ["items", "next_before"],
    "properties": {
        "items": {"type": "array", "items": {"$ref": "#/components/schemas/Notification"}},
        "next_before": {
            "type": ["integer", "null"],
            "description": "pass as `before` for the next page; null on the last",
        },
    },
}

SCHEMAS = {
    "Error": ERROR,
    "Notification": NOTIFICATION,
    "NotificationPage": NOTIFICATION_PAGE,
    "SimilarItems": SIMILAR_ITEMS,
    "SearchHit": SEARCH_HIT,
    "SearchResults": SEARCH_RESULTS,
    "Article": ARTICLE,
    "ArticleSubmission": SUBMISSION,
    "Claim": CLAIM,
    "Source": SOURCE,
    "SourceArchive": SOURCE_ARCHIVE,
    "SourceSubmission": SOURCE_SUBMISSION,
    "Verdict": VERDICT,
    "Rating": RATING,
    "ClaimReview": {
        "type": "object",
        "description": "schema.org ClaimReview JSON-LD (see docs/reports.md)",
        "required": ["@context", "@type", "url", "claimReviewed", "reviewRating"],
    },
    "ArticlePage": _page_of("Article"),
    "ClaimPage": _page_of("Claim"),
    "ClaimReviewPage": _page_of("ClaimReview"),
}

ERROR_STATUSES = {
    "400": "The request is malformed (a parameter or the JSON body).",
    "401": "No valid bearer token (error code unauthorized, token_revoked or token_expired).",
    "403": "The token's user may not do this.",
    "404": "No such object.",
}


def _json(description: str, schema: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


RESPONSES = {
    "Article": _json("The article with its claims.", "Article"),
    "ArticlePage": _json("25 articles a page.", "ArticlePage"),
    "Claim": _json("The claim; the ETag header carries its version.", "Claim"),
    "ClaimPage": _json("25 claims a page.", "ClaimPage"),
    "ClaimReviewPage": _json("50 ClaimReview objects a page.", "ClaimReviewPage"),
    "SearchResults": _json("20 results a page, with the facets of all.", "SearchResults"),
    "SimilarItems": _json("The most similar claims and known fact-checks.", "SimilarItems"),
    "Source": _json("The source.", "Source"),
    "Verdict": _json("The verdict.", "Verdict"),
}

PARAMETERS = {
    "Page": {
        "name": "page",
        "in": "query",
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
    },
    "ClaimVersion": {
        "name": "If-Match",
        "in": "header",
        "required": True,
        "description": "The claim's ETag (its version).",
        "schema": {"type": "string"},
    },
    "VerdictVersion": {
        "name": "If-Match",
        "in": "header",
        "description": "The verdict's version; a stale one answers 409.",
        "schema": {"type": "string"},
    },
}

VERDICT_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["rating", "conclusion"],
                "properties": {
                    "rating": {"type": "string", "description": "a key of GET /ratings"},
                    "conclusion": {"type": "string"},
                    "explanation": {"type": "string", "description": "Markdown"},
                    "correction_note": {"type": "string"},
                },
            }
        }
    },
}


# Parts of operations that several routes share, named in a docstring as `x-shared: NAME`.
SHARED_OPERATIONS = {
    "verdict_input": {"requestBody": VERDICT_BODY},
    "verdict_step": {
        "parameters": ["VerdictVersion"],
        "responses": {
            "200": "Verdict",
            "409": {
                "description": "The step is not allowed in this state, the claim has no active "
                "source, or four eyes refuses it: whoever wrote the verdict's content cannot "
                "approve it (the message says why)."
            },
            "412": {"description": "If-Match is not a version, or a concurrent step won."},
        },
    },
}

ERROR_CONTENT = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}


RULE_PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")


def _path_of(rule: str) -> tuple[str, list[dict]]:
    """Return an OpenAPI path template and its parameters for a Werkzeug rule."""
    parameters = []
    for converter, name in RULE_PARAMETER.findall(rule):
        schema: dict = {"type": "string"}
        if converter == "id":
            schema = {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}
        elif converter == "int":
            schema = {"type": "integer"}
        parameters.append({"name": name, "in": "path", "required": True, "schema": schema})
    return RULE_PARAMETER.sub(r"{\2}", rule), parameters


def build_spec(app: Flask) -> dict:
    """Return the OpenAPI 3.1 description of every /api/v1 route of the app."""
    spec = APISpec(
        title="Satja API",
        version="1",
        openapi_version="3.1.0",
        info={
            "description": "Articles, claims, sources, verdicts and ClaimReview of a Satja "
            "fact-checking desk. Every request needs `Authorization: Bearer TOKEN` "
            "(`flask users token EMAIL`). Errors are JSON: "
            '`{"error": {"code": ..., "message": ...}}`.'
        },
        servers=[{"url": "/api/v1"}],
    )
    spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer"})
    for name, schema in SCHEMAS.items():
        spec.components.schema(name, schema)
    for name, response in RESPONSES.items():
        spec.components.response(name, response)
    for name, parameter in PARAMETERS.items():
        spec.components.parameter(name, parameter["in"], parameter)
    for status, description in ERROR_STATUSES.items():
        spec.components.response(
            f"E{status}",
            {
                "description": description,
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
            },
        )
    prefix = bp.url_prefix or "/api/v1"
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if not rule.endpoint.startswith("api.") or rule.endpoint in PUBLIC_ENDPOINTS:
            continue
        view = app.view_functions[rule.endpoint]
        path, parameters = _path_of(rule.rule.removeprefix(prefix))
        documented = load_operations_from_docstring(view.__doc__ or "")
        summary = (view.__doc__ or "").strip().splitlines()[0] if view.__doc__ else rule.endpoint
        operations = {}
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            operation = dict(documented.get(method.lower(), {}))
            shared = SHARED_OPERATIONS.get(operation.pop("x-shared", ""), {})
            operation = {**shared, **operation}
            operation.setdefault("summary", summary)
            operation.setdefault("operationId", rule.endpoint.removeprefix("api."))
            operation.setdefault("tags", [view.__module__.rsplit(".", 1)[-1]])
            operation["security"] = [{"bearer": []}]
            responses = operation.setdefault("responses", {})
            responses = {str(k): v for k, v in responses.items()}
            for status, response in responses.items():
                if status >= "400" and isinstance(response, dict) and "$ref" not in response:
                    response.setdefault("content", ERROR_CONTENT)
            takes_input = "requestBody" in operation or any(
                PARAMETERS.get(p, {}).get("in") == "query"
                if isinstance(p, str)
                else p["in"] == "query"
                for p in operation.get("parameters", [])
            )
            shared = ("400",) if takes_input else ()
            shared += ("401", "403") + (("404",) if parameters else ())
            for status in shared:
                responses.setdefault(status, {"$ref": f"#/components/responses/E{status}"})
            operation["responses"] = responses
            if parameters:
                operation["parameters"] = parameters + operation.get("parameters", [])
            operations[method.lower()] = operation
        spec.path(path=path, operations=operations)
    return spec.to_dict()


@bp.route("/openapi.json")
def openapi_json():
    """The OpenAPI 3.1 description of this API (no token needed)."""
    return jsonify(build_spec(app_proxy._get_current_object()))


@bp.route("/docs")
def openapi_page():
    """A readable page of the API description (no token needed)."""
    return render_template("api/docs.html", spec=build_spec(app_proxy._get_current_object()))
