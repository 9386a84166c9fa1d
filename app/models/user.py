"""Users, their roles and their API tokens."""

from __future__ import annotations

import enum
import secrets
from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import db, enum_column, utcnow


class Role(enum.StrEnum):
    """What a user may do; each role includes the rights of those before it."""

    VIEWER = "viewer"
    CHECKER = "checker"
    EDITOR = "editor"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        """Return the role's position, viewer lowest."""
        return list(Role).index(self)

    def includes(self, other: Role) -> bool:
        """Say whether this role has at least the rights of `other`."""
        return self.rank >= other.rank


def new_session_token() -> str:
    """Return a random token that identifies a user's login sessions."""
    return secrets.token_urlsafe(24)


class User(UserMixin, db.Model):
    """A person who signs in to Satja."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200), default="")
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    role: Mapped[Role] = mapped_column(enum_column(Role, "role"), default=Role.VIEWER)
    active: Mapped[bool] = mapped_column(default=True)
    # Changing it (password change, deactivation) ends every session of the user.
    session_token: Mapped[str] = mapped_column(sa.String(64), default=new_session_token)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]
    # The user's own choice: also receive their notifications by e-mail (when SMTP is set up).
    email_notifications: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    tokens: Mapped[list[ApiToken]] = relationship(back_populates="user")

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    def get_id(self) -> str:
        """Return the id Flask-Login keeps in the session: user id and session token."""
        return f"{self.id}:{self.session_token}"

    @property
    def display_name(self) -> str:
        """Return the name, or the e-mail when no name is set."""
        return self.name or self.email

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email} {self.role}>"


class ApiToken(db.Model):
    """A bearer token for the JSON API; only its SHA-256 is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(100), default="")
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    # Shown in lists and accepted by `flask users revoke-token`; not unique, so indexed only.
    prefix: Mapped[str] = mapped_column(sa.String(16), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    # None: the token works until it is revoked.
    expires_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(back_populates="tokens")
