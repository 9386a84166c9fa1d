"""E-mail notifications: queued in the transaction, handed to the job runner once it commits.

Nothing is sent unless SATJA_SMTP_URL is set and the recipient turned e-mail on. A notification
waits in its session until the transaction commits (a rollback forgets it, and a savepoint
rolled back leaves its notifications transient, so they are skipped); then each one is handed
to `app.jobs.enqueue`, which sends it outside the request (in the jobs thread, or inline in
tests). Sending reads in a session of its own: the committing session may not emit SQL from
its after-commit hook. A failing SMTP server is logged and forgotten: the change stays done.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid
from urllib.parse import unquote, urlsplit

import sqlalchemy as sa
from flask import current_app, has_app_context
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import event
from sqlalchemy.orm import Session, joinedload

from app.forms import N_
from app.models import Notification

log = logging.getLogger(__name__)
PENDING = "notifications_mail"
TARGET = "app.services.notifications.mail:deliver"
SCHEMES = {"smtp": 25, "smtp+starttls": 587, "smtps": 465}
WHY = N_("You receive this because you turned on e-mail notifications in your Satja account.")


@dataclass(frozen=True)
class SmtpServer:
    """Where and how to send: from SATJA_SMTP_URL."""

    scheme: str
    host: str
    port: int
    username: str | None = None
    password: str | None = None


def parse_smtp_url(url: str) -> SmtpServer:
    """Read smtp://, smtp+starttls:// or smtps://[user:password@]host[:port]; ValueError if not."""
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES or not parts.hostname:
        raise ValueError("SATJA_SMTP_URL must be smtp://, smtp+starttls:// or smtps://host[:port]")
    return SmtpServer(
        parts.scheme,
        parts.hostname,
        parts.port or SCHEMES[parts.scheme],
        unquote(parts.username) if parts.username else None,
        unquote(parts.password) if parts.password else None,
    )


def queue(session: Session, notifications: list[Notification]) -> None:
    """Keep the notifications whose recipients want e-mail until the transaction commits."""
    if not notifications or not current_app.config.get("SATJA_SMTP_URL"):
        return
    wanted = [n for n in notifications if n.recipient.email_notifications]
    session.info.setdefault(PENDING, []).extend(wanted)


def _after_commit(session: Session) -> None:
    if session.in_nested_transaction() or not session.info.get(PENDING):
        return
    states = [sa.inspect(n) for n in session.info.pop(PENDING)]
    ids = [s.identity[0] for s in states if s.identity and not s.deleted and not s.was_deleted]
    if not has_app_context():
        log.warning("%d notification e-mails not sent: no application context", len(ids))
        return
    from app.jobs import enqueue

    for notification_id in ids:
        enqueue(TARGET, notification_id)


def _after_soft_rollback(session: Session, previous) -> None:
    if previous.parent is None:
        session.info.pop(PENDING, None)


def install() -> None:
    """Listen to every session's commits and rollbacks (once per process)."""
    if not event.contains(Session, "after_commit", _after_commit):
        event.listen(Session, "after_commit", _after_commit)
        event.listen(Session, "after_soft_rollback", _after_soft_rollback)


def _message(notification: Notification, public_url: str, sender: str) -> EmailMessage:
    """Build the e-mail: the sentence in Thai, then in English, each with the claim's link."""
    from app.services.notifications.text import claim_path, describe

    link = public_url.rstrip("/") + claim_path(notification)
    parts, footer = [], []
    for locale in ("th", "en"):
        with force_locale(locale):
            parts.append((describe(notification), _("Open the claim: %(link)s", link=link)))
            footer.append(_(WHY))
    message = EmailMessage()
    message["Subject"] = "[Satja] " + parts[0][0][:150]
    message["From"] = sender
    message["To"] = notification.recipient.email
    message["Message-ID"] = make_msgid(domain=urlsplit(public_url).hostname or "satja")
    body = "\n\n".join(f"{text}\n{open_link}" for text, open_link in parts)
    message.set_content(f"{body}\n\n-- \n{chr(10).join(footer)}\n", charset="utf-8")
    return message


def send(message: EmailMessage, server: SmtpServer, timeout: float) -> None:
    """Hand one message to the SMTP server."""
    context = ssl.create_default_context()
    if server.scheme == "smtps":
        smtp = smtplib.SMTP_SSL(server.host, server.port, timeout=timeout, context=context)
    else:
        smtp = smtplib.SMTP(server.host, server.port, timeout=timeout)
    with smtp:
        if server.scheme == "smtp+starttls":
            smtp.starttls(context=context)
        if server.username:
            smtp.login(server.username, server.password or "")
        smtp.send_message(message)


def deliver(notification_id: int) -> None:
    """Send one notification by e-mail if SMTP is set up and its recipient still wants it."""
    from app.extensions import db

    config = current_app.config
    if not config.get("SATJA_SMTP_URL"):
        return
    with Session(bind=db.session.get_bind()) as session:
        notification = session.scalar(
            sa.select(Notification)
            .where(Notification.id == notification_id)
            .options(joinedload(Notification.recipient), joinedload(Notification.actor))
        )
        if notification is None or not notification.recipient.email_notifications:
            return
        if not notification.recipient.active:
            return
        message = _message(notification, config["SATJA_PUBLIC_URL"], config["SATJA_MAIL_FROM"])
    try:
        send(message, parse_smtp_url(config["SATJA_SMTP_URL"]), config["SATJA_SMTP_TIMEOUT"])
    except (OSError, smtplib.SMTPException) as error:
        log.warning("notification %s: e-mail not sent (%s)", notification_id, error)
