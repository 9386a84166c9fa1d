"""Uploaded evidence files (screenshots, PDFs), stored once each under their SHA-256."""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePath

from flask import current_app
from flask_babel import lazy_gettext as _l

from app.ingest.errors import IngestError
from app.ingest.uploads import evidence_type
from app.services.errors import DomainError

STATUS = {"file_too_large": 413}


class FileRefused(DomainError):
    """An upload that is not a screenshot or a PDF, or is too large; shown next to the field."""

    def __init__(self, error: IngestError, max_bytes: int) -> None:
        super().__init__(_message(error.code, max_bytes))
        self.code = error.code
        self.status = STATUS.get(error.code, 422)
        self.field = "file"


def _message(code: str, limit: int) -> object:
    if code == "file_too_large":
        mb = f"{limit / (1024 * 1024):.3g}"
        return _l("The file is larger than Satja accepts (%(mb)s MB at most).", mb=mb)
    if code == "empty_file":
        return _l("The file is empty.")
    return _l("Attach a screenshot (PNG, JPEG, WebP, GIF) or a PDF.")


@dataclass(frozen=True)
class Upload:
    """A file as the checker sent it."""

    name: str
    data: bytes


@dataclass(frozen=True)
class StoredFile:
    """What a source records of its file."""

    sha256: str
    media_type: str
    size: int
    name: str


def max_bytes() -> int:
    """Return the largest evidence file accepted (SATJA_SOURCE_FILE_MAX_BYTES)."""
    return current_app.config["SATJA_SOURCE_FILE_MAX_BYTES"]


def folder() -> Path:
    """Return the folder of evidence files (SATJA_SOURCE_FILES_DIR)."""
    return Path(current_app.config["SATJA_SOURCE_FILES_DIR"])


def path_of(sha256: str) -> Path:
    """Return where the file of this SHA-256 is kept (two levels, so no folder grows huge)."""
    if len(sha256) != 64 or not all(c in "0123456789abcdef" for c in sha256):
        raise ValueError("not a SHA-256")
    return folder() / sha256[:2] / sha256


def store(upload: Upload) -> StoredFile:
    """Check an upload by its content and keep it; the same bytes twice are stored once."""
    limit = max_bytes()
    try:
        media_type = evidence_type(upload.data, limit)
    except IngestError as error:
        raise FileRefused(error, limit) from None
    sha256 = hashlib.sha256(upload.data).hexdigest()
    target = path_of(sha256)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        # Written aside and renamed, so a reader never sees half a file.
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
        with os.fdopen(handle, "wb") as out:
            out.write(upload.data)
        os.replace(temporary, target)
    name = PurePath((upload.name or "").replace("\\", "/")).name[:255]
    return StoredFile(sha256, media_type, len(upload.data), name)


def read(sha256: str) -> bytes | None:
    """Return the stored bytes of a file, or None when it is gone."""
    try:
        return path_of(sha256).read_bytes()
    except (OSError, ValueError):
        return None
