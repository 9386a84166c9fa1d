"""Test data made through the same services the app uses."""

from __future__ import annotations

import itertools

from sqlalchemy.orm import Session

from app.models import Role, User
from app.services import accounts, tokens
from app.services.actors import SYSTEM

PASSWORD = "correct horse battery staple"
_numbers = itertools.count(1)


def make_user(
    session: Session, role: str = "checker", email: str | None = None, password: str = PASSWORD
) -> User:
    """Create and return a user of the given role."""
    email = email or f"{role}{next(_numbers)}@example.org"
    new = accounts.NewUser(email=email, password=password, role=Role(role), name=role.title())
    user = accounts.create_user(session, SYSTEM, new)
    session.commit()
    return user


def make_token(session: Session, role: str = "checker") -> tuple[User, str]:
    """Create a user of the given role and an API token; return the user and the token."""
    user = make_user(session, role)
    _, clear = tokens.issue_token(session, SYSTEM, user, "test")
    session.commit()
    return user, clear
