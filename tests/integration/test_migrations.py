"""Migrations: one head, and the migrated schema equals the models' schema."""

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade

from app import config, create_app
from app.extensions import db
from app.models import Rating
from app.search.schema import include_name


def _script_directory(app):
    return ScriptDirectory.from_config(app.extensions["migrate"].migrate.get_config())


def test_there_is_a_single_head(app):
    assert len(_script_directory(app).get_heads()) == 1


def test_migrated_database_matches_the_models(db_session):
    """The fixture database was built by `flask db upgrade` from empty: compare it."""
    connection = db_session.connection()
    options = {"compare_type": True, "include_name": include_name}
    context = MigrationContext.configure(connection, opts=options)
    assert compare_metadata(context, db.metadata) == []


def test_default_rating_scale_is_seeded(db_session):
    ratings = db_session.scalars(sa.select(Rating).order_by(Rating.sort_order)).all()
    assert [(r.label_en, r.label_th, r.value) for r in ratings] == [
        ("True", "จริง", 5),
        ("Mostly true", "จริงเป็นส่วนใหญ่", 4),
        ("Mixed", "จริงบางส่วน", 3),
        ("Mostly false", "เท็จเป็นส่วนใหญ่", 2),
        ("False", "เท็จ", 1),
        ("Misleading", "บิดเบือน", None),
        ("Unproven", "พิสูจน์ไม่ได้", None),
    ]


def test_downgrade_and_upgrade_again_on_an_empty_sqlite_database(tmp_path):
    app = create_app(config.TestingConfig, database_url=f"sqlite:///{tmp_path / 'round-trip.db'}")
    with app.app_context():
        upgrade()
        downgrade(revision="base")
        assert sa.inspect(db.engine).get_table_names() == ["alembic_version"]
        upgrade()
        assert "claims" in sa.inspect(db.engine).get_table_names()
        db.engine.dispose()


def test_dropping_the_claim_channel_keeps_the_rows_that_point_to_claims(tmp_path):
    """SQLite: the downgrade drops the column in place; a table rebuild would cascade."""
    from sqlalchemy.orm import Session

    from app.models import Appearance, Article, Claim

    app = create_app(config.TestingConfig, database_url=f"sqlite:///{tmp_path / 'c.db'}")
    with app.app_context():
        upgrade()
        with Session(db.engine) as session:
            article = Article(title="t", body="x y", body_sha256="a" * 64)
            claim = Claim(text="x", text_key="k" * 64, reasons={}, reported_by="สื่อของรัฐ")
            appearance = Appearance(claim=claim, article=article, start=0, end=1)
            session.add_all([article, claim, appearance])
            session.commit()
        downgrade(revision="b5d886e6e046")
        with db.engine.connect() as connection:
            assert connection.execute(sa.text("SELECT count(*) FROM appearances")).scalar() == 1
            assert connection.execute(sa.text("SELECT count(*) FROM claims")).scalar() == 1
            columns = [r[1] for r in connection.execute(sa.text("PRAGMA table_info(claims)"))]
            assert "reported_by" not in columns
        db.engine.dispose()
