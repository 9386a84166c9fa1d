"""`flask fact-checks import PATH...`: import other organisations' fact-checks."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask.cli import AppGroup

from app.extensions import db
from app.services import factchecks
from app.services.actors import SYSTEM

fact_checks_cli = AppGroup("fact-checks", help="Import fact-checks other organisations published.")
# A file larger than this is not read (the web upload has its own, smaller limit).
MAX_FILE_BYTES = 200 * 1024 * 1024


def _files(paths: tuple[str, ...]) -> list[tuple[str, bytes | None]]:
    """Return (path, bytes) for each file named, a folder's files in name order; None when a
    file cannot be read."""
    found: list[tuple[str, bytes | None]] = []
    for given in paths:
        path = Path(given)
        targets = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
        for target in targets:
            try:
                if target.stat().st_size > MAX_FILE_BYTES:
                    found.append((str(target), None))
                    continue
                found.append((str(target), target.read_bytes()))
            except OSError:
                found.append((str(target), None))
    return found


@fact_checks_cli.command("import")
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="End with one JSON line of counts.")
def import_command(paths: tuple[str, ...], as_json: bool) -> None:
    """Import ClaimReview JSON/JSON-LD/HTML, Fact Check Tools JSON and AFNC CSV files.

    Each item that cannot be imported is reported with its reason; importing the same file
    again imports nothing. Exits 1 when a file could not be read at all.
    """
    files = _files(paths)
    readable = [(name, data) for name, data in files if data is not None]
    report = factchecks.import_files(db.session, SYSTEM, readable)
    db.session.commit()
    for name, data in files:
        if data is None:
            report.unreadable.append(name)
            report.failed.append({"path": name, "item": None, "reason": "unreadable: no such file"})
    if not as_json:
        for note in report.notes:
            click.echo(f"note: {note['path']} {note['item']}: {note['reason']}", err=True)
        for failure in report.failed:
            where = f" {failure['item']}" if failure["item"] else ""
            click.echo(f"{failure['path']}{where}: {failure['reason']}", err=True)
    click.echo(
        f"Imported {report.imported} known fact-checks; {report.duplicates} already known; "
        f"{len(report.failed)} could not be imported."
        if not as_json
        else json.dumps(report.json(), ensure_ascii=False)
    )
    if report.unreadable:
        sys.exit(1)
