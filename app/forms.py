"""The base of every Satja form: WTForms' own messages translated from Satja's catalog.

WTForms ships no Thai catalog, so the messages of the validators and fields Satja uses are marked
here for extraction and translated in app/translations like every other string.
"""

from __future__ import annotations

from flask_babel import get_translations
from flask_wtf import FlaskForm


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
