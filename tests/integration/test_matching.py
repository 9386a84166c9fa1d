"""Claim matching through the services, the web pages, the API and the CLI; known fact-checks."""

import json
import re
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.models import (
    Appearance,
    AuditEvent,
    Claim,
    ClaimMatch,
    ClaimStatus,
    Comment,
    KnownFactCheck,
    Source,
)
from app.models.matching import MatchState
from app.services import comments, factchecks, ingest, matching, sources, workflow
from tests.factories import make_token

ROOT = Path(__file__).parents[2]
SHARED = ROOT / "tests" / "data" / "real"  # shared/data, copied unchanged
SEED = (ROOT / "app" / "demo" / "kim-putin-th.txt").read_text(encoding="utf-8")
RESTATED = (
    "สำนักข่าวไทยรายงานว่า กองทัพโซเวียตบุกเข้าทางตอนเหนือของคาบสมุทรเกาหลีในเดือนสิงหาคม "
    "ค.ศ. 1945 และช่วยยุติการปกครองอาณานิคมของญี่ปุ่นซึ่งยาวนานถึง 35 ปี"
)
SAME_WORDS = (
    "ในเดือนสิงหาคม พ.ศ. 2488 กองทัพโซเวียตได้รุกเข้าสู่พื้นที่ทางตอนเหนือของคาบสมุทรเกาหลี "
    "ช่วยยุติการปกครองอาณานิคมของญี่ปุ่นที่ยาวนาน 35 ปี และปลดอาวุธกองกำลังญี่ปุ่น"
)
ONE_CHANGED = (
    "เมื่อเดือนสิงหาคม ค.ศ. {year} กองทัพโซเวียตได้รุกเข้าสู่พื้นที่ทางตอนเหนือของคาบสมุทรเกาหลี "
    "ช่วยยุติการปกครองอาณานิคมของญี่ปุ่นที่ยาวนาน {years} ปี"
)


def _ingest(session, user, text, outlet="Other outlet"):
    article, _ = ingest.ingest(session, user, ingest.Submission(text=text, outlet=outlet))
    session.commit()
    return article


@pytest.fixture
def seed(db_session, admin):
    return _ingest(db_session, admin, SEED, "Yonhap News")


def _soviet(session) -> Claim:
    return session.scalars(
        sa.select(Claim)
        .where(Claim.text.contains("กองทัพโซเวียตได้รุก"), Claim.id.in_(sa.select(Appearance.claim_id)))
        .order_by(Claim.id)
    ).first()


def _origin_claims(article) -> list[Claim]:
    return [a.claim for a in article.appearances]


def _differences(match: ClaimMatch) -> dict:
    return {r["code"]: r for r in match.reasons if r["kind"] == "differs"}


def test_a_restated_seed_claim_is_suggested_and_the_same_wording_is_linked(db_session, admin, seed):
    soviet = _soviet(db_session)
    other = _ingest(db_session, admin, RESTATED)
    (candidate,) = _origin_claims(other)
    suggested = db_session.scalars(
        sa.select(ClaimMatch).where(ClaimMatch.claim_id == candidate.id)
    ).all()
    assert candidate.status == ClaimStatus.CANDIDATE
    assert [(m.match_claim_id, m.state) for m in suggested] == [(soviet.id, MatchState.SUGGESTED)]
    assert matching.thresholds().suggest <= suggested[0].score < matching.thresholds().auto

    same = _ingest(db_session, admin, SAME_WORDS)
    (appearance,) = same.appearances
    assert appearance.claim_id == soviet.id, "the new wording is an appearance of the seed claim"
    linked = db_session.get(Claim, appearance.origin_claim_id)
    assert linked.status == ClaimStatus.MERGED and linked.canonical_id == soviet.id
    event = db_session.scalars(
        sa.select(AuditEvent).where(
            AuditEvent.action == "claim.auto_merge", AuditEvent.object_id == str(linked.id)
        )
    ).one()
    assert event.after["score"] >= matching.thresholds().auto


