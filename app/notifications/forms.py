"""Forms of the notification centre and the account's e-mail setting."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SubmitField

from app.forms import SatjaForm


class MarkReadForm(SatjaForm):
    """Mark one notification, or all of them, read (a CSRF-protected POST)."""


class EmailSettingForm(SatjaForm):
    """Whether notifications also come by e-mail."""

    email_notifications = BooleanField(_l("E-mail me my notifications"))
    save = SubmitField(_l("Save the e-mail setting"))
