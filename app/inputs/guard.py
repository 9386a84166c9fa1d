"""Refuse a request whose values no view should see: NUL, unpaired surrogates, deep JSON."""

from __future__ import annotations

from flask import request
from flask_babel import lazy_gettext as _l

from app.errors import error_response
from app.inputs.screen import MAX_JSON_DEPTH, forbidden_character, json_depth, json_strings

MESSAGES = {
    "nul": _l(
        "The request contains a NUL character, which no text may hold. Remove it and try again."
    ),
    "surrogate": _l(
        "The request contains an invalid character (an unpaired UTF-16 surrogate). "
        "Remove it and try again."
    ),
    "depth": _l("The JSON body nests deeper than %(n)d levels.", n=MAX_JSON_DEPTH),
}


def screen_request():
    """Answer 400 before the view runs when a value of the request is hostile."""
    problem = _problem()
    if problem is None:
        return None
    code = "bad_request" if problem == "depth" else "bad_character"
    return error_response(400, MESSAGES[problem], code)


def _problem() -> str | None:
    for text in _plain_values():
        # A malformed multipart part can come without a name or value (None): nothing to screen.
        if isinstance(text, str) and (found := forbidden_character(text)):
            return found
    if request.is_json:
        return _json_problem()
    return None


def _plain_values():
    """Yield the path's values, query and form keys and values, and upload file names."""
    yield from (v for v in (request.view_args or {}).values() if isinstance(v, str))
    for values in (request.args, request.form):
        for key, items in values.lists():
            yield key
            yield from items
    yield from (f.filename or "" for f in request.files.values())


def _json_problem() -> str | None:
    data = request.get_data(cache=True)
    if json_depth(data) > MAX_JSON_DEPTH:
        return "depth"
    try:
        body = request.get_json(silent=True)
    except RecursionError:  # a guard in depth; json_depth refuses such bodies first
        return "depth"
    for text in json_strings(body):
        if found := forbidden_character(text):
            return found
    return None
