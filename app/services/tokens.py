"""API tokens: issued once in clear, stored only as a SHA-256 hash; listed, expiring, revocable."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from app.database import utcnow
from app.models import ApiToken, Role, User
from app.services import audit
from app.services.actors import Actor
from app.services.errors import Conflict, DomainError, InvalidInput, NotAllowed, NotFound
from app.services.permissions import require_role

TOKEN_PREFIX = "satja_"
# How stale `last_used_at` may get before a request writes it again.
LAST_USED_RESOLUTION = timedelta(minutes=5)
MAX_EXPIRY_DAYS = 3650
# A list page shows at most this many of one user's tokens, newest first.
LIST_LIMIT = 200


class TokenRefused(DomainError):
    """The bearer token is unknown, revoked or expired; `code` says which."""

    status = 401

    def __init__(self, message: object, code: str) -> None:
        super().__init__(message)
        self.code = code


def _digest(token: str) -> str:
    """Return the stored form of a token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def expiry_from_days(days: int | None) -> datetime | None:
    """Return when a token given `days` of life expires (None: never); refuse out-of-range days."""
    if days is None:
        return None
    if not 1 <= days <= MAX_EXPIRY_DAYS:
        message = _l("A token lasts from 1 to %(n)d days.", n=MAX_EXPIRY_DAYS)
        raise InvalidInput(message, field="expires_days")
    return utcnow() + timedelta(days=days)


def issue_token(
    session: Session, actor: Actor, user: User, name: str = "", expires_days: int | None = None
) -> tuple[ApiToken, str]:
    """Create a token for `user` (the user themself or an admin); return it and its clear text."""
    if actor.id != user.id:
        require_role(actor, Role.ADMIN)
    if not user.active:
        raise NotAllowed(_l("An inactive user cannot get a token."))
    expires_at = expiry_from_days(expires_days)
    clear = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name.strip(),
        token_hash=_digest(clear),
        prefix=clear[:12],
        expires_at=expires_at,
    )
    session.add(token)
    session.flush()
    expiry = expires_at.isoformat() if expires_at else None
    after = {"user_id": user.id, "name": token.name, "expires_at": expiry}
    audit.record(session, actor, "token.issue", token, after=after)
    return token, clear


def tokens_of(session: Session, actor: Actor, user: User) -> list[ApiToken]:
    """Return a user's tokens, newest first (the user themself or an admin)."""
    if actor.id != user.id:
        require_role(actor, Role.ADMIN)
    query = (
        sa.select(ApiToken)
        .where(ApiToken.user_id == user.id)
        .order_by(ApiToken.id.desc())
        .limit(LIST_LIMIT)
    )
    return list(session.scalars(query))


def find_token(session: Session, prefix_or_id: str) -> ApiToken:
    """Return the one token with this id or prefix; raise NotFound or Conflict (ambiguous)."""
    value = prefix_or_id.strip()
    if value.isascii() and value.isdigit() and len(value) < 10:
        token = session.get(ApiToken, int(value))
        if token is None:
            raise NotFound(_l("No such token."))
        return token
    found = session.scalars(sa.select(ApiToken).where(ApiToken.prefix == value[:16]).limit(2))
    matches = list(found)
    if not matches:
        raise NotFound(_l("No such token."))
    if len(matches) > 1:
        raise Conflict(_l("Several tokens have this prefix; give the token's id instead."))
    return matches[0]


def revoke_token(
    session: Session, actor: Actor, token_id: int, user_id: int | None = None
) -> ApiToken:
    """Revoke a token (its owner or an admin); `user_id` insists it belongs to that user."""
    token = session.get(ApiToken, token_id)
    if token is None or (user_id is not None and token.user_id != user_id):
        raise NotFound(_l("No such token."))
    if actor.id != token.user_id:
        require_role(actor, Role.ADMIN)
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        session.flush()
        audit.record(session, actor, "token.revoke", token, after={"user_id": token.user_id})
    return token


def token_state(token: ApiToken, now: datetime | None = None) -> str:
    """Say whether a token is "active", "revoked" or "expired"."""
    if token.revoked_at is not None:
        return "revoked"
    if token.expires_at is not None and token.expires_at <= (now or utcnow()):
        return "expired"
    return "active"


def authenticate_token(session: Session, clear: str) -> User:
    """Return the active user of a valid token; raise TokenRefused saying why otherwise."""
    token = None
    if clear.startswith(TOKEN_PREFIX) and len(clear) <= 200:
        query = sa.select(ApiToken).where(ApiToken.token_hash == _digest(clear))
        token = session.scalar(query)
    if token is None or not token.user.active:
        raise TokenRefused(_l("This API token is not valid."), "unauthorized")
    now = utcnow()
    state = token_state(token, now)
    if state == "revoked":
        raise TokenRefused(_l("This API token has been revoked."), "token_revoked")
    if state == "expired":
        raise TokenRefused(_l("This API token has expired."), "token_expired")
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        token.last_used_at = now
    return token.user


def user_for_token(session: Session, clear: str) -> User | None:
    """Return the active user a valid, unrevoked, unexpired token belongs to, or None."""
    try:
        return authenticate_token(session, clear)
    except TokenRefused:
        return None
