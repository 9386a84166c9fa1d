"""`flask export ...` and `flask claimreview validate ...`: outputs at the command line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click
from flask.cli import AppGroup

from app.exports.claimreview import script_tag
from app.exports.csv_rows import csv_chunks
from app.exports.validate import validate
from app.extensions import db
from app.models import ClaimStatus
from app.services import exporting, publishing
from app.services.actors import SYSTEM
from app.services.errors import DomainError

PAGE = re.compile(r"^/fact-checks/(\d+)/?$")
export_cli = AppGroup("export", help="Write CSV and ClaimReview exports.")
claimreview_cli = AppGroup("claimreview", help="Check ClaimReview markup.")


@export_cli.command("csv")
@click.argument("file", type=click.Path(dir_okay=False, writable=True))
@click.option("--status", default=None, help="Only claims in this status.")
def export_csv(file: str, status: str | None) -> None:
    """Write every claim with its latest verdict as CSV (UTF-8 with BOM)."""
    count = -1
    with open(file, "w", encoding="utf-8", newline="") as out:
        for chunk in csv_chunks(
            exporting.csv_rows(db.session, SYSTEM, ClaimStatus(status) if status else None)
        ):
            out.write(chunk)
            count += 1
    click.echo(f"{count} rows written to {file}")


@export_cli.command("claimreview")
@click.argument("file", type=click.Path(dir_okay=False, writable=True))
def export_claimreview(file: str) -> None:
    """Write the ClaimReview of every published fact-check as a JSON array."""
    claims = db.session.scalars(publishing.claim_reviews_since(db.session))
    reviews = publishing.claim_reviews_of(db.session, claims)
    Path(file).write_text(json.dumps(reviews, ensure_ascii=False, indent=1), encoding="utf-8")
    click.echo(f"{len(reviews)} ClaimReviews written to {file}")


def _load(target: str) -> list[dict]:
    """Read ClaimReviews from a JSON file (one or an array) or from a fact-check page's path."""
    site = publishing.site_url()
    if target.startswith((site + "/", "http://", "https://")):
        if not target.startswith(site + "/"):
            raise click.UsageError(
                f"Give a file, or a fact-check page of this site ({site}/fact-checks/ID or "
                "/fact-checks/ID); other sites' pages are not fetched."
            )
        target = target.removeprefix(site)
    page = PAGE.match(target)
    if page and not Path(target).exists():
        claim = publishing.published_claim(db.session, int(page.group(1)))
        # Exactly what the page embeds in its <script type="application/ld+json">.
        return [json.loads(script_tag(publishing.claim_review_of(db.session, claim)))]
    data = json.loads(Path(target).read_text(encoding="utf-8"))
    return data if isinstance(data, list) else [data]


@claimreview_cli.command("validate")
@click.argument("target")
def validate_claimreview(target: str) -> None:
    """Validate ClaimReview in a JSON file, or of a public page of this site (/fact-checks/3)."""
    try:
        reviews = _load(target)
    except (OSError, json.JSONDecodeError, DomainError) as error:
        raise click.ClickException(f"Cannot read {target}: {error}") from None
    errors = 0
    for index, review in enumerate(reviews):
        problems = validate(review, publishing.site_url())
        errors += sum(p.level == "error" for p in problems)
        for problem in problems:
            click.echo(f"[{index}] {problem}")
    click.echo(f"{len(reviews)} ClaimReview checked: {errors} errors.")
    if errors:
        raise SystemExit(1)
