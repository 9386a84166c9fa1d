"""Search through the service on the suite's database (SQLite, and PostgreSQL in CI)."""

from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.models import Claim, ClaimStatus, SearchDocument
from app.search import Scope, index, search
from app.services import ingest, review, sources, workflow
from tests.factories import make_user

SEED = (Path(__file__).parents[2] / "app" / "demo" / "kim-putin-th.txt").read_text(encoding="utf-8")
MIXED = (
    "นายกรัฐมนตรีกล่าวว่า จะเดินทางไปเชียงใหม่ในวันที่ 15 สิงหาคม 2568 พร้อมงบประมาณ 200 ล้านบาท\n"
    "ผู้อำนวยการกล่าวว่า ไปรษณีย์ไทยส่งพัสดุได้ 3 ล้านชิ้นในปี 2567"
)
ENGLISH = "Japan ruled Korea as a colony for 35 years, the ministry said on Friday."


@pytest.fixture
def people(db_session):
    return {role: make_user(db_session, role) for role in ("viewer", "checker", "editor")}


def _ingest(session, actor, text, **fields):
    article, _ = ingest.ingest(session, actor, ingest.Submission(text=text, **fields))
    session.commit()
    return article


@pytest.fixture
def seed(db_session, people):
    return _ingest(
        db_session, people["checker"], SEED, outlet="Yonhap News", published="15 สิงหาคม 2568"
    )


def _claims(results):
    return [hit.id for hit in results.items if hit.kind == "claim"]


def _claim_with(session, words: str) -> Claim:
    return session.scalars(sa.select(Claim).where(Claim.text.contains(words))).one()


@pytest.mark.parametrize("word", ["อาณานิคม", "โซเวียต", "คาบสมุทรเกาหลี"])
def test_seed_words_find_the_seed_claims(db_session, people, seed, word):
    results = search(db_session, people["viewer"], word)
    claim = _claim_with(db_session, "กองทัพโซเวียต")
    assert claim.id in _claims(results)
    assert ("article", seed.id) in [(h.kind, h.id) for h in results.items]
    hit = next(h for h in results.items if h.id == claim.id and h.kind == "claim")
    assert all(word.startswith(text) or word.endswith(text) for text, m in hit.snippet.parts() if m)
    assert any(m for _, m in hit.snippet.parts())


def test_english_forms_and_two_letter_thai_words(db_session, people):
    _ingest(db_session, people["checker"], ENGLISH)
    _ingest(db_session, people["checker"], MIXED)
    colony = _claim_with(db_session, "colony")
    assert _claims(search(db_session, people["viewer"], "colonies type:claim")) == [colony.id]
    travel, post = _claim_with(db_session, "เดินทางไป"), _claim_with(db_session, "ไปรษณีย์")
    assert _claims(search(db_session, people["viewer"], "ไป type:claim")) == [travel.id]
    assert _claims(search(db_session, people["viewer"], "ไปรษณีย์ type:claim")) == [post.id]


def test_phrases_exclusions_and_ranking(db_session, people, seed):
    viewer = people["viewer"]
    soviet = _claim_with(db_session, "กองทัพโซเวียต").id
    assert _claims(search(db_session, viewer, '"กองทัพโซเวียต" type:claim')) == [soviet]
    assert _claims(search(db_session, viewer, '"โซเวียตกองทัพ" type:claim')) == []
    with_putin = set(_claims(search(db_session, viewer, "ปูติน type:claim")))
    without = set(_claims(search(db_session, viewer, "ปูติน -จดหมาย type:claim")))
    assert without and without < with_putin
    only_excluded = search(db_session, viewer, "-โซเวียต type:claim")
    assert soviet not in _claims(only_excluded) and only_excluded.total > 0
    ranked = search(db_session, viewer, "เกาหลีเหนือ")
    assert [h.score for h in ranked.items] == sorted((h.score for h in ranked.items), reverse=True)


