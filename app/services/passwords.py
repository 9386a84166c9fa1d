"""Password hashing with Argon2id and the password rules."""

from __future__ import annotations

from collections.abc import Iterable

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import lazy_gettext as _l
from zxcvbn import zxcvbn

from app.services.errors import InvalidInput

MIN_LENGTH = 10
MAX_LENGTH = 256
# zxcvbn's estimate is slow on long input and gains nothing past its own limit.
GUESS_WINDOW = 72
# zxcvbn scores 0-4; below 2 a password falls to about a million guesses (an online attack).
MIN_SCORE = 2

# Why a password is refused, by the zxcvbn pattern that gives it away.
WEAKNESSES = {
    "common": _l("This password is one of the most common passwords; choose another."),
    "repeat": _l("This password is made of repeated characters or words; choose another."),
    "sequence": _l("This password is a sequence (like abcdef or 123456); choose another."),
    "spatial": _l("This password follows a keyboard pattern (like qwerty); choose another."),
    "personal": _l("This password contains your name or e-mail address; choose another."),
    "guessable": _l("This password is too easy to guess; a few unrelated words make a strong one."),
}


def _hasher() -> PasswordHasher:
    """Return the hasher configured for this app (cheaper parameters under test)."""
    return PasswordHasher(**current_app.config["PASSWORD_HASH_PARAMS"])


def check_strength(password: str, user_inputs: Iterable[str] = (), field: str = "password") -> None:
    """Raise InvalidInput unless the password has an accepted length and is hard to guess."""
    if len(password) < MIN_LENGTH:
        message = _l("A password needs at least %(n)d characters.", n=MIN_LENGTH)
        raise InvalidInput(message, field=field)
    if len(password) > MAX_LENGTH:
        message = _l("A password may have at most %(n)d characters.", n=MAX_LENGTH)
        raise InvalidInput(message, field=field)
    weakness = find_weakness(password, user_inputs)
    if weakness is not None:
        raise InvalidInput(WEAKNESSES[weakness], field=field)


def _kind(match: dict) -> str:
    """Name the weakness one zxcvbn match stands for."""
    pattern = match["pattern"]
    if pattern == "dictionary":
        return "personal" if match.get("dictionary_name") == "user_inputs" else "common"
    return pattern if pattern in ("repeat", "sequence", "spatial") else "guessable"


def find_weakness(password: str, user_inputs: Iterable[str] = ()) -> str | None:
    """Return why a password is easy to guess (a key of WEAKNESSES), or None when it is not.

    zxcvbn bundles the frequency lists of leaked passwords and spots repeats, sequences and
    keyboard walks. A password that is one such pattern is refused whatever its score.
    """
    window = password[:GUESS_WINDOW]
    inputs = [value for value in user_inputs if value]
    result = zxcvbn(window, user_inputs=inputs, max_length=GUESS_WINDOW)
    matches = [m for m in result["sequence"] if m["pattern"] != "bruteforce"]
    whole = [m for m in matches if len(m["token"]) == len(window)]
    if whole:
        return _kind(whole[0])
    if result["score"] >= MIN_SCORE:
        return None
    longest = max(matches, key=lambda m: len(m["token"]), default=None)
    return _kind(longest) if longest is not None else "guessable"


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
