"""A page's URL names its claim: every route that also takes a verdict or a source refuses (404)
one that belongs to another claim, and changes nothing."""

import pytest

from app.models import VerdictState
from app.services import ingest, review, sources, workflow
from tests.conftest import csrf_token
from tests.factories import make_user

TEXTS = (
    "นายสมชาย ใจดี อธิบดีกรมควบคุมโรค กล่าวว่า ปีนี้พบผู้ป่วย 1,200 ราย มากที่สุดในรอบ 5 ปี",
    "กระทรวงการคลังรายงานว่าหนี้สาธารณะอยู่ที่ร้อยละ 64 ของจีดีพี ซึ่งสูงที่สุดในรอบ 10 ปี",
)
OBJECT_ARGUMENTS = {"verdict_id", "source_id"}
KNOWN = {
    "claims.edit_verdict",
    "claims.submit",
    "claims.approve",
    "claims.publish",
    "claims.send_back",
    "claims.edit_source",
    "claims.remove_source",
    "claims.retry_archive",
    "claims.archive_state",
    "claims.archived_text",
    "claims.source_file",
}


def _claim_in_review(session, checker, text):
    article, _ = ingest.ingest(session, checker, ingest.Submission(text=text))
    claim = article.appearances[0].claim
    workflow.accept(session, checker, claim.id)
    source = sources.add_source(session, checker, claim.id, sources.SourceInput(title="รายงาน"))
    verdict = review.draft(
        session, checker, claim.id, review.VerdictInput("true", "จริงตามรายงาน", "")
    )
    review.submit(session, checker, verdict.id)
    return claim, verdict, source


@pytest.fixture
def two_claims(db_session):
    checker = make_user(db_session, "checker")
    made = [_claim_in_review(db_session, checker, text) for text in TEXTS]
    db_session.commit()
    return made


def _rules_with_a_claim_and_an_object(app):
    return [
        rule
        for rule in app.url_map.iter_rules()
        if "claim_id" in rule.arguments and rule.arguments & OBJECT_ARGUMENTS
    ]


def test_every_such_route_is_walked(app):
    assert {rule.endpoint for rule in _rules_with_a_claim_and_an_object(app)} >= KNOWN


def test_another_claims_verdict_or_source_is_404_everywhere(
    app, signed_in, client, db_session, two_claims
):
    signed_in("admin")
    (claim_a, _, _), (_, verdict_b, source_b) = two_claims
    token = csrf_token(client, f"/claims/{claim_a.id}")
    walked = 0
    for rule in _rules_with_a_claim_and_an_object(app):
        values = {"claim_id": claim_a.id, "verdict_id": verdict_b.id, "source_id": source_b.id}
        path = rule.build({k: v for k, v in values.items() if k in rule.arguments})[1]
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            response = client.open(path, method=method, headers={"X-CSRFToken": token})
            assert response.status_code == 404, (method, path, response.status_code)
            walked += 1
    assert walked >= len(KNOWN)
    db_session.expire_all()
    assert verdict_b.state == VerdictState.IN_REVIEW and verdict_b.approver_id is None
    assert source_b.removed_at is None


def test_the_same_request_on_the_right_claim_goes_through(signed_in, auth, db_session, two_claims):
    signed_in("admin")
    claim_b, verdict_b, _ = two_claims[1]
    response = auth.post(
        f"/claims/{claim_b.id}/verdicts/{verdict_b.id}/approve",
        prefix="approve",
        data={"version": verdict_b.version},
        form_page=f"/claims/{claim_b.id}",
    )
    assert response.status_code == 302
    db_session.expire_all()
    assert verdict_b.state == VerdictState.APPROVED
