"""Search index: documents with their terms, FTS5 on SQLite, a GIN-indexed tsvector on PostgreSQL.

Revision ID: 5e4c0a1f2b7d
Revises: 91fb234e7674
Create Date: 2026-12-01 10:00:00

The index is derived data: after upgrading, `flask search reindex` fills it from the claims,
articles, sources and verdicts already stored.
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '5e4c0a1f2b7d'
down_revision = '91fb234e7674'
branch_labels = None
depends_on = None

# FTS5 over the terms kept in search_documents (external content): the triggers keep it in step.
# The terms are already analysed (app/search/analyzer.py), so FTS5 only splits at ASCII spaces.
SQLITE_FTS = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(terms, claimant_terms, fine_terms, "
    "content='search_documents', content_rowid='id', tokenize='ascii', detail='full')",
    "CREATE TRIGGER search_fts_insert AFTER INSERT ON search_documents BEGIN "
    "INSERT INTO search_fts(rowid, terms, claimant_terms, fine_terms) "
    "VALUES (new.id, new.terms, new.claimant_terms, new.fine_terms); END",
    "CREATE TRIGGER search_fts_delete AFTER DELETE ON search_documents BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, terms, claimant_terms, fine_terms) "
    "VALUES ('delete', old.id, old.terms, old.claimant_terms, old.fine_terms); END",
    "CREATE TRIGGER search_fts_update AFTER UPDATE OF terms, claimant_terms, fine_terms "
    "ON search_documents BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, terms, claimant_terms, fine_terms) "
    "VALUES ('delete', old.id, old.terms, old.claimant_terms, old.fine_terms); "
    "INSERT INTO search_fts(rowid, terms, claimant_terms, fine_terms) "
    "VALUES (new.id, new.terms, new.claimant_terms, new.fine_terms); END",
]


def upgrade():
    op.create_table('search_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=True),
    sa.Column('published', sa.Boolean(), nullable=False),
    sa.Column('rating', sa.String(length=40), nullable=True),
    sa.Column('outlet', sa.String(length=200), nullable=True),
    sa.Column('outlet_key', sa.String(length=200), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=True),
    sa.Column('assignee_id', sa.Integer(), nullable=True),
    sa.Column('claimant', sa.String(length=300), nullable=True),
    sa.Column('doc_date', sa.Date(), nullable=True),
    sa.Column('terms', sa.Text().with_variant(postgresql.TSVECTOR(), 'postgresql'), nullable=False),
    sa.Column('claimant_terms', sa.Text(), nullable=True),
    sa.Column('fine_terms', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_documents')),
    sa.UniqueConstraint('kind', 'object_id', name=op.f('uq_search_documents_kind_object_id'))
    )
    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_search_documents_assignee_id'), ['assignee_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_search_documents_claim_id'), ['claim_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_search_documents_doc_date'), ['doc_date'], unique=False)
        batch_op.create_index('ix_search_documents_kind_status', ['kind', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_search_documents_outlet_key'), ['outlet_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_search_documents_rating'), ['rating'], unique=False)

    if op.get_bind().dialect.name == 'postgresql':
        op.execute('CREATE INDEX ix_search_documents_terms ON search_documents USING gin (terms)')
    else:
        for statement in SQLITE_FTS:
            op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name != 'postgresql':
        op.execute('DROP TABLE search_fts')  # its triggers go with search_documents
    op.drop_table('search_documents')
