"""Forms for adding articles."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectField, StringField, SubmitField, TextAreaField, URLField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from app.forms import DayField, SatjaForm

LANGUAGE_CHOICES = [
    SelectChoice("", _l("Detect from the text")),
    SelectChoice("th", _l("Thai")),
    SelectChoice("en", _l("English")),
    SelectChoice("mixed", _l("Thai and English")),
]


class MetadataFields:
    """Metadata a user may give with any article."""

    title = StringField(_l("Title"), validators=[Optional(), Length(max=500)])
    outlet = StringField(_l("Outlet"), validators=[Optional(), Length(max=200)])
    author = StringField(_l("Author"), validators=[Optional(), Length(max=200)])
    published = StringField(
        _l("Published"),
        validators=[Optional(), Length(max=60)],
        description=_l("e.g. 15 สิงหาคม 2568, 2025-08-15 or 15/08/2568"),
    )
    language = SelectField(_l("Language"), choices=LANGUAGE_CHOICES, default="")


class TextForm(MetadataFields, SatjaForm):
    """Pasted text."""

    text = TextAreaField(_l("Article text"), validators=[DataRequired()])
    url = URLField(
        _l("Address (if it was published online)"), validators=[Optional(), Length(max=2048)]
    )
    submit = SubmitField(_l("Add article"))


class FileForm(MetadataFields, SatjaForm):
    """An uploaded .txt, .html, .docx or .pdf file."""

    file = FileField(_l("File (.txt, .html, .docx, .pdf)"), validators=[FileRequired()])
    submit = SubmitField(_l("Upload"))


class UrlForm(MetadataFields, SatjaForm):
    """A web address to fetch."""

    url = URLField(_l("Web address"), validators=[DataRequired(), Length(max=2048)])
    submit = SubmitField(_l("Fetch and add"))


class BulkForm(SatjaForm):
    """A JSON Lines or CSV file of articles."""

    file = FileField(_l("Bulk file (.jsonl or .csv)"), validators=[FileRequired()])
    submit = SubmitField(_l("Start the import"))


class ArticleFilterForm(SatjaForm):
    """Filters of the article list (a GET form)."""

    class Meta:
        csrf = False

    outlet = StringField(_l("Outlet"), validators=[Optional(), Length(max=200)])
    language = SelectField(
        _l("Language"),
        default="",
        choices=[SelectChoice("", _l("Any language")), *LANGUAGE_CHOICES[1:]],
    )
    since = DayField(_l("Published from"), validators=[Optional()])
    until = DayField(_l("Published until"), validators=[Optional()])
