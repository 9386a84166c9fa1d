"""Known fact-checks: the list (searchable), one record, and the import (editors and admins)."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import login_required

from app.claims import bp
from app.claims.forms import FactCheckImportForm
from app.extensions import db
from app.models import KnownFactCheck, Role
from app.results import query_text, search_list
from app.search import Scope
from app.services import factchecks
from app.services.permissions import require_role
from app.web import actor, bounded_page

PER_PAGE = 25
# What the import page shows of the failures (the CLI's --json lists them all).
SHOWN_FAILURES = 100


def _page(form: FactCheckImportForm, report=None, status: int = 200):
    page = search_list(KnownFactCheck, Scope(kinds=("fact_check",))) or bounded_page(
        factchecks.known_query(actor()), PER_PAGE
    )
    return render_template(
        "claims/known.html",
        page=page,
        form=form,
        report=report,
        shown_failures=SHOWN_FAILURES,
        can_import=actor().role.includes(Role.EDITOR),
        q=query_text(),
    ), status


@bp.route("/claims/known")
@login_required
def known_fact_checks():
    """List the fact-checks other organisations published that Satja knows."""
    return _page(FactCheckImportForm(formdata=None))


@bp.route("/claims/known/<id:fact_check_id>")
@login_required
def known_fact_check(fact_check_id: int):
    """Show one known fact-check."""
    item = factchecks.get_known(db.session, actor(), fact_check_id)
    return render_template("claims/known_item.html", item=item)


@bp.route("/claims/known/import", methods=["POST"])
@login_required
def import_known():
    """Import files of known fact-checks; each item not taken is listed with its reason."""
    form = FactCheckImportForm()
    require_role(actor(), Role.EDITOR)
    if not form.validate_on_submit():
        return _page(form, status=400)
    files = [(f.filename or "upload", f.read()) for f in form.files.data if f]
    report = factchecks.import_files(db.session, actor(), files, max_items=factchecks.WEB_MAX_ITEMS)
    db.session.commit()
    flash(
        ngettext(
            "%(num)d known fact-check imported.",
            "%(num)d known fact-checks imported.",
            report.imported,
        )
        + " "
        + _(
            "%(dup)d already known; %(failed)d could not be imported.",
            dup=report.duplicates,
            failed=len(report.failed),
        ),
        "success" if not report.unreadable else "error",
    )
    if not report.failed:
        return redirect(url_for("claims.known_fact_checks"))
    return _page(FactCheckImportForm(formdata=None), report, 200)
