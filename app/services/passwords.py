"""Password hashing with Argon2id and the password rules."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import lazy_gettext as _l

from app.services.errors import InvalidInput

MIN_LENGTH = 10
MAX_LENGTH = 256


def _hasher() -> PasswordHasher:
    """Return the hasher configured for this app (cheaper parameters under test)."""
    return PasswordHasher(**current_app.config["PASSWORD_HASH_PARAMS"])


def check_strength(password: str) -> None:
    """Raise InvalidInput unless the password is long enough and not absurdly long."""
    if len(password) < MIN_LENGTH:
        raise InvalidInput(
            _l("A password needs at least %(n)d characters.", n=MIN_LENGTH), field="password"
        )
    if len(password) > MAX_LENGTH:
        raise InvalidInput(
            _l("A password may have at most %(n)d characters.", n=MAX_LENGTH), field="password"
        )


def hash_password(password: str) -> str:
    """Return the Argon2id hash of a password."""
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """Say whether the password matches the hash."""
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Say whether the hash was made with other parameters than the current ones."""
    return _hasher().check_needs_rehash(password_hash)


def burn_verification_time() -> None:
    """Spend the time of one verification, so unknown e-mails answer as slowly as known ones."""
    dummy = current_app.extensions.get("satja_dummy_hash")
    if dummy is None:
        dummy = current_app.extensions["satja_dummy_hash"] = hash_password("not-a-password")
    verify_password(dummy, "something-else")
