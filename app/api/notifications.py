"""API: the token owner's notifications, newest first, and marking them read."""

from __future__ import annotations

from flask import request
from flask_babel import lazy_gettext as _l

from app.api import bp
from app.api.auth import api_user
from app.api.bodies import BadBody
from app.extensions import db
from app.models import Notification
from app.services.notifications import inbox
from app.services.notifications.text import describe


def notification_json(notification: Notification) -> dict:
    return {
        "id": notification.id,
        "kind": notification.kind.value,
        "claim_id": notification.claim_id,
        "text": describe(notification),
        "created_at": notification.created_at.isoformat(),
        "read": notification.read,
    }


def _whole(name: str, default: int | None, low: int, high: int) -> int | None:
    """Return a whole-number query argument within [low, high]; BadBody (400) otherwise."""
    value = request.args.get(name, "")
    if not value:
        return default
    if not (value.isascii() and value.isdigit() and len(value) <= 10 and low <= int(value) <= high):
        raise BadBody(
            _l(
                "%(name)s must be a whole number from %(low)d to %(high)d.",
                name=name,
                low=low,
                high=high,
            )
        )
    return int(value)


@bp.route("/notifications")
def list_notifications():
    """Return the token owner's notifications, newest first; `text` is in the asked language.
    ---
    get:
      description: >
        Keyset paged: pass the answer's `next_before` as `before` for the next page (null on
        the last). `text` follows Accept-Language (Thai or English).
      parameters:
        - name: unread
          in: query
          description: "1: only the unread"
          schema: {type: string, enum: ["0", "1"]}
        - name: before
          in: query
          description: only notifications with a smaller id
          schema: {type: integer, minimum: 1}
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 100, default: 30}}
      responses:
        200:
          description: Notifications, newest first.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/NotificationPage"}
    """
    before = _whole("before", None, 1, 2**31 - 1)
    limit = _whole("limit", inbox.PAGE, 1, inbox.MAX_PAGE)
    unread = request.args.get("unread", "0")
    if unread not in ("0", "1"):
        raise BadBody(_l("unread must be 0 or 1."))
    page = inbox.notifications(db.session, api_user(), unread == "1", before, limit)
    return {"items": [notification_json(n) for n in page.items], "next_before": page.next_before}


@bp.route("/notifications/<id:notification_id>/read", methods=["POST"])
def read_notification(notification_id: int):
    """Mark one of the token owner's notifications read (404 for anyone else's).
    ---
    post:
      responses:
        200:
          description: The notification, now read.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Notification"}
    """
    notification = inbox.mark_read(db.session, api_user(), notification_id)
    db.session.commit()
    return notification_json(notification)


@bp.route("/notifications/read-all", methods=["POST"])
def read_all_notifications():
    """Mark every notification of the token owner read.
    ---
    post:
      responses:
        200:
          description: How many were unread.
          content:
            application/json:
              schema: {type: object, required: [marked], properties: {marked: {type: integer}}}
    """
    marked = inbox.mark_all_read(db.session, api_user())
    db.session.commit()
    return {"marked": marked}