@pytest.mark.parametrize(
    ("year", "years", "code", "this", "other"),
    [(1945, 36, "numbers", ["36"], ["35"]), (1950, 35, "dates", ["1950"], ["1945"])],
)
def test_another_number_or_year_is_never_attached_and_the_reasons_say_so(
    db_session, admin, seed, year, years, code, this, other
):
    soviet = _soviet(db_session)
    article = _ingest(db_session, admin, ONE_CHANGED.format(year=year, years=years))
    (appearance,) = article.appearances
    assert appearance.claim_id != soviet.id
    match = db_session.scalars(
        sa.select(ClaimMatch).where(
            ClaimMatch.claim_id == appearance.claim_id, ClaimMatch.match_claim_id == soviet.id
        )
    ).one()
    assert match.state == MatchState.SUGGESTED and match.score < matching.thresholds().auto
    difference = _differences(match)[code]
    assert (difference["this"], difference["other"]) == (this, other)


def test_the_api_lists_similar_claims_and_the_article_lists_the_linked_claim(
    client, db_session, admin, seed
):
    _, token = make_token(db_session, "viewer")
    db_session.commit()
    headers = {"Authorization": f"Bearer {token}"}
    soviet = _soviet(db_session)
    candidate = _origin_claims(_ingest(db_session, admin, RESTATED))[0]
    body = client.get(f"/api/v1/claims/{candidate.id}/similar", headers=headers).get_json()
    assert body["items"][0]["type"] == "claim" and body["items"][0]["id"] == soviet.id
    first = body["items"][0]
    assert set(first) >= {"type", "id", "score", "reasons", "text"} and first["reasons"]
    assert {r["code"] for r in first["reasons"] if r["kind"] == "same"} >= {"numbers", "dates"}
    assert (
        client.get(f"/api/v1/claims/{candidate.id}/similar?limit=0", headers=headers).status_code
        == 400
    )
    assert client.get(f"/api/v1/claims/{candidate.id}/similar").status_code == 401
    assert client.get("/api/v1/claims/999999/similar", headers=headers).status_code == 404

    _, editor_token = make_token(db_session, "checker")
    db_session.commit()
    response = client.post(
        "/api/v1/articles",
        json={"text": SAME_WORDS, "outlet": "Third outlet"},
        headers={"Authorization": f"Bearer {editor_token}"},
    )
    assert response.status_code == 201, response.get_json()
    assert soviet.id in [c["id"] for c in response.get_json()["claims"]]


def _import_shared(session, user):
    files = [
        (str(path), path.read_bytes())
        for folder in ("claimreview", "afnc")
        for path in sorted((SHARED / folder).iterdir())
    ]
    return files, factchecks.import_files(session, user, files)


def test_the_real_files_import_every_item_or_report_it_and_again_import_nothing(db_session, admin):
    files, report = _import_shared(db_session, admin)
    db_session.commit()
    stored = db_session.scalar(sa.select(sa.func.count()).select_from(KnownFactCheck))
    assert report.imported == stored >= 30 and not report.unreadable
    not_fact_checks = [f for f in report.failed if f["reason"].startswith("not_fact_check")]
    assert len(not_fact_checks) == 4 and all(f["path"].endswith(".csv") for f in not_fact_checks)
    afnc = db_session.scalars(
        sa.select(KnownFactCheck).where(KnownFactCheck.source_format == "afnc")
    ).all()
    assert len(afnc) == 8 and {a.rating for a in afnc} == {"ข่าวปลอม", "ข่าวจริง"}
    assert all(a.review_date and a.review_date.year == 2025 for a in afnc), "BE dates read as CE"
    again = factchecks.import_files(db_session, admin, files)
    assert again.imported == 0 and again.duplicates == report.imported + report.duplicates


def test_a_restated_afnc_claim_shows_afncs_fact_check(client, signed_in, db_session, admin):
    _import_shared(db_session, admin)
    db_session.commit()
    article = _ingest(
        db_session,
        admin,
        "มีการแชร์ในโซเชียลว่า ธนาคารกรุงไทยส่งเอกสารแจ้งลูกค้าให้ไปเปิดสมุดบัญชีที่มีเส้นทางการเงินพิรุธ",
    )
    claim = _origin_claims(article)[0]
    items = matching.similar_to_claim(db_session, claim)
    checked = [i for i in items if i.type == "fact_check"]
    assert checked and checked[0].publisher.startswith("ศูนย์ต่อต้านข่าวปลอม")
    assert checked[0].rating == "ข่าวปลอม" and checked[0].date is not None
    signed_in("viewer")
    page = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert "Already checked by ศูนย์ต่อต้านข่าวปลอม" in page and "ข่าวปลอม" in page
    queue = client.get("/queue").get_data(as_text=True)
    assert "Already checked by" in queue
    found = client.get("/search", query_string={"q": "กรุงไทย type:fact_check"})
    assert f"/claims/known/{checked[0].id}" in found.get_data(as_text=True)
    known = client.get("/claims/known", query_string={"q": "กรุงไทย"}).get_data(as_text=True)
    assert f"/claims/known/{checked[0].id}" in known
    detail = client.get(f"/claims/known/{checked[0].id}")
    assert detail.status_code == 200 and "ข่าวปลอม" in detail.get_data(as_text=True)


