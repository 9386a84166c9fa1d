"""Log records with control characters escaped, so a logged value cannot forge or hide lines."""

from __future__ import annotations

import logging
import re

# C0 and C1 controls (CR, LF, ESC...), DEL, Unicode line and paragraph separators, and the
# bidirectional overrides that can make a log line read differently from what it holds.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def escape_control(text: str) -> str:
    """Return the text with each control character written as a visible escape (\\n, \\x1b...)."""
    return CONTROL.sub(_escape, text)


def _escape(match: re.Match) -> str:
    char = match.group()
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char)
    if named:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


class EscapedLogRecord(logging.LogRecord):
    """A record whose message (the format with its arguments) has its controls escaped.

    Escaping at creation holds whatever handler writes the record (gunicorn's, a file,
    pytest's); a traceback, formatted from `exc_info` by the handler, keeps its lines.
    """

    def getMessage(self) -> str:  # the name logging calls
        return escape_control(super().getMessage())


def install() -> None:
    """Make every log record of this process escape its controls (idempotent)."""
    current = logging.getLogRecordFactory()
    if current is EscapedLogRecord or getattr(current, "escapes_control", False):
        return
    if current is logging.LogRecord:
        logging.setLogRecordFactory(EscapedLogRecord)
        return

    def escaping_factory(*args, **kwargs) -> logging.LogRecord:
        # Someone else's factory: keep it, and escape the message it would give.
        record = current(*args, **kwargs)
        record.msg, record.args = escape_control(record.getMessage()), ()
        return record

    escaping_factory.escapes_control = True
    logging.setLogRecordFactory(escaping_factory)
