"""Search inside My work: one's own (or a colleague's) open claims by words, rating and date."""

from __future__ import annotations

from flask import request
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from wtforms.fields.choices import SelectChoice

from app.claims.forms import WorkSearchForm
from app.claims.page import checker_choices
from app.extensions import db
from app.models import Claim
from app.results import SearchPage, search_list
from app.search import Scope
from app.services import ratings
from app.services.claims import LIST_LOADING
from app.services.comments import OPEN_WORK
from app.web import actor


def work_form() -> WorkSearchForm:
    """Return the My work search form with its choices: who, and the rating scale."""
    form = WorkSearchForm(formdata=request.args)
    form.assignee.choices = [SelectChoice("", _l("Me")), *checker_choices(actor().id)]
    locale = str(get_locale())
    form.rating.choices = [SelectChoice("", _l("Any rating"))] + [
        SelectChoice(r.key, r.label(locale)) for r in ratings.scale(db.session)
    ]
    return form


def work_search(form: WorkSearchForm) -> SearchPage | None:
    """Return the open claims of the chosen person matching the form, or None if unasked."""
    if not request.args or not form.validate():
        return None
    # A validated choice: empty (me) or the id of an active checker listed in the form.
    assignee = int(form.assignee.data) if form.assignee.data else actor().id
    scope = Scope(
        kinds=("claim",), statuses=tuple(s.value for s in OPEN_WORK), assignee_id=assignee
    )
    return search_list(Claim, scope, *LIST_LOADING, text=form.query())
