"""Forms for signing in and changing one's password."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, IntegerField, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length, NumberRange, Optional

from app.forms import SatjaForm
from app.services.passwords import MAX_LENGTH, MIN_LENGTH
from app.services.tokens import MAX_EXPIRY_DAYS


class LoginForm(SatjaForm):
    """E-mail and password."""

    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=MAX_LENGTH)])
    remember = BooleanField(_l("Keep me signed in on this device"))
    submit = SubmitField(_l("Sign in"))


class ChangePasswordForm(SatjaForm):
    """The current password and the new one, twice."""

    current_password = PasswordField(_l("Current password"), validators=[DataRequired()])
    new_password = PasswordField(
        _l("New password"), validators=[DataRequired(), Length(min=MIN_LENGTH, max=MAX_LENGTH)]
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("new_password", message=_l("The passwords differ."))],
    )
    submit = SubmitField(_l("Change password"))


class NewTokenForm(SatjaForm):
    """A label for a new API token and, optionally, how many days it lasts."""

    name = StringField(_l("Label"), validators=[Optional(), Length(max=100)])
    expires_days = IntegerField(
        _l("Expires after (days)"),
        validators=[Optional(), NumberRange(min=1, max=MAX_EXPIRY_DAYS)],
    )
    submit = SubmitField(_l("Create token"))


class RevokeTokenForm(SatjaForm):
    """Revoke one token (the CSRF token is all it carries)."""

    submit = SubmitField(_l("Revoke"))
