"""`flask dev seed`: a consistent archive of real material, and the main pages render on it."""

from __future__ import annotations

import random

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from app.models import (
    Appearance,
    Article,
    AuditEvent,
    Claim,
    Comment,
    Role,
    SearchDocument,
    Source,
    User,
    Verdict,
)
from app.search import search
from app.search.analyzer import terms
from app.search.documents import claim_documents
from app.search.engines import engine_for
from app.services import tokens
from app.services.actors import SYSTEM
from bench.material import Writer
from bench.seed import START, Archive, remembered_terms
from bench.seed_workflow import Desk, Ids
from tests.factories import make_user

CLAIMS = 300


def _count(session, model, *where) -> int:
    return session.scalar(sa.select(sa.func.count()).select_from(model).where(*where)) or 0


def _seed(runner, *extra: str):
    return runner.invoke(args=["dev", "seed", "--claims", str(CLAIMS), "--seed", "7", *extra])


def _orphans(session, table, column, parent) -> int:
    """Count the rows of `table` whose `column` names no row of `parent`."""
    other = aliased(parent)  # a claim's canonical claim is a claim too
    missing = ~sa.exists().where(other.id == column)
    return session.scalar(sa.select(sa.func.count()).select_from(table).where(missing))


def test_the_seed_is_consistent_and_in_proportion(runner, db_session):
    result = _seed(runner)
    assert result.exit_code == 0, result.output
    assert _count(db_session, Claim) == CLAIMS
    for table, column, parent in (
        (Appearance, Appearance.claim_id, Claim),
        (Appearance, Appearance.article_id, Article),
        (Source, Source.claim_id, Claim),
        (Verdict, Verdict.claim_id, Claim),
        (Comment, Comment.claim_id, Claim),
        (AuditEvent, AuditEvent.actor_id, User),
        (Claim, Claim.canonical_id, Claim),
    ):
        assert _orphans(db_session, table, column, parent) == _count(
            db_session, table, column.is_(None)
        ), f"{table.__tablename__}.{column.key}"
    no_appearance = ~sa.exists().where(Appearance.claim_id == Claim.id)
    assert _count(db_session, Claim, no_appearance, Claim.status != "merged") == 0
    merged = db_session.scalars(sa.select(Claim).where(Claim.status == "merged")).all()
    for claim in merged:
        moved = db_session.scalars(
            sa.select(Appearance).where(Appearance.origin_claim_id == claim.id)
        ).all()
        assert moved and all(a.claim_id == claim.canonical_id for a in moved)
    for claim in db_session.scalars(sa.select(Claim).where(Claim.status == "published")):
        published = [v for v in claim.verdicts if v.state == "published"]
        assert len(published) == 1 and published[0].published_at is not None
    for appearance in db_session.scalars(sa.select(Appearance)):
        assert appearance.article.body[appearance.start : appearance.end] == appearance.sentence
    ratios = {
        model.__tablename__: _count(db_session, model) / CLAIMS
        for model in (Article, Appearance, Source, Verdict, AuditEvent)
    }
    assert 0.15 < ratios["articles"] < 0.3 and 1.0 < ratios["appearances"] < 1.12
    assert 0.3 < ratios["sources"] < 0.7 and 0.15 < ratios["verdicts"] < 0.3
    assert 4.0 < ratios["audit_events"] < 6.0
    statuses = dict(
        db_session.execute(sa.select(Claim.status, sa.func.count()).group_by(Claim.status)).all()
    )
    assert statuses["candidate"] > CLAIMS / 2 and statuses["published"] > CLAIMS / 10
    texts = db_session.scalars(sa.select(Claim.text)).all()
    thai = [t for t in texts if any("\u0e01" <= c <= "\u0e5b" for c in t)]
    assert len(thai) > CLAIMS * 0.7
    assert _count(db_session, SearchDocument, SearchDocument.kind == "claim") == CLAIMS
    word = next(t for t in terms(thai[0]) if len(t) > 3)
    assert search(db_session, SYSTEM, word).total > 0


def test_the_seed_refuses_a_database_with_claims_unless_appending(runner, db_session):
    assert _seed(runner).exit_code == 0
    again = _seed(runner)
    assert again.exit_code != 0 and "--append" in again.output
    assert _count(db_session, Claim) == CLAIMS
    assert _seed(runner, "--append").exit_code == 0
    assert _count(db_session, Claim) == 2 * CLAIMS


def _generated(seed_value: int) -> dict[str, list[dict]]:
    """Return the rows the generator writes for 200 claims, without a database."""
    rng = random.Random(seed_value)
    users = {Role.ADMIN: [1], Role.EDITOR: [2, 3], Role.CHECKER: [4, 5], Role.VIEWER: [6]}
    desk = Desk(rng, Writer(rng), users, [(1, "false"), (2, "true"), (3, "misleading")])
    return dict(Archive(rng, desk, Ids({}), START).chunk(200).tables)


def test_the_same_seed_gives_the_same_archive():
    first = _generated(5)
    assert first == _generated(5)
    assert first["claims"] != _generated(6)["claims"]
    assert len(first["claims"]) == 200


def test_remembered_terms_give_the_documents_the_index_builds(runner, db_session):
    assert _seed(runner).exit_code == 0
    engine = engine_for(db_session.get_bind().dialect.name)
    ids = list(db_session.scalars(sa.select(Claim.id).order_by(Claim.id).limit(100)))
    plain = claim_documents(db_session, engine, ids)
    with remembered_terms():
        remembered = claim_documents(db_session, engine, ids)
    assert remembered == plain


def test_the_main_pages_render_on_the_seed(runner, client, auth, db_session):
    assert _seed(runner).exit_code == 0
    editor = make_user(db_session, "editor")
    db_session.commit()
    assert auth.login(editor.email).status_code == 302
    claim = db_session.scalar(sa.select(Claim.id).where(Claim.status == "published"))
    article = db_session.scalar(sa.select(Article.id).order_by(Article.id.desc()))
    outlet = db_session.scalar(sa.select(Article.outlet).where(Article.id == article))
    pages = [
        "/queue",
        f"/queue?outlet={outlet}&language=th",
        "/queue?page=3",
        "/claims",
        "/claims?status=published",
        "/articles",
        f"/claims/{claim}",
        f"/articles/{article}",
        "/dashboard",
        "/my-work",
        "/fact-checks",
        f"/fact-checks/{claim}",
        "/fact-checks/feed.atom",
        "/sitemap.xml",
        "/exports/claims.csv",
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
    _token, clear = tokens.issue_token(db_session, SYSTEM, editor, "seed test", None)
    db_session.commit()
    response = client.get("/api/v1/claims", headers={"Authorization": f"Bearer {clear}"})
    assert response.status_code == 200 and response.get_json()
