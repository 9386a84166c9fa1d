"""The search index's documents: one row per searchable claim, article, source and verdict."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from app.database import db

# PostgreSQL keeps a tsvector (GIN-indexed, created by the migration); SQLite keeps the terms as
# text, which the FTS5 table `search_fts` indexes (external content, kept in step by triggers).
TermsType = sa.Text().with_variant(TSVECTOR(), "postgresql")


class SearchDocument(db.Model):
    """What the search index knows of one object: its terms and the fields it is filtered by.

    Rows are derived data, rebuilt from the objects by `app.search` (and `flask search reindex`);
    the filter fields are copies so that filtering and facets need no joins.
    """

    __tablename__ = "search_documents"
    __table_args__ = (
        sa.UniqueConstraint("kind", "object_id"),
        sa.Index("ix_search_documents_kind_status", "kind", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(10))
    object_id: Mapped[int]
    # The claim a claim, source or verdict document belongs to (None for articles).
    claim_id: Mapped[int | None] = mapped_column(index=True)
    status: Mapped[str | None] = mapped_column(sa.String(20))
    # Whether the public site may show it: a claim with a published verdict.
    published: Mapped[bool] = mapped_column(default=False)
    rating: Mapped[str | None] = mapped_column(sa.String(40), index=True)
    outlet: Mapped[str | None] = mapped_column(sa.String(200))
    outlet_key: Mapped[str | None] = mapped_column(sa.String(200), index=True)
    language: Mapped[str | None] = mapped_column(sa.String(8))
    assignee_id: Mapped[int | None] = mapped_column(index=True)
    claimant: Mapped[str | None] = mapped_column(sa.String(300))
    doc_date: Mapped[date | None] = mapped_column(index=True)
    terms: Mapped[str] = mapped_column(TermsType)
    claimant_terms: Mapped[str | None] = mapped_column(sa.Text)
    # SQLite only: the terms with Thai compounds split (analyzer.parts), when that differs.
    fine_terms: Mapped[str | None] = mapped_column(sa.Text)