def test_filters_by_status_rating_outlet_language_assignee_claimant_and_date(
    db_session, people, seed
):
    checker, editor, viewer = people["checker"], people["editor"], people["viewer"]
    claim = _claim_with(db_session, "กองทัพโซเวียต")
    workflow.accept(db_session, checker, claim.id)
    workflow.assign(db_session, editor, claim.id, checker.id)
    _ingest(db_session, checker, ENGLISH, outlet="The Nation", published="2024-01-05")
    db_session.commit()

    def found(text, actor=viewer):
        return set(_claims(search(db_session, actor, text)))

    all_th = found("type:claim lang:th")
    assert claim.id in all_th and found("type:claim lang:en") == {
        _claim_with(db_session, "colony").id
    }
    assert found("status:in_research") == {claim.id}
    assert claim.id not in found("status:candidate")
    assert found("-status:candidate type:claim") == {claim.id}
    assert found("assignee:me", checker) == {claim.id}
    assert found(f"assignee:{checker.email}") == {claim.id}
    assert found('outlet:"yonhap news" type:claim') == all_th
    assert found("outlet:Yonhap") == set()  # an outlet is named whole, case aside
    assert claim.id in found("from:2568 to:2568-12-31 type:claim")
    assert found("from:2568 type:claim lang:en") == set()
    assert _claim_with(db_session, "colony").id in found("to:2567-01-31")
    kim = found("claimant:คิม")
    assert kim and all("คิม" in (db_session.get(Claim, i).claimant or "") for i in kim), (
        "claimant: looks in the claimant only"
    )
    results = search(db_session, viewer, "status:nonsense ปูติน")
    assert results.problems and "status:nonsense" in results.problems[0]
    assert results.total > 0


def test_facets_count_every_match_not_just_the_page(db_session, people, seed):
    results = search(db_session, people["viewer"], "เกาหลีเหนือ", per_page=1)
    assert len(results.items) == 1 and results.pages == results.total
    kinds = dict((value, count) for value, _, count in results.facets["kind"])
    assert sum(kinds.values()) == results.total and kinds["article"] == 1
    assert dict((v, n) for v, _, n in results.facets["status"])["candidate"] == kinds["claim"]
    assert results.facets["outlet"][0][1] == "Yonhap News"
    second = search(db_session, people["viewer"], "เกาหลีเหนือ", page=2, per_page=1)
    assert (
        second.items[0].id != results.items[0].id or second.items[0].kind != results.items[0].kind
    )


def test_the_index_follows_edits_merges_sources_and_verdicts(db_session, people, seed):
    checker, editor, viewer = people["checker"], people["editor"], people["viewer"]
    claim = _claim_with(db_session, "กองทัพโซเวียต")
    workflow.accept(db_session, checker, claim.id)
    workflow.edit(
        db_session, checker, claim.id, workflow.ClaimEdit("กองทัพแดงเข้าสู่เปียงยาง", None, None)
    )
    db_session.commit()
    assert _claims(search(db_session, viewer, "เปียงยาง")) == [claim.id]
    # Still found by the wording of the article it appears in.
    assert _claims(search(db_session, viewer, "โซเวียต type:claim")) == [claim.id]
    workflow.edit(
        db_session, checker, claim.id, workflow.ClaimEdit("ทหารแดงเข้าสู่กรุงโซล", None, None)
    )
    db_session.commit()
    assert search(db_session, viewer, "เปียงยาง").total == 0, "the old text is forgotten"
    assert _claims(search(db_session, viewer, "กรุงโซล")) == [claim.id]

    source = sources.add_source(
        db_session,
        checker,
        claim.id,
        sources.SourceInput(
            title="บันทึกประวัติศาสตร์",
            publisher="หอจดหมายเหตุ",
            excerpt="ทหารแดงเข้าสู่กรุงโซลในปี 1945",
            stance="supports",
        ),
    )
    db_session.commit()
    hits = search(db_session, viewer, "หอจดหมายเหตุ type:source").items
    assert [(h.kind, h.id, h.claim_id) for h in hits] == [("source", source.id, claim.id)]
    sources.remove_source(db_session, checker, source.id, source.version)
    db_session.commit()
    assert search(db_session, viewer, "หอจดหมายเหตุ").total == 0

    other = _claim_with(db_session, "เบ่งบานเต็มที่")
    workflow.merge(db_session, editor, other.id, claim.id)
    db_session.commit()
    assert search(db_session, viewer, "เบ่งบาน status:merged").items[0].id == other.id
    merged_docs = db_session.scalars(
        sa.select(SearchDocument.status).where(SearchDocument.claim_id == other.id)
    ).all()
    assert merged_docs == ["merged"]


