"""What kind of file an upload is, read from its first bytes (magic numbers), not its name."""

from __future__ import annotations

from app.ingest.errors import IngestError

PDF = "application/pdf"
IMAGES = ("image/png", "image/jpeg", "image/webp", "image/gif")
EXTENSIONS = {
    PDF: "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/webp": "webp",
    "image/gif": "gif",
}


def sniff(data: bytes) -> str | None:
    """Return the media type of a PNG, JPEG, WebP, GIF or PDF file, else None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    # Some producers put a line break or a byte-order mark before the header.
    if data.lstrip(b"\r\n\t \xef\xbb\xbf")[:5] == b"%PDF-":
        return PDF
    return None


def evidence_type(data: bytes, max_bytes: int) -> str:
    """Return the type of an evidence file, or raise IngestError (empty, too large, not one)."""
    if not data:
        raise IngestError("empty_file")
    if len(data) > max_bytes:
        raise IngestError("file_too_large", f"{len(data)} bytes, at most {max_bytes}")
    kind = sniff(data)
    if kind is None:
        raise IngestError("not_evidence_file", data[:8].hex())
    return kind