def test_the_cli_prints_one_json_line_and_exits_1_for_an_unreadable_file(runner, tmp_path):
    good = SHARED / "afnc" / "afnc_sample.csv"
    result = runner.invoke(args=["fact-checks", "import", str(good), "--json"])
    assert result.exit_code == 0, result.output
    last = json.loads(result.output.strip().splitlines()[-1])
    assert set(last) == {"imported", "duplicates", "failed"} and last["imported"] == 8
    assert {f["item"] for f in last["failed"]} == {"row 2", "row 3", "row 11", "row 12"}
    junk = tmp_path / "junk.json"
    junk.write_bytes(b"\x00\x01 not json at all")
    again = runner.invoke(args=["fact-checks", "import", str(good), str(junk), "--json"])
    last = json.loads(again.output.strip().splitlines()[-1])
    assert again.exit_code == 1 and last["imported"] == 0 and last["duplicates"] == 8
    assert any(f["path"] == str(junk) and f["item"] is None for f in last["failed"])


def test_the_upload_imports_for_editors_reports_odd_items_and_refuses_checkers(
    client, signed_in, auth, db_session
):
    odd = ROOT / "tests" / "data" / "factchecks" / "shapes-odd.json"
    signed_in("checker")
    page = client.get("/claims/known").get_data(as_text=True)
    assert 'name="files"' not in page
    data = {"files": (odd.open("rb"), "shapes-odd.json")}
    refused = auth.post("/claims/known/import", data, form_page="/queue")
    assert refused.status_code == 403
    auth.logout()
    signed_in("editor")
    data = {"files": (odd.open("rb"), "shapes-odd.json")}
    response = auth.post("/claims/known/import", data, form_page="/claims/known")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Not imported, and why" in html
    assert "no_claim_text" in html
    assert db_session.scalar(sa.select(sa.func.count()).select_from(KnownFactCheck)) > 0
    empty = auth.post("/claims/known/import", {}, form_page="/claims/known")
    assert empty.status_code == 400 and "Choose at least one file." in empty.get_data(as_text=True)


def _everything(session, claim_ids):
    return {
        "appearances": session.scalar(
            sa.select(sa.func.count())
            .select_from(Appearance)
            .where(Appearance.origin_claim_id.in_(claim_ids))
        ),
        "sources": session.scalar(
            sa.select(sa.func.count()).select_from(Source).where(Source.claim_id.in_(claim_ids))
        ),
        "comments": session.scalar(
            sa.select(sa.func.count()).select_from(Comment).where(Comment.claim_id.in_(claim_ids))
        ),
        "events": session.scalar(sa.select(sa.func.count()).select_from(AuditEvent)),
    }


