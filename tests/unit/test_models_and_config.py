"""Pure pieces: roles, timestamps, configuration."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from app.config import ConfigError, DevelopmentConfig, ProductionConfig, config_from_environment
from app.database import UTCDateTime
from app.models import Role


def test_roles_include_the_rights_of_lower_roles():
    assert Role.ADMIN.includes(Role.EDITOR)
    assert Role.EDITOR.includes(Role.CHECKER)
    assert not Role.CHECKER.includes(Role.EDITOR)
    assert not Role.VIEWER.includes(Role.CHECKER)


def test_timestamps_are_stored_in_utc_and_come_back_aware():
    column = UTCDateTime()

    class Dialect:
        name = "sqlite"

    bangkok = timezone(timedelta(hours=7))
    stored = column.process_bind_param(datetime(2025, 8, 15, 9, 0, tzinfo=bangkok), Dialect)
    assert stored == datetime(2025, 8, 15, 2, 0)
    assert column.process_result_value(stored, Dialect) == datetime(2025, 8, 15, 2, 0, tzinfo=UTC)
    with pytest.raises(ValueError):
        column.process_bind_param(datetime(2025, 8, 15), Dialect)


def test_production_requires_a_secret_key(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError):
        ProductionConfig(str(tmp_path))


def test_production_reads_the_environment_when_instantiated(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "s3cret")
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://db/satja")
    monkeypatch.setenv("SATJA_ORG_NAME", "ศูนย์ตรวจสอบข่าว")
    config = ProductionConfig(str(tmp_path))
    assert config.SQLALCHEMY_DATABASE_URI == "postgresql+psycopg://db/satja"
    assert config.SATJA_ORG_NAME == "ศูนย์ตรวจสอบข่าว"
    assert config.SESSION_COOKIE_SECURE is True


def test_development_keeps_one_generated_secret_in_instance(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    first = DevelopmentConfig(str(tmp_path))
    second = DevelopmentConfig(str(tmp_path))
    assert first.SECRET_KEY == second.SECRET_KEY and len(first.SECRET_KEY) >= 64
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    assert first.SQLALCHEMY_DATABASE_URI == f"sqlite:///{tmp_path / 'satja.db'}"


def test_unknown_environment_name_is_an_error(monkeypatch):
    monkeypatch.setenv("SATJA_ENV", "staging")
    with pytest.raises(ConfigError):
        config_from_environment()


def test_matching_thresholds_come_from_the_environment_and_must_be_ordered(monkeypatch, tmp_path):
    monkeypatch.setenv("SATJA_MATCH_SUGGEST", "0.5")
    monkeypatch.setenv("SATJA_MATCH_AUTO", "0.9")
    config = DevelopmentConfig(str(tmp_path))
    assert (config.SATJA_MATCH_SUGGEST, config.SATJA_MATCH_AUTO) == (0.5, 0.9)
    monkeypatch.setenv("SATJA_MATCH_AUTO", "0.3")
    with pytest.raises(ConfigError):
        DevelopmentConfig(str(tmp_path))
