"""The authorization matrix: every route of app.url_map, every method, every role.

Each (endpoint, method) has an entry in MATRIX naming the least role that may use it, or, for
an object that belongs to one user (a notification, a job, a token), that only its owner (and the
roles named in `also`) may. The test calls each route as anonymous, viewer, another checker, the
checker who owns the objects, editor and admin, with the URL filled with real objects of
tests/world.py: allowed identities never get 401/403 (the object's state may still refuse them,
4xx), lower ones get the refusal: the sign-in page (302) for anonymous web pages, 401 on the API,
403 for a signed-in user, 404 for someone else's object. A new route without an entry fails.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from flask import Flask
from werkzeug.routing import Rule

from tests.conftest import csrf_token
from tests.factories import PASSWORD
from tests.world import IDENTITIES, World, build_world

RANKS = ("anonymous", "viewer", "checker", "editor", "admin")
RANK_OF = {"anonymous": 0, "viewer": 1, "other": 2, "checker": 2, "editor": 3, "admin": 4}
IGNORED_METHODS = {"HEAD", "OPTIONS"}


@dataclass(frozen=True)
class Access:
    """Who may use a route: the least role, or the owner of the object (plus roles from `also`)."""

    least: str
    owner: bool = False
    also: str | None = None  # with owner: this role and above may use anyone's object
    others_get: int = 404  # with owner: what a signed-in user who is not allowed gets

    def allows(self, identity: str) -> bool:
        """Return whether `identity` may use the route."""
        if self.owner and identity != "checker":
            return self.also is not None and RANK_OF[identity] >= RANK_OF[self.also]
        return RANK_OF[identity] >= RANK_OF[self.least]


ANONYMOUS, VIEWER, CHECKER = Access("anonymous"), Access("viewer"), Access("checker")
EDITOR, ADMIN = Access("editor"), Access("admin")
OWNER = Access("viewer", owner=True)
OWN_JOB = Access("viewer", owner=True, also="editor", others_get=403)

# One entry per endpoint and method; "api." entries are answered with a bearer token.
MATRIX: dict[tuple[str, str], Access] = {
    # Public pages and the machine-readable feeds.
    ("main.index", "GET"): ANONYMOUS,
    ("main.healthz", "GET"): ANONYMOUS,
    ("main.set_language", "POST"): ANONYMOUS,
    ("auth.login", "GET"): ANONYMOUS,
    ("auth.login", "POST"): ANONYMOUS,
    ("public.fact_checks", "GET"): ANONYMOUS,
    ("public.fact_check", "GET"): ANONYMOUS,
    ("public.fact_check_version", "GET"): ANONYMOUS,
    ("public.share_card", "GET"): ANONYMOUS,
    ("public.feed_atom", "GET"): ANONYMOUS,
    ("public.feed_rss", "GET"): ANONYMOUS,
    ("public.methodology", "GET"): ANONYMOUS,
    ("public.sitemap_xml", "GET"): ANONYMOUS,
    ("public.pages_sitemap_xml", "GET"): ANONYMOUS,
    ("public.fact_checks_sitemap_xml", "GET"): ANONYMOUS,
    ("api.openapi_json", "GET"): ANONYMOUS,
    ("api.openapi_page", "GET"): ANONYMOUS,
    # The account of whoever is signed in.
    ("auth.logout", "POST"): VIEWER,
    ("auth.change_password", "GET"): VIEWER,
    ("auth.change_password", "POST"): VIEWER,
    ("auth.api_tokens", "GET"): VIEWER,
    ("auth.api_tokens", "POST"): VIEWER,
    ("auth.revoke_api_token", "POST"): OWNER,
    ("notifications.email_setting", "POST"): VIEWER,
    ("notifications.notification_list", "GET"): VIEWER,
    ("notifications.open_notification", "GET"): OWNER,
    ("notifications.mark_read", "POST"): OWNER,
    ("notifications.mark_all_read", "POST"): VIEWER,
    ("notifications.review_inbox", "GET"): EDITOR,
    # Reading the desk.
    ("main.queue", "GET"): VIEWER,
    ("main.claim_list", "GET"): VIEWER,
    ("main.search_page", "GET"): VIEWER,
    ("main.reports", "GET"): VIEWER,
    ("claims.claim", "GET"): VIEWER,
    ("claims.desk_dashboard", "GET"): VIEWER,
    ("claims.my_work", "GET"): VIEWER,
    ("claims.merge_choices_json", "GET"): VIEWER,
    ("claims.known_fact_checks", "GET"): VIEWER,
    ("claims.known_fact_check", "GET"): VIEWER,
    ("claims.archive_state", "GET"): VIEWER,
    ("claims.archived_text", "GET"): VIEWER,
    ("claims.source_file", "GET"): VIEWER,
    ("articles.article_list", "GET"): VIEWER,
    ("articles.article", "GET"): VIEWER,
    ("articles.new", "GET"): VIEWER,  # viewers may look at the forms; submitting them is refused
    ("articles.import_job", "GET"): OWN_JOB,
    ("articles.import_job_json", "GET"): OWN_JOB,
    ("articles.resume_job", "POST"): OWN_JOB,
    ("articles.cancel_job", "POST"): OWN_JOB,
    ("main.jobs_page", "GET"): VIEWER,  # each sees their own jobs; an editor everyone's
    ("main.retry_job", "POST"): OWN_JOB,
    ("main.cancel_job", "POST"): OWN_JOB,
    ("public.claims_csv", "GET"): VIEWER,
    ("public.article_pdf", "GET"): VIEWER,
    ("public.claim_pdf", "GET"): VIEWER,
    ("public.period_form", "GET"): VIEWER,
    ("public.period_pdf", "GET"): VIEWER,
    ("public.start_period_report", "POST"): VIEWER,
    ("public.report_job", "GET"): OWN_JOB,
    ("public.report_job_json", "GET"): OWN_JOB,
    ("public.report_job_pdf", "GET"): OWN_JOB,
    # Research: checkers ingest, triage, add sources, draft and submit verdicts.
    ("articles.add_text", "POST"): CHECKER,
    ("articles.add_file", "POST"): CHECKER,
    ("articles.add_url", "POST"): CHECKER,
    ("articles.add_bulk", "POST"): CHECKER,
    ("claims.triage", "POST"): CHECKER,
    ("claims.accept", "POST"): CHECKER,
    ("claims.dismiss", "POST"): CHECKER,
    ("claims.edit", "POST"): CHECKER,
    ("claims.comment", "POST"): CHECKER,
    ("claims.decide_match", "POST"): CHECKER,
    ("claims.add_source", "POST"): CHECKER,
    ("claims.edit_source", "POST"): CHECKER,
    ("claims.remove_source", "POST"): CHECKER,
    ("claims.retry_archive", "POST"): CHECKER,
    ("claims.draft_verdict", "POST"): CHECKER,
    ("claims.edit_verdict", "POST"): CHECKER,
    ("claims.submit", "POST"): CHECKER,
    ("claims.correct", "POST"): CHECKER,
    ("claims.markdown_preview", "POST"): CHECKER,
    # Editing: assign, merge, approve, publish, known fact-checks.
    ("claims.assign", "POST"): EDITOR,
    ("claims.merge", "POST"): EDITOR,
    ("claims.unmerge", "POST"): CHECKER,  # "not the same claim" undoes a checker's own match
    ("claims.reopen", "POST"): EDITOR,
    ("claims.approve", "POST"): EDITOR,
    ("claims.send_back", "POST"): EDITOR,
    ("claims.publish", "POST"): EDITOR,
    ("claims.import_known", "POST"): EDITOR,
    # Administration.
    ("admin.index", "GET"): ADMIN,
    ("admin.audit_trail", "GET"): ADMIN,
    ("admin.organisation", "GET"): ADMIN,
    ("admin.organisation", "POST"): ADMIN,
    ("admin.rating_scale", "GET"): ADMIN,
    ("admin.rating_scale", "POST"): ADMIN,
    ("admin.edit_rating", "POST"): ADMIN,
    ("admin.delete_rating", "POST"): ADMIN,
    ("admin.users", "GET"): ADMIN,
    ("admin.users", "POST"): ADMIN,
    ("admin.set_active", "POST"): ADMIN,
    ("admin.set_role", "POST"): ADMIN,
    ("admin.user_tokens", "GET"): ADMIN,
    ("admin.revoke_user_token", "POST"): ADMIN,
    # The JSON API, with the same rules.
    ("api.me", "GET"): VIEWER,
    ("api.list_articles", "GET"): VIEWER,
    ("api.get_article", "GET"): VIEWER,
    ("api.list_claims", "GET"): VIEWER,
    ("api.get_claim", "GET"): VIEWER,
    ("api.similar_claims", "GET"): VIEWER,
    ("api.get_source", "GET"): VIEWER,
    ("api.list_ratings", "GET"): VIEWER,
    ("api.search_all", "GET"): VIEWER,
    ("api.claimreview_feed", "GET"): VIEWER,
    ("api.list_notifications", "GET"): VIEWER,
    ("api.read_notification", "POST"): OWNER,
    ("api.read_all_notifications", "POST"): VIEWER,
    ("api.create_article", "POST"): CHECKER,
    ("api.patch_claim", "PATCH"): CHECKER,
    ("api.add_source", "POST"): CHECKER,
    ("api.retry_archive", "POST"): CHECKER,
    ("api.draft_verdict", "POST"): CHECKER,
    ("api.submit", "POST"): CHECKER,
    ("api.correct", "POST"): CHECKER,
    ("api.approve", "POST"): EDITOR,
    ("api.send_back", "POST"): EDITOR,
    ("api.publish", "POST"): EDITOR,
}

# Which object of the world fills each URL argument; some endpoints need another one.
ARGUMENTS = {
    "claim_id": "claim",
    "article_id": "article",
    "source_id": "source",
    "verdict_id": "verdict",
    "fact_check_id": "known",
    "notification_id": "notification",
    "token_id": "token",
    "rating_id": "rating",
    "user_id": "user",
    "job_id": "import_job",
}
PUBLISHED_CLAIM = {"public.fact_check", "public.fact_check_version", "public.share_card"}
PUBLISHED_CLAIM |= {"claims.correct", "api.correct"}
REPORT_JOB = {"public.report_job", "public.report_job_json", "public.report_job_pdf"}


ARTICLE = "นายกรัฐมนตรีกล่าวว่า ปีนี้เศรษฐกิจไทยจะเติบโตร้อยละ 3 สูงที่สุดในรอบ 5 ปี"
VERDICT_FIELDS = {"rating": "false", "conclusion": "ไม่จริงตามรายงาน", "correction_note": "แก้ไข"}


def _prefixed(prefix: str, fields: dict) -> dict:
    return {f"{prefix}-{key}": value for key, value in fields.items()}


def _web_body(endpoint: str, world: World) -> dict:
    """Return a valid form for a route whose form is checked before the role is."""
    ids = world.ids
    claim, verdict = {"version": ids["claim_version"]}, {"version": ids["verdict_version"]}
    file = (io.BytesIO(ARTICLE.encode()), "article.txt")
    forms = {
        "admin.edit_rating": _prefixed(
            f"r{ids['rating']}",
            {"key": "misleading", "label_th": "บิดเบือน", "label_en": "Misleading", "sort_order": 6},
        ),
        "admin.set_role": {"role": "checker"},
        "articles.add_text": _prefixed("text", {"text": ARTICLE}),
        "articles.add_file": _prefixed("file", {"file": file}),
        "articles.add_url": _prefixed("url", {"url": "https://example.org/news/1"}),
        "articles.add_bulk": _prefixed("bulk", {"file": (io.BytesIO(b'{"text": "x"}'), "a.jsonl")}),
        "claims.accept": _prefixed("accept", claim),
        "claims.reopen": _prefixed("reopen", claim),
        "claims.unmerge": _prefixed("unmerge", claim),
        "claims.dismiss": _prefixed("dismiss", {**claim, "reason": "ซ้ำ"}),
        "claims.merge": _prefixed("merge", {**claim, "into": ids["published_claim"]}),
        "claims.assign": _prefixed("assign", {**claim, "assignee": world.users["checker"].id}),
        "claims.edit": _prefixed("edit", {**claim, "text": "ข้อความใหม่ของข้อกล่าวอ้าง"}),
        "claims.comment": _prefixed("comment", {"body": "ตรวจสอบแล้ว"}),
        "claims.draft_verdict": _prefixed("verdict", VERDICT_FIELDS),
        "claims.edit_verdict": _prefixed("verdict", {**verdict, **VERDICT_FIELDS}),
        "claims.correct": _prefixed("correction", VERDICT_FIELDS),
        "claims.submit": _prefixed("submit", verdict),
        "claims.approve": _prefixed("approve", verdict),
        "claims.publish": _prefixed("publish", verdict),
        "claims.send_back": _prefixed("send_back", {**verdict, "comment": "ขาดแหล่งข้อมูล"}),
        "claims.remove_source": _prefixed("remove_source", {"version": ids["source_version"]}),
        "claims.edit_source": _prefixed(
            f"source{ids['source']}", {"version": ids["source_version"], "title": "รายงาน"}
        ),
        "claims.decide_match": {"kind": "claim", "other": ids["published_claim"], "different": "1"},
        "claims.triage": {"claim": ids["claim"], "accept": "1"},
    }
    return forms.get(endpoint, {})


def _api_body(endpoint: str, world: World) -> dict:
    """Return a valid JSON body for an API route that reads it before the role is checked."""
    bodies = {
        "api.create_article": {"text": ARTICLE},
        "api.draft_verdict": {"rating": "false", "conclusion": "ไม่จริง"},
        "api.correct": {"rating": "false", "conclusion": "ไม่จริง", "correction_note": "แก้ไข"},
        "api.add_source": {"title": "รายงาน"},
        "api.patch_claim": {"claimant": "กรมควบคุมโรค"},
        "api.send_back": {"comment": "ขาดแหล่งข้อมูล"},
    }
    return bodies.get(endpoint, {})


def _routes(app: Flask) -> list[tuple[Rule, str]]:
    return sorted(
        (
            (rule, method)
            for rule in app.url_map.iter_rules()
            if rule.endpoint != "static"
            for method in rule.methods - IGNORED_METHODS
        ),
        key=lambda pair: (pair[0].rule, pair[1]),
    )


def _url(rule: Rule, world: World) -> str:
    """Return the rule's path with each argument replaced by the id of a real object."""
    values = {name: world.ids[ARGUMENTS[name]] for name in rule.arguments if name in ARGUMENTS}
    if rule.endpoint in PUBLISHED_CLAIM:
        values["claim_id"] = world.ids["published_claim"]
    if rule.endpoint in REPORT_JOB:
        values["job_id"] = world.ids["report_job"]
    if rule.endpoint == "admin.revoke_user_token":
        values["user_id"] = world.users["checker"].id  # the token's owner
    if "number" in rule.arguments:
        values["number"] = 1  # the published claim's first version
    if "block" in rule.arguments:
        values["block"] = 0  # the first sitemap block
    return rule.build(values, append_unknown=False)[1]


