"""API: add articles (text, HTML or URL) and read them with their claims."""

from __future__ import annotations

from flask import jsonify, request
from flask_babel import lazy_gettext as _l

from app.api import bp
from app.api.auth import api_user
from app.errors import error_response
from app.extensions import db
from app.models import Article
from app.services import articles, ingest
from app.web import bounded_page

SUBMISSION_FIELDS = ("text", "html", "url", "title", "outlet", "author", "published", "language")


def article_json(article: Article, with_body: bool = False) -> dict[str, object]:
    """Return an article and its claims as the API shows them."""
    data: dict[str, object] = {
        "id": article.id,
        "url": article.url,
        "title": article.title,
        "language": article.language,
        "outlet": article.outlet,
        "author": article.author,
        "published": article.published_on.isoformat() if article.published_on else None,
        "claims": [
            {
                "id": a.claim.id,
                "text": a.claim.text,
                "start": a.start,
                "end": a.end,
                "score": a.claim.score,
                "reasons": a.claim.reasons.get("reasons", []),
                "claimant": a.claim.claimant,
                "reported_by": a.claim.reported_by,
                "status": a.claim.status.value,
            }
            for a in article.appearances
        ],
    }
    if with_body:
        data["body"] = article.body
    return data


def _submission() -> ingest.Submission | tuple:
    """Read the JSON body into a submission, or return the 400 answer."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        message = _l('Send a JSON object: {"text"|"html"|"url": ...}.')
        return error_response(400, message, "bad_request")
    wrong = [k for k in SUBMISSION_FIELDS if k in body and not isinstance(body[k], str | None)]
    if wrong:
        return error_response(
            400,
            _l("These fields must be strings: %(fields)s.", fields=", ".join(wrong)),
            "bad_request",
        )
    if not any((body.get(k) or "").strip() for k in ("text", "html", "url")):
        return error_response(422, _l("Give the article as text, html or url."), "empty")
    return ingest.Submission(**{k: body.get(k) for k in SUBMISSION_FIELDS})


@bp.route("/articles", methods=["POST"])
def create_article():
    """Store an article (201), or answer with the one already stored (200).
    ---
    post:
      description: The article is extracted at once; its claims come back with it.
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/ArticleSubmission"}
      responses:
        201: Article
        200: Article
        422: {description: "No text, html or url, or the url could not be read."}
    """
    given = _submission()
    if not isinstance(given, ingest.Submission):
        return given
    # No transaction (on SQLite, no write lock) stays open while a slow site answers.
    given = ingest.fetched(api_user(), given, release=db.session.commit)
    article, created = ingest.ingest(db.session, api_user(), given)
    db.session.commit()
    return jsonify(article_json(article)), 201 if created else 200


@bp.route("/articles/<id:article_id>")
def get_article(article_id: int):
    """Return one article with its body and claims.
    ---
    get:
      responses:
        200: Article
    """
    return jsonify(article_json(articles.get_article(db.session, api_user(), article_id), True))


@bp.route("/articles")
def list_articles():
    """Return a page of articles, newest first.
    ---
    get:
      parameters: [Page]
      responses:
        200: ArticlePage
    """
    query = articles.articles_query(api_user()).options(*articles.WITH_CLAIMS)
    page = bounded_page(query, 25)
    return jsonify(
        items=[article_json(a) for a in page.items],
        page=page.page,
        pages=page.pages,
        total=page.total,
        total_capped=page.capped,
    )
