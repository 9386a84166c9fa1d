"""The public fact-check page a reader shares: headline, badge, dates, corrections, earlier
versions, preview-card tags, the share card image and ClaimReview addresses."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image

from app.exports.validate import validate
from app.services import ingest, review, workflow
from tests.factories import make_user
from tests.integration.test_reports import EVIL, SEED_PATH, _elements, _json_ld, _publish

PUBLIC = "https://factcheck.example"


@pytest.fixture
def seed_claim(db_session):
    """Return the demo article's "blossomed" claim, ingested from its news page."""
    submission = ingest.Submission(
        text=Path(SEED_PATH).read_text(encoding="utf-8"),
        url="https://news.example/kim-putin",
        title="คิมบอกปูติน",
        published="15 สิงหาคม 2568",
    )
    article, _ = ingest.ingest(db_session, make_user(db_session, "checker"), submission)
    db_session.commit()
    return next(a.claim for a in article.appearances if "เบ่งบานเต็มที่" in a.claim.text)


def _meta(html: str) -> dict[str, str]:
    """Return the page's <meta property|name> contents and its canonical link."""
    found = {}
    for tag, attrs in _elements(html):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("property") or attrs.get("name")):
            found[attrs.get("property") or attrs["name"]] = attrs.get("content")
        if tag == "link" and attrs.get("rel") == "canonical":
            found["canonical"] = attrs["href"]
    return found


def _correct(session, claim, people, rating="mostly_true", note="ปรับระดับ: ถ้อยคำต่างออกไป"):
    correction = review.correct(
        session, people[0], claim.id, review.VerdictInput(rating, "แก้ไขแล้ว", "คำอธิบายใหม่", note)
    )
    review.submit(session, people[0], correction.id)
    review.approve(session, people[1], correction.id)
    review.publish(session, people[2], correction.id)
    session.commit()
    return correction


def test_the_page_has_a_headline_badge_claimant_appearances_and_dates(
    client, seed_claim, db_session
):
    _publish(db_session, seed_claim, "mostly_true", "จดหมายมีข้อความนี้จริง")
    html = client.get(f"/fact-checks/{seed_claim.id}", headers={"Accept-Language": "th"}).text
    assert '<h1 class="fact-check-headline">จดหมายมีข้อความนี้จริง</h1>' in html
    assert '<span class="rating-badge tone-mostly-true">จริงเป็นส่วนใหญ่</span>' in html
    assert "— คิม จองอึน" in html
    assert 'href="https://news.example/kim-putin"' in html and "คิมบอกปูติน" in html
    this_year_be = str(datetime.now().year + 543)  # Thai readers see the Buddhist Era
    assert "เผยแพร่เมื่อ" in html and this_year_be in html
    assert "correction-notice" not in html and "earlier-versions" not in html


def test_a_correction_shows_its_date_note_and_the_earlier_version(client, seed_claim, db_session):
    first, people = _publish(db_session, seed_claim, "true", "จริงทุกคำ", "คำอธิบายเดิม")
    _correct(db_session, seed_claim, people)
    page = client.get(f"/fact-checks/{seed_claim.id}").text
    assert "Corrected " in page and "ปรับระดับ: ถ้อยคำต่างออกไป" in page
    assert '<span class="rating-badge tone-mostly-true">' in page
    version_url = f"/fact-checks/{seed_claim.id}/versions/{first.number}"
    assert f'href="{version_url}"' in page
    earlier = client.get(version_url)
    assert earlier.status_code == 200
    assert "earlier version of this fact-check" in earlier.text
    assert "จริงทุกคำ" in earlier.text and "คำอธิบายเดิม" in earlier.text
    assert '<span class="rating-badge tone-true">จริง</span>' in earlier.text
    assert f'href="/fact-checks/{seed_claim.id}"' in earlier.text  # to the current version
    current = client.get(f"/fact-checks/{seed_claim.id}/versions/2")
    assert current.status_code == 302 and current.location.endswith(f"/fact-checks/{seed_claim.id}")


def test_version_pages_never_show_drafts_or_unpublished_claims(client, seed_claim, db_session):
    assert client.get(f"/fact-checks/{seed_claim.id}/versions/1").status_code == 404
    _first, people = _publish(db_session, seed_claim, "true", "จริง")
    draft = review.correct(
        db_session,
        people[0],
        seed_claim.id,
        review.VerdictInput("false", "ร่างที่ยังไม่เผยแพร่", "", "ร่างบันทึกการแก้ไข"),
    )
    db_session.commit()
    for number in (draft.number, 99, 0):
        assert client.get(f"/fact-checks/{seed_claim.id}/versions/{number}").status_code == 404
    page = client.get(f"/fact-checks/{seed_claim.id}").text
    assert "ร่างที่ยังไม่เผยแพร่" not in page and "ร่างบันทึกการแก้ไข" not in page
    assert client.get(f"/fact-checks/{seed_claim.id}/versions/abc").status_code == 404


