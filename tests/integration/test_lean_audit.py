"""A lean audit trail: an edit stores what changed, JSON is UTF-8, old whole-snapshot rows read."""

from __future__ import annotations

import json
import re

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

from app.labels import audit_changes
from app.models import AuditEvent, Claim
from app.services import audit, history, ingest, review, sources, workflow
from tests.factories import make_user
from tests.integration.test_review_services import TEXT

CLAIMANT = "นายสมชาย ใจดี"


def _last(session, action: str, object_id: int | None = None) -> AuditEvent:
    query = sa.select(AuditEvent).where(AuditEvent.action == action)
    if object_id is not None:
        query = query.where(AuditEvent.object_id == str(object_id))
    return session.scalars(query.order_by(AuditEvent.id.desc())).first()


def _ingested(session, actor) -> Claim:
    article, _ = ingest.ingest(session, actor, ingest.Submission(text=TEXT))
    return article.appearances[0].claim


def _raw(session, table: str, column: str, row_id: int) -> str:
    """Return a JSON column as the database stores it (JSONB as its text form)."""
    query = sa.text(f"SELECT CAST({column} AS TEXT) FROM {table} WHERE id = :id")
    return session.scalar(query, {"id": row_id})


def _history_lines(client, claim_id: int) -> list[str]:
    html = client.get(f"/claims/{claim_id}").get_data(as_text=True)
    timeline = html.partition('id="history-heading"')[2].partition("</ol>")[0]
    return [re.sub(r"\s+", " ", line) for line in timeline.split("<li>")[1:]]


def _audit_rows(client, query: str) -> str:
    html = client.get("/admin/audit" + query).get_data(as_text=True)
    return html.partition("<tbody>")[2].partition("</tbody>")[0]


def test_a_claim_edit_stores_only_the_changed_fields(db_session):
    checker = make_user(db_session, "checker")
    claim = _ingested(db_session, checker)
    text, claimant, version = claim.text, claim.claimant, claim.version
    edit = workflow.ClaimEdit(text, "กรมควบคุมโรค", claim.claim_date)
    workflow.edit(db_session, checker, claim.id, edit)
    event = _last(db_session, "claim.edit")
    assert event.before == {"claimant": claimant, "version": version}
    assert event.after == {"claimant": "กรมควบคุมโรค", "version": version + 1}
    assert text not in json.dumps(event.before, ensure_ascii=False)


def test_context_fields_stay_beside_the_change_and_never_read_as_one(db_session):
    checker, editor = make_user(db_session, "checker"), make_user(db_session, "editor")
    claim = _ingested(db_session, checker)
    workflow.accept(db_session, checker, claim.id)
    workflow.assign(db_session, editor, claim.id, checker.id)
    given = sources.SourceInput(title="รายงานประจำสัปดาห์", stance="supports", note="ฉบับแรก")
    source = sources.add_source(db_session, checker, claim.id, given)
    edited = sources.SourceInput(title="", stance="supports", note="ฉบับแก้ไข")
    sources.edit_source(db_session, checker, source.id, edited)
    event = _last(db_session, "source.edit")
    assert event.before["title"] == event.after["title"] == "รายงานประจำสัปดาห์"
    assert (event.before["note"], event.after["note"]) == ("ฉบับแรก", "ฉบับแก้ไข")
    assert "excerpt" not in event.after and "url" not in event.after
    changed = [field for field, _, _ in audit_changes(event.before, event.after)]
    assert "title" not in changed and "note" in changed


def test_a_verdict_draft_names_its_explanation_by_hash_and_an_edit_keeps_both_texts(db_session):
    checker = make_user(db_session, "checker")
    claim = _ingested(db_session, checker)
    workflow.accept(db_session, checker, claim.id)
    given = review.VerdictInput("mostly_true", "ตัวเลขตรงกับรายงาน", "ตาม**รายงาน**ประจำสัปดาห์")
    verdict = review.draft(db_session, checker, claim.id, given)
    created = _last(db_session, "verdict.draft")
    assert "explanation" not in created.after and created.after["conclusion"] == "ตัวเลขตรงกับรายงาน"
    assert len(created.after["explanation_sha256"]) == 64
    again = review.VerdictInput("mostly_true", "ตัวเลขตรงกับรายงาน", "ตามรายงานฉบับแก้ไข")
    review.edit(db_session, checker, verdict.id, again)
    edited = _last(db_session, "verdict.edit")
    assert edited.before["explanation"] == "ตาม**รายงาน**ประจำสัปดาห์"
    assert edited.after["explanation"] == "ตามรายงานฉบับแก้ไข"
    assert edited.before["conclusion"] == edited.after["conclusion"]  # context, not a change


