"""Benchmark: bytes the audit trail stores per event (issue 15).

    .venv/bin/python -m bench.audit_size [--database-url URL] [--seed FILE]

A database (a temporary SQLite file, or the one --database-url names, which must hold no tables;
they are dropped again afterwards) is built with the migrations. Then, as a desk would: ingest
the seed article (article, claims, appearances, matching), accept one of its claims, edit its
wording, then its claimant, assign it, and take a verdict with a Markdown explanation through
submit, approval and publication. For each step it prints the events written and the average
bytes of `before` + `after` as stored: `length(CAST(col AS BLOB))` on SQLite (the JSON text, in
bytes), `pg_column_size(col)` (the JSONB datum, after any compression) and
`octet_length(col::text)` on PostgreSQL.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import flask_migrate
import sqlalchemy as sa
from sqlalchemy.orm import Session

from app import create_app
from app.config import TestingConfig
from app.extensions import db
from app.models import AuditEvent, Role
from app.services import accounts, ingest, review, sources, workflow
from app.services.actors import SYSTEM

SEED = Path("/work/shared/seeds/kim-putin-th.txt")
EXPLANATION = (
    "## ที่มา\n\nสำนักข่าว**ยอนฮัป**อ้างสื่อของรัฐเกาหลีเหนือ ซึ่งรายงานถ้อยคำของผู้นำโดยตรง "
    "เราตรวจสอบกับแถลงการณ์ฉบับเต็มและบันทึกการประชุมที่เผยแพร่ต่อสาธารณะ\n\n"
) * 6


def _drop_all(engine: sa.Engine) -> None:
    """Drop every table of the database (the FTS5 table first: it owns its shadow tables)."""
    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql("DROP TABLE IF EXISTS search_fts")
        metadata = sa.MetaData()
        metadata.reflect(connection)
        metadata.drop_all(connection)


def _sizes(session: Session, after_id: int) -> list[tuple[str, int, float, float | None]]:
    """Return, per action written after event `after_id`, the count and mean stored bytes."""
    event = AuditEvent.__table__.c
    postgres = session.get_bind().dialect.name == "postgresql"

    def both(measure) -> sa.ColumnElement:
        return sa.func.coalesce(measure(event.before), 0) + sa.func.coalesce(
            measure(event.after), 0
        )

    if postgres:
        stored = both(sa.func.pg_column_size)
        text = both(lambda c: sa.func.octet_length(sa.cast(c, sa.Text)))
    else:
        stored = both(lambda c: sa.func.length(sa.cast(c, sa.LargeBinary)))
        text = None
    columns = [event.action, sa.func.count(), sa.func.avg(stored)]
    columns += [sa.func.avg(text)] if postgres else []
    query = sa.select(*columns).where(event.id > after_id).group_by(event.action)
    return [
        (row[0], int(row[1]), float(row[2]), float(row[3]) if postgres else None)
        for row in session.execute(query.order_by(event.action))
    ]


def _mark(session: Session) -> int:
    """Return the id of the last audit event so far."""
    session.flush()
    return session.scalar(sa.select(sa.func.max(AuditEvent.id))) or 0


def _report(session: Session, label: str, since: int) -> int:
    """Print the events written since `since`, by action and in all; return the new mark."""
    rows = _sizes(session, since)
    print(label)
    for action, count, stored, text in rows:
        extra = f"  json text {text:7.1f}" if text is not None else ""
        print(f"  {action:<26} events {count:3d}  bytes/event {stored:7.1f}{extra}")
    count = sum(r[1] for r in rows)
    stored = sum(r[1] * r[2] for r in rows) / count
    extra = ""
    if rows[0][3] is not None:
        extra = f"  json text {sum(r[1] * r[3] for r in rows) / count:7.1f}"
    print(f"  {'all':<26} events {count:3d}  bytes/event {stored:7.1f}{extra}")
    return _mark(session)


def _people(session: Session) -> dict[str, object]:
    """Create a checker and two editors (an approver must not be the author)."""
    made = {}
    for name, role in (("checker", Role.CHECKER), ("editor", Role.EDITOR), ("chief", Role.EDITOR)):
        new = accounts.NewUser(f"{name}@bench.example.org", "bench password 123", role, name)
        made[name] = accounts.create_user(session, SYSTEM, new)
    return made


def run(session: Session, seed: Path) -> None:
    """Play the desk's steps and print the bytes per audit event of each."""
    people = _people(session)
    checker, editor, chief = people["checker"], people["editor"], people["chief"]
    mark = _mark(session)
    article, _ = ingest.ingest(session, checker, ingest.Submission(text=seed.read_text()))
    mark = _report(session, "ingest seed article", mark)
    claim = article.appearances[0].claim
    workflow.accept(session, checker, claim.id)
    mark = _report(session, "claim.accept", mark)
    edit = workflow.ClaimEdit(claim.text.rstrip() + " (แก้คำผิด)", claim.claimant, claim.claim_date)
    workflow.edit(session, checker, claim.id, edit)
    mark = _report(session, "claim.edit (wording)", mark)
    edit = workflow.ClaimEdit(claim.text, "สำนักข่าวกลางเกาหลี", claim.claim_date)
    workflow.edit(session, checker, claim.id, edit)
    mark = _report(session, "claim.edit (claimant)", mark)
    workflow.assign(session, editor, claim.id, checker.id)
    mark = _report(session, "claim.assign", mark)
    source = sources.SourceInput(
        title="แถลงการณ์ฉบับเต็ม", publisher="สำนักข่าวกลาง", stance="supports", source_type="primary"
    )
    sources.add_source(session, checker, claim.id, source)
    given = review.VerdictInput("mostly_true", "ถ้อยคำตรงกับแถลงการณ์ฉบับเต็ม", EXPLANATION)
    verdict = review.draft(session, checker, claim.id, given)
    mark = _report(session, "source.add + verdict.draft", mark)
    review.submit(session, checker, verdict.id)
    review.approve(session, chief, verdict.id)
    review.publish(session, editor, verdict.id)
    _report(session, "verdict submit/approve/pub", mark)


def main() -> None:
    """Build the database, play the steps, drop the database's tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url")
    parser.add_argument("--seed", type=Path, default=SEED)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        url = args.database_url or f"sqlite:///{scratch}/audit-size.db"
        app = create_app(TestingConfig, database_url=url)
        with app.app_context():
            if sa.inspect(db.engine).get_table_names():
                raise SystemExit(f"{url}: the database holds tables; give an empty one")
            flask_migrate.upgrade()
            try:
                print(f"{db.engine.dialect.name}:")
                run(db.session, args.seed)
                db.session.rollback()
            finally:
                db.session.remove()
                _drop_all(db.engine)
                db.engine.dispose()


if __name__ == "__main__":
    main()
