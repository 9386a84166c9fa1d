"""Evidence files are known by their first bytes, and a failed archive's reason is in words."""

import pytest

from app.ingest.errors import IngestError
from app.ingest.uploads import evidence_type, sniff


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n rest", "image/png"),
        (b"\xff\xd8\xff\xe0 jfif", "image/jpeg"),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"GIF89a...", "image/gif"),
        (b"%PDF-1.7\n", "application/pdf"),
        (b"\r\n%PDF-1.4 after a line break", "application/pdf"),
        (b"<html><body>%PDF-</body>", None),
        (b"<svg xmlns='http://www.w3.org/2000/svg'>", None),
        (b"MZ\x90\x00", None),
        (b"RIFF\x10\x00\x00\x00WAVEfmt ", None),
    ],
)
def test_the_type_comes_from_the_content(data, kind):
    assert sniff(data) == kind


def test_a_named_png_that_is_html_is_refused_and_so_is_a_large_one():
    with pytest.raises(IngestError) as refused:
        evidence_type(b"<html>", 100)
    assert refused.value.code == "not_evidence_file"
    with pytest.raises(IngestError) as refused:
        evidence_type(b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, 100)
    assert refused.value.code == "file_too_large"
    with pytest.raises(IngestError) as refused:
        evidence_type(b"", 100)
    assert refused.value.code == "empty_file"


@pytest.mark.parametrize(
    ("code", "detail", "words"),
    [
        ("unreachable", "ConnectTimeoutError", "did not answer in time"),
        ("unreachable", "NewConnectionError", "refused the connection"),
        ("unreachable", "cannot resolve facebook.invalid", "name could not be found"),
        ("http_error", "403", "HTTP 403"),
        ("http_error", "502", "HTTP 502"),
        ("refused", "10.0.0.1", "private or local network"),
        ("no_text_layer", "", "scanned image"),
        ("something_new", "", "could not be reached"),
    ],
)
def test_a_failure_reason_is_in_words(app, code, detail, words):
    from app.services.archiving.reasons import failure_reason

    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert words in str(failure_reason(code, detail))
