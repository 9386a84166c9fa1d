"""Entities of a claim: in the API (`entities`, spans into its text) and on the claim page."""

from tests.factories import make_claim, make_token

TEXT = (
    "นายแพทย์ธีระ ศรีวงศ์ ผู้อำนวยการกองโรค เปิดเผยว่า กรมควบคุมโรคพบผู้ป่วยที่อำเภอหาดใหญ่ จังหวัดสงขลา 1,200 ราย"
)


def test_the_api_gives_each_entity_with_its_span(client, db_session):
    claim = make_claim(db_session, TEXT)
    _, token = make_token(db_session, "viewer")
    body = client.get(f"/api/v1/claims/{claim.id}", headers={"Authorization": f"Bearer {token}"})
    entities = body.get_json()["entities"]
    kinds = {(e["kind"], e["text"]) for e in entities}
    assert ("person", "นายแพทย์ธีระ ศรีวงศ์") in kinds
    assert ("place", "หาดใหญ่") in kinds
    assert ("organisation", "กรมควบคุมโรค") in {(k, t[: len("กรมควบคุมโรค")]) for k, t in kinds}
    assert all(claim.text[e["start"] : e["end"]] == e["text"] for e in entities)


def test_the_claim_page_lists_them_by_kind(client, db_session, signed_in):
    claim = make_claim(db_session, TEXT)
    signed_in("viewer")
    html = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert "<dt>Places</dt>" in html and "หาดใหญ่" in html
    assert "<dt>People</dt>" in html
