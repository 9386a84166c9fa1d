"""Indexes that serve the long lists at a million claims: the triage queue's order
(status, score DESC, id), a status's claims newest first, the published verdicts newest first,
one person's open claims by status and age (My work).

Revision ID: e4b7c9a1d3f6
Revises: d1a5e0b7c2f8
Create Date: 2026-12-02 01:40:00.000000
"""

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "e4b7c9a1d3f6"
down_revision = "d1a5e0b7c2f8"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        "ix_claims_queue", "claims", ["status", sa.literal_column("score").desc(), "id"]
    )
    # (status, score) served the queue's filter but not its order: replaced by the one above.
    op.drop_index("ix_claims_status_score", table_name="claims")
    op.create_index("ix_claims_status_created", "claims", ["status", "created_at", "id"])
    op.create_index("ix_verdicts_state_published", "verdicts", ["state", "published_at"])
    op.create_index(
        "ix_claims_assignee_work", "claims", ["assignee_id", "status", "updated_at", "id"]
    )


def downgrade():
    op.drop_index("ix_claims_assignee_work", table_name="claims")
    op.drop_index("ix_verdicts_state_published", table_name="verdicts")
    op.drop_index("ix_claims_status_created", table_name="claims")
    op.create_index("ix_claims_status_score", "claims", ["status", "score"])
    op.drop_index("ix_claims_queue", table_name="claims")
