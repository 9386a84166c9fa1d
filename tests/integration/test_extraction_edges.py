"""Extraction at the edges: the `flask claims extract` command and the ingest hook."""

import json
from pathlib import Path

from app.extensions import db
from app.models import Appearance, AuditEvent, Claim, ClaimStatus
from app.services import articles, demo
from tests.factories import make_user

SEED = "app/demo/kim-putin-th.txt"


def test_extract_json_lists_candidates_with_offsets(runner):
    result = runner.invoke(args=["claims", "extract", SEED, "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    text = Path(SEED).read_text(encoding="utf-8")
    assert found and all(text[c["start"] : c["end"]].strip("“”") == c["text"] for c in found)
    assert set(found[0]) == {
        "text",
        "start",
        "end",
        "score",
        "reasons",
        "claimant",
        "reported_by",
        "language",
        "dates",
        "numbers",
    }
    assert all(c["score"] >= 0.5 for c in found)
    # Yonhap reported what the North's state media reported Kim said: Kim speaks, through it
    assert (found[0]["claimant"], found[0]["reported_by"]) == ("คิม จองอึน", "สื่อของรัฐเกาหลีเหนือ")


def test_extract_all_includes_sentences_below_the_threshold(runner):
    some = json.loads(runner.invoke(args=["claims", "extract", SEED, "--json"]).output)
    every = json.loads(runner.invoke(args=["claims", "extract", SEED, "--json", "--all"]).output)
    assert len(every) > len(some) and any(c["score"] < 0.5 for c in every)


def test_extract_table_and_language_option(runner, tmp_path):
    path = tmp_path / "en.txt"
    path.write_text("Exports rose 4.2% in July, but economists expect a slowdown next year.")
    result = runner.invoke(args=["claims", "extract", str(path), "--lang", "en", "--all"])
    assert result.exit_code == 0
    assert "* 0." in result.output and "prediction" in result.output
    assert "1 check-worthy of 2 shown." in result.output


def test_extract_refuses_missing_and_non_utf8_files(runner, tmp_path):
    assert "Cannot read" in runner.invoke(args=["claims", "extract", "nope.txt"]).output
    bad = tmp_path / "bad.txt"
    bad.write_bytes("ข่าว".encode("cp874"))
    result = runner.invoke(args=["claims", "extract", str(bad)])
    assert result.exit_code == 1 and "not UTF-8" in result.output


def test_loading_the_demo_article_extracts_its_claims(db_session):
    article, _ = demo.load_demo_article(db_session)
    appearances = db_session.scalars(
        db.select(Appearance).where(Appearance.article_id == article.id)
    ).all()
    assert len(appearances) >= 5
    for appearance in appearances:
        assert article.body[appearance.start : appearance.end] == appearance.sentence
        assert appearance.claim.status == ClaimStatus.CANDIDATE
    kim = [a.claim for a in appearances if "เบ่งบานเต็มที่" in a.claim.text]
    assert kim and kim[0].claimant == "คิม จองอึน"
    creates = db_session.scalars(
        db.select(AuditEvent).where(AuditEvent.action == "claim.create")
    ).all()
    assert len(creates) == len({a.claim_id for a in appearances})


def test_the_same_statement_in_a_second_article_is_one_claim(db_session):
    checker = make_user(db_session, "checker")
    statement = "กรมควบคุมโรครายงานว่าพบผู้ป่วยไข้เลือดออกสะสม 42,513 ราย"
    first, _ = articles.add_article(db_session, checker, articles.ArticleInput(text=statement))
    second, _ = articles.add_article(
        db_session, checker, articles.ArticleInput(text="ข่าวต้นชั่วโมง\n" + statement)
    )
    claims = db_session.scalars(db.select(Claim).where(Claim.text == statement)).all()
    assert len(claims) == 1
    assert {a.article_id for a in claims[0].appearances} == {first.id, second.id}


def test_queue_shows_the_demo_claims(signed_in, client, db_session):
    demo.load_demo_article(db_session)
    db_session.commit()
    signed_in("viewer")
    html = client.get("/queue").get_data(as_text=True)
    assert "เบ่งบานเต็มที่" in html and "คิม จองอึน" in html
