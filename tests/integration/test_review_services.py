"""The reviewer workflow in the services: every transition, every role, four eyes, stale edits."""

import pytest

from app.extensions import db
from app.models import AuditEvent, ClaimStatus, Comment, VerdictState
from app.services import comments, ingest, review, sources, workflow
from app.services.errors import Conflict, InvalidInput, NotAllowed, StaleEdit
from tests.factories import make_user

TEXT = (
    "นายสมชาย ใจดี อธิบดีกรมควบคุมโรค กล่าวว่า ปีนี้พบผู้ป่วย 1,200 ราย มากที่สุดในรอบ 5 ปี\n"
    "กระทรวงการคลังรายงานว่าหนี้สาธารณะอยู่ที่ร้อยละ 64 ของจีดีพี"
)
ROLES = ["viewer", "checker", "editor", "admin"]


@pytest.fixture
def people(db_session):
    return {role: make_user(db_session, role) for role in ROLES} | {
        "editor2": make_user(db_session, "editor"),
        "checker2": make_user(db_session, "checker"),
    }


@pytest.fixture
def claim(db_session, people):
    article, _ = ingest.ingest(db_session, people["checker"], ingest.Submission(text=TEXT))
    return article.appearances[0].claim


def _actions(session):
    return [e.action for e in session.scalars(db.select(AuditEvent).order_by(AuditEvent.id))]


def _source(session, actor, claim_id):
    return sources.add_source(
        session,
        actor,
        claim_id,
        sources.SourceInput(
            title="รายงานสถานการณ์โรค",
            publisher="กรมควบคุมโรค",
            excerpt="ผู้ป่วย 1,200 ราย",
            stance="supports",
            source_type="primary",
        ),
    )


def _verdict(session, actor, claim_id, rating="mostly_true"):
    return review.draft(
        session,
        actor,
        claim_id,
        review.VerdictInput(
            rating, "ตัวเลขผู้ป่วยตรงกับรายงานของกรมควบคุมโรค", "ตาม**รายงาน**ประจำสัปดาห์"
        ),
    )


@pytest.mark.parametrize("role", ROLES)
def test_who_may_accept_and_dismiss(db_session, people, claim, role):
    actor = people[role]
    if role == "viewer":
        with pytest.raises(NotAllowed):
            workflow.accept(db_session, actor, claim.id)
        with pytest.raises(NotAllowed):
            workflow.dismiss(db_session, actor, claim.id, "ไม่ใช่ข้อเท็จจริง")
        return
    assert workflow.accept(db_session, actor, claim.id).status == ClaimStatus.ACCEPTED
    assert workflow.dismiss(db_session, actor, claim.id, "ซ้ำ").status == ClaimStatus.DISMISSED
    assert _actions(db_session)[-2:] == ["claim.accept", "claim.dismiss"]


def test_dismissing_needs_a_reason_and_only_open_claims(db_session, people, claim):
    with pytest.raises(InvalidInput):
        workflow.dismiss(db_session, people["checker"], claim.id, "  ")
    workflow.dismiss(db_session, people["checker"], claim.id, "ความเห็น")
    with pytest.raises(Conflict):
        workflow.accept(db_session, people["checker"], claim.id)
    with pytest.raises(NotAllowed):
        workflow.reopen(db_session, people["checker"], claim.id)
    assert workflow.reopen(db_session, people["editor"], claim.id).status == ClaimStatus.CANDIDATE


@pytest.mark.parametrize("role", ROLES)
def test_only_editors_assign_and_merge(db_session, people, claim, role):
    other = claim.appearances[0].article.appearances[1].claim
    workflow.accept(db_session, people["checker"], claim.id)
    if role in ("viewer", "checker"):
        with pytest.raises(NotAllowed):
            workflow.assign(db_session, people[role], claim.id, people["checker"].id)
        with pytest.raises(NotAllowed):
            workflow.merge(db_session, people[role], other.id, claim.id)
        return
    assigned = workflow.assign(db_session, people[role], claim.id, people["checker"].id)
    assert (
        assigned.status == ClaimStatus.IN_RESEARCH and assigned.assignee_id == people["checker"].id
    )
    merged = workflow.merge(db_session, people[role], other.id, claim.id)
    assert merged.status == ClaimStatus.MERGED and merged.canonical_id == claim.id
    assert len(claim.appearances) == 2  # the merged claim's appearance moved over


