"""Each user's own choice of how notifications reach them."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.models import Role, User
from app.services import audit
from app.services.actors import Actor
from app.services.permissions import require_role


def set_email(session: Session, actor: Actor, wanted: bool) -> User:
    """Turn e-mail copies of the actor's own notifications on or off (audited)."""
    require_role(actor, Role.VIEWER)
    user = session.get(User, actor.id)
    before = {"email_notifications": user.email_notifications}
    user.email_notifications = wanted
    session.flush()
    audit.record(
        session, actor, "user.email_notifications", user, before, {"email_notifications": wanted}
    )
    return user