def test_thai_json_is_stored_as_utf8_not_escaped(db_session):
    checker = make_user(db_session, "checker")
    claim = _ingested(db_session, checker)
    claim.reasons = {**claim.reasons, "note": "ตัวเลขสถิติ"}
    db_session.flush()
    created = _last(db_session, "claim.create", claim.id)
    stored = _raw(db_session, "audit_events", "after", created.id)
    assert claim.text in stored and "\\u0e" not in stored
    assert "ตัวเลขสถิติ" in _raw(db_session, "claims", "reasons", claim.id)
    db_session.expire_all()
    assert db_session.get(AuditEvent, created.id).after["text"] == claim.text


def _old_format(session, actor_id: int, claim: Claim, before: dict, after: dict) -> int:
    """Insert an audit row as the old code wrote it: whole snapshots, `\\uXXXX` escapes."""
    postgres = session.get_bind().dialect.name == "postgresql"

    def escaped(value: dict) -> sa.ColumnElement:
        literal = sa.literal(json.dumps(value), sa.Text)
        return sa.cast(literal, JSONB) if postgres else literal

    values = {"before": escaped(before), "after": escaped(after)}
    return session.scalar(
        sa.insert(AuditEvent)
        .values(
            actor_id=actor_id,
            action="claim.dismiss",
            object_type="claims",
            object_id=str(claim.id),
            **values,
        )
        .returning(AuditEvent.id)
    )


def test_an_old_full_snapshot_row_still_reads(signed_in, client, db_session):
    admin = signed_in("admin")
    claim = _ingested(db_session, make_user(db_session, "checker"))
    whole = audit.snapshot(claim, workflow.CLAIM_FIELDS)
    reason = "ไม่ใช่ข้อเท็จจริงที่ตรวจสอบได้"
    after = {**whole, "status": "dismissed", "dismiss_reason": reason, "version": claim.version + 1}
    event_id = _old_format(db_session, admin.id, claim, whole, after)
    if db_session.get_bind().dialect.name == "sqlite":  # JSONB keeps no escapes of its own
        assert "\\u0e" in _raw(db_session, "audit_events", "before", event_id)
    db_session.commit()
    event = db_session.get(AuditEvent, event_id)
    assert event.before["text"] == claim.text == event.after["text"]
    assert event in history.claim_history(db_session, admin, claim)
    (line,) = [line for line in _history_lines(client, claim.id) if "dismiss" in line.lower()]
    assert reason in line
    rows = _audit_rows(client, f"?object_type=claims&object_id={claim.id}&action=claim.dismiss")
    assert f"<del>{claim.status.value}</del> → <ins>dismissed</ins>" in rows
    assert reason in rows and claim.text not in rows  # the unchanged text is no change


def test_the_history_page_shows_a_lean_edit(signed_in, client, db_session):
    checker = signed_in("checker")
    claim = _ingested(db_session, checker)
    workflow.accept(db_session, checker, claim.id)
    given = sources.SourceInput(title="รายงานประจำสัปดาห์", stance="supports", note="ฉบับแรก")
    source = sources.add_source(db_session, checker, claim.id, given)
    sources.edit_source(db_session, checker, source.id, sources.SourceInput(note="ฉบับแก้ไข"))
    edit = workflow.ClaimEdit(claim.text, "กรมควบคุมโรค", claim.claim_date)
    workflow.edit(db_session, checker, claim.id, edit)
    db_session.commit()
    lines = _history_lines(client, claim.id)
    (edited,) = [line for line in lines if "Source edited" in line]
    assert "<q>รายงานประจำสัปดาห์</q>" in edited  # the unchanged title, kept as context
    assert any("Claim edited" in line for line in lines)
