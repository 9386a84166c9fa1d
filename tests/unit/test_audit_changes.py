"""What an audit event keeps: the changed fields with their context, a creation without blanks."""

import hashlib
import json

from app.database import json_dumps
from app.services.audit import changes, created


def test_only_changed_fields_are_kept_with_their_old_and_new_values():
    before = {"text": "ข้อความเดิม", "claimant": "ก", "status": "candidate", "version": 1}
    after = {"text": "ข้อความเดิม", "claimant": "ข", "status": "candidate", "version": 2}
    assert changes(before, after) == (
        {"claimant": "ก", "version": 1},
        {"claimant": "ข", "version": 2},
    )


def test_a_context_field_is_kept_in_both_states_only_when_set():
    before = {"title": "รายงาน", "note": "ก", "dismiss_reason": None}
    after = {"title": "รายงาน", "note": "ข", "dismiss_reason": None}
    kept = changes(before, after, keep=("title", "dismiss_reason"))
    assert kept == ({"note": "ก", "title": "รายงาน"}, {"note": "ข", "title": "รายงาน"})


def test_a_note_given_only_after_the_change_stays_only_after_it():
    before = {"state": "approved", "version": 3}
    after = {"state": "in_review", "version": 4, "because": "claim.edit"}
    old, new = changes(before, after)
    assert "because" not in old and new["because"] == "claim.edit"


def test_a_creation_drops_empty_fields_and_names_a_long_text_by_hash():
    after = {"conclusion": "จริง", "explanation": "คำอธิบายยาว", "note": None}
    digest = hashlib.sha256("คำอธิบายยาว".encode()).hexdigest()
    assert created("verdicts", after) == {"conclusion": "จริง", "explanation_sha256": digest}
    assert created("claims", {"text": "ก", "claimant": None}) == {"text": "ก"}


def test_json_is_written_as_utf8_and_a_lone_surrogate_stays_escaped():
    assert json_dumps({"text": "ไทย"}) == '{"text": "ไทย"}'
    assert json.loads(json_dumps({"text": "\ud800"})) == {"text": "\ud800"}
    assert json_dumps({"text": "\ud800"}) == '{"text": "\\ud800"}'