def test_merge_and_unmerge_keep_every_appearance_source_comment_and_event(db_session, admin, seed):
    soviet = _soviet(db_session)
    candidate = _origin_claims(_ingest(db_session, admin, RESTATED))[0]
    workflow.accept(db_session, admin, candidate.id)
    sources.add_source(
        db_session,
        admin,
        candidate.id,
        sources.SourceInput(title="A history of the Korean peninsula", note="p. 42"),
    )
    comments.add_comment(db_session, admin, candidate.id, "Check the year.")
    db_session.commit()
    own = [a.id for a in candidate.appearances]
    before = _everything(db_session, [candidate.id])

    workflow.merge(db_session, admin, candidate.id, soviet.id)
    db_session.commit()
    assert {a.id for a in soviet.appearances} >= set(own)
    after_merge = _everything(db_session, [candidate.id])
    assert after_merge["events"] > before["events"]
    assert {k: after_merge[k] for k in ("appearances", "sources", "comments")} == {
        k: before[k] for k in ("appearances", "sources", "comments")
    }

    workflow.unmerge(db_session, admin, candidate.id)
    db_session.commit()
    db_session.expire_all()
    restored = db_session.get(Claim, candidate.id)
    assert restored.status == ClaimStatus.IN_RESEARCH and restored.canonical_id is None
    assert sorted(a.id for a in restored.appearances) == sorted(own)
    assert own[0] not in {a.id for a in db_session.get(Claim, soviet.id).appearances}
    after = _everything(db_session, [candidate.id])
    assert after["events"] > after_merge["events"]
    assert {k: after[k] for k in ("appearances", "sources", "comments")} == {
        k: before[k] for k in ("appearances", "sources", "comments")
    }
    pair = db_session.scalars(
        sa.select(ClaimMatch).where(
            ClaimMatch.state == MatchState.DIFFERENT,
            sa.or_(ClaimMatch.claim_id == candidate.id, ClaimMatch.match_claim_id == candidate.id),
        )
    ).one()
    assert soviet.id in (pair.claim_id, pair.match_claim_id)
    assert soviet.id not in [i.id for i in matching.similar_to_claim(db_session, restored)]


def test_an_automatic_link_is_undone_with_not_the_same_claim(
    client, signed_in, auth, db_session, admin, seed
):
    soviet = _soviet(db_session)
    (appearance,) = _ingest(db_session, admin, SAME_WORDS).appearances
    linked_id = appearance.origin_claim_id
    signed_in("checker")
    page = client.get(f"/claims/{soviet.id}").get_data(as_text=True)
    assert "Merged into this claim" in page and f"/claims/{linked_id}/unmerge" in page
    assert "Claim linked to the same claim found earlier (" in page, "the link is in its history"
    version = db_session.get(Claim, linked_id).version
    response = auth.post(
        f"/claims/{linked_id}/unmerge",
        {"unmerge-version": str(version), "next": f"/claims/{soviet.id}"},
        form_page=f"/claims/{soviet.id}",
    )
    assert response.status_code == 302
    db_session.expire_all()
    claim = db_session.get(Claim, linked_id)
    assert claim.status == ClaimStatus.CANDIDATE and [a.id for a in claim.appearances] == [
        appearance.id
    ]
    again = client.post(f"/claims/{linked_id}/unmerge", data={}, follow_redirects=False)
    assert again.status_code in (302, 400)


def _queue_forms(html: str) -> list[tuple[str, str]]:
    return re.findall(r'action="(/claims/\d+/matches)" id="(decide-\d+)"', html)


