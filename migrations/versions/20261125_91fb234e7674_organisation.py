"""Organisation: the fact-checking organisation named on public pages and in ClaimReview.

Revision ID: 91fb234e7674
Revises: 43095b9bc903
Create Date: 2026-11-25 10:01:44.871587

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '91fb234e7674'
down_revision = '43095b9bc903'
branch_labels = None
depends_on = None


def upgrade():

    op.create_table('organisation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=False),
    sa.Column('logo_url', sa.String(length=500), nullable=True),
    sa.Column('methodology_url', sa.String(length=500), nullable=True),
    sa.Column('corrections_url', sa.String(length=500), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisation'))
    )



def downgrade():

    op.drop_table('organisation')

