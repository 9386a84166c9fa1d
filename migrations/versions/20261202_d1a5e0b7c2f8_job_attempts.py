"""Jobs: how many times a runner has started each (retries after a failure or a killed worker).

Revision ID: d1a5e0b7c2f8
Revises: c7a1e2d9f3b4
Create Date: 2026-12-02 01:30:00.000000
"""

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "d1a5e0b7c2f8"
down_revision = "c7a1e2d9f3b4"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("jobs") as batch_op:
        batch_op.add_column(
            sa.Column("attempts", sa.Integer(), nullable=False, server_default="0")
        )


def downgrade():
    # A native DROP COLUMN (SQLite >= 3.35), not a table rebuild.
    with op.batch_alter_table("jobs", recreate="never") as batch_op:
        batch_op.drop_column("attempts")
