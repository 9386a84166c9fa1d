"""schemathesis against /api/v1/openapi.json: generated requests, as a checker and as an editor.

For each operation of the description, a bounded and derandomized set of requests is generated
from its parameters and body; each is sent as generated (mostly ids that do not exist, odd
values) and again with the URL's ids replaced by real objects of tests/world.py (so the request
reaches the services). Every answer must be below 500, carry a status code the description lists
for the operation, a documented content type, and a body its schema accepts. All of it runs in
the test's rolled-back transaction, through the app's WSGI interface (no network).
"""

from __future__ import annotations

import contextvars

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from tests.world import World, build_world

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Which object of the world a path parameter names.
REAL_OBJECTS = {
    "claim_id": "claim",
    "article_id": "article",
    "source_id": "source",
    "verdict_id": "verdict",
    "notification_id": "notification",
}


@pytest.fixture
def world(db_session) -> World:
    return build_world(db_session)


def _call(case, token: str) -> None:
    """Send the case and check the answer; in a fresh context, as each real request has."""
    headers = {"Authorization": f"Bearer {token}", "Accept-Language": "en"}
    contextvars.Context().run(case.call_and_validate, headers=headers, checks=CHECKS)


def _run(case, world: World, role: str) -> None:
    """Send the case as generated, then with its ids naming real objects."""
    token = world.api_tokens[role]
    _call(case, token)
    named = (case.path_parameters or {}).keys() & REAL_OBJECTS.keys()
    if named:
        for name in named:
            case.path_parameters[name] = world.ids[REAL_OBJECTS[name]]
        _call(case, token)


BOUNDED = settings(
    max_examples=15,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


def _fuzz(app, world: World, role: str) -> None:
    """Run every operation's bounded examples; fail naming each operation that broke."""
    api = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    broken, sent = [], {}
    for result in api.get_all_operations():
        operation = result.ok()
        sent[operation.label] = 0

        @BOUNDED
        @given(case=operation.as_strategy())
        def examples(case):
            sent[case.operation.label] += 1
            _run(case, world, role)

        try:
            examples()
        except Exception as failure:
            broken.append(f"{operation.label}: {failure}")
    assert not broken, "\n\n".join(broken)
    assert len(sent) >= 20 and min(sent.values()) >= 1, sent  # every operation was exercised


def test_api_answers_a_checker_as_described(app, world):
    _fuzz(app, world, "checker")


def test_api_answers_an_editor_as_described(app, world):
    _fuzz(app, world, "editor")
