"""Who performs an operation: a signed-in user or the system itself."""

from __future__ import annotations

from dataclasses import dataclass

from app.models import Role, User


@dataclass(frozen=True)
class SystemActor:
    """The operator at the command line or the app itself (demo loading, imports)."""

    id: None = None
    role: Role = Role.ADMIN
    active: bool = True
    email: str = "system"


SYSTEM = SystemActor()

Actor = User | SystemActor
