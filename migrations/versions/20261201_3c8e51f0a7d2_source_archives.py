"""Source archives: archiving runs as a job with its state apart; sources may carry a file.

Revision ID: 3c8e51f0a7d2
Revises: a9ddb8315b92
Create Date: 2026-12-01 15:05:00.000000

A source's archive state (pending, archived, failed with the reason) lives in `source_archives`,
one row per source, so the background job never bumps the source's version. Sources archived
before this revision were fetched in the request: they get an "archived" row.

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '3c8e51f0a7d2'
down_revision = 'a9ddb8315b92'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('source_archives',
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('pending', 'archived', 'failed', name='archive_status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('error_code', sa.String(length=40), nullable=True),
    sa.Column('error_detail', sa.String(length=300), nullable=True),
    sa.Column('content_type', sa.String(length=100), nullable=True),
    sa.Column('job_id', sa.Integer(), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], name=op.f('fk_source_archives_job_id_jobs'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_source_archives_source_id_sources'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('source_id', name=op.f('pk_source_archives'))
    )
    with op.batch_alter_table('source_archives', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_source_archives_job_id'), ['job_id'], unique=False)

    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.add_column(sa.Column('file_sha256', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('file_type', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('file_size', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('file_name', sa.String(length=255), nullable=True))

    op.execute(
        "INSERT INTO source_archives (source_id, status, attempts, requested_at, finished_at) "
        "SELECT id, 'archived', 1, COALESCE(accessed_at, created_at), accessed_at "
        "FROM sources WHERE snapshot_sha256 IS NOT NULL"
    )


def downgrade():
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.drop_column('file_name')
        batch_op.drop_column('file_size')
        batch_op.drop_column('file_type')
        batch_op.drop_column('file_sha256')

    with op.batch_alter_table('source_archives', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_source_archives_job_id'))

    op.drop_table('source_archives')
