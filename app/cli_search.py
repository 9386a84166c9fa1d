"""`flask search ...`: rebuild the search index, and search from the command line."""

from __future__ import annotations

import click
import sqlalchemy as sa
from flask.cli import AppGroup

from app.extensions import db
from app.models import SearchDocument
from app.search import index, search
from app.services.actors import SYSTEM

search_cli = AppGroup("search", help="Rebuild the search index and search it.")


@search_cli.command("reindex")
@click.option("--if-empty", is_flag=True, help="Only when the index holds nothing yet.")
def reindex_command(if_empty: bool) -> None:
    """Build the search index again from every claim and article (one transaction)."""
    if if_empty and db.session.scalar(sa.select(SearchDocument.id).limit(1)) is not None:
        click.echo("The search index is already built.")
        return
    total = index.to_index(db.session)
    with click.progressbar(length=total, label="Indexing", show_pos=True) as bar:
        written = index.reindex(db.session, bar.update)
    db.session.commit()
    click.echo(f"Indexed {total} claims and articles as {written} search documents.")


@search_cli.command("query")
@click.argument("text")
@click.option("--page", default=1, show_default=True, type=click.IntRange(1, 1000))
def query_command(text: str, page: int) -> None:
    """Print the results of a search, best first."""
    results = search(db.session, SYSTEM, text, page=page)
    for problem in results.problems:
        click.echo(f"note: {problem}", err=True)
    click.echo(f"{results.total} results, page {results.page} of {results.pages}")
    for hit in results.items:
        click.echo(f"{hit.score:8.4f}  {hit.kind:<7} {hit.id:>8}  {hit.title}")
