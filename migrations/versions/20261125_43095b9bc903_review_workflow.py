"""Review workflow: source versions for optimistic locking, comment kinds and @mentions.

Revision ID: 43095b9bc903
Revises: ac7b736b8a93
Create Date: 2026-11-25 09:35:12.187495

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '43095b9bc903'
down_revision = 'ac7b736b8a93'
branch_labels = None
depends_on = None


def upgrade():

    op.create_table('comment_mentions',
    sa.Column('comment_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['comment_id'], ['comments.id'], name=op.f('fk_comment_mentions_comment_id_comments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_comment_mentions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('comment_id', 'user_id', name=op.f('pk_comment_mentions'))
    )
    with op.batch_alter_table('comment_mentions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_comment_mentions_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=20), nullable=False, server_default='comment'))

    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), nullable=False, server_default='1'))




def downgrade():

    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.drop_column('version')

    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.drop_column('kind')

    with op.batch_alter_table('comment_mentions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_comment_mentions_user_id'))

    op.drop_table('comment_mentions')

