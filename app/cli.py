"""Satja's `flask` commands: users, tokens and demo data."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup

from app.cli_backup import backup_cli
from app.cli_dev import dev_cli
from app.cli_exports import claimreview_cli, export_cli
from app.cli_factchecks import fact_checks_cli
from app.cli_jobs import jobs_cli
from app.cli_search import search_cli
from app.extensions import db
from app.extraction import extract_claims
from app.models import Role
from app.services import accounts, bulk, demo, ingest, tokens
from app.services.actors import SYSTEM
from app.services.errors import DomainError

users_cli = AppGroup("users", help="Manage user accounts and API tokens.")
demo_cli = AppGroup("demo", help="Load the demo admin and article.")
claims_cli = AppGroup("claims", help="Find check-worthy claims in text.")
articles_cli = AppGroup("articles", help="Add articles in bulk.")


def _fail(error: DomainError) -> None:
    """Roll back and exit with the error's message."""
    db.session.rollback()
    raise click.ClickException(str(error.message))


def _read_password(from_stdin: bool) -> str:
    """Read a password from standard input (first line) or from a hidden prompt."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


@users_cli.command("create")
@click.argument("email")
@click.option(
    "--role",
    type=click.Choice([r.value for r in Role]),
    default=Role.VIEWER.value,
    show_default=True,
)
@click.option("--name", default="", help="The user's display name.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def create_user(email: str, role: str, name: str, password_stdin: bool) -> None:
    """Create a user account."""
    password = _read_password(password_stdin)
    try:
        user = accounts.create_user(
            db.session, SYSTEM, accounts.NewUser(email, password, Role(role), name)
        )
    except DomainError as error:
        _fail(error)
    db.session.commit()
    click.echo(f"Created {user.email} ({user.role.value}).")


def _user(email: str):
    """Return the user with this e-mail address, or stop with a clear error."""
    user = accounts.find_by_email(db.session, email)
    if user is None:
        raise click.ClickException(f"No user with the e-mail address {email}.")
    return user


@users_cli.command("token")
@click.argument("email")
@click.option("--name", "label", default="", help="A label to recognise the token by.")
@click.option(
    "--expires-days",
    type=click.IntRange(1, tokens.MAX_EXPIRY_DAYS),
    default=None,
    help="Days until the token stops working (default: until revoked).",
)
def create_token(email: str, label: str, expires_days: int | None) -> None:
    """Issue an API token; it is printed once, as the last line."""
    user = _user(email)
    try:
        _token, clear = tokens.issue_token(db.session, SYSTEM, user, label, expires_days)
    except DomainError as error:
        _fail(error)
    db.session.commit()
    click.echo(f"API token for {user.email} (shown once; send as 'Authorization: Bearer ...'):")
    click.echo(clear)


def _moment(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else "-"


@users_cli.command("tokens")
@click.argument("email")
def list_tokens(email: str) -> None:
    """List a user's API tokens: id, prefix, state, created, last used, expires, label."""
    user = _user(email)
    click.echo("id\tprefix\tstate\tcreated\tlast used\texpires\tlabel")
    for token in tokens.tokens_of(db.session, SYSTEM, user):
        when = (token.created_at, token.last_used_at, token.expires_at)
        fields = [str(token.id), token.prefix, tokens.token_state(token), *map(_moment, when)]
        click.echo("\t".join([*fields, token.name]))


@users_cli.command("revoke-token")
@click.argument("prefix_or_id")
def revoke_token(prefix_or_id: str) -> None:
    """Revoke an API token given its id or its prefix (as `users tokens` lists them)."""
    try:
        token = tokens.find_token(db.session, prefix_or_id)
        already = token.revoked_at is not None
        tokens.revoke_token(db.session, SYSTEM, token.id)
    except DomainError as error:
        _fail(error)
    db.session.commit()
    verb = "was already revoked" if already else "is revoked"
    click.echo(f"Token {token.id} ({token.prefix}…) of {token.user.email} {verb}.")


@users_cli.command("list")
def list_users() -> None:
    """List user accounts."""
    for user in db.session.scalars(accounts.users_query(SYSTEM)):
        state = "active" if user.active else "inactive"
        click.echo(f"{user.email}\t{user.role.value}\t{state}\t{user.name}")


