"""A failed archive's reason in words a fact-checker understands."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.services.ingest import MESSAGES

REASONS = {
    "timeout": _l("The site did not answer in time."),
    "connection_refused": _l("The site refused the connection (nothing answers at that address)."),
    "unknown_host": _l(
        "The site's name could not be found: check the address (or the server's connection to "
        "the internet)."
    ),
    "unreachable": _l("The web page could not be reached."),
    "refused": MESSAGES["refused"],
    "bad_url": MESSAGES["bad_url"],
    "credentials_in_url": MESSAGES["credentials_in_url"],
    "too_many_redirects": MESSAGES["too_many_redirects"],
    "too_large": MESSAGES["too_large"],
    "too_slow": MESSAGES["too_slow"],
    "pdf_too_slow": MESSAGES["pdf_too_slow"],
    "encoding": _l("The page's text could not be decoded."),
    "no_text": _l("No text was found on the page (it may need JavaScript or a login)."),
    "no_text_layer": _l("The PDF has no text layer (a scanned image?)."),
    "corrupt": _l("The PDF is damaged."),
    "unsupported_type": _l("This is not a web page or a PDF."),
    "crashed": _l("Archiving stopped on an unexpected error; the server log has the details."),
    "missing_file": _l("The uploaded file is no longer in the file store."),
}
HTTP = {
    401: _l("The site asks for a login (HTTP 401)."),
    403: _l("The site refused access (HTTP 403): it may block robots or need a login."),
    404: _l("The page was not found (HTTP 404)."),
    410: _l("The page has been removed (HTTP 410)."),
    429: _l("The site is limiting requests (HTTP 429); try again later."),
}


def _code(code: str, detail: str) -> str:
    """Tell a timeout or a refused connection from other unreachable pages by the detail."""
    if code == "unreachable" and detail.startswith("cannot resolve"):
        return "unknown_host"
    if code == "unreachable" and "Timeout" in detail:
        return "timeout"
    if code == "unreachable" and ("NewConnectionError" in detail or "Refused" in detail):
        return "connection_refused"
    return code


def failure_reason(code: str | None, detail: str | None) -> object:
    """Return the reader's-language reason an archive failed."""
    code, detail = _code(code or "", detail or ""), detail or ""
    if code == "http_error":
        status = detail.split()[0] if detail else ""
        if status.isdigit() and int(status) in HTTP:
            return HTTP[int(status)]
        return _l("The web server answered with an error (HTTP %(status)s).", status=status or "?")
    return REASONS.get(code, REASONS["unreachable"])
