"""How the desk's pages say why two claims may be the same: the matcher's reasons, in words."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from app.i18n import format_iso
from app.matching.facts import place_name

SAME = {
    "words": _l("Shared words: %(values)s"),
    "numbers": _l("Same numbers: %(values)s"),
    "dates": _l("Same dates: %(values)s"),
    "places": _l("Same places: %(values)s"),
    "claimant": _l("Same claimant"),
    "url": _l("Same web address"),
}
DIFFERS = {
    "words": _l("Different words: %(this)s here, %(other)s there"),
    "numbers": _l("Numbers differ: %(this)s here, %(other)s there"),
    "dates": _l("Dates differ: %(this)s here, %(other)s there"),
    "places": _l("Places differ: %(this)s here, %(other)s there"),
    "numbers_one_side": _l("Only one names the numbers %(values)s"),
    "dates_one_side": _l("Only one names the dates %(values)s"),
    "places_one_side": _l("Only one names %(values)s"),
    "negation": _l("One says the opposite (a negation)"),
    "claimant": _l("Different claimants"),
    "short": _l("Too short to link without a person"),
}


def _date(value: str, language: str) -> str:
    """Say an ISO 8601 year (1945), month (--08) or day (--08-15) in the reader's calendar."""
    if value.startswith("--"):
        month, _, day = value[2:].partition("-")
        if (
            not (month.isascii() and month.isdigit() and len(month) <= 2)
            or not 1 <= int(month) <= 12
        ):
            return value
        day = day if day.isascii() and day.isdigit() and len(day) <= 2 else ""
        fmt = "d MMMM" if day else "MMMM"
        try:  # 2000 is a leap year: 29 February is a day of it
            moment = date(2000, int(month), int(day) if day else 1)
        except ValueError:
            return value
        return format_date(moment, fmt, locale=language)
    return format_iso(value)


def _words(values, code: str, language: str) -> str:
    values = list(values or [])
    if code.startswith("places"):
        values = [place_name(v, language) for v in values]
    elif code.startswith("dates"):
        values = [_date(v, language) for v in values]
    return ", ".join(values) or "—"


def match_reasons(reasons: list[dict]) -> list[tuple[str, str]]:
    """Return (kind, sentence) for each reason: what agrees first, then what differs."""
    language = str(get_locale() or "th")
    found = []
    for reason in sorted(reasons or [], key=lambda r: r.get("kind") != "same"):
        code, kind = reason.get("code", ""), reason.get("kind", "")
        table = SAME if kind == "same" else DIFFERS
        if code not in table:
            continue
        both = reason.get("this", []) + reason.get("other", [])
        found.append(
            (
                kind,
                str(table[code])
                % {
                    "values": _words(reason.get("values") or both, code, language),
                    "this": _words(reason.get("this"), code, language),
                    "other": _words(reason.get("other"), code, language),
                },
            )
        )
    return found
