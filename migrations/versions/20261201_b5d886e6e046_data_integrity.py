"""Data integrity: unique claim text keys, job heartbeats and states, an append-only audit trail.

Revision ID: b5d886e6e046
Revises: 4f2b9c1d7e6a
Create Date: 2026-12-01 18:00:00.000000

`claims.text_key` becomes unique. Duplicates can only come from imports that ran at the same
time before this revision; for each key the oldest claim keeps it (it is the one ingestion has
always found first). A duplicate still a candidate nobody worked on is merged into it, the way
the desk merges (status `merged`, `canonical_id`, its appearances move over and remember where
they were first recorded, a `claim.merge` audit event by the system); a duplicate someone has
worked on keeps its state. Every duplicate then gets a key of its own derived from its id, so
no data is lost and new appearances of the text go to the oldest claim. Run `flask search
reindex` afterwards if any were merged.

Jobs get a heartbeat, a cancel flag and the states `interrupted` and `cancelled`.

Audit events can no longer be updated or deleted: a trigger refuses it (PostgreSQL: unless the
transaction set `satja.allow_audit_purge` to `on`, see docs/operations.md).
"""

import hashlib
from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

# revision identifiers, used by Alembic.
revision = "b5d886e6e046"
down_revision = "4f2b9c1d7e6a"
branch_labels = None
depends_on = None

OLD_JOB_STATES = ("queued", "running", "finished", "failed")
NEW_JOB_STATES = (*OLD_JOB_STATES, "interrupted", "cancelled")

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION satja_audit_events_append_only() RETURNS trigger AS $$
BEGIN
    IF current_setting('satja.allow_audit_purge', true) = 'on' THEN
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        IF TG_OP = 'UPDATE' THEN RETURN NEW; END IF;
        RETURN NULL;
    END IF;
    RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
        MESSAGE = 'audit events are append-only (' || TG_OP || ' refused)';
