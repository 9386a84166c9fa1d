"""The desk's figures (the dashboard), computed in the background and kept here."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Mapped, mapped_column

from app.database import db


class DeskFigures(db.Model):
    """One row: the dashboard's figures as last computed, and whether a refresh is under way.

    Computing them reads every claim and published verdict (seconds at a million claims), so
    the dashboard shows these and asks for a new computation when they are older than
    SATJA_DASHBOARD_MAX_AGE seconds."""

    __tablename__ = "desk_figures"

    id: Mapped[int] = mapped_column(primary_key=True)
    figures: Mapped[dict[str, Any]]
    computed_at: Mapped[datetime]
    # Set by whoever started a refresh; another request does not start one meanwhile.
    refreshing_since: Mapped[datetime | None]
