"""Flask-Login glue: load the signed-in user from the session."""

from __future__ import annotations

from app.extensions import db
from app.models import User
from app.services import accounts


def load_user(session_id: str) -> User | None:
    """Return the user for a session id, or None once it is no longer valid."""
    return accounts.user_for_session(db.session, session_id)
