"""The period report's form: two days typed in either era."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms.validators import InputRequired

from app.forms import DayField, SatjaForm


class PeriodForm(SatjaForm):
    """A period report's first and last day (a GET form; its names are the PDF's parameters)."""

    class Meta:
        csrf = False

    since = DayField(_l("From"), name="from", validators=[InputRequired()])
    until = DayField(_l("To"), name="to", validators=[InputRequired()])
