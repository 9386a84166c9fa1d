"""User accounts: creation, sign-in, passwords, roles and deactivation."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from app.database import utcnow
from app.models import Role, User
from app.models.user import new_session_token
from app.services import audit, passwords
from app.services.actors import Actor
from app.services.errors import Conflict, InvalidInput, NotAllowed, NotFound
from app.services.permissions import require_role

log = logging.getLogger(__name__)

USER_FIELDS = ("email", "name", "role", "active")


@dataclass(frozen=True)
class NewUser:
    """What it takes to create an account."""

    email: str
    password: str
    role: Role = Role.VIEWER
    name: str = ""


def normalize_email(email: str) -> str:
    """Return the e-mail address checked and in canonical form; raise InvalidInput if malformed."""
    try:
        checked = validate_email(email.strip(), check_deliverability=False)
    except EmailNotValidError:
        raise InvalidInput(_l("That is not a valid e-mail address."), field="email") from None
    return checked.normalized.lower()


def parse_role(value: str) -> Role:
    """Return the Role named by `value`; raise InvalidInput for an unknown name."""
    try:
        return Role(value)
    except ValueError:
        raise InvalidInput(_l("Unknown role: %(role)s", role=value), field="role") from None


def find_by_email(session: Session, email: str) -> User | None:
    """Return the user with this e-mail address, if any."""
    return session.scalar(sa.select(User).where(User.email == email.strip().lower()))


def get_user(session: Session, user_id: int) -> User:
    """Return the user with this id; raise NotFound otherwise."""
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(_l("No such user."))
    return user


def create_user(session: Session, actor: Actor, new: NewUser) -> User:
    """Create an account (admins only) and audit it."""
    require_role(actor, Role.ADMIN)
    email = normalize_email(new.email)
    passwords.check_strength(new.password, personal_words(email, new.name))
    if find_by_email(session, email) is not None:
        raise Conflict(_l("A user with this e-mail address already exists."))
    user = User(
        email=email,
        name=new.name.strip(),
        role=new.role,
        password_hash=passwords.hash_password(new.password),
    )
    session.add(user)
    session.flush()
    audit.record(session, actor, "user.create", user, after=audit.snapshot(user, USER_FIELDS))
    return user


def authenticate(session: Session, email: str, password: str) -> User:
    """Return the active user with these credentials; raise NotAllowed otherwise."""
    user = find_by_email(session, email)
    if user is None:
        passwords.burn_verification_time()
    elif passwords.verify_password(user.password_hash, password) and user.active:
        if passwords.needs_rehash(user.password_hash):
            user.password_hash = passwords.hash_password(password)
        user.last_login_at = utcnow()
        audit.record(session, user, "user.login", user)
        return user
    typed = escape_typed(email)
    log.warning("failed sign-in for %s", typed)
    # Kept by the edge even though the sign-in is refused (it commits the attempt's record).
    audit.record_event(
        session, None, "user.login_failed", "users", user.id if user else None, {"email": typed}
    )
    raise NotAllowed(_l("Wrong e-mail address or password."))


TYPED_LENGTH = 320


def escape_typed(value: str) -> str:
    """Return what someone typed, safe to log and store: control characters escaped, cut short."""
    value = value[:TYPED_LENGTH]
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in value)


def sign_out(session: Session, user: User) -> None:
    """Record that a user signed out (the edge then forgets the session)."""
    audit.record(session, user, "user.logout", user)


def change_password(session: Session, actor: User, current: str, new: str) -> None:
    """Change the actor's own password and end their other sessions."""
    require_role(actor, Role.VIEWER)
    if not passwords.verify_password(actor.password_hash, current):
        raise InvalidInput(_l("The current password is wrong."), field="current_password")
    words = personal_words(actor.email, actor.name)
    passwords.check_strength(new, words, field="new_password")
    actor.password_hash = passwords.hash_password(new)
    actor.session_token = new_session_token()
    session.flush()
    audit.record(session, actor, "user.change_password", actor)


def personal_words(email: str, name: str = "") -> tuple[str, ...]:
    """Return what a password should not be made of: the e-mail, its local part, the name."""
    words = (email, email.partition("@")[0], *name.split())
    return tuple(word for word in words if len(word) >= 3)  # a letter or two says nothing


def end_sessions(session: Session, user: User) -> None:
    """Invalidate every session and "remember me" cookie of the user (on sign-out)."""
    user.session_token = new_session_token()
    session.flush()


def _guard_last_admin(session: Session, actor: Actor, user: User) -> None:
    """Refuse a change that would leave no active admin, even against a concurrent one.

    On PostgreSQL the active admins' rows are locked (in id order, so two admins demoting each
    other queue instead of deadlocking) and read again: the second transaction waits for the
    first, then sees one admin left and is refused. SQLite serialises writers and refuses a
    write based on an outdated read, so the count cannot be raced there either.
    """
    admins = session.scalars(
        sa.select(User)
        .where(User.role == Role.ADMIN, User.active.is_(True))
        .order_by(User.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).all()
    session.refresh(user)  # the target as it is now, after any change committed meanwhile
    if user.role == Role.ADMIN and user.active and len(admins) <= 1:
        raise Conflict(_l("Satja needs at least one active admin."))
    if actor.id is not None and actor.id not in {admin.id for admin in admins}:
        raise NotAllowed(_l("You are no longer an active admin."))


def set_role(session: Session, actor: Actor, user_id: int, role: Role) -> User:
    """Give a user another role (admins only)."""
    require_role(actor, Role.ADMIN)
    user = get_user(session, user_id)
    if user.role == role:
        return user
    if user.id == actor.id:
        raise Conflict(_l("Another admin must change your role."))
    if role != Role.ADMIN:
        _guard_last_admin(session, actor, user)
    before = audit.snapshot(user, USER_FIELDS)
    user.role = role
    session.flush()
    audit.record(session, actor, "user.set_role", user, before, audit.snapshot(user, USER_FIELDS))
    return user


def set_active(session: Session, actor: Actor, user_id: int, active: bool) -> User:
    """Deactivate or reactivate a user (admins only); deactivation ends their sessions."""
    require_role(actor, Role.ADMIN)
    user = get_user(session, user_id)
    if user.active == active:
        return user
    if not active:
        if user.id == actor.id:
            raise Conflict(_l("You cannot deactivate your own account."))
        _guard_last_admin(session, actor, user)
        user.session_token = new_session_token()
    before = audit.snapshot(user, USER_FIELDS)
    user.active = active
    session.flush()
    action = "user.activate" if active else "user.deactivate"
    audit.record(session, actor, action, user, before, audit.snapshot(user, USER_FIELDS))
    return user


def users_query(actor: Actor) -> sa.Select[tuple[User]]:
    """Return the query of all users, by e-mail (admins only)."""
    require_role(actor, Role.ADMIN)
    return sa.select(User).order_by(User.email)


def user_for_session(session: Session, session_id: str) -> User | None:
    """Return the active user whose Flask-Login id ("id:token") is given, if still valid."""
    user_id, _, token = session_id.partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = session.get(User, int(user_id))
    if user is None or not user.active or user.session_token != token:
        return None
    return user
