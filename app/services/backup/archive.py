"""Write a backup: a zip of JSON Lines per table, the archived files and a manifest."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from app.database import db, utcnow
from app.services.backup import FORMAT, FORMAT_VERSION, MANIFEST, NOT_ARCHIVED, rows

BATCH = 1000


def archived_tables() -> list[sa.Table]:
    """Return the tables a backup holds, parents before children."""
    return [t for t in db.metadata.sorted_tables if t.name not in NOT_ARCHIVED]


def schema_revision(connection: sa.Connection) -> str | None:
    """Return the database's Alembic revision, or None when it has none."""
    if not sa.inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


def _lines(connection: sa.Connection, table: sa.Table) -> Iterator[bytes]:
    query = sa.select(table).order_by(*table.primary_key.columns)
    result = connection.execute(query, execution_options={"yield_per": BATCH})
    for row in result.mappings():
        record = {name: rows.encode(value) for name, value in row.items()}
        yield json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n"


def _write_member(archive: zipfile.ZipFile, name: str, chunks) -> dict[str, Any]:
    digest, count = hashlib.sha256(), 0
    with archive.open(name, "w", force_zip64=True) as member:
        for chunk in chunks:
            digest.update(chunk)
            member.write(chunk)
            count += 1
    return {"member": name, "sha256": digest.hexdigest(), "count": count}


def _file_chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            yield chunk


def create(connection: sa.Connection, target: Path, files_dir: Path | None) -> dict[str, Any]:
    """Write the backup of the database behind `connection` (and of `files_dir`) to `target`;
    return its manifest."""
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": utcnow().isoformat(),
        "schema_revision": schema_revision(connection),
        "dialect": connection.dialect.name,
        "tables": [],
        "files": [],
    }
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for number, table in enumerate(archived_tables(), start=1):
            entry = _write_member(
                archive, f"tables/{number:02d}-{table.name}.jsonl", _lines(connection, table)
            )
            manifest["tables"].append({"name": table.name, "rows": entry.pop("count"), **entry})
        for path in sorted(files_dir.rglob("*")) if files_dir and files_dir.is_dir() else []:
            if path.is_file():
                relative = path.relative_to(files_dir).as_posix()
                entry = _write_member(archive, f"files/{relative}", _file_chunks(path))
                manifest["files"].append({"path": relative, "sha256": entry["sha256"]})
        archive.writestr(MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False))
    return manifest
