"""Role checks used by every service."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.labels import ROLE_LABELS
from app.models import Role
from app.services.actors import Actor
from app.services.errors import NotAllowed


def require_role(actor: Actor | None, role: Role) -> Actor:
    """Return the actor if it is active with at least `role`; raise NotAllowed otherwise."""
    if actor is None or not actor.active:
        raise NotAllowed(_l("You must be signed in."))
    if not actor.role.includes(role):
        raise NotAllowed(_l("This needs the %(role)s role.", role=ROLE_LABELS[role]))
    return actor
