"""Backups: what `flask backup create` writes, `flask backup restore` loads back row for row,
SQLite to PostgreSQL and back (PostgreSQL parts skipped where no server answers)."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa

from app import config, create_app
from app.extensions import db
from app.models import SearchDocument
from app.services import demo, ingest, jobs, review, workflow
from app.services.backup import archive, restore, rows
from tests.conftest import reset_database
from tests.factories import make_user
from tests.integration.test_review_services import TEXT, _source, _verdict

SCRATCH = "test_data_restore"


def _postgres_url() -> str | None:
    """Return the URL of a scratch PostgreSQL database next to the test one, made empty."""
    given = os.environ.get("TEST_DATABASE_URL", "")
    base = sa.make_url(given) if given.startswith("postgresql") else None
    base = base or sa.make_url("postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    try:
        engine = sa.create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {SCRATCH}")
            connection.exec_driver_sql(f"CREATE DATABASE {SCRATCH}")
        engine.dispose()
    except (sa.exc.OperationalError, ImportError):
        return None
    return base.set(database=SCRATCH).render_as_string(hide_password=False)


def _make_data(session) -> None:
    """Store a bit of everything: users, articles, claims merged forwards, verdicts, a job."""
    demo.ensure_demo_admin(session)
    demo.load_demo_article(session)
    checker, editor = make_user(session, "checker"), make_user(session, "editor")
    article, _ = ingest.ingest(session, checker, ingest.Submission(text=TEXT))
    first, second = (a.claim for a in article.appearances[:2])
    workflow.merge(session, editor, first.id, second.id)  # into a later claim (self-reference)
    workflow.accept(session, checker, second.id)
    verdict = _verdict(session, checker, second.id)
    _source(session, checker, second.id)
    review.submit(session, checker, verdict.id)
    review.send_back(session, editor, verdict.id, "ขอแหล่งข้อมูลเพิ่ม")
    jobs.create_job(session, checker, "import", "feed.jsonl", '{"text": "ข่าว"}\n')
    session.flush()


def _snapshot(connection: sa.Connection) -> dict[str, list[dict]]:
    return {
        table.name: [
            {k: rows.encode(v) for k, v in row.items()}
            for row in connection.execute(
                sa.select(table).order_by(*table.primary_key.columns)
            ).mappings()
        ]
        for table in archive.archived_tables()
    }


@pytest.fixture
def own_sessions(monkeypatch):
    """Give apps other than the test's their own sessions (the test's is bound to its database)."""
    monkeypatch.setattr(db, "session", db._make_scoped_session({}))


def _restore_into(url: str, backup: Path, files: Path) -> dict[str, list[dict]]:
    """Restore `backup` into the empty database at `url`; return its rows and check search."""
    target = create_app(config.TestingConfig, database_url=url)
    with target.app_context():
        reset_database(db.engine)

        import flask_migrate

        flask_migrate.upgrade()
        restore.restore_database(db.session, backup, files)
        db.session.commit()
        restored = _snapshot(db.session.connection())
        assert db.session.scalar(sa.select(sa.func.count()).select_from(SearchDocument)) > 0
        db.session.remove()
        db.engine.dispose()
    return restored


def test_a_backup_restores_row_for_row_across_databases(db_session, tmp_path, monkeypatch):
    _make_data(db_session)
    (tmp_path / "files" / "ab").mkdir(parents=True)
    (tmp_path / "files" / "ab" / "cd.png").write_bytes(b"\x89PNG screenshot")
    original = _snapshot(db_session.connection())
    first = tmp_path / "first.zip"
    manifest = archive.create(db_session.connection(), first, tmp_path / "files")
    assert {t["name"]: t["rows"] for t in manifest["tables"]} == {
        name: len(found) for name, found in original.items()
    }
    assert manifest["files"][0]["path"] == "ab/cd.png" and "search_documents" not in original

    here = db_session.get_bind().dialect.name
    monkeypatch.setattr(db, "session", db._make_scoped_session({}))
    other = _postgres_url() if here == "sqlite" else f"sqlite:///{tmp_path / 'other.db'}"
    if other is None:
        pytest.skip("no PostgreSQL server to restore into")
    restored = _restore_into(other, first, tmp_path / "files-2")
    for name in original:
        for a, b in zip(original[name], restored[name], strict=True):
            assert a == b, (name, {k: (a[k], b[k]) for k in a if a[k] != b[k]})
    assert restored == original
    assert (tmp_path / "files-2" / "ab" / "cd.png").read_bytes() == b"\x89PNG screenshot"

    # ... and back: a backup of the restored database restores into the first dialect again.
    second = tmp_path / "second.zip"
    engine = sa.create_engine(other)
    with engine.connect() as connection:
        archive.create(connection, second, tmp_path / "files-2")
    engine.dispose()
    back = _postgres_url() if here == "postgresql" else f"sqlite:///{tmp_path / 'back.db'}"
    assert _restore_into(back, second, tmp_path / "files-3") == original


def test_a_damaged_backup_or_a_used_database_is_refused(app, db_session, tmp_path):
    make_user(db_session, "viewer")
    backup = tmp_path / "b.zip"
    archive.create(db_session.connection(), backup, None)
    with pytest.raises(restore.BackupRefused, match="not empty"):
        restore.restore(db_session.connection(), backup, None)
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(backup) as source, zipfile.ZipFile(damaged, "w") as out:
        for item in source.infolist():
            data = source.read(item)
            out.writestr(
                item, data.replace(b"Viewer", b"Admin") if "users" in item.filename else data
            )
    with pytest.raises(restore.BackupRefused, match="damaged"):
        restore.restore(db_session.connection(), damaged, None)
    older = tmp_path / "older.zip"
    with zipfile.ZipFile(backup) as source, zipfile.ZipFile(older, "w") as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "manifest.json":
                data = json.dumps(json.loads(data) | {"schema_revision": "1e6b1b818d0f"})
            out.writestr(item, data)
    with pytest.raises(restore.BackupRefused, match="schema revision 1e6b1b818d0f"):
        restore.restore(db_session.connection(), older, None)


def test_the_commands_back_up_and_restore_a_database(tmp_path, monkeypatch, own_sessions):
    """`flask backup create` then `flask backup restore` into a blank SQLite file."""
    monkeypatch.setenv("SATJA_SOURCE_FILES_DIR", str(tmp_path / "files"))
    source = create_app(config.TestingConfig, database_url=f"sqlite:///{tmp_path / 'a.db'}")
    with source.app_context():
        import flask_migrate

        flask_migrate.upgrade()
        demo.load_demo_article(db.session)
        db.session.commit()
        result = source.test_cli_runner().invoke(args=["backup", "create", str(tmp_path / "b.zip")])
        assert result.exit_code == 0, result.output
        assert "Backed up" in result.output
        db.engine.dispose()
    target = create_app(config.TestingConfig, database_url=f"sqlite:///{tmp_path / 'c.db'}")
    with target.app_context():
        runner = target.test_cli_runner()
        result = runner.invoke(args=["backup", "restore", str(tmp_path / "b.zip")])
        assert result.exit_code == 0 and "search index rebuilt" in result.output, result.output
        again = runner.invoke(args=["backup", "restore", str(tmp_path / "b.zip")])
        assert again.exit_code == 1 and "not empty" in again.output
        not_zip = tmp_path / "x.zip"
        not_zip.write_text("hello")
        bad = runner.invoke(args=["backup", "restore", str(not_zip)])
        assert bad.exit_code == 1 and "not a Satja backup" in bad.output
        db.engine.dispose()