def test_the_queue_answers_possibly_the_same_with_same_and_different(
    client, signed_in, auth, db_session, admin, seed
):
    soviet = _soviet(db_session)
    candidate = _origin_claims(_ingest(db_session, admin, RESTATED))[0]
    other = _origin_claims(_ingest(db_session, admin, ONE_CHANGED.format(year=1950, years=35)))[0]
    signed_in("checker")
    html = client.get("/queue").get_data(as_text=True)
    assert "Possibly the same as" in html and html.count('data-match="same"') >= 2
    assert "Dates differ: 1950 here, 1945 there" in html
    response = auth.post(
        f"/claims/{candidate.id}/matches",
        {"kind": "claim", "other": str(soviet.id), "same": "1", "next": "/queue"},
        form_page="/queue",
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("/queue")
    db_session.expire_all()
    assert db_session.get(Claim, candidate.id).canonical_id == soviet.id
    response = auth.post(
        f"/claims/{other.id}/matches",
        {"kind": "claim", "other": str(soviet.id), "different": "1", "next": "/queue"},
        form_page="/queue",
    )
    db_session.expire_all()
    pair = db_session.scalars(
        sa.select(ClaimMatch).where(
            ClaimMatch.claim_id == other.id, ClaimMatch.match_claim_id == soviet.id
        )
    ).one()
    assert pair.state == MatchState.DIFFERENT and pair.decided_by_id is not None
    assert db_session.get(Claim, other.id).status == ClaimStatus.CANDIDATE
    html = client.get("/queue").get_data(as_text=True)
    assert f'href="/claims/{soviet.id}">#{soviet.id}' not in html
    bad = auth.post(
        f"/claims/{other.id}/matches",
        {"kind": "nonsense", "other": "x", "same": "1"},
        form_page="/queue",
    )
    assert bad.status_code == 302
    missing = auth.post(
        f"/claims/{other.id}/matches",
        {"kind": "claim", "other": "999999", "same": "1", "next": "/queue"},
        form_page="/queue",
    )
    assert missing.status_code == 302
    follow = client.get("/queue").get_data(as_text=True)
    assert "No such claim or known fact-check." in follow


def test_a_viewer_cannot_decide(client, signed_in, auth, db_session, admin, seed):
    soviet = _soviet(db_session)
    candidate = _origin_claims(_ingest(db_session, admin, RESTATED))[0]
    signed_in("viewer")
    response = auth.post(
        f"/claims/{candidate.id}/matches",
        {"kind": "claim", "other": str(soviet.id), "same": "1"},
        form_page="/queue",
    )
    assert response.status_code == 403
    assert db_session.get(Claim, candidate.id).status == ClaimStatus.CANDIDATE


def test_a_checker_merges_only_what_the_matcher_suggests(
    client, signed_in, auth, db_session, admin, seed
):
    soviet = _soviet(db_session)
    unrelated = _origin_claims(
        # a statement of fact: "…จะไม่เกิน…" (will not exceed) is a forecast, and no claim
        _ingest(db_session, admin, "กระทรวงพลังงานยืนยันว่าราคาน้ำมันดีเซลไม่เกินลิตรละ 33 บาทตลอดปีนี้")
    )[0]
    signed_in("checker")
    refused = auth.post(
        f"/claims/{unrelated.id}/matches",
        {"kind": "claim", "other": str(soviet.id), "same": "1"},
        form_page="/queue",
    )
    assert refused.status_code == 403
    db_session.expire_all()
    assert db_session.get(Claim, unrelated.id).status == ClaimStatus.CANDIDATE


def test_odd_input_never_crashes_a_page(client, signed_in, auth, db_session, admin, tmp_path):
    text = "วันที่ 30 กุมภาพันธ์ ค.ศ. 1945 กองทัพโซเวียตได้รุกเข้าสู่คาบสมุทรเกาหลีพร้อมทหาร {n} นาย"
    _ingest(db_session, admin, text.format(n=5000))
    claim = _origin_claims(_ingest(db_session, admin, text.format(n=6000)))[0]
    signed_in("editor")
    assert client.get("/queue").status_code == 200
    assert client.get(f"/claims/{claim.id}").status_code == 200
    assert client.get(f"/api/v1/claims/{claim.id}/similar?limit=²").status_code in (400, 401)
    odd = tmp_path / "ports.json"
    odd.write_text(
        json.dumps(
            [
                {
                    "@type": "ClaimReview",
                    "url": "http://example.com:99999/x",
                    "claimReviewed": "A claim with a review at a port that is no port",
                    "author": {"name": "Test Checkers"},
                    "reviewRating": {"alternateName": "False"},
                }
            ]
        )
    )
    response = auth.post(
        "/claims/known/import", {"files": (odd.open("rb"), "ports.json")}, form_page="/claims/known"
    )
    assert response.status_code in (200, 302)
    stored = db_session.scalars(sa.select(KnownFactCheck)).one()
    assert stored.url is None and stored.publisher == "Test Checkers"
    unmerge = auth.post(
        f"/claims/{claim.id}/unmerge", {"unmerge-version": "²"}, form_page=f"/claims/{claim.id}"
    )
    assert unmerge.status_code == 400


def test_an_appearance_of_a_merged_wording_goes_back_with_it_on_unmerge(db_session, admin, seed):
    soviet = _soviet(db_session)
    (first,) = _ingest(db_session, admin, SAME_WORDS).appearances
    linked_id = first.origin_claim_id
    (again,) = _ingest(db_session, admin, SAME_WORDS + " ", outlet="Third").appearances
    assert again.claim_id == soviet.id and again.origin_claim_id == linked_id
    workflow.unmerge(db_session, admin, linked_id)
    db_session.commit()
    db_session.expire_all()
    assert {a.id for a in db_session.get(Claim, linked_id).appearances} == {first.id, again.id}
