"""API tokens can expire; tokens are found by their prefix.

Revision ID: 4f2b9c1d7e6a
Revises: 5f0c3a9e7b21
Create Date: 2026-12-01 18:00:00.000000

Existing tokens keep working: they get no expiry.

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '4f2b9c1d7e6a'
down_revision = '5f0c3a9e7b21'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.add_column(sa.Column('expires_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_api_tokens_prefix'), ['prefix'], unique=False)


def downgrade():
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_tokens_prefix'))
        batch_op.drop_column('expires_at')
