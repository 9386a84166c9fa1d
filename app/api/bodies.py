"""Reading a request's JSON body, with a 400 answer when it is not what a field needs."""

from __future__ import annotations

from flask import request
from flask_babel import lazy_gettext as _l

from app.api import bp
from app.errors import error_response


class BadBody(Exception):
    """The request's JSON is not an object with the fields' types."""


def json_body(strings: tuple[str, ...] = (), integers: tuple[str, ...] = ()) -> dict:
    """Return the JSON object of the request; raise BadBody unless fields have their types."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise BadBody(_l('Send a JSON object: {"field": value, ...}.'))
    wrong = [k for k in strings if k in body and not isinstance(body[k], str | None)]
    wrong += [
        k
        for k in integers
        if k in body
        and not (isinstance(body[k], int) and not isinstance(body[k], bool) and 0 < body[k] < 2**31)
    ]
    if wrong:
        raise BadBody(_l("These fields have the wrong type: %(fields)s.", fields=", ".join(wrong)))
    return body


@bp.errorhandler(BadBody)
def bad_body(error: BadBody):
    return error_response(400, error.args[0], "bad_request")
