"""Language choice and dates shown in the reader's language and calendar."""

from __future__ import annotations

import os
from datetime import date, datetime

from babel.dates import format_date as babel_format_date
from babel.dates import format_time as babel_format_time
from flask import Flask, current_app, has_request_context, request
from flask_babel import get_locale, ngettext, to_user_timezone
from flask_babel import lazy_gettext as _l

LANG_COOKIE = "satja_lang"
LOGIN_MESSAGE = _l("Please sign in to see this page.")
# The Buddhist Era counts from 543 BCE: BE year = CE year + 543.
BUDDHIST_ERA_OFFSET = 543


def supported_languages() -> tuple[str, ...]:
    """Return the interface languages, the default first."""
    return tuple(current_app.config["SATJA_LANGUAGES"])


def select_locale() -> str:
    """Pick the interface language: the reader's choice, then Accept-Language, then Thai."""
    languages = supported_languages()
    if not has_request_context():
        env_lang = os.environ.get("LANG", "")[:2]
        return env_lang if env_lang in languages else "en"
    chosen = request.cookies.get(LANG_COOKIE)
    if chosen in languages:
        return chosen
    return (
        request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]
    )


def _is_thai() -> bool:
    return str(get_locale()).startswith("th")


def format_day(value: date | datetime | None, month: str = "MMMM") -> str:
    """Format a date as the reader expects: Thai with a Buddhist Era year, English with CE."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = to_user_timezone(value).date()
    locale = str(get_locale())
    day_month = babel_format_date(value, f"d {month}", locale=locale)
    year = value.year + BUDDHIST_ERA_OFFSET if _is_thai() else value.year
    return f"{day_month} {year}"


def input_day(value: date | None) -> str:
    """Write a day as the reader types one: 15/08/2568 in Thai, 2025-08-15 in English."""
    if value is None:
        return ""
    if _is_thai():
        return f"{value.day:02d}/{value.month:02d}/{value.year + BUDDHIST_ERA_OFFSET}"
    return value.isoformat()


def format_moment(value: datetime | None) -> str:
    """Format a timestamp in the reader's time zone, calendar and language."""
    if value is None:
        return ""
    local = to_user_timezone(value)
    time = babel_format_time(local, "HH:mm", locale=str(get_locale()))
    return f"{format_day(local, 'MMM')} {time}"


def format_iso(value: str) -> str:
    """Format an ISO date ("2025-08-15") or year ("1945") in the reader's calendar."""
    if len(value) == 10:
        return format_day(date.fromisoformat(value))
    if len(value) == 4 and value.isdigit():
        return str(int(value) + BUDDHIST_ERA_OFFSET) if _is_thai() else value
    return value


def _count(value: float) -> int:
    """Return the whole number that picks a plural form for `value` (1.5 takes the plural)."""
    return 1 if value == 1 else 2


def format_duration(seconds: float | None) -> str:
    """Say how long something took: days from a day up, else hours, else minutes."""
    if seconds is None:
        return "—"
    if seconds >= 86400:
        days = round(seconds / 86400, 1)
        return ngettext("%(value)s day", "%(value)s days", _count(days), value=f"{days:g}")
    if seconds >= 3600:
        hours = round(seconds / 3600, 1)
        return ngettext("%(value)s hour", "%(value)s hours", _count(hours), value=f"{hours:g}")
    minutes = max(1, round(seconds / 60))
    return ngettext("%(num)d minute", "%(num)d minutes", minutes)


def register_template_helpers(app: Flask) -> None:
    """Expose the date filters and the current language to templates."""
    app.add_template_filter(format_day, "day")
    app.add_template_filter(format_iso, "iso_day")
    app.add_template_filter(format_moment, "moment")
    app.add_template_filter(format_duration, "duration")

    @app.context_processor
    def inject_language() -> dict[str, object]:
        return {"current_language": str(get_locale()), "languages": supported_languages()}