def test_assigning_to_a_viewer_is_refused(db_session, people, claim):
    workflow.accept(db_session, people["checker"], claim.id)
    with pytest.raises(InvalidInput):
        workflow.assign(db_session, people["editor"], claim.id, people["viewer"].id)


def test_stale_edit_is_refused_with_the_current_version(db_session, people, claim):
    seen = claim.version
    workflow.edit(
        db_session,
        people["checker"],
        claim.id,
        workflow.ClaimEdit("ปีนี้พบผู้ป่วย 1,200 ราย", "นายสมชาย ใจดี", None),
        seen,
    )
    with pytest.raises(StaleEdit) as caught:
        workflow.edit(
            db_session,
            people["checker2"],
            claim.id,
            workflow.ClaimEdit("อีกแบบหนึ่ง", None, None),
            seen,
        )
    assert caught.value.current_version == claim.version == seen + 1
    assert claim.text == "ปีนี้พบผู้ป่วย 1,200 ราย"


def test_the_whole_life_of_a_verdict(db_session, people, claim):
    checker, editor, editor2 = people["checker"], people["editor"], people["editor2"]
    workflow.accept(db_session, checker, claim.id)
    verdict = _verdict(db_session, checker, claim.id)
    assert verdict.state == VerdictState.DRAFT and claim.status == ClaimStatus.IN_RESEARCH
    with pytest.raises(Conflict, match="source"):
        review.submit(db_session, checker, verdict.id)
    _source(db_session, checker, claim.id)
    review.submit(db_session, checker, verdict.id)
    assert claim.status == ClaimStatus.IN_REVIEW
    with pytest.raises(NotAllowed):
        review.approve(db_session, checker, verdict.id)  # checkers do not approve
    with pytest.raises(InvalidInput):
        review.send_back(db_session, editor, verdict.id, "")
    review.send_back(db_session, editor, verdict.id, "เพิ่มแหล่งข้อมูลปฐมภูมิ")
    assert verdict.state == VerdictState.DRAFT and claim.status == ClaimStatus.IN_RESEARCH
    assert db_session.scalar(db.select(Comment).where(Comment.kind == "send_back")) is not None
    review.submit(db_session, checker, verdict.id)
    review.approve(db_session, editor, verdict.id)
    with pytest.raises(NotAllowed):
        review.publish(db_session, checker, verdict.id)
    review.publish(db_session, editor2, verdict.id)
    assert verdict.state == VerdictState.PUBLISHED and claim.status == ClaimStatus.PUBLISHED
    assert verdict.approver_id == editor.id and verdict.published_at is not None
    assert _actions(db_session)[-2:] == ["claim.publish", "verdict.publish"]


def test_four_eyes_an_editor_cannot_approve_their_own_verdict(db_session, people, claim):
    editor = people["editor"]
    workflow.accept(db_session, editor, claim.id)
    verdict = _verdict(db_session, editor, claim.id)
    _source(db_session, editor, claim.id)
    review.submit(db_session, editor, verdict.id)
    with pytest.raises(Conflict, match="Four eyes"):
        review.approve(db_session, editor, verdict.id)
    review.approve(db_session, people["admin"], verdict.id)  # any other editor or admin


