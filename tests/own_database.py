"""A database of a test module's own, for tests that commit real transactions (threads, other
processes): a new SQLite file, or on PostgreSQL (TEST_DATABASE_URL) a schema of the test
database, dropped afterwards."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import sqlalchemy as sa


@contextmanager
def own_database(tmp_path_factory: pytest.TempPathFactory, name: str) -> Iterator[str]:
    """Yield the URL of an empty database named `name` (a file, or a PostgreSQL schema)."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not (url and url.startswith("postgresql")):
        yield "sqlite:///" + str(tmp_path_factory.mktemp(name) / f"{name}.db")
        return
    owner = sa.create_engine(url)
    with owner.begin() as connection:
        connection.exec_driver_sql(f"DROP SCHEMA IF EXISTS {name} CASCADE")
        connection.exec_driver_sql(f"CREATE SCHEMA {name}")
    # Only the schema: with public on the path too, Alembic would find public's alembic_version
    # (visible through the path) and leave the new schema empty.
    separator = "&" if "?" in url else "?"
    try:
        yield f"{url}{separator}options=-csearch_path%3D{name}"
    finally:
        with owner.begin() as connection:
            connection.exec_driver_sql(f"DROP SCHEMA IF EXISTS {name} CASCADE")
        owner.dispose()
