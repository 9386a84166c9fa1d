"""The rating scale: its labels in Thai and English, order and value (admins edit it)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from app.models import Rating, Role, Verdict
from app.services import audit
from app.services.actors import Actor
from app.services.errors import Conflict, InvalidInput, NotFound
from app.services.permissions import require_role

RATING_FIELDS = ("key", "label_en", "label_th", "sort_order", "value")
# Tones from best to worst; CSS classes `.rating-badge.tone-<tone>` colour them.
TONES = ("true", "mostly-true", "mixed", "mostly-false", "false")
OFF_SCALE_TONE = "other"
KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


@dataclass(frozen=True)
class RatingInput:
    """A label of the scale; `value` None puts it off the scale (Misleading, Unproven)."""

    key: str
    label_en: str
    label_th: str
    sort_order: int
    value: int | None


def require_admin(actor: Actor) -> None:
    """Refuse anyone but an admin (the scale's page)."""
    require_role(actor, Role.ADMIN)


def scale(session: Session) -> list[Rating]:
    """Return the scale in display order."""
    return list(session.scalars(sa.select(Rating).order_by(Rating.sort_order, Rating.id)))


def scale_values(session: Session) -> tuple[int, ...]:
    """Return the distinct values the scale uses, lowest first (off-scale labels left out)."""
    query = sa.select(Rating.value).where(Rating.value.is_not(None)).distinct()
    return tuple(sorted(session.scalars(query)))


def rating_tone(value: int | None, values_in_use: Iterable[int | None]) -> str:
    """Return a rating's tone from its place on the scale in use: "true" (the highest value)
    through "mostly-true", "mixed", "mostly-false" to "false" (the lowest); "other" off-scale."""
    values = [v for v in values_in_use if v is not None]
    if value is None or not values:
        return OFF_SCALE_TONE
    low, high = min(values), max(values)
    if value >= high:
        return "true"
    if value <= low:
        return "false"
    place = (value - low) / (high - low)
    # The middle band [0.4, 0.6] reads as mixed: the default 1-5 scale's 4, 3, 2 get a tone each.
    return "mostly-true" if place > 0.6 else "mostly-false" if place < 0.4 else "mixed"


def _apply(session: Session, rating: Rating, given: RatingInput) -> None:
    if not KEY.match(given.key):
        raise InvalidInput(
            _l("A key is lower-case letters, digits and _ (e.g. mostly_false)."), field="key"
        )
    if not given.label_en.strip() or not given.label_th.strip():
        raise InvalidInput(_l("Give the label in Thai and in English."), field="label_th")
    if given.value is not None and not 1 <= given.value <= 100:
        raise InvalidInput(_l("The value on the scale is from 1 to 100, or empty."), field="value")
    clash = session.scalar(sa.select(Rating).where(Rating.key == given.key, Rating.id != rating.id))
    if clash is not None:
        raise Conflict(_l("Another rating has this key."))
    rating.key, rating.label_en, rating.label_th = (
        given.key,
        given.label_en.strip(),
        given.label_th.strip(),
    )
    rating.sort_order, rating.value = given.sort_order, given.value


def add_rating(session: Session, actor: Actor, given: RatingInput) -> Rating:
    """Add a label to the scale (admins)."""
    require_role(actor, Role.ADMIN)
    rating = Rating()
    _apply(session, rating, given)
    session.add(rating)
    session.flush()
    audit.record(session, actor, "rating.add", rating, after=audit.snapshot(rating, RATING_FIELDS))
    return rating


def update_rating(session: Session, actor: Actor, rating_id: int, given: RatingInput) -> Rating:
    """Change a label, its order or value (admins)."""
    require_role(actor, Role.ADMIN)
    rating = session.get(Rating, rating_id)
    if rating is None:
        raise NotFound(_l("No such rating."))
    before = audit.snapshot(rating, RATING_FIELDS)
    _apply(session, rating, given)
    session.flush()
    audit.record(
        session, actor, "rating.edit", rating, before, audit.snapshot(rating, RATING_FIELDS)
    )
    return rating


def delete_rating(session: Session, actor: Actor, rating_id: int) -> None:
    """Remove a label that no verdict uses (admins)."""
    require_role(actor, Role.ADMIN)
    rating = session.get(Rating, rating_id)
    if rating is None:
        raise NotFound(_l("No such rating."))
    used = session.scalar(sa.select(sa.func.count()).where(Verdict.rating_id == rating.id))
    if used:
        raise Conflict(_l("This rating is used by %(n)d verdicts and cannot be deleted.", n=used))
    audit.record(
        session, actor, "rating.delete", rating, before=audit.snapshot(rating, RATING_FIELDS)
    )
    session.delete(rating)
    session.flush()
