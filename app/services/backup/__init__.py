"""Backups: every table, the archived source files and a manifest, in one portable zip.

`archive.create` writes the zip (JSON Lines per table in dependency order, `manifest.json` with
the schema revision, row counts and a SHA-256 of every member); `restore.restore` checks it and
loads it into an empty database of either dialect (SQLite or PostgreSQL), then rebuilds the
search index, which is never archived (docs/operations.md).
"""

FORMAT = "satja-backup"
FORMAT_VERSION = 1
# Derived from the other tables and rebuilt after a restore (`flask search reindex`).
NOT_ARCHIVED = frozenset({"search_documents"})
MANIFEST = "manifest.json"
