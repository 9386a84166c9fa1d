"""Two imports of the same file at once on PostgreSQL: no duplicate claim or article, no
traceback, both batches complete (the loser of each insert attaches to the winner's row)."""

from __future__ import annotations

import threading

import flask_migrate
import pytest
import sqlalchemy as sa

from app import config, create_app
from app.extensions import db
from app.ingest.bulk import read_records
from app.models import Appearance, Article, AuditEvent, Claim
from app.services import bulk
from app.services.actors import SYSTEM
from tests.conftest import reset_database
from tests.integration.test_backup import _postgres_url
from tests.integration.test_ingest import _jsonl

LINES = 60


def test_two_imports_of_the_same_file_at_once(monkeypatch):
    url = _postgres_url()
    if url is None:
        pytest.skip("no PostgreSQL server")
    monkeypatch.setattr(db, "session", db._make_scoped_session({}))
    app = create_app(config.TestingConfig, database_url=url)
    with app.app_context():
        reset_database(db.engine)
        flask_migrate.upgrade()
    content = _jsonl(LINES)  # the same file for both
    start, reports, errors = threading.Barrier(2), [], []

    def run() -> None:
        with app.app_context():
            try:
                start.wait()
                reports.append(
                    bulk.import_records(db.session, SYSTEM, read_records("f.jsonl", content))
                )
            except Exception as error:
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == [] and len(reports) == 2
    assert all(sum(r.counts.values()) == LINES for r in reports)
    assert sum(r.counts["created"] for r in reports) == LINES  # each article stored once
    with app.app_context():
        count = lambda model: db.session.scalar(sa.select(sa.func.count()).select_from(model))  # noqa: E731
        keys = db.session.scalars(sa.select(Claim.text_key)).all()
        assert count(Article) == LINES and len(keys) == len(set(keys)) > 0
        assert count(Appearance) == db.session.scalar(
            sa.select(
                sa.func.count(sa.distinct(sa.tuple_(Appearance.article_id, Appearance.start)))
            )
        )
        # One audit event for each stored article and claim, none for the loser's attempts.
        created = lambda action: db.session.scalar(  # noqa: E731
            sa.select(sa.func.count()).where(AuditEvent.action == action)
        )
        assert created("article.create") == LINES
        assert created("claim.create") == len(keys)
        db.session.remove()
        db.engine.dispose()
