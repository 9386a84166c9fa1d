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


def test_the_web_form_edits_the_channel_and_a_service_edit_without_it_keeps_it(
    client, db_session, signed_in
):
    from app.services import workflow
    from tests.factories import make_user

    claim = make_claim(db_session, TEXT)
    signed_in("checker")
    page = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert 'value="สื่อของรัฐ"' in page  # the edit form is filled with the stored channel
    workflow.edit(
        db_session,
        make_user(db_session, "checker"),
        claim.id,
        workflow.ClaimEdit("ความสัมพันธ์แน่นแฟ้นที่สุดในรอบ 70 ปี", "คิม จองอึน", None),
    )
    assert claim.reported_by == "สื่อของรัฐ"  # left out: kept


def test_a_null_text_is_a_422_not_a_500(client, db_session):
    claim = make_claim(db_session, TEXT)
    response = client.patch(
        f"/api/v1/claims/{claim.id}",
        json={"text": None},
        headers=_headers(db_session, "checker", **{"If-Match": f'"{claim.version}"'}),
    )
    assert response.status_code == 422, response.get_json()


def test_an_unreadable_speaker_does_not_refuse_the_article(db_session):
    """A 'speaker' longer than any name (a sentence read wrong) is dropped, not stored."""
    glued = "ก" * 400
    claim = make_claim(db_session, f"{glued}รายงานว่า นายสมชาย ใจดี กล่าวว่า ผู้ป่วยเพิ่มขึ้น 1,200 ราย")
    assert claim.reported_by is None or len(claim.reported_by) <= 300
    assert claim.claimant is None or len(claim.claimant) <= 300


def test_the_csv_carries_the_channel_last(client, db_session, signed_in):
    claim = make_claim(db_session, TEXT)
    signed_in("viewer")
    text = client.get("/exports/claims.csv").get_data(as_text=True)
    header, *rows = text.lstrip("\ufeff").splitlines()
    assert header.split(",")[-1] == "reported_by"
    assert any(row.startswith(f"{claim.id},") and row.endswith(",สื่อของรัฐ") for row in rows)