def _client(app: Flask, world: World, identity: str):
    """Return a test client signed in as `identity`, and a CSRF token of its session."""
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    if identity == "anonymous":
        return client, csrf_token(client, "/login")
    token = csrf_token(client, "/login")
    email = world.users[identity].email
    data = {"email": email, "password": PASSWORD, "csrf_token": token}
    assert client.post("/login", data=data).status_code == 302
    return client, csrf_token(client, "/account/password")


def _request(client, csrf, world: World, identity: str, endpoint: str, url: str, method: str):
    """Make the request the way its edge expects: a form with CSRF, or JSON with a token."""
    if endpoint.startswith("api."):
        headers = {"If-Match": '"1"'}  # every object of the world is at its first version
        if identity != "anonymous":
            headers["Authorization"] = f"Bearer {world.api_tokens[identity]}"
        body = _api_body(endpoint, world) if method in {"POST", "PATCH"} else None
        return client.open(url, method=method, headers=headers, json=body)
    data = {**_web_body(endpoint, world), "csrf_token": csrf} if method == "POST" else None
    return client.open(url, method=method, data=data)


def _refusal(access: Access, identity: str, api: bool) -> int:
    if identity == "anonymous":
        return 401 if api else 302
    if access.owner and RANK_OF[identity] >= RANK_OF[access.least]:
        return access.others_get
    return 403