def test_a_correction_is_a_new_reviewed_version(db_session, people, claim):
    checker, editor, editor2 = people["checker"], people["editor"], people["editor2"]
    workflow.accept(db_session, checker, claim.id)
    first = _verdict(db_session, checker, claim.id)
    _source(db_session, checker, claim.id)
    review.submit(db_session, checker, first.id)
    review.approve(db_session, editor, first.id)
    review.publish(db_session, editor, first.id)
    with pytest.raises(Conflict, match="correction"):
        _verdict(db_session, checker, claim.id)
    with pytest.raises(InvalidInput):
        review.correct(db_session, checker, claim.id, review.VerdictInput("false", "ผิด"))
    second = review.correct(
        db_session,
        checker,
        claim.id,
        review.VerdictInput(
            "mixed", "จริงบางส่วน", "ตัวเลขรวมผู้ป่วยสงสัย", "แก้ไขระดับ: ตัวเลขรวมผู้ป่วยสงสัยด้วย"
        ),
    )
    assert second.number == 2 and second.state == VerdictState.DRAFT
    assert claim.status == ClaimStatus.PUBLISHED  # v1 stays public until v2 is published
    review.submit(db_session, checker, second.id)
    assert claim.status == ClaimStatus.IN_REVIEW
    with pytest.raises(Conflict):
        review.publish(db_session, editor, second.id)  # not approved yet
    review.approve(db_session, editor2, second.id)
    review.publish(db_session, editor, second.id)
    assert first.state == VerdictState.SUPERSEDED and second.state == VerdictState.PUBLISHED
    assert first.conclusion == "ตัวเลขผู้ป่วยตรงกับรายงานของกรมควบคุมโรค"  # still readable
    assert review.published_verdict(claim) is second


def test_verdict_edit_rules_and_stale_versions(db_session, people, claim):
    checker = people["checker"]
    workflow.accept(db_session, checker, claim.id)
    verdict = _verdict(db_session, checker, claim.id)
    seen = verdict.version
    review.edit(db_session, checker, verdict.id, review.VerdictInput("true", "จริง"), seen)
    with pytest.raises(StaleEdit):
        review.edit(db_session, checker, verdict.id, review.VerdictInput("false", "เท็จ"), seen)
    with pytest.raises(NotAllowed):
        review.edit(db_session, people["checker2"], verdict.id, review.VerdictInput("false", "x"))
    review.edit(db_session, people["editor"], verdict.id, review.VerdictInput("false", "เท็จ"))
    with pytest.raises(InvalidInput):
        review.edit(db_session, checker, verdict.id, review.VerdictInput("no-such", "x"))
    with pytest.raises(InvalidInput):
        review.edit(db_session, checker, verdict.id, review.VerdictInput("false", "  "))
    with pytest.raises(Conflict):
        _verdict(db_session, checker, claim.id)  # one verdict in progress at a time


def test_sources_by_hand_edit_and_remove(db_session, people, claim):
    checker = people["checker"]
    with pytest.raises(NotAllowed):
        _source(db_session, people["viewer"], claim.id)
    with pytest.raises(InvalidInput):
        sources.add_source(db_session, checker, claim.id, sources.SourceInput(title=""))
    with pytest.raises(InvalidInput):
        sources.add_source(
            db_session, checker, claim.id, sources.SourceInput(title="x", stance="maybe")
        )
    source = _source(db_session, checker, claim.id)
    seen = source.version
    sources.edit_source(
        db_session,
        checker,
        source.id,
        sources.SourceInput(title="รายงานฉบับแก้", stance="refutes", source_type="primary"),
        seen,
    )
    with pytest.raises(StaleEdit):
        sources.remove_source(db_session, checker, source.id, seen)
    sources.remove_source(db_session, checker, source.id, source.version)
    assert sources.active_sources(claim) == [] and source in claim.sources
    assert _actions(db_session)[-3:] == ["source.add", "source.edit", "source.remove"]


def test_comments_mention_users_and_fill_their_work_list(db_session, people, claim):
    editor = people["editor"]
    handle = editor.email.split("@")[0]
    comment = comments.add_comment(
        db_session, people["checker"], claim.id, f"@{handle} ช่วยดูแหล่งข้อมูลนี้ และ @nobody"
    )
    assert comment.mentioned == [editor]
    work = comments.my_work(db_session, editor)
    assert work.mentions == [comment]
    workflow.accept(db_session, editor, claim.id)
    workflow.assign(db_session, editor, claim.id, people["checker"].id)
    mine = comments.my_work(db_session, people["checker"])
    assert mine.assigned == {ClaimStatus.IN_RESEARCH: [claim]}
    with pytest.raises(InvalidInput):
        comments.add_comment(db_session, people["checker"], claim.id, " ")
    with pytest.raises(NotAllowed):
        comments.add_comment(db_session, people["viewer"], claim.id, "ดูแล้ว")