def test_published_verdicts_reach_the_public_search_only_then(db_session, people, seed):
    checker, editor = people["checker"], people["editor"]
    claim = _claim_with(db_session, "กองทัพโซเวียต")
    public = Scope(public=True)
    assert search(db_session, None, "โซเวียต", public).total == 0
    workflow.accept(db_session, checker, claim.id)
    sources.add_source(
        db_session,
        checker,
        claim.id,
        sources.SourceInput(title="หลักฐาน", excerpt="ปี 1945", stance="supports"),
    )
    verdict = review.draft(
        db_session, checker, claim.id, review.VerdictInput("true", "ถูกต้องตามบันทึก", "")
    )
    review.submit(db_session, checker, verdict.id)
    assert search(db_session, None, "โซเวียต", public).total == 0
    review.approve(db_session, editor, verdict.id)
    review.publish(db_session, editor, verdict.id)
    db_session.commit()
    results = search(db_session, None, "โซเวียต status:candidate", public)
    assert _claims(results) == [claim.id], "the public search ignores status: and sees published"
    assert search(db_session, None, "โซเวียต rating:true", public).total == 1
    assert search(db_session, None, "โซเวียต rating:false", public).total == 0
    # The published conclusion finds the fact-check, on the public site too.
    assert _claims(search(db_session, None, "ถูกต้องตามบันทึก", public)) == [claim.id]
    staff = search(db_session, people["viewer"], "ถูกต้องตามบันทึก")
    assert sorted((h.kind, h.rating) for h in staff.items) == [
        ("claim", "true"),
        ("verdict", "true"),
    ]


def test_a_rolled_back_change_leaves_no_trace_and_reindex_rebuilds_the_same(
    db_session, people, seed
):
    def documents():
        return sorted(
            db_session.execute(
                sa.select(
                    SearchDocument.kind,
                    SearchDocument.object_id,
                    SearchDocument.status,
                    SearchDocument.outlet,
                    SearchDocument.doc_date,
                )
            ).all()
        )

    before = documents()
    claim = _claim_with(db_session, "กองทัพโซเวียต")
    workflow.accept(db_session, people["checker"], claim.id)
    db_session.rollback()
    assert search(db_session, people["viewer"], "status:accepted").total == 0
    assert documents() == before
    index.reindex(db_session)
    assert documents() == before
    assert ("article", seed.id, None, "Yonhap News", date(2025, 8, 15)) in before


def test_search_sees_the_transaction_s_own_changes_and_checks_the_role(db_session, people, seed):
    claim = _claim_with(db_session, "กองทัพโซเวียต")
    workflow.accept(db_session, people["checker"], claim.id)  # flushed, not committed
    assert _claims(search(db_session, people["viewer"], "status:accepted")) == [claim.id]
    from app.services.errors import NotAllowed

    with pytest.raises(NotAllowed):
        search(db_session, None, "โซเวียต")
    assert search(db_session, people["viewer"], "").total == 0
    assert claim.status == ClaimStatus.ACCEPTED


def _publish(session, people, claim_id, rating="true"):
    checker, editor = people["checker"], people["editor"]
    workflow.accept(session, checker, claim_id)
    sources.add_source(
        session, checker, claim_id, sources.SourceInput(title="หลักฐาน", stance="supports")
    )
    verdict = review.draft(session, checker, claim_id, review.VerdictInput(rating, "สรุปผล", ""))
    review.submit(session, checker, verdict.id)
    review.approve(session, editor, verdict.id)
    review.publish(session, editor, verdict.id)
    session.commit()


