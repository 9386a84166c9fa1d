"""Read a bulk file of articles: JSON Lines or CSV, one article a line or row."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import PurePath

from app.ingest.errors import IngestError
from app.ingest.text import decode_text

FIELDS = ("url", "title", "text", "html", "published", "outlet", "author", "language")


@dataclass(frozen=True)
class Record:
    """One article of a bulk file, or why its line could not be read."""

    line: int
    fields: dict[str, str]
    error: str | None = None  # a code: bad_json, not_object
    detail: str = ""


def read_records(filename: str, data: bytes) -> list[Record]:
    """Return the records of a .jsonl or .csv file; unreadable lines carry their error."""
    return records_from_text(filename, decode_text(data))


def records_from_text(filename: str, text: str) -> list[Record]:
    """Return the records of a bulk file already decoded (by `decode_text`)."""
    suffix = PurePath(filename or "").suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return _jsonl(text)
    if suffix == ".csv":
        return _csv(text)
    raise IngestError("bad_bulk_type", suffix or filename)


def _clean(raw: dict) -> dict[str, str]:
    return {
        k: str(v)
        for k, v in ((str(k).strip().lower(), v) for k, v in raw.items())
        if k in FIELDS and v not in (None, "")
    }


def _jsonl(text: str) -> list[Record]:
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            records.append(Record(number, {}, "bad_json", error.msg))
            continue
        if not isinstance(value, dict):
            records.append(Record(number, {}, "not_object"))
        else:
            records.append(Record(number, _clean(value)))
    return records


def _csv(text: str) -> list[Record]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or not {f.strip().lower() for f in reader.fieldnames} & set(FIELDS):
        raise IngestError("bad_bulk", "the CSV header names none of " + ", ".join(FIELDS))
    return [Record(reader.line_num, _clean(row)) for row in reader]
