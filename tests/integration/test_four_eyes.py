"""The four-eyes rule and the published record: who may submit and approve, what an approval
covers, and what publication checks again."""

import pytest

from app.extensions import db
from app.models import AuditEvent, Notification, NotificationKind, VerdictState
from app.services import approval, ingest, review, sources, workflow
from app.services.errors import Conflict, NotAllowed
from tests.factories import make_token, make_user

TEXT = "นายสมชาย ใจดี อธิบดีกรมควบคุมโรค กล่าวว่า ปีนี้พบผู้ป่วย 1,200 ราย มากที่สุดในรอบ 5 ปี"
GIVEN = review.VerdictInput("mostly_true", "ตัวเลขตรงกับรายงานของกรมควบคุมโรค", "ตามรายงาน")
REWRITTEN = review.VerdictInput("false", "ตัวเลขไม่ตรงกับรายงาน", "บรรณาธิการเขียนใหม่")


@pytest.fixture
def people(db_session):
    roles = ("checker", "checker", "editor", "editor", "editor")
    names = ("checker", "checker2", "editor", "editor2", "editor3")
    return {name: make_user(db_session, role) for name, role in zip(names, roles, strict=True)}


@pytest.fixture
def claim(db_session, people):
    article, _ = ingest.ingest(db_session, people["checker"], ingest.Submission(text=TEXT))
    claim = article.appearances[0].claim
    workflow.accept(db_session, people["checker"], claim.id)
    sources.add_source(
        db_session,
        people["checker"],
        claim.id,
        sources.SourceInput(title="รายงานสถานการณ์โรค", stance="supports", source_type="primary"),
    )
    return claim


@pytest.fixture
def approved(db_session, people, claim):
    verdict = review.draft(db_session, people["checker"], claim.id, GIVEN)
    review.submit(db_session, people["checker"], verdict.id)
    return review.approve(db_session, people["editor"], verdict.id)


def _actions(session, verdict):
    events = session.scalars(
        db.select(AuditEvent.action)
        .where(AuditEvent.object_type == "verdicts", AuditEvent.object_id == str(verdict.id))
        .order_by(AuditEvent.id)
    )
    return list(events)


def test_the_author_is_the_first_content_editor(db_session, people, claim):
    verdict = review.draft(db_session, people["checker"], claim.id, GIVEN)
    assert verdict.content_editor_id == people["checker"].id


def test_an_editor_who_rewrote_a_draft_cannot_approve_it(db_session, people, claim):
    verdict = review.draft(db_session, people["checker"], claim.id, GIVEN)
    review.edit(db_session, people["editor"], verdict.id, REWRITTEN)
    assert verdict.content_editor_id == people["editor"].id
    review.submit(db_session, people["checker"], verdict.id)
    with pytest.raises(Conflict, match="you changed this verdict's content"):
        review.approve(db_session, people["editor"], verdict.id)
    assert verdict.state == VerdictState.IN_REVIEW and verdict.approver_id is None
    review.approve(db_session, people["editor2"], verdict.id)
    assert verdict.approver_id == people["editor2"].id


def test_an_author_edit_after_the_editors_does_not_clear_the_editors_part(
    db_session, people, claim
):
    verdict = review.draft(db_session, people["checker"], claim.id, GIVEN)
    review.edit(db_session, people["editor"], verdict.id, REWRITTEN)
    review.edit(db_session, people["checker"], verdict.id, GIVEN)
    assert verdict.content_editor_id == people["checker"].id
    review.submit(db_session, people["checker"], verdict.id)
    # The editor's words may still be in it: the audit trail remembers who wrote any of it.
    assert approval.content_writers(db_session, verdict) == {
        people["checker"].id,
        people["editor"].id,
    }
    with pytest.raises(Conflict):
        review.approve(db_session, people["editor"], verdict.id)


def test_rewriting_after_a_send_back_also_counts(db_session, people, claim):
    verdict = review.draft(db_session, people["checker"], claim.id, GIVEN)
    review.submit(db_session, people["checker"], verdict.id)
    review.send_back(db_session, people["editor"], verdict.id, "ตัวเลขผิด")
    review.edit(db_session, people["editor"], verdict.id, REWRITTEN)
    review.submit(db_session, people["editor"], verdict.id)
    with pytest.raises(Conflict):
        review.approve(db_session, people["editor"], verdict.id)
    assert review.approve(db_session, people["editor2"], verdict.id).state == "approved"


def test_a_checker_cannot_submit_another_checkers_draft(db_session, people, claim):
    verdict = review.draft(db_session, people["checker"], claim.id, GIVEN)
    with pytest.raises(NotAllowed):
        review.submit(db_session, people["checker2"], verdict.id)
    assert verdict.state == VerdictState.DRAFT
    # An editor may send an absent author's draft on; submitting writes nothing of it.
    review.submit(db_session, people["editor"], verdict.id)
    assert verdict.state == VerdictState.IN_REVIEW
    assert verdict.content_editor_id == people["checker"].id


