"""Load a backup into an empty database: checked first, then every table in dependency order."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from app.services.backup import FORMAT, MANIFEST, rows
from app.services.backup.archive import BATCH, archived_tables, schema_revision

# Rows the migrations themselves insert (the default rating scale): replaced by the backup's.
SEEDED = frozenset({"ratings"})


class BackupRefused(Exception):
    """The backup cannot be restored here; the message says why."""


def read_manifest(archive: zipfile.ZipFile) -> dict[str, Any]:
    """Return the manifest of a backup, or raise BackupRefused when it is not one."""
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except (KeyError, ValueError) as error:
        raise BackupRefused(f"not a Satja backup (no readable {MANIFEST})") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupRefused("not a Satja backup (unknown format)")
    return manifest


def verify(archive: zipfile.ZipFile, manifest: dict[str, Any]) -> None:
    """Check every member's SHA-256 against the manifest; raise BackupRefused on a mismatch."""
    members = [t["member"] for t in manifest["tables"]]
    members += [f"files/{f['path']}" for f in manifest["files"]]
    expected = [t["sha256"] for t in manifest["tables"]] + [f["sha256"] for f in manifest["files"]]
    for name, sha256 in zip(members, expected, strict=True):
        digest = hashlib.sha256()
        try:
            with archive.open(name) as member:
                while chunk := member.read(1 << 20):
                    digest.update(chunk)
        except KeyError:
            raise BackupRefused(f"{name} is missing from the backup") from None
        if digest.hexdigest() != sha256:
            raise BackupRefused(f"{name} is damaged (its checksum does not match)")


def check_target(connection: sa.Connection, manifest: dict[str, Any]) -> None:
    """Refuse a database at another schema revision, or one that holds data already."""
    revision = schema_revision(connection)
    if revision != manifest["schema_revision"]:
        raise BackupRefused(
            f"the backup is of schema revision {manifest['schema_revision']}, the database is "
            f"at {revision or 'none'}: restore with the same version of Satja"
        )
    names = {t["name"] for t in manifest["tables"]}
    for table in archived_tables():
        if table.name not in names:
            raise BackupRefused(f"the backup has no table {table.name}")
        if (
            table.name not in SEEDED
            and connection.execute(sa.select(sa.literal(1)).select_from(table).limit(1)).first()
        ):
            raise BackupRefused(f"the database is not empty ({table.name} has rows)")


def _self_references(table: sa.Table) -> list[str]:
    return [c.name for c in table.columns if any(k.column.table is table for k in c.foreign_keys)]


def _load_table(connection: sa.Connection, archive: zipfile.ZipFile, table: sa.Table, member):
    """Insert a table's rows in batches; references to the same table are set afterwards (a
    claim may be merged into a later one)."""
    decoders = {c.name: rows.decoder(c) for c in table.columns}
    later = _self_references(table)
    # Written again as they were: the update below would otherwise stamp them with "now".
    stamped = [c.name for c in table.columns if c.onupdate is not None]
    pk = table.primary_key.columns.values()[0]
    batch, links = [], []
    with archive.open(member) as lines:
        for line in lines:
            record = {k: decoders[k](v) for k, v in json.loads(line).items() if k in decoders}
            if any(record.get(n) is not None for n in later):
                kept = {n: record[n] for n in (*later, *stamped)}
                links.append((record[pk.name], kept))
            batch.append(record | dict.fromkeys(later))
            if len(batch) == BATCH:
                connection.execute(table.insert(), batch)
                batch = []
    if batch:
        connection.execute(table.insert(), batch)
    for key, values in links:
        connection.execute(table.update().where(pk == key).values(values))


def _reset_sequences(connection: sa.Connection) -> None:
    """Make PostgreSQL's id sequences continue after the restored ids."""
    if connection.dialect.name != "postgresql":
        return
    for table in archived_tables():
        if "id" in table.columns and table.columns["id"].autoincrement is not False:
            connection.execute(
                sa.text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                )
            )


def restore(connection: sa.Connection, source: Path, files_dir: Path | None) -> dict[str, Any]:
    """Load the backup at `source` into the (empty, migrated) database behind `connection` and
    its files into `files_dir`; return the manifest. The caller commits."""
    with zipfile.ZipFile(source) as archive:
        manifest = read_manifest(archive)
        verify(archive, manifest)
        check_target(connection, manifest)
        members = {t["name"]: t["member"] for t in manifest["tables"]}
        for name in SEEDED:
            connection.execute(sa.delete(sa.table(name)))
        for table in archived_tables():
            _load_table(connection, archive, table, members[table.name])
        _reset_sequences(connection)
        if files_dir is not None:
            _extract_files(archive, manifest, files_dir)
    return manifest


def _extract_files(archive: zipfile.ZipFile, manifest: dict[str, Any], files_dir: Path) -> None:
    root = files_dir.resolve()
    for entry in manifest["files"]:
        path = (root / entry["path"]).resolve()
        if not path.is_relative_to(root):  # a crafted archive must not write elsewhere
            raise BackupRefused(f"{entry['path']} points outside the files folder")
        path.parent.mkdir(parents=True, exist_ok=True)
        with archive.open(f"files/{entry['path']}") as member, path.open("wb") as out:
            while chunk := member.read(1 << 20):
                out.write(chunk)


def restore_database(session, source: Path, files_dir: Path | None) -> dict[str, Any]:
    """Restore into the session's database and rebuild the search index; the caller commits."""
    from app.search import index

    manifest = restore(session.connection(), source, files_dir)
    index.reindex(session)
    return manifest