@demo_cli.command("load")
def load_demo() -> None:
    """Create the demo admin (if no admin exists) and load the demo article; safe to repeat."""
    admin = demo.ensure_demo_admin(db.session)
    article, created = demo.load_demo_article(db.session)
    db.session.commit()
    if admin is not None:
        site = os.environ.get("SATJA_SITE", "http://127.0.0.1:5000")
        click.echo(f"Demo admin created. Sign in at {site}/login with")
        click.echo(f"  e-mail:   {admin.email}")
        click.echo(f"  password: {admin.password}")
        click.echo("The password is shown only this once.")
    verb = "Loaded" if created else "Already loaded:"
    click.echo(f"{verb} demo article #{article.id}: {article.title}")
    click.echo(f"{len(article.appearances)} claims found in it; see the Queue at /queue:")
    for appearance in article.appearances:
        click.echo(f"  [{appearance.claim.score:.2f}] {appearance.claim.text[:100]}")


def _read_text(path: str) -> str:
    """Read a UTF-8 text file (or standard input for "-"), with a clear error otherwise."""
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
        return data.decode("utf-8-sig")
    except OSError as error:
        raise click.ClickException(f"Cannot read {path}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise click.ClickException(f"{path} is not UTF-8 text.") from None


@claims_cli.command("extract")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--lang", type=click.Choice(["th", "en", "auto"]), default="auto", show_default=True)
@click.option("--all", "include_all", is_flag=True, help="List every sentence with its score.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
def extract(file: str, lang: str, include_all: bool, as_json: bool) -> None:
    """Print the check-worthy claims of a text file."""
    text = _read_text(file)
    found = extract_claims(text, language=None if lang == "auto" else lang, include_all=include_all)
    if as_json:
        click.echo(json.dumps([c.as_dict() for c in found], ensure_ascii=False, indent=2))
        return
    for claim in found:
        mark = "*" if claim.checkworthy else " "
        click.echo(f"{mark} {claim.score:.2f}  {claim.start:>6}-{claim.end:<6} {claim.text}")
        details = ", ".join(claim.reasons)
        extra = [f"claimant: {claim.claimant}"] if claim.claimant else []
        extra += [f"dates: {', '.join(claim.dates)}"] if claim.dates else []
        extra += [f"numbers: {', '.join(map(str, claim.numbers))}"] if claim.numbers else []
        click.echo(f"        {details}{'; ' if extra else ''}{'; '.join(extra)}")
    click.echo(f"{sum(c.checkworthy for c in found)} check-worthy of {len(found)} shown.")


@articles_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--as", "email", default=None, help="Record the articles as added by this user.")
def import_articles(file: str, email: str | None) -> None:
    """Import a JSON Lines or CSV file of articles (url, title, text or html, published...)."""
    actor = SYSTEM
    if email:
        actor = accounts.find_by_email(db.session, email)
        if actor is None:
            raise click.ClickException(f"No user with the e-mail address {email}.")
    try:
        records = bulk.parse(file, Path(file).read_bytes())
    except DomainError as error:
        _fail(error)
    with click.progressbar(length=len(records), label="Importing", show_pos=True) as bar:
        done = [0]

        def progress(processed: int, counts, failures) -> None:
            bar.update(processed - done[0])
            done[0] = processed

        report = bulk.import_records(db.session, actor, records, progress)
    counts = report.counts
    click.echo(
        f"created {counts['created']}, duplicates {counts['duplicates']}, failed {counts['failed']}"
    )
    for failure in report.failures:
        reason = str(ingest.failure_message(failure["code"]))
        detail = f" ({failure['detail']})" if failure.get("detail") else ""
        click.echo(f"  line {failure['line']}: {reason}{detail}", err=True)
    if report.failures:
        sys.exit(1)  # the import ran, but not every line went in


def register_commands(app: Flask) -> None:
    """Add the command groups to the app."""
    app.cli.add_command(users_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(claims_cli)
    app.cli.add_command(articles_cli)
    app.cli.add_command(export_cli)
    app.cli.add_command(claimreview_cli)
    app.cli.add_command(search_cli)
    app.cli.add_command(fact_checks_cli)
    app.cli.add_command(backup_cli)
    app.cli.add_command(jobs_cli)
    app.cli.add_command(dev_cli)
