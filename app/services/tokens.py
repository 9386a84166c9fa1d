"""API tokens: issued once in clear, stored only as a SHA-256 hash."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from app.database import utcnow
from app.models import ApiToken, Role, User
from app.services import audit
from app.services.actors import Actor
from app.services.errors import NotAllowed, NotFound
from app.services.permissions import require_role

TOKEN_PREFIX = "satja_"
# How stale `last_used_at` may get before a request writes it again.
LAST_USED_RESOLUTION = timedelta(minutes=5)


def _digest(token: str) -> str:
    """Return the stored form of a token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_token(session: Session, actor: Actor, user: User, name: str = "") -> tuple[ApiToken, str]:
    """Create a token for `user` (the user themself or an admin); return it and its clear text."""
    if actor.id != user.id:
        require_role(actor, Role.ADMIN)
    if not user.active:
        raise NotAllowed(_l("An inactive user cannot get a token."))
    clear = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name.strip(), token_hash=_digest(clear), prefix=clear[:12])
    session.add(token)
    session.flush()
    audit.record(
        session, actor, "token.issue", token, after={"user_id": user.id, "name": token.name}
    )
    return token, clear


def revoke_token(session: Session, actor: Actor, token_id: int) -> ApiToken:
    """Revoke a token (its owner or an admin)."""
    token = session.get(ApiToken, token_id)
    if token is None:
        raise NotFound(_l("No such token."))
    if actor.id != token.user_id:
        require_role(actor, Role.ADMIN)
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        session.flush()
        audit.record(session, actor, "token.revoke", token, after={"user_id": token.user_id})
    return token


def user_for_token(session: Session, clear: str) -> User | None:
    """Return the active user a valid, unrevoked token belongs to, or None."""
    if not clear.startswith(TOKEN_PREFIX) or len(clear) > 200:
        return None
    token = session.scalar(
        sa.select(ApiToken).where(
            ApiToken.token_hash == _digest(clear), ApiToken.revoked_at.is_(None)
        )
    )
    if token is None or not token.user.active:
        return None
    now = utcnow()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        token.last_used_at = now
    return token.user
