"""Admin views: users, roles, deactivation and the audit trail."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from app.admin import bp
from app.admin.forms import (
    ActiveForm,
    AuditFilterForm,
    NewUserForm,
    OrganisationForm,
    RatingForm,
    RoleForm,
    role_choices,
)
from app.extensions import db
from app.labels import ACTION_LABELS, OBJECT_LABELS, ROLE_LABELS
from app.models import Role
from app.services import accounts, audit, publishing, ratings
from app.services.errors import Conflict, InvalidInput
from app.services.permissions import require_role
from app.web import actor, attach_error, bounded_page


@bp.route("/")
@login_required
def index():
    """Open the admin area at the user list (admins only: others are told so, not sent on)."""
    require_role(actor(), Role.ADMIN)
    return redirect(url_for("admin.users"))


@bp.route("/users", methods=["GET", "POST"])
@login_required
def users():
    """List users and create new ones."""
    query = accounts.users_query(actor())
    form = NewUserForm()
    if form.validate_on_submit():
        new = accounts.NewUser(
            form.email.data, form.password.data, Role(form.role.data), form.name.data or ""
        )
        try:
            created = accounts.create_user(db.session, actor(), new)
        except (InvalidInput, Conflict) as error:
            attach_error(form, InvalidInput(error.message, getattr(error, "field", "email")))
        else:
            db.session.commit()
            flash(_("User %(email)s created.", email=created.email), "success")
            return redirect(url_for("admin.users"))
    listed = db.session.scalars(query).all()
    return render_template("admin/users.html", users=listed, form=form, role_choices=role_choices)


def _refused(error: Conflict):
    """Say on the user list why a change was refused."""
    db.session.rollback()
    flash(str(error.message), "error")
    return redirect(url_for("admin.users"))


@bp.route("/users/<id:user_id>/role", methods=["POST"])
@login_required
def set_role(user_id: int):
    """Give a user another role."""
    form = RoleForm()
    if form.validate_on_submit():
        try:
            user = accounts.set_role(db.session, actor(), user_id, Role(form.role.data))
        except Conflict as error:
            return _refused(error)
        db.session.commit()
        flash(
            _("%(email)s is now %(role)s.", email=user.email, role=ROLE_LABELS[user.role]),
            "success",
        )
    return redirect(url_for("admin.users"))


@bp.route("/users/<id:user_id>/active", methods=["POST"])
@login_required
def set_active(user_id: int):
    """Deactivate or reactivate a user."""
    form = ActiveForm()
    if form.validate_on_submit():
        active = request.form.get("active") == "1"
        try:
            user = accounts.set_active(db.session, actor(), user_id, active)
        except Conflict as error:
            return _refused(error)
        db.session.commit()
        message = _("%(email)s can sign in again.") if active else _("%(email)s is deactivated.")
        flash(message % {"email": user.email}, "success")
    return redirect(url_for("admin.users"))


def _day_bounds(form: AuditFilterForm) -> tuple[datetime | None, datetime | None]:
    """Turn the filter's local days into UTC instants: the start of `since`, the end of `until`."""
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    since = datetime.combine(form.since.data, time(), zone) if form.since.data else None
    until = form.until.data and datetime.combine(form.until.data + timedelta(days=1), time(), zone)
    return since, until or None


@bp.route("/audit")
@login_required
def audit_trail():
    """Browse the audit trail with filters."""
    form = AuditFilterForm(formdata=request.args)
    users = db.session.scalars(accounts.users_query(actor())).all()
    form.actor.choices = [("", _("Anyone")), ("system", _("System"))] + [
        (str(u.id), u.email) for u in users
    ]
    form.action.choices = [("", _("Any action"))] + [
        (a, ACTION_LABELS.get(a, a)) for a in audit.audit_actions(db.session)
    ]
    form.object_type.choices = [("", _("Any type"))] + [
        (t, label) for t, label in OBJECT_LABELS.items()
    ]
    filters = audit.AuditFilter()
    if request.args and form.validate():
        since, until = _day_bounds(form)
        filters = audit.AuditFilter(
            actor_id=int(form.actor.data) if form.actor.data.isdigit() else None,
            system_only=form.actor.data == "system",
            action=form.action.data or None,
            object_type=form.object_type.data or None,
            object_id=form.object_id.data or None,
            since=since,
            until=until,
        )
    page = bounded_page(audit.audit_query(actor(), filters), 50)
    return render_template("admin/audit.html", form=form, page=page)


def _rating_input(form) -> ratings.RatingInput:
    return ratings.RatingInput(
        form.key.data.strip(),
        form.label_en.data,
        form.label_th.data,
        form.sort_order.data,
        form.value.data,
    )


@bp.route("/ratings", methods=["GET", "POST"])
@login_required
def rating_scale():
    """List the rating scale and add labels to it."""
    ratings.require_admin(actor())
    form = RatingForm(prefix="new")
    if form.validate_on_submit():
        try:
            ratings.add_rating(db.session, actor(), _rating_input(form))
        except (InvalidInput, Conflict) as error:
            attach_error(form, InvalidInput(error.message, getattr(error, "field", "key")))
        else:
            db.session.commit()
            flash(_("Rating added."), "success")
            return redirect(url_for("admin.rating_scale"))
    scale = ratings.scale(db.session)
    edit_forms = {r.id: RatingForm(prefix=f"r{r.id}", obj=r, formdata=None) for r in scale}
    status = 400 if form.errors or form.form_errors else 200
    return render_template(
        "admin/ratings.html", scale=scale, form=form, edit_forms=edit_forms
    ), status


@bp.route("/ratings/<id:rating_id>", methods=["POST"])
@login_required
def edit_rating(rating_id: int):
    """Change a label of the scale."""
    form = RatingForm(prefix=f"r{rating_id}")
    if form.validate_on_submit():
        try:
            ratings.update_rating(db.session, actor(), rating_id, _rating_input(form))
        except (InvalidInput, Conflict) as error:
            db.session.rollback()
            flash(str(error.message), "error")
            return redirect(url_for("admin.rating_scale"))
        db.session.commit()
        flash(_("Rating saved."), "success")
    else:
        flash(
            _("Check the rating's fields: every label needs Thai, English and an order."), "error"
        )
    return redirect(url_for("admin.rating_scale"))


@bp.route("/ratings/<id:rating_id>/delete", methods=["POST"])
@login_required
def delete_rating(rating_id: int):
    """Remove an unused label."""
    form = ActiveForm()
    if form.validate_on_submit():
        try:
            ratings.delete_rating(db.session, actor(), rating_id)
        except Conflict as error:
            db.session.rollback()
            flash(str(error.message), "error")
            return redirect(url_for("admin.rating_scale"))
        db.session.commit()
        flash(_("Rating deleted."), "success")
    return redirect(url_for("admin.rating_scale"))


@bp.route("/organisation", methods=["GET", "POST"])
@login_required
def organisation():
    """The organisation's name, site, logo and policy pages."""
    ratings.require_admin(actor())
    org = publishing.organisation(db.session)
    form = OrganisationForm(obj=org)
    if form.validate_on_submit():
        given = publishing.OrganisationInput(
            form.name.data,
            form.url.data.strip(),
            form.logo_url.data,
            form.methodology_url.data,
            form.corrections_url.data,
        )
        try:
            publishing.update_organisation(db.session, actor(), given)
        except InvalidInput as error:
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("Organisation saved."), "success")
            return redirect(url_for("admin.organisation"))
    status = 400 if form.errors or form.form_errors else 200
    return render_template("admin/organisation.html", form=form), status
