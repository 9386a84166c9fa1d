"""Text of uploaded files: .txt, .html, .docx and .pdf."""

from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import PurePath

from app.ingest.errors import IngestError
from app.ingest.html import Page, extract_page
from app.ingest.text import decode_text

SUPPORTED = (".txt", ".html", ".htm", ".docx", ".pdf")


def page_from_file(filename: str, data: bytes) -> Page:
    """Return the text (and for HTML the metadata) of an uploaded file."""
    suffix = PurePath(filename or "").suffix.lower()
    if not data.strip():
        raise IngestError("empty")
    if suffix == ".txt":
        return Page(text=decode_text(data))
    if suffix in (".html", ".htm"):
        return extract_page(decode_text(data))
    if suffix == ".docx":
        return Page(text=_docx_text(data))
    if suffix == ".pdf":
        return Page(text=_pdf_text(data))
    raise IngestError("unsupported_type", suffix or filename)


def _docx_text(data: bytes) -> str:
    import docx
    from docx.opc.exceptions import OpcError
    from lxml.etree import LxmlError

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        unzipped = sum(item.file_size for item in archive.infolist())
        if unzipped > MAX_UNZIPPED:  # a zip bomb: a small file that unpacks to gigabytes
            raise IngestError("too_large", f"unpacks to {unzipped} bytes")
        _refuse_dtd(archive)
        document = docx.Document(io.BytesIO(data))
    except IngestError:
        raise  # a ValueError too, already saying why
    except (zipfile.BadZipFile, KeyError, ValueError, OpcError, LxmlError) as error:
        # lxml refuses entity amplification and trees deeper than 256 itself (XMLSyntaxError).
        raise IngestError("corrupt", str(error)) from None
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


# Word never writes a document type declaration; one in a .docx is there to define entities.
_DTD = re.compile(rb"<!DOCTYPE|<!ENTITY|<\x00!\x00D\x00O\x00C", re.I)
_ROOT = re.compile(rb"<\x00?[A-Za-z]")
_HEAD_CHUNK = 4096


def _refuse_dtd(archive: zipfile.ZipFile) -> None:
    """Raise IngestError("corrupt") when an XML part declares a DTD before its root element."""
    for item in archive.infolist():
        if not item.filename.endswith((".xml", ".rels")):
            continue
        with archive.open(item) as part:
            carried = b""  # the end of the previous chunk, for a marker split between two
            while chunk := part.read(_HEAD_CHUNK):
                window = carried + chunk
                root = _ROOT.search(window)
                if _DTD.search(window, 0, root.start() if root else len(window)):
                    raise IngestError("corrupt", f"{item.filename} declares a DTD")
                if root:
                    break
                carried = window[-20:]


# An article's file may unpack to this much, have this many pages: past them it is not an
# article (and its cost is not a request's).
MAX_UNZIPPED = 50 * 1024 * 1024
MAX_PDF_PAGES = 500
MAX_FILE_CHARS = 1_000_000


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        pages = len(PdfReader(io.BytesIO(data)).pages)
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise IngestError("corrupt", str(error)) from None
    if pages > MAX_PDF_PAGES:
        raise IngestError("too_large", f"{pages} pages, more than {MAX_PDF_PAGES}")
    return pdf_text(data, MAX_PDF_PAGES, MAX_FILE_CHARS)


# Reading a PDF stops after this long: pages and characters do not bound time (every page of a
# small file can share one huge compressed stream that yields no text).
PDF_SECONDS = 30.0


def pdf_text(
    data: bytes,
    max_pages: int | None = None,
    max_chars: int | None = None,
    seconds: float = PDF_SECONDS,
) -> str:
    """Return the text of every page of a PDF (at most `max_pages` pages, `max_chars`, and
    `seconds` of reading)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    ends = time.monotonic() + seconds
    try:
        reader = PdfReader(io.BytesIO(data))
        pages, size = [], 0
        for page in reader.pages[:max_pages]:
            pages.append(page.extract_text() or "")
            size += len(pages[-1])
            if max_chars is not None and size >= max_chars:
                break
            if time.monotonic() > ends:
                raise IngestError("pdf_too_slow", f"more than {seconds:g} s")
    except IngestError:
        raise  # a ValueError too, but no sign of a damaged file
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise IngestError("corrupt", str(error)) from None
    text = "\n".join(pages)[:max_chars]
    if not text.strip():
        raise IngestError("no_text_layer")
    return text
