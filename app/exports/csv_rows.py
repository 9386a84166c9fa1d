"""CSV of claims and verdicts, written row by row (constant memory), UTF-8 with a BOM for Excel."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

HEADER = (
    "claim_id",
    "claim",
    "claimant",
    "claim_date",
    "status",
    "language",
    "score",
    "articles",
    "first_article_url",
    "verdict_version",
    "rating",
    "rating_th",
    "rating_en",
    "conclusion",
    "correction_note",
    "published_at",
    "public_url",
    "reported_by",  # last, so the earlier columns keep their places
)
BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    """Return a cell's text; text that a spreadsheet would run as a formula is quoted with '."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_chunks(rows: Iterable[tuple]) -> Iterator[str]:
    """Yield the CSV text in small pieces: BOM and header first, then one piece per row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    yield BOM + buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([_cell(v) for v in row])
        yield buffer.getvalue()