def test_preview_tags_are_absolute_from_the_public_url_whatever_the_host(
    app, client, seed_claim, db_session, monkeypatch
):
    monkeypatch.setitem(app.config, "SATJA_PUBLIC_URL", PUBLIC + "/")
    verdict, _people = _publish(db_session, seed_claim, "mostly_true", "มีข้อความนี้จริง")
    html = client.get(f"/fact-checks/{seed_claim.id}", base_url="http://other-host.example").text
    meta = _meta(html)
    page = f"{PUBLIC}/fact-checks/{seed_claim.id}"
    assert meta["canonical"] == meta["og:url"] == page
    assert meta["og:type"] == "article" and meta["twitter:card"] == "summary_large_image"
    assert meta["og:image"] == meta["twitter:image"] == f"{page}/card.png?v={verdict.number}"
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["og:title"] == meta["twitter:title"] == "มีข้อความนี้จริง"
    assert meta["og:description"].startswith("จริงเป็นส่วนใหญ่: “")
    assert "ความสัมพันธ์ทวิภาคี" in meta["og:description"] and meta["og:image:alt"]
    assert meta["og:locale"] == "th_TH" and meta["og:site_name"] == "Satja"
    assert meta["article:published_time"] == meta["article:modified_time"]
    assert "other-host.example" not in html
    [data] = _json_ld(html)
    assert data["url"] == page and data["author"]["url"] == PUBLIC
    assert validate(data, PUBLIC) == []


def test_preview_tags_escape_quotes_and_markup(client, db_session):
    checker = make_user(db_session, "checker")
    article, _ = ingest.ingest(
        db_session,
        checker,
        ingest.Submission(text=f"นายสมชาย ใจดี กล่าวว่า มีผู้ป่วย 1,200 ราย {EVIL}"),
    )
    claim = article.appearances[0].claim
    text = f'มีผู้ป่วย "1,200" ราย {EVIL}'
    workflow.edit(db_session, checker, claim.id, workflow.ClaimEdit(text, EVIL, None))
    _publish(db_session, claim, "false", EVIL)
    html = client.get(f"/fact-checks/{claim.id}").text
    meta = _meta(html)
    assert meta["og:title"] == EVIL  # the exact text, read back from an escaped attribute
    assert meta["og:description"] == f"เท็จ: “{text}”"
    head = html.split("</head>")[0]
    assert "<script>alert" not in head and "<img" not in head
    assert 'content="&lt;/script&gt;&lt;script&gt;alert(1)' in head


def test_the_share_card_is_a_cached_png_that_changes_with_a_correction(
    client, seed_claim, db_session
):
    assert client.get(f"/fact-checks/{seed_claim.id}/card.png").status_code == 404  # a draft
    _first, people = _publish(db_session, seed_claim, "true", "จริง")
    card = client.get(f"/fact-checks/{seed_claim.id}/card.png")
    assert card.status_code == 200 and card.mimetype == "image/png"
    assert Image.open(io.BytesIO(card.data)).size == (1200, 630)
    assert "public" in card.headers["Cache-Control"] and "max-age" in card.headers["Cache-Control"]
    etag = card.headers["ETag"]
    again = client.get(f"/fact-checks/{seed_claim.id}/card.png", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    _correct(db_session, seed_claim, people, rating="false")
    corrected = client.get(
        f"/fact-checks/{seed_claim.id}/card.png", headers={"If-None-Match": etag}
    )
    assert corrected.status_code == 200 and corrected.headers["ETag"] != etag
    assert corrected.data != card.data
    meta = _meta(client.get(f"/fact-checks/{seed_claim.id}").text)
    assert meta["og:image"].endswith("card.png?v=2")
    assert meta["article:published_time"] < meta["article:modified_time"]
    assert client.get("/fact-checks/2147483647/card.png").status_code == 404


def test_claimreview_appearances_carry_their_outlet_and_the_public_url(
    app, client, db_session, monkeypatch
):
    monkeypatch.setitem(app.config, "SATJA_PUBLIC_URL", PUBLIC)
    checker = make_user(db_session, "checker")
    article, _ = ingest.ingest(
        db_session,
        checker,
        ingest.Submission(
            text="นายสมชาย ใจดี รัฐมนตรี กล่าวว่า ปีนี้มีผู้ป่วยไข้เลือดออก 48,316 ราย",
            url="https://news.example/dengue",
            title="ไข้เลือดออกพุ่ง",
            outlet="ข่าวสด",
            published="15 สิงหาคม 2568",
        ),
    )
    claim = article.appearances[0].claim
    _publish(db_session, claim, "mostly_false", "ตัวเลขสูงเกินจริง")
    html = client.get(f"/fact-checks/{claim.id}", base_url="http://127.0.0.1:9999").text
    [data] = _json_ld(html)
    assert validate(data, PUBLIC) == []
    assert data["url"] == f"{PUBLIC}/fact-checks/{claim.id}" and data["author"]["url"] == PUBLIC
    [work] = data["itemReviewed"]["appearance"]
    assert work == {
        "@type": "CreativeWork",
        "url": "https://news.example/dengue",
        "headline": "ไข้เลือดออกพุ่ง",
        "name": "ไข้เลือดออกพุ่ง",
        "datePublished": "2025-08-15",
        "publisher": {"@type": "Organization", "name": "ข่าวสด"},
    }
    assert data["itemReviewed"]["firstAppearance"] == work
    assert '<span class="rating-badge tone-mostly-false">' in html
    listing = client.get("/fact-checks").text
    assert '<span class="rating-badge tone-mostly-false">Mostly false</span>' in listing
