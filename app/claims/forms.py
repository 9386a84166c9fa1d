"""Forms of the claim page and the queue; each carries the version it was based on."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, MultipleFileField
from wtforms import (
    DecimalField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
    URLField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    AnyOf,
    DataRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from app.forms import DayField, SatjaForm
from app.inputs.limits import column_limit
from app.models import Claim, Comment, Source, Verdict
from app.models.claim import MAX_CLAIM_TEXT
from app.search.query import read_period

STANCES = [
    SelectChoice("supports", _l("Supports the claim")),
    SelectChoice("refutes", _l("Refutes the claim")),
    SelectChoice("context", _l("Context")),
]
SOURCE_TYPES = [
    SelectChoice("primary", _l("Primary (the origin of the information)")),
    SelectChoice("secondary", _l("Secondary (reports on it)")),
]


class VersionedForm(SatjaForm):
    """A form that says which version of the object it was based on."""

    version = HiddenField()


class ActionForm(VersionedForm):
    """A one-button action (accept, submit, approve, publish...)."""

    submit = SubmitField()


class ClaimEditForm(VersionedForm):
    text = TextAreaField(_l("Claim"), validators=[DataRequired(), Length(max=MAX_CLAIM_TEXT)])
    claimant = StringField(
        _l("Claimant"), validators=[Optional(), Length(max=column_limit(Claim.claimant))]
    )
    claim_date = DayField(_l("Claim date"), validators=[Optional()])
    reported_by = StringField(
        _l("Reported by (who passed the words on)"),
        validators=[Optional(), Length(max=column_limit(Claim.reported_by))],
    )
    submit = SubmitField(_l("Save claim"))


class DismissForm(VersionedForm):
    reason = StringField(_l("Reason for dismissing"), validators=[DataRequired(), Length(max=500)])
    submit = SubmitField(_l("Dismiss"))


class MergeForm(VersionedForm):
    # Chosen among the claims a search found (the claim page lists them as radio buttons).
    into = IntegerField(
        _l("Claim to merge into"),
        validators=[
            DataRequired(_l("Find the claim to merge into, then choose it.")),
            NumberRange(min=1, max=2**31 - 1),
        ],
    )
    submit = SubmitField(_l("Merge"))


class AssignForm(VersionedForm):
    assignee = SelectField(_l("Assignee"), validate_choice=True)
    submit = SubmitField(_l("Assign"))


class SourceForm(SatjaForm):
    url = URLField(
        _l("Web address"),
        validators=[Optional(), Length(max=column_limit(Source.url))],
        description=_l(
            "Saved at once; Satja then archives the page's text in the background. Pages that "
            "cannot be fetched (Facebook, X, paywalls) are kept all the same."
        ),
    )
    title = StringField(
        _l("Title"), validators=[Optional(), Length(max=column_limit(Source.title))]
    )
    publisher = StringField(
        _l("Publisher"), validators=[Optional(), Length(max=column_limit(Source.publisher))]
    )
    published = StringField(_l("Published"), validators=[Optional(), Length(max=60)])
    excerpt = TextAreaField(
        _l("Quoted excerpt"), validators=[Optional(), Length(max=column_limit(Source.excerpt))]
    )
    stance = SelectField(_l("Stance"), choices=STANCES, default="context")
    source_type = SelectField(_l("Source type"), choices=SOURCE_TYPES, default="secondary")
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=column_limit(Source.note))])
    # Checked by its content in services/archiving/files.py, not by its name.
    file = FileField(
        _l("File (screenshot or PDF)"),
        description=_l("PNG, JPEG, WebP, GIF or PDF; a PDF's text is archived."),
    )
    submit = SubmitField(_l("Add source"))


class SourceEditForm(SourceForm, VersionedForm):
    file = None  # a source's file is what was seen: it is not replaced
    submit = SubmitField(_l("Save source"))


class VerdictForm(VersionedForm):
    rating = SelectField(
        _l("Rating"), validate_choice=True, validators=[DataRequired(_l("Choose a rating."))]
    )
    conclusion = StringField(
        _l("Conclusion (one line)"),
        validators=[DataRequired(), Length(max=column_limit(Verdict.conclusion))],
    )
    explanation = TextAreaField(
        _l("Explanation (Markdown)"),
        validators=[Length(max=column_limit(Verdict.explanation))],
        render_kw={"data-markdown-preview": ""},
    )
    correction_note = TextAreaField(
        _l("Public correction note"),
        validators=[Optional(), Length(max=column_limit(Verdict.correction_note))],
    )
    submit = SubmitField(_l("Save verdict"))


class SendBackForm(VersionedForm):
    comment = TextAreaField(
        _l("What needs to change"),
        validators=[DataRequired(), Length(max=column_limit(Comment.body))],
    )
    submit = SubmitField(_l("Send back"))


class CommentForm(SatjaForm):
    body = TextAreaField(
        _l("Comment"),
        validators=[DataRequired(), Length(max=column_limit(Comment.body))],
        description=_l("Mention a colleague with @ and their e-mail name."),
    )
    submit = SubmitField(_l("Comment"))


# Where the queue keeps a dismiss reason typed before a refusal, for the next page to show.
TRIAGE_REASON = "triage_reason"


class TriageForm(SatjaForm):
    """Several queue items at once."""

    reason = StringField(_l("Reason for dismissing"), validators=[Optional(), Length(max=500)])
    accept = SubmitField(_l("Accept selected"))
    dismiss = SubmitField(_l("Dismiss selected"))


class QueueFilterForm(SatjaForm):
    """Filters of the triage queue (a GET form)."""

    class Meta:
        csrf = False

    article = IntegerField(
        _l("Article number"), validators=[Optional(), NumberRange(min=1, max=2**31 - 1)]
    )
    outlet = StringField(_l("Outlet"), validators=[Optional(), Length(max=200)])
    language = SelectField(
        _l("Language"),
        default="",
        choices=[
            SelectChoice("", _l("Any language")),
            SelectChoice("th", _l("Thai")),
            SelectChoice("en", _l("English")),
        ],
    )
    min_score = DecimalField(
        _l("Lowest score"), places=2, validators=[Optional(), NumberRange(min=0, max=1)]
    )
    since = DayField(_l("Published from"), validators=[Optional()])


class WorkSearchForm(SatjaForm):
    """Search in My work: words, whose work, rating and dates (a GET form)."""

    class Meta:
        csrf = False

    q = StringField(_l("Words"), validators=[Optional(), Length(max=500)])
    # Choices are set from the users and the rating scale before validation.
    assignee = SelectField(_l("Assigned to"), default="")
    rating = SelectField(_l("Rating"), default="")
    since = StringField(_l("From"), validators=[Optional(), Length(max=40)])
    until = StringField(_l("To"), validators=[Optional(), Length(max=40)])

    def validate_since(self, field) -> None:
        _check_day(field)

    def validate_until(self, field) -> None:
        _check_day(field)

    def query(self) -> str:
        """Return the search the form stands for, in the query language."""
        # The form's filters come first: words typed up to the length limit never push them out.
        parts = [f"rating:{self.rating.data}"] if self.rating.data else []
        for key, value in (("from", self.since.data), ("to", self.until.data)):
            if value and value.strip():
                parts.append(f'{key}:"{value.strip().replace(chr(34), " ")}"')
        return " ".join([*parts, self.q.data or ""]).strip()


def _check_day(field) -> None:
    if field.data and field.data.strip() and read_period(field.data) is None:
        raise ValidationError(_l("Write a date such as 15/08/2568, 2025-08-15 or 2568."))


class MatchDecisionForm(SatjaForm):
    """A person's answer to "possibly the same as …": the same claim, or a different one."""

    kind = HiddenField(validators=[DataRequired(), AnyOf(("claim", "fact_check"))])
    other = HiddenField(validators=[DataRequired(), Regexp(r"^[1-9]\d{0,9}$")])
    same = SubmitField(_l("Same claim"))
    different = SubmitField(_l("Different claim"))


class FactCheckImportForm(SatjaForm):
    """Files of fact-checks other organisations published, to import."""

    files = MultipleFileField(
        _l("Files (ClaimReview .json or .html, Fact Check Tools .json, AFNC .csv)"),
        validators=[DataRequired(_l("Choose at least one file."))],
    )
    submit = SubmitField(_l("Import"))