def test_compound_words_are_found_by_their_parts_and_merges_by_every_wording(
    db_session, people, seed
):
    viewer = people["viewer"]
    korea = set(_claims(search(db_session, viewer, "เกาหลี type:claim")))
    north = set(_claims(search(db_session, viewer, "เกาหลีเหนือ type:claim")))
    assert north and north <= korea, "เกาหลี also finds the claims about เกาหลีเหนือ"
    soviet = _claim_with(db_session, "กองทัพโซเวียต")
    other = _claim_with(db_session, "เบ่งบานเต็มที่")
    workflow.merge(db_session, people["editor"], other.id, soviet.id)
    db_session.commit()
    found = _claims(search(db_session, viewer, "เบ่งบานเต็มที่ -status:merged"))
    assert found == [soviet.id], "the merged wording finds the claim it was merged into"


def test_a_renamed_rating_key_reaches_the_index(db_session, people, seed, admin):
    from app.services import ratings

    claim = _claim_with(db_session, "กองทัพโซเวียต")
    _publish(db_session, people, claim.id, "true")
    rating = ratings.scale(db_session)[0]
    assert rating.key == "true"
    given = ratings.RatingInput(
        "accurate", rating.label_en, rating.label_th, rating.sort_order, rating.value
    )
    ratings.update_rating(db_session, admin, rating.id, given)
    db_session.commit()
    assert _claims(search(db_session, None, "rating:accurate", Scope(public=True))) == [claim.id]


def test_marks_outlive_a_rolled_back_savepoint(db_session, people, seed):
    first = _claim_with(db_session, "กองทัพโซเวียต")
    second = _claim_with(db_session, "เบ่งบานเต็มที่")
    workflow.accept(db_session, people["checker"], first.id)
    savepoint = db_session.begin_nested()
    workflow.accept(db_session, people["checker"], second.id)
    assert set(_claims(search(db_session, people["viewer"], "status:accepted"))) == {
        first.id,
        second.id,
    }
    savepoint.rollback()
    db_session.commit()
    assert _claims(search(db_session, people["viewer"], "status:accepted")) == [first.id]


def test_filters_of_claims_never_match_articles(db_session, people, seed):
    viewer = people["viewer"]
    for text in ("assignee:none", "-status:candidate", "-rating:true"):
        kinds = {h.kind for h in search(db_session, viewer, f"{text} เกาหลีเหนือ").items}
        assert "article" not in kinds, text


def test_a_large_result_counts_and_ranks_the_newest_matches(db_session, people, seed, monkeypatch):
    from app.search import service

    everything = search(db_session, people["viewer"], "เกาหลีเหนือ")
    assert not everything.capped and everything.total > 3
    monkeypatch.setattr(service, "WINDOW", 3)
    for text in ("เกาหลีเหนือ", "type:claim", "-โซเวียต type:claim"):
        capped = search(db_session, people["viewer"], text)
        assert capped.capped and capped.total == 3, text
        assert sum(n for _, _, n in capped.facets["kind"]) == 3
    capped = search(db_session, people["viewer"], "เกาหลีเหนือ")
    ids = {
        (kind, object_id): doc_id
        for doc_id, kind, object_id in db_session.execute(
            sa.select(SearchDocument.id, SearchDocument.kind, SearchDocument.object_id)
        )
    }
    matching = sorted((ids[(h.kind, h.id)] for h in everything.items), reverse=True)
    assert sorted(ids[(h.kind, h.id)] for h in capped.items) == sorted(matching[:3])


def test_deleted_objects_leave_the_index(db_session, people, seed):
    claim = _claim_with(db_session, "กองทัพโซเวียต")
    source = sources.add_source(
        db_session,
        people["checker"],
        claim.id,
        sources.SourceInput(title="หอจดหมายเหตุแห่งชาติ", stance="context"),
    )
    db_session.commit()
    assert search(db_session, people["viewer"], "หอจดหมายเหตุ").total == 1
    db_session.delete(source)
    db_session.commit()
    assert search(db_session, people["viewer"], "หอจดหมายเหตุ").total == 0
    for appearance in list(claim.appearances):
        db_session.delete(appearance)
    db_session.delete(claim)
    db_session.commit()
    assert search(db_session, people["viewer"], "กองทัพโซเวียต type:claim").total == 0
    assert not db_session.scalars(
        sa.select(SearchDocument).where(SearchDocument.claim_id == claim.id)
    ).all()