END
$$ LANGUAGE plpgsql
"""
PG_TRIGGERS = (
    "CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events "
    "FOR EACH ROW EXECUTE FUNCTION satja_audit_events_append_only()",
    "CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events "
    "FOR EACH STATEMENT EXECUTE FUNCTION satja_audit_events_append_only()",
)
SQLITE_TRIGGERS = tuple(
    f"CREATE TRIGGER audit_events_no_{verb.lower()} BEFORE {verb} ON audit_events "
    f"BEGIN SELECT RAISE(ABORT, 'audit events are append-only ({verb} refused)'); END"
    for verb in ("UPDATE", "DELETE")
)


JSON = sa.JSON().with_variant(JSONB(), "postgresql")
claims_table = sa.table(
    "claims",
    sa.column("id", sa.Integer),
    sa.column("text_key", sa.String),
    sa.column("status", sa.String),
    sa.column("canonical_id", sa.Integer),
    sa.column("version", sa.Integer),
    sa.column("updated_at", sa.DateTime(timezone=True)),
)
audit_table = sa.table(
    "audit_events",
    sa.column("actor_id", sa.Integer),
    sa.column("action", sa.String),
    sa.column("object_type", sa.String),
    sa.column("object_id", sa.String),
    sa.column("before", JSON),
    sa.column("after", JSON),
    sa.column("created_at", sa.DateTime(timezone=True)),
)


def _status_enum(states):
    return sa.Enum(*states, name="job_status", native_enum=False, create_constraint=True, length=20)


def _owner(claims, claim_id):
    """Follow merges from a claim to the one its appearances belong to."""
    seen = {claim_id}
    while claims[claim_id]["status"] == "merged" and claims[claim_id]["canonical_id"] in claims:
        claim_id = claims[claim_id]["canonical_id"]
        if claim_id in seen:
            break
        seen.add(claim_id)
    return claim_id


def _merge_duplicate_claims(connection):
    keys = (
        connection.execute(
            sa.text("SELECT text_key FROM claims GROUP BY text_key HAVING COUNT(*) > 1")
        )
        .scalars()
        .all()
    )
    now = datetime.now(timezone.utc)
    for key in keys:
        rows = (
            connection.execute(
                sa.text(
                    "SELECT id, status, canonical_id FROM claims WHERE text_key = :key ORDER BY id"
                ),
                {"key": key},
            )
            .mappings()
            .all()
        )
        keeper, duplicates = rows[0]["id"], rows[1:]
        claims = {
            r["id"]: dict(r)
            for r in connection.execute(
                sa.text(
                    "SELECT id, status, canonical_id FROM claims"
                    " WHERE id = :id OR status = 'merged'"
                ),
                {"id": keeper},
            ).mappings()
        }
        owner = _owner(claims, keeper)
        for row in duplicates:
            new_key = hashlib.sha256(f"duplicate {row['id']} of {key}".encode()).hexdigest()
            if row["status"] != "candidate":
                connection.execute(
                    sa.text("UPDATE claims SET text_key = :new_key WHERE id = :id"),
                    {"new_key": new_key, "id": row["id"]},
                )
                continue
            connection.execute(
                claims_table.update()
                .where(claims_table.c.id == row["id"])
                .values(
                    text_key=new_key,
                    status="merged",
                    canonical_id=owner,
                    version=claims_table.c.version + 1,
                    updated_at=now,
                )
            )
            connection.execute(
                sa.text(
                    "UPDATE appearances SET origin_claim_id = COALESCE(origin_claim_id, claim_id),"
                    " claim_id = :owner WHERE claim_id = :id AND NOT EXISTS (SELECT 1 FROM"
                    " appearances AS taken WHERE taken.claim_id = :owner"
                    " AND taken.article_id = appearances.article_id"
                    " AND taken.start = appearances.start)"
                ),
                {"owner": owner, "id": row["id"]},
            )
            connection.execute(
                audit_table.insert().values(
                    actor_id=None,
                    action="claim.merge",
                    object_type="claims",
                    object_id=str(row["id"]),
                    created_at=now,
                    before={"status": "candidate"},
                    after={
                        "status": "merged",
                        "canonical_id": owner,
                        "reason": "duplicate text (migration)",
                    },
                )
            )


def upgrade():
    connection = op.get_bind()
    _merge_duplicate_claims(connection)
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claims_text_key"))
        batch_op.create_index(batch_op.f("ix_claims_text_key"), ["text_key"], unique=True)

    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column("cancel_requested", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        if connection.dialect.name == "sqlite":
            batch_op.alter_column(
                "status",
                existing_type=_status_enum(OLD_JOB_STATES),
                type_=_status_enum(NEW_JOB_STATES),
                existing_nullable=False,
            )
    if connection.dialect.name != "sqlite":
        op.drop_constraint(op.f("ck_jobs_job_status"), "jobs", type_="check")
        op.create_check_constraint(
            op.f("ck_jobs_job_status"), "jobs", sa.column("status").in_(NEW_JOB_STATES)
        )

    if connection.dialect.name == "postgresql":
        op.execute(PG_FUNCTION)
        for statement in PG_TRIGGERS:
            op.execute(statement)
    elif connection.dialect.name == "sqlite":
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)


def downgrade():
    connection = op.get_bind()
    if connection.dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_events_no_truncate ON audit_events")
        op.execute("DROP TRIGGER audit_events_append_only ON audit_events")
        op.execute("DROP FUNCTION satja_audit_events_append_only()")
    elif connection.dialect.name == "sqlite":
        op.execute("DROP TRIGGER audit_events_no_update")
        op.execute("DROP TRIGGER audit_events_no_delete")

    op.execute("UPDATE jobs SET status = 'failed' WHERE status IN ('interrupted', 'cancelled')")
    if connection.dialect.name != "sqlite":
        op.drop_constraint(op.f("ck_jobs_job_status"), "jobs", type_="check")
        op.create_check_constraint(
            op.f("ck_jobs_job_status"), "jobs", sa.column("status").in_(OLD_JOB_STATES)
        )
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        if connection.dialect.name == "sqlite":
            batch_op.alter_column(
                "status",
                existing_type=_status_enum(NEW_JOB_STATES),
                type_=_status_enum(OLD_JOB_STATES),
                existing_nullable=False,
            )
        batch_op.drop_column("cancel_requested")
        batch_op.drop_column("heartbeat_at")

    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claims_text_key"))
        batch_op.create_index(batch_op.f("ix_claims_text_key"), ["text_key"], unique=False)
