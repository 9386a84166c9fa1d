"""Days typed in the Buddhist or the Common Era, and form errors shown beside their field."""

from datetime import date

import pytest

from app.models import ClaimStatus
from tests.factories import make_claim

TEXT = "นายสมชาย ใจดี อธิบดีกรมควบคุมโรค กล่าวว่า ปีนี้พบผู้ป่วย 1,200 ราย มากที่สุดในรอบ 5 ปี"


@pytest.fixture
def claim(db_session):
    return make_claim(db_session, TEXT)


def _edit(auth, claim, claim_date: str):
    return auth.post(
        f"/claims/{claim.id}/edit",
        prefix="edit",
        data={"version": claim.version, "text": claim.text, "claim_date": claim_date},
        form_page=f"/claims/{claim.id}",
    )


@pytest.mark.parametrize(
    "typed",
    ["15/08/2568", "2568-08-15", "15 สิงหาคม 2568", "15 ส.ค. 2568", "2025-08-15", "15/08/2025"],
)
def test_a_claim_date_is_read_in_either_era(signed_in, auth, claim, db_session, typed):
    signed_in("checker")
    assert _edit(auth, claim, typed).status_code == 302
    db_session.refresh(claim)
    assert claim.claim_date == date(2025, 8, 15)


@pytest.mark.parametrize(
    "typed", ["3111-08-15", "15/08/3111", "31/02/2568", "เมื่อวาน", "2300-01-01"]
)
def test_a_date_satja_cannot_place_is_refused_beside_the_field(
    signed_in, auth, claim, db_session, typed
):
    signed_in("checker")
    before = claim.claim_date
    response = _edit(auth, claim, typed)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="edit-claim_date-error"' in html and "15/08/2568" in html
    assert f'value="{typed}"' in html  # what was typed stays in the box
    db_session.refresh(claim)
    assert claim.claim_date == before


def test_the_claim_date_is_shown_in_the_readers_calendar(signed_in, auth, client, claim):
    signed_in("checker")
    _edit(auth, claim, "2025-08-15")
    client.set_cookie("satja_lang", "th")
    html = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert 'value="15/08/2568"' in html
    client.set_cookie("satja_lang", "en")
    html = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert 'value="2025-08-15"' in html


def test_filters_take_buddhist_era_days(signed_in, client):
    signed_in("editor")
    response = client.get("/queue?since=01/08/2568")
    assert response.status_code == 200
    assert "is not a day Satja can read" not in response.get_data(as_text=True)
    response = client.get("/queue?since=01/08/3111")
    assert "is not a day Satja can read" in response.get_data(as_text=True)


def test_a_period_typed_in_the_buddhist_era_leads_to_its_pdf(signed_in, client):
    signed_in("viewer")
    response = client.get("/reports/period?from=01/08/2568&to=31/08/2568")
    assert response.status_code == 303
    assert response.headers["Location"].endswith(
        "/reports/period.pdf?from=2025-08-01&to=2025-08-31"
    )


def test_a_reversed_period_is_explained_beside_its_field(signed_in, client):
    signed_in("viewer")
    client.set_cookie("satja_lang", "en")
    response = client.get("/reports/period?from=31/08/2568&to=01/08/2568")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="to-error"' in html and "The period ends before it starts." in html
    assert 'value="31/08/2568"' in html and 'value="01/08/2568"' in html


def test_the_period_pdf_reads_a_buddhist_era_iso_day(signed_in, client):
    signed_in("viewer")
    response = client.get("/reports/period.pdf?from=2568-08-31&to=2568-08-01")
    assert response.status_code == 422  # read as 2025, and so reversed: not a bare 400


def test_merging_into_an_unknown_claim_is_explained_beside_the_field(
    signed_in, auth, claim, db_session
):
    signed_in("editor")
    response = auth.post(
        f"/claims/{claim.id}/merge",
        prefix="merge",
        data={"version": claim.version, "into": "999999"},
        form_page=f"/claims/{claim.id}",
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="merge-into-error"' in html and "#999999" in html
    db_session.refresh(claim)
    assert claim.status == ClaimStatus.CANDIDATE
