"""SATJA_PROXY_FIX parsing and the escaping of control characters in log records."""

import logging

import pytest

from app import logs
from app.config import ConfigError, proxy_fix_settings


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", None),
        ("0", None),
        ("1", {"x_for": 1, "x_proto": 1}),
        ("x_for=2, x_proto=1,x_host=1", {"x_for": 2, "x_proto": 1, "x_host": 1}),
    ],
)
def test_proxy_fix_settings(value, expected):
    assert proxy_fix_settings(value) == expected


@pytest.mark.parametrize("value", ["yes", "x_for", "x_for=a", "x_forwarded=1", "x_for=99"])
def test_proxy_fix_settings_refuse_what_they_do_not_understand(value):
    with pytest.raises(ConfigError, match="SATJA_PROXY_FIX"):
        proxy_fix_settings(value)


def test_escape_control_keeps_thai_and_escapes_controls():
    text = "ข้อกล่าวอ้าง\r\nforged\ttab\x1b[31m\x00\x7f\x85\u2028\u202e"
    assert logs.escape_control(text) == (
        "ข้อกล่าวอ้าง\\r\\nforged\\ttab\\x1b[31m\\x00\\x7f\\x85\\u2028\\u202e"
    )


def test_a_logged_value_with_a_newline_stays_one_line(caplog):
    logs.install()
    logs.install()  # idempotent
    with caplog.at_level(logging.INFO, logger="satja.test"):
        logging.getLogger("satja.test").info("title %s", "first\nsecond")
    [record] = caplog.records
    assert record.getMessage() == "title first\\nsecond"
    assert len(caplog.text.strip().splitlines()) == 1


def test_a_traceback_keeps_its_lines(caplog):
    logs.install()
    with caplog.at_level(logging.ERROR, logger="satja.test"):
        try:
            raise ValueError("boom")
        except ValueError:
            logging.getLogger("satja.test").exception("failed %s", "x\ny")
    assert "failed x\\ny" in caplog.text and "Traceback" in caplog.text
    assert len(caplog.text.strip().splitlines()) > 1
