"""The migration that makes claims.text_key unique merges the duplicates concurrent imports made."""

from __future__ import annotations

import sqlalchemy as sa
from flask_migrate import upgrade
from sqlalchemy.orm import Session

from app import config, create_app
from app.extensions import db
from app.models import Appearance, Article, AuditEvent, Claim, ClaimStatus
from app.services.extraction import text_key

BEFORE = "bddc5e9858a3"


def _claim(session, key, status=ClaimStatus.CANDIDATE) -> int:
    """Insert a claim with the columns of the schema before the migration (a Core insert of
    the given columns only: the model has columns later revisions added)."""
    return session.execute(
        sa.insert(Claim.__table__)
        .values(text="ปีนี้พบผู้ป่วย 1,200 ราย", text_key=key, status=status, reasons={})
        .returning(Claim.__table__.c.id)
    ).scalar_one()


def test_duplicates_are_merged_into_the_oldest_and_worked_ones_kept(tmp_path):
    app = create_app(config.TestingConfig, database_url=f"sqlite:///{tmp_path / 'm.db'}")
    with app.app_context():
        upgrade(revision=BEFORE)
        key = text_key("ปีนี้พบผู้ป่วย 1,200 ราย")
        with Session(db.engine) as session:
            article = Article(title="t", body="ปีนี้พบผู้ป่วย 1,200 ราย", body_sha256="a" * 64)
            session.add(article)
            session.flush()
            ids = _claim(session, key), _claim(session, key)
            ids += (_claim(session, key, ClaimStatus.ACCEPTED),)
            table = Appearance.__table__
            for claim_id, start in ((ids[0], 0), (ids[1], 0), (ids[1], 10)):
                session.execute(
                    sa.insert(table).values(
                        claim_id=claim_id, article_id=article.id, start=start, end=start + 5
                    )
                )
            session.commit()
        upgrade()
        with Session(db.engine) as session:
            oldest, copy, worked = (session.get(Claim, i) for i in ids)
            assert (
                oldest.text_key == key
                and len({oldest.text_key, copy.text_key, worked.text_key}) == 3
            )
            assert (copy.status, copy.canonical_id) == (ClaimStatus.MERGED, oldest.id)
            assert worked.status == ClaimStatus.ACCEPTED and worked.canonical_id is None
            # The copy's appearance at a new place moved; the one the oldest already had stayed.
            assert sorted(a.start for a in oldest.appearances) == [0, 10]
            assert [a.start for a in copy.appearances] == [0]
            event = session.scalar(
                sa.select(AuditEvent).where(AuditEvent.object_id == str(copy.id))
            )
            assert event.action == "claim.merge" and event.after["canonical_id"] == oldest.id
        db.engine.dispose()
