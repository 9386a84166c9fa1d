"""The base of every Satja form: WTForms' own messages translated from Satja's catalog.

WTForms ships no Thai catalog, so the messages of the validators and fields Satja uses are marked
here for extraction and translated in app/translations like every other string.
"""

from __future__ import annotations

from flask_babel import get_translations
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField

from app.i18n import input_day
from app.ingest.errors import IngestError
from app.ingest.text import parse_published


def N_(message: str) -> str:
    """Mark a message for extraction only (it is translated where WTForms uses it)."""
    return message


def N_plural(singular: str, plural: str) -> tuple[str, str]:
    """Mark a message with a plural form for extraction only."""
    return singular, plural


WTFORMS_MESSAGES = (
    N_("This field is required."),
    N_("Not a valid choice."),
    N_("Invalid Choice: could not coerce."),
    N_("Not a valid date value."),
    N_("Not a valid integer value."),
    N_("Not a valid decimal value."),
    N_("Number must be at least %(min)s."),
    N_("Number must be at most %(max)s."),
    N_("Number must be between %(min)s and %(max)s."),
    N_("Invalid email address."),
    N_("Invalid URL."),
    N_("Field must be equal to %(other_name)s."),
    N_("Field must be between %(min)d and %(max)d characters long."),
    N_plural(
        "Field must be at least %(min)d character long.",
        "Field must be at least %(min)d characters long.",
    ),
    N_plural(
        "Field cannot be longer than %(max)d character.",
        "Field cannot be longer than %(max)d characters.",
    ),
)


class SatjaForm(FlaskForm):
    """A Flask-WTF form whose built-in messages follow the reader's language."""

    class Meta(FlaskForm.Meta):
        def get_translations(self, form):
            return get_translations()


DAY_HINT = _l("Buddhist or Common Era, e.g. 15/08/2568 or 2025-08-15")
DAY_ERROR = _l(
    "“%(value)s” is not a day Satja can read: write it as 15/08/2568 (Buddhist Era) "
    "or 2025-08-15 (Common Era)."
)


class DayField(StringField):
    """A day typed in either era (15/08/2568, 2025-08-15, 15 ส.ค. 2568), shown in the reader's.

    A browser's date picker would take 2568 as a Common-Era year; a text box read by Satja's
    date parser takes a year after 2400 as Buddhist Era, and refuses years it cannot place.
    """

    def __init__(self, label=None, validators=None, **kwargs) -> None:
        kwargs.setdefault("description", DAY_HINT)
        render_kw = {"autocomplete": "off", "placeholder": "15/08/2568", "size": 14}
        kwargs["render_kw"] = render_kw | kwargs.get("render_kw", {})
        super().__init__(label, validators, **kwargs)

    def process_formdata(self, valuelist) -> None:
        typed = valuelist[0].strip() if valuelist else ""
        self.data = None
        if typed:
            try:
                self.data = parse_published(typed[:60])
            except IngestError:
                raise ValueError(DAY_ERROR % {"value": typed[:60]}) from None

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return input_day(self.data)
