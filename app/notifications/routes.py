"""Notification centre, review inbox and e-mail setting: thin views over the services."""

from __future__ import annotations

from datetime import datetime

from babel.dates import format_timedelta
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import transactions
from app.database import utcnow
from app.extensions import db
from app.notifications import bp
from app.notifications.forms import EmailSettingForm, MarkReadForm
from app.services.notifications import inbox, settings
from app.services.notifications.text import ANCHORS, describe
from app.web import actor, safe_next

BADGE_MAX = 99


def _before() -> int | None:
    """Return the `before` id of a keyset page; 400 unless it is a positive whole number."""
    value = request.args.get("before", "")
    if not value:
        return None
    if not (value.isascii() and value.isdigit() and len(value) <= 10 and int(value) >= 1):
        abort(400)
    return int(value)


@bp.route("/notifications")
@login_required
def notification_list():
    """Show the signed-in user's notifications, newest first (only the unread with ?unread=1)."""
    unread_only = request.args.get("unread") == "1"
    page = inbox.notifications(db.session, actor(), unread_only, _before())
    return render_template(
        "notifications/list.html",
        page=page,
        unread_only=unread_only,
        form=MarkReadForm(),
        describe=describe,
    )


@bp.route("/notifications/<id:notification_id>")
@login_required
def open_notification(notification_id: int):
    """Mark a notification read and open the part of the claim page it is about."""
    with transactions.writing():  # a GET that writes (the link is what the reader follows)
        notification = inbox.mark_read(db.session, actor(), notification_id)
        claim_id, kind = notification.claim_id, notification.kind
    return redirect(url_for("claims.claim", claim_id=claim_id) + ANCHORS[kind])


@bp.route("/notifications/<id:notification_id>/read", methods=["POST"])
@login_required
def mark_read(notification_id: int):
    """Mark one notification read and come back."""
    if not MarkReadForm().validate_on_submit():
        abort(400)
    inbox.mark_read(db.session, actor(), notification_id)
    db.session.commit()
    flash(_("Marked as read."), "success")
    return redirect(safe_next("notifications.notification_list"))


@bp.route("/notifications/read-all", methods=["POST"])
@login_required
def mark_all_read():
    """Mark every notification read and come back."""
    if not MarkReadForm().validate_on_submit():
        abort(400)
    count = inbox.mark_all_read(db.session, actor())
    db.session.commit()
    flash(_("All notifications marked as read (%(num)d).", num=count), "success")
    return redirect(safe_next("notifications.notification_list"))


@bp.route("/review-inbox")
@login_required
def review_inbox():
    """List the verdicts waiting for the signed-in editor's review, the longest waiting first."""
    verdicts = inbox.review_inbox(db.session, actor())
    return render_template(
        "notifications/review_inbox.html", verdicts=verdicts, inbox_limit=inbox.INBOX
    )


@bp.route("/account/notifications", methods=["POST"])
@login_required
def email_setting():
    """Save whether the signed-in user's notifications also come by e-mail."""
    form = EmailSettingForm()
    if not form.validate_on_submit():
        abort(400)
    settings.set_email(db.session, actor(), bool(form.email_notifications.data))
    db.session.commit()
    flash(_("E-mail setting saved."), "success")
    return redirect(url_for("auth.change_password"))


@bp.app_template_global()
def header_counts() -> dict[str, int | None]:
    """Return the header's unread notifications and (for editors) verdicts waiting for review."""
    user = actor()
    if user is None:
        return {"unread": 0, "review": None}
    review = inbox.review_count(db.session, user) if inbox.may_review(user) else None
    return {"unread": inbox.unread_count(db.session, user), "review": review}


@bp.app_template_filter("badge")
def badge(count: int) -> str:
    """Show a count the way a badge does: 99+ beyond 99."""
    return f"{BADGE_MAX}+" if count > BADGE_MAX else str(count)


@bp.app_template_filter("waited")
def waited(since: datetime | None) -> str:
    """Say how long something has waited since a time, in the reader's language."""
    if since is None:
        return ""
    return format_timedelta(utcnow() - since, locale=str(get_locale()))


@bp.app_template_global()
def email_setting_form() -> EmailSettingForm:
    """Return the e-mail setting form filled with the signed-in user's choice."""
    form = EmailSettingForm(formdata=None)
    form.email_notifications.data = bool(current_user.email_notifications)
    return form
