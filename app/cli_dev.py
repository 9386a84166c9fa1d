"""`flask dev ...`: development tooling, such as filling a database with a realistic archive."""

from __future__ import annotations

import time

import click
from flask.cli import AppGroup

from app.extensions import db

dev_cli = AppGroup("dev", help="Development tools: a realistic archive to try and measure.")


@dev_cli.command("seed")
@click.option("--claims", type=click.IntRange(1, 10_000_000), required=True, help="How many.")
@click.option(
    "--seed", "seed_value", type=int, default=1, show_default=True, help="Same seed, same data."
)
@click.option("--append", is_flag=True, help="Add to a database that already holds claims.")
def seed_command(claims: int, seed_value: int, append: bool) -> None:
    """Fill the database with N claims, their articles, sources, verdicts, comments and history."""
    # The generator reads the benchmark material of the checkout (bench/, tests/data, shared/).
    from bench import seed

    started = time.perf_counter()
    try:
        with click.progressbar(length=claims, label="Seeding", show_pos=True) as bar:
            written = seed.seed(db.session, claims, seed_value, append, bar.update)
    except seed.ArchiveNotEmpty as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    seconds = time.perf_counter() - started
    click.echo(", ".join(f"{count} {table}" for table, count in written.items()))
    click.echo(f"Seeded {claims} claims in {seconds:.1f} s (search index included).")
