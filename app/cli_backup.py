"""`flask backup ...`: write a portable backup of everything, and restore one."""

from __future__ import annotations

import zipfile
from pathlib import Path

import click
import flask_migrate
from flask import current_app
from flask.cli import AppGroup

from app.extensions import db
from app.services.backup import archive
from app.services.backup import restore as restoring

backup_cli = AppGroup("backup", help="Back the database and files up, or restore a backup.")


def _files_dir() -> Path:
    return Path(current_app.config["SATJA_SOURCE_FILES_DIR"])


@backup_cli.command("create")
@click.argument("file", type=click.Path(dir_okay=False, writable=True, path_type=Path))
def create_command(file: Path) -> None:
    """Write every table, the source files and a manifest with checksums to FILE (a zip)."""
    partial = file.with_name(file.name + ".partial")
    with db.engine.connect() as connection, connection.begin():
        if archive.schema_revision(connection) is None:
            raise click.ClickException("the database has no schema: run `flask db upgrade`")
        # One transaction: every table as of the same moment (a snapshot on PostgreSQL).
        manifest = archive.create(connection, partial, _files_dir())
    partial.replace(file)  # never a half-written backup under the name asked for
    rows = sum(t["rows"] for t in manifest["tables"])
    click.echo(
        f"Backed up {rows} rows of {len(manifest['tables'])} tables and "
        f"{len(manifest['files'])} files (schema {manifest['schema_revision']}) to {file}."
    )


@backup_cli.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def restore_command(file: Path) -> None:
    """Restore FILE into an empty database (migrated first if it has no tables at all)."""
    try:
        with zipfile.ZipFile(file) as opened:
            manifest = restoring.read_manifest(opened)
    except zipfile.BadZipFile:
        raise click.ClickException("not a Satja backup (not a zip file)") from None
    except restoring.BackupRefused as error:
        raise click.ClickException(str(error)) from None
    if not db.inspect(db.engine).get_table_names():
        flask_migrate.upgrade(revision=manifest["schema_revision"])
    try:
        restoring.restore_database(db.session, file, _files_dir())
    except restoring.BackupRefused as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    db.session.commit()
    rows = sum(t["rows"] for t in manifest["tables"])
    click.echo(f"Restored {rows} rows and {len(manifest['files'])} files; search index rebuilt.")
