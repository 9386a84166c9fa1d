"""E-mail notifications through a real SMTP server on 127.0.0.1 (aiosmtpd)."""

import logging
import socket
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller

from app.services import comments
from app.services.notifications import mail
from tests.factories import make_user
from tests.notify_helpers import accepted_claim


class Inbox:
    """Keeps every message the SMTP server receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, envelope.content))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


@pytest.fixture
def with_smtp(app, monkeypatch, smtp_server):
    controller, inbox = smtp_server
    monkeypatch.setitem(app.config, "SATJA_SMTP_URL", f"smtp://127.0.0.1:{controller.port}")
    monkeypatch.setitem(app.config, "SATJA_PUBLIC_URL", "https://satja.example.org")
    return inbox


def _mention(session, reader_wants_mail=True):
    author = make_user(session, "editor")
    reader = make_user(session, "checker")
    reader.email_notifications = reader_wants_mail
    claim = accepted_claim(session, author)
    session.commit()
    comments.add_comment(session, author, claim.id, f"@{reader.email} ช่วยดูตัวเลขผู้ป่วยด้วย")
    return reader, claim


def test_a_mention_arrives_by_email_in_thai_after_the_commit(db_session, with_smtp):
    reader, claim = _mention(db_session)
    assert with_smtp.messages == []  # nothing leaves before the transaction commits
    db_session.commit()
    ((recipients, raw),) = with_smtp.messages
    assert recipients == [reader.email]
    message = message_from_bytes(raw, policy=policy.default)
    assert message["Subject"].startswith("[Satja] Editor กล่าวถึงคุณในความเห็นต่อข้อกล่าวอ้าง")
    body = message.get_content()
    assert message.get_content_charset() == "utf-8"
    assert "“@" in body and "ช่วยดูตัวเลขผู้ป่วยด้วย" in body
    assert f"https://satja.example.org/claims/{claim.id}#comments" in body
    assert "Editor mentioned you on a claim" in body  # and in English below


def test_no_mail_when_the_user_did_not_ask_for_it(db_session, with_smtp):
    _mention(db_session, reader_wants_mail=False)
    db_session.commit()
    assert with_smtp.messages == []


def test_a_rolled_back_change_sends_nothing(db_session, with_smtp):
    _mention(db_session)
    db_session.rollback()
    db_session.commit()
    assert with_smtp.messages == []


def test_nothing_is_attempted_without_smtp(app, db_session, monkeypatch):
    assert app.config["SATJA_SMTP_URL"] is None
    attempts = []
    monkeypatch.setattr(mail, "send", lambda *args: attempts.append(args))
    monkeypatch.setattr(mail, "deliver", lambda *args: attempts.append(args))
    _mention(db_session)
    assert mail.PENDING not in db_session().info
    db_session.commit()
    assert attempts == []


def test_a_server_that_is_down_is_logged_and_the_comment_stays(
    app, client, auth, db_session, monkeypatch, caplog
):
    monkeypatch.setitem(app.config, "SATJA_SMTP_URL", f"smtp://127.0.0.1:{_free_port()}")
    monkeypatch.setitem(app.config, "SATJA_SMTP_TIMEOUT", 2.0)
    author = make_user(db_session, "editor")
    reader = make_user(db_session, "checker")
    reader.email_notifications = True
    claim = accepted_claim(db_session, author)
    db_session.commit()
    auth.login(author.email)
    with caplog.at_level(logging.WARNING, logger=mail.__name__):
        response = auth.post(
            f"/claims/{claim.id}/comments",
            {"body": f"@{reader.email} โปรดตรวจ"},
            form_page=f"/claims/{claim.id}",
            prefix="comment",
        )
    assert response.status_code == 302
    assert "e-mail not sent" in caplog.text
    assert [c.body for c in claim.comments][-1] == f"@{reader.email} โปรดตรวจ"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("smtp://mail.example.org", ("smtp", "mail.example.org", 25, None, None)),
        ("smtp+starttls://u%40x:p%3Aw@mx:2525", ("smtp+starttls", "mx", 2525, "u@x", "p:w")),
        ("smtps://mx", ("smtps", "mx", 465, None, None)),
    ],
)
def test_smtp_urls(url, expected):
    server = mail.parse_smtp_url(url)
    assert (server.scheme, server.host, server.port, server.username, server.password) == expected


def test_a_wrong_smtp_url_is_refused():
    with pytest.raises(ValueError):
        mail.parse_smtp_url("http://mail.example.org")