@pytest.fixture
def world(db_session) -> World:
    return build_world(db_session)


@pytest.mark.parametrize(("endpoint", "method"), sorted(MATRIX))
def test_route_answers_each_role_by_its_entry(app, world, endpoint, method):
    rule = next(
        r for r in app.url_map.iter_rules() if r.endpoint == endpoint and method in r.methods
    )
    access, api = MATRIX[(endpoint, method)], endpoint.startswith("api.")
    url = _url(rule, world)
    for identity in IDENTITIES:
        client, csrf = _client(app, world, identity)
        response = _request(client, csrf, world, identity, endpoint, url, method)
        status, seen = response.status_code, f"{method} {url} as {identity}"
        assert status < 500, f"{seen}: {status}"
        if access.allows(identity):
            assert status not in (401, 403), f"{seen} is refused ({status}) but allowed"
            continue
        expected = _refusal(access, identity, api)
        assert status == expected, f"{seen}: {status}, expected the refusal {expected}"
        if expected == 302:
            assert urlsplit(response.headers["Location"]).path == "/login", seen


def test_every_route_has_an_entry(app):
    missing = sorted(
        f"{r.endpoint} {m} ({r.rule})" for r, m in _routes(app) if (r.endpoint, m) not in MATRIX
    )
    assert not missing, "routes without an entry in MATRIX: " + ", ".join(missing)
    gone = set(MATRIX) - {(r.endpoint, m) for r, m in _routes(app)}
    assert not gone, f"MATRIX names routes that no longer exist: {sorted(gone)}"
