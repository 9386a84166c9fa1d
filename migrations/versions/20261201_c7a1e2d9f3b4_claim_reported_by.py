"""Claims: who passed the claimant's words on (reported_by).

Revision ID: c7a1e2d9f3b4
Revises: b5d886e6e046
Create Date: 2026-12-01 21:40:00.000000

"สื่อของรัฐรายงานว่า คิม จองอึน ได้บอกกับปูตินว่า …": the claimant is คิม จองอึน, the channel
สื่อของรัฐ. Existing claims have no channel (NULL); new extractions fill it.
"""

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "c7a1e2d9f3b4"
down_revision = "b5d886e6e046"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("claims") as batch_op:
        batch_op.add_column(sa.Column("reported_by", sa.String(length=300), nullable=True))


def downgrade():
    # A native DROP COLUMN (SQLite >= 3.35): a batch rebuild would drop and recreate `claims`,
    # and with foreign keys on, dropping it cascades to appearances, comments and the rest.
    with op.batch_alter_table("claims", recreate="never") as batch_op:
        batch_op.drop_column("reported_by")