def test_a_changed_claim_sends_the_approved_verdict_back_to_review(
    db_session, people, claim, approved
):
    workflow.edit(
        db_session,
        people["checker"],
        claim.id,
        workflow.ClaimEdit("ปีนี้พบผู้ป่วย 12,000 ราย", claim.claimant, claim.claim_date),
    )
    assert approved.state == VerdictState.IN_REVIEW and approved.approver_id is None
    assert _actions(db_session, approved)[-1] == "verdict.review_again"
    event = db_session.scalars(
        db.select(AuditEvent).where(AuditEvent.action == "verdict.review_again")
    ).one()
    assert event.before["state"] == "approved" and event.after["because"] == "claim.edit"
    with pytest.raises(Conflict):
        review.publish(db_session, people["editor"], approved.id)
    asked = db_session.scalars(
        db.select(Notification.recipient_id).where(
            Notification.kind == NotificationKind.REVIEW_REQUESTED, Notification.read_at.is_(None)
        )
    ).all()
    assert {people["editor"].id, people["editor2"].id} <= set(asked)


def test_the_claim_history_says_why_the_verdict_is_in_review_again(
    signed_in, client, db_session, people, claim, approved
):
    sources.remove_source(db_session, people["checker"], sources.active_sources(claim)[0].id)
    db_session.commit()
    signed_in("viewer")
    html = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert "Verdict back in review: its claim or sources changed" in html


def test_saving_a_claim_unchanged_keeps_the_approval(db_session, people, claim, approved):
    same = workflow.ClaimEdit(claim.text, claim.claimant, claim.claim_date)
    workflow.edit(db_session, people["checker"], claim.id, same)
    assert approved.state == VerdictState.APPROVED


@pytest.mark.parametrize("change", ["add", "edit", "remove"])
def test_a_changed_source_sends_the_approved_verdict_back(
    db_session, people, claim, approved, change
):
    source = sources.active_sources(claim)[0]
    if change == "add":
        sources.add_source(
            db_session, people["checker"], claim.id, sources.SourceInput(title="ข่าวแจก")
        )
    elif change == "edit":
        given = sources.SourceInput(title=source.title, excerpt="ผู้ป่วย 1,200 ราย")
        sources.edit_source(db_session, people["checker"], source.id, given)
    else:
        sources.remove_source(db_session, people["checker"], source.id)
    assert approved.state == VerdictState.IN_REVIEW
    event = db_session.scalars(
        db.select(AuditEvent).where(AuditEvent.action == "verdict.review_again")
    ).one()
    assert event.after["because"] == f"source.{change}"


def test_removing_every_source_leaves_nothing_to_approve_or_publish(
    db_session, people, claim, approved
):
    sources.remove_source(db_session, people["checker"], sources.active_sources(claim)[0].id)
    with pytest.raises(Conflict, match="at least one source"):
        review.approve(db_session, people["editor"], approved.id)


def test_publish_checks_the_sources_again(db_session, people, claim, approved):
    # A source gone by any path (a script, an old row): publication does not trust the approval.
    for source in claim.sources:
        source.removed_at = source.created_at
    db_session.flush()
    with pytest.raises(Conflict, match="at least one source"):
        review.publish(db_session, people["editor2"], approved.id)
    assert approved.state == VerdictState.APPROVED


def test_an_approved_correction_goes_back_to_review_when_a_source_changes(
    db_session, people, claim, approved
):
    review.publish(db_session, people["editor"], approved.id)
    note = "แก้ตัวเลข"
    given = review.VerdictInput("false", "ตัวเลขไม่ตรง", "", note)
    correction = review.correct(db_session, people["checker"], claim.id, given)
    review.submit(db_session, people["checker"], correction.id)
    review.approve(db_session, people["editor"], correction.id)
    sources.add_source(db_session, people["checker"], claim.id, sources.SourceInput(title="ฉบับแก้"))
    assert correction.state == VerdictState.IN_REVIEW


# --- the claim page and the API --------------------------------------------------------------


def test_the_claim_page_says_why_instead_of_the_approve_button(
    signed_in, client, db_session, people, claim
):
    editor = signed_in("editor")
    verdict = review.draft(db_session, people["checker"], claim.id, GIVEN)
    review.edit(db_session, editor, verdict.id, REWRITTEN)
    review.submit(db_session, people["checker"], verdict.id)
    db_session.commit()
    html = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert "you changed this verdict&#39;s content" in html
    assert f"/verdicts/{verdict.id}/approve" not in html
    assert f"last changed by {editor.display_name}" in html


def test_the_claim_page_offers_submit_only_to_the_author_or_an_editor(
    signed_in, client, db_session, people, claim
):
    verdict = review.draft(db_session, people["checker"], claim.id, GIVEN)
    db_session.commit()
    signed_in("checker")
    html = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert f"/verdicts/{verdict.id}/submit" not in html
    assert "Its author or an editor submits this draft" in html


def test_the_api_refuses_the_content_editor_and_another_checker(client, db_session, people, claim):
    editor, editor_token = make_token(db_session, "editor")
    _, checker2_token = make_token(db_session, "checker")
    verdict = review.draft(db_session, people["checker"], claim.id, GIVEN)
    review.edit(db_session, editor, verdict.id, REWRITTEN)
    db_session.commit()
    headers = {"Authorization": f"Bearer {checker2_token}"}
    response = client.post(f"/api/v1/verdicts/{verdict.id}/submit", headers=headers)
    assert response.status_code == 403
    review.submit(db_session, people["checker"], verdict.id)
    db_session.commit()
    headers = {"Authorization": f"Bearer {editor_token}"}
    response = client.post(f"/api/v1/verdicts/{verdict.id}/approve", headers=headers)
    assert response.status_code == 409
    assert "changed this verdict's content" in response.get_json()["error"]["message"]
    claim_json = client.get(f"/api/v1/claims/{claim.id}", headers=headers).get_json()
    assert claim_json["verdict"]["content_editor"] == editor.email
