"""Forms of the admin pages."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    EmailField,
    IntegerField,
    PasswordField,
    SelectField,
    StringField,
    SubmitField,
    URLField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from app.forms import DayField, SatjaForm
from app.labels import ROLE_LABELS
from app.models import Role
from app.services.passwords import MAX_LENGTH, MIN_LENGTH


def role_choices() -> list[tuple[str, object]]:
    """Return the roles for a select field, lowest first."""
    return [(role.value, ROLE_LABELS[role]) for role in Role]


class NewUserForm(SatjaForm):
    """Create an account."""

    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])
    name = StringField(_l("Name"), validators=[Optional(), Length(max=200)])
    role = SelectField(_l("Role"), choices=role_choices, default=Role.CHECKER.value)
    password = PasswordField(
        _l("Initial password"), validators=[DataRequired(), Length(min=MIN_LENGTH, max=MAX_LENGTH)]
    )
    submit = SubmitField(_l("Create user"))


class RoleForm(SatjaForm):
    """Change one user's role."""

    role = SelectField(_l("Role"), choices=role_choices)
    submit = SubmitField(_l("Change role"))


class ActiveForm(SatjaForm):
    """Deactivate or reactivate a user (the button says which)."""

    submit = SubmitField()


class AuditFilterForm(SatjaForm):
    """Filters of the audit trail (a GET form, so no CSRF token)."""

    class Meta:
        csrf = False

    actor = SelectField(_l("Actor"), default="")
    action = SelectField(_l("Action"), default="")
    object_type = SelectField(_l("Object type"), default="")
    object_id = StringField(_l("Object id"), validators=[Optional(), Length(max=40)])
    since = DayField(_l("From"), validators=[Optional()])
    until = DayField(_l("Until"), validators=[Optional()])


class RatingForm(SatjaForm):
    """A label of the rating scale."""

    key = StringField(
        _l("Key"),
        validators=[DataRequired(), Length(max=40)],
        description=_l("lower-case letters and _, e.g. mostly_false"),
    )
    label_th = StringField(_l("Thai label"), validators=[DataRequired(), Length(max=100)])
    label_en = StringField(_l("English label"), validators=[DataRequired(), Length(max=100)])
    sort_order = IntegerField(
        _l("Order"), validators=[DataRequired(), NumberRange(min=-1000, max=1000)]
    )
    value = IntegerField(
        _l("Value on the scale"),
        validators=[Optional()],
        description=_l("1 (worst) upward; empty for off-scale labels"),
    )
    submit = SubmitField(_l("Save rating"))


class OrganisationForm(SatjaForm):
    """The organisation named on public pages, in ClaimReview and on PDF reports."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    url = URLField(_l("Web site"), validators=[DataRequired(), Length(max=500)])
    logo_url = URLField(_l("Logo address"), validators=[Optional(), Length(max=500)])
    methodology_url = URLField(
        _l("Methodology page"),
        validators=[Optional(), Length(max=500)],
        description=_l("Leave empty to use Satja's own methodology page."),
    )
    corrections_url = URLField(_l("Corrections policy"), validators=[Optional(), Length(max=500)])
    submit = SubmitField(_l("Save"))
