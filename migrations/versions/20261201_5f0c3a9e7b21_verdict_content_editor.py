"""Who last changed a verdict's content (the four-eyes rule).

Revision ID: 5f0c3a9e7b21
Revises: bddc5e9858a3
Create Date: 2026-12-01 16:00:00.000000

Existing verdicts were last written by their author as far as the schema knows: the column
starts as `author_id` (the audit trail keeps every earlier editor, and approval reads it too).

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '5f0c3a9e7b21'
down_revision = 'bddc5e9858a3'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('verdicts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('content_editor_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_verdicts_content_editor_id_users'), 'users', ['content_editor_id'], ['id'], ondelete='SET NULL')

    op.execute("UPDATE verdicts SET content_editor_id = author_id")


def downgrade():
    with op.batch_alter_table('verdicts', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_verdicts_content_editor_id_users'), type_='foreignkey')
        batch_op.drop_column('content_editor_id')
