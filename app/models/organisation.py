"""The fact-checking organisation that signs the reports (one row)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.database import db


class Organisation(db.Model):
    """Name, address and policies shown on public pages and in ClaimReview."""

    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    url: Mapped[str] = mapped_column(sa.String(500))
    logo_url: Mapped[str | None] = mapped_column(sa.String(500))
    methodology_url: Mapped[str | None] = mapped_column(sa.String(500))
    corrections_url: Mapped[str | None] = mapped_column(sa.String(500))
