"""Reported speech: the claimant is who spoke, `reported_by` the channel that passed it on; stored
with the claim, in the API, on the claim page, and editable like the claimant."""

from app.models import AuditEvent
from tests.factories import make_claim, make_token

TEXT = (
    "สื่อของรัฐรายงานว่า คิม จองอึน ได้บอกกับประธานาธิบดีวลาดิเมียร์ ปูตินว่า "
    "ความสัมพันธ์ของทั้งสองประเทศแน่นแฟ้นที่สุดในรอบ 70 ปี"
)


def _headers(session, role="checker", **extra):
    return {"Authorization": f"Bearer {make_token(session, role)[1]}", **extra}


def test_ingestion_keeps_the_speaker_and_the_channel_apart(client, db_session):
    claim = make_claim(db_session, TEXT)
    assert (claim.claimant, claim.reported_by) == ("คิม จองอึน", "สื่อของรัฐ")
    body = client.get(f"/api/v1/claims/{claim.id}", headers=_headers(db_session, "viewer"))
    assert body.get_json()["claimant"] == "คิม จองอึน"
    assert body.get_json()["reported_by"] == "สื่อของรัฐ"
    created = db_session.query(AuditEvent).filter_by(action="claim.create", object_id=str(claim.id))
    assert created.one().after["reported_by"] == "สื่อของรัฐ"


def test_the_claim_page_shows_the_channel(client, db_session, signed_in):
    claim = make_claim(db_session, TEXT)
    signed_in("viewer")
    html = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert "<dt>Reported by</dt><dd>สื่อของรัฐ</dd>" in html


def test_the_api_edits_the_channel_and_a_patch_of_one_field_keeps_the_others(client, db_session):
    claim = make_claim(db_session, TEXT)
    db_session.expire_all()
    headers = _headers(db_session, "checker", **{"If-Match": f'"{claim.version}"'})
    response = client.patch(
        f"/api/v1/claims/{claim.id}",
        json={"reported_by": "สำนักข่าวกลางเกาหลี (KCNA)", "claim_date": "15/08/2568"},
        headers=headers,
    )
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["reported_by"] == "สำนักข่าวกลางเกาหลี (KCNA)"
    version = response.headers["ETag"]
    response = client.patch(
        f"/api/v1/claims/{claim.id}",
        json={"claimant": "Kim Jong Un"},
        headers={**headers, "If-Match": version},
    )
    body = response.get_json()
    assert body["claimant"] == "Kim Jong Un"
    assert body["reported_by"] == "สำนักข่าวกลางเกาหลี (KCNA)"  # kept
    assert body["claim_date"] == "2025-08-15"  # kept, not cleared
    edits = db_session.query(AuditEvent).filter_by(action="claim.edit", object_id=str(claim.id))
    assert any((e.after or {}).get("reported_by") for e in edits)


def test_a_channel_longer_than_its_column_is_refused(client, db_session):
    claim = make_claim(db_session, TEXT)
    response = client.patch(
        f"/api/v1/claims/{claim.id}",
        json={"reported_by": "ก" * 301},
        headers=_headers(db_session, "checker", **{"If-Match": f'"{claim.version}"'}),
    )
    assert response.status_code == 422
    assert "reported_by" in str(response.get_json())
