"""The dashboard's figures, kept: computed in the background, read by the dashboard.

Revision ID: f2c8d4e6a9b1
Revises: e4b7c9a1d3f6
Create Date: 2026-12-02 01:50:00.000000
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = "f2c8d4e6a9b1"
down_revision = "e4b7c9a1d3f6"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "desk_figures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "figures",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("refreshing_since", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_desk_figures")),
    )


def downgrade():
    op.drop_table("desk_figures")
