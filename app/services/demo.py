"""Demo data for `make run`: an admin account and the seed article."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import Article, Role, User
from app.services import accounts, articles
from app.services.actors import SYSTEM

DEMO_DIR = Path(__file__).resolve().parent.parent / "demo"
DEMO_ADMIN_EMAIL = "admin@satja.example"


@dataclass(frozen=True)
class DemoAdmin:
    """The demo admin just created, with the only copy of its password."""

    email: str
    password: str


def ensure_demo_admin(session: Session) -> DemoAdmin | None:
    """Create the demo admin unless an admin exists; return its credentials when created."""
    has_admin = session.scalar(sa.select(sa.func.count()).where(User.role == Role.ADMIN))
    if has_admin:
        return None
    password = secrets.token_urlsafe(12)
    new = accounts.NewUser(DEMO_ADMIN_EMAIL, password, Role.ADMIN, "Demo admin")
    accounts.create_user(session, SYSTEM, new)
    return DemoAdmin(DEMO_ADMIN_EMAIL, password)


def load_demo_article(session: Session, slug: str = "kim-putin-th") -> tuple[Article, bool]:
    """Store a demo article from app/demo/ (once); return it and whether it is new."""
    meta = json.loads((DEMO_DIR / f"{slug}.json").read_text(encoding="utf-8"))
    given = articles.ArticleInput(
        text=(DEMO_DIR / f"{slug}.txt").read_text(encoding="utf-8"),
        title=meta["title"],
        outlet=meta.get("outlet"),
        language=meta["language"],
        published_on=date.fromisoformat(meta["published_on"]),
    )
    return articles.add_article(session, SYSTEM, given)
