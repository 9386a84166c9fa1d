"""Known fact-checks: read files of fact-checks published by other organisations.

Pure parsing (no Flask, no database, no network): `parse_file(name, data)` reads schema.org
ClaimReview (JSON, JSON-LD in HTML pages, Data Commons feeds, API lists), Google Fact Check Tools
API results and the Anti-Fake News Center Thailand CSV export into `KnownFactCheck` items, and
reports each item it could not take as a `Failure`. A file that cannot be read at all raises
`UnreadableFile`.
"""

from app.factchecks.model import Failure, KnownFactCheck, Parsed, UnreadableFile
from app.factchecks.parse import parse_file

__all__ = ["Failure", "KnownFactCheck", "Parsed", "UnreadableFile", "parse_file"]
