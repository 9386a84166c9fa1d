"""Pure checks on untrusted values: characters no text may hold, nesting, version numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import accumulate

# NUL ends C strings (PostgreSQL refuses it in text); an unpaired surrogate cannot be encoded
# as UTF-8 at all. Neither is ever part of real text.
FORBIDDEN = re.compile(r"[\x00\ud800-\udfff]")
MAX_JSON_DEPTH = 100
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_NOT_BRACKET = bytes(b for b in range(256) if b not in b"[]{}")


def forbidden_character(text: str) -> str | None:
    """Return "nul" or "surrogate" when the text holds one, else None."""
    found = FORBIDDEN.search(text)
    if found is None:
        return None
    return "nul" if found.group() == "\x00" else "surrogate"


def json_depth(data: bytes) -> int:
    """Return how deeply the JSON text nests arrays and objects, without parsing it."""
    brackets = _JSON_STRING.sub(b"", data).translate(None, _NOT_BRACKET)
    steps = (1 if b in b"[{" else -1 for b in brackets)
    return max(accumulate(steps, initial=0))


def json_strings(value: object) -> Iterator[str]:
    """Yield every string of a parsed JSON value, object keys included."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            yield from (k for k in item if isinstance(k, str))
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def whole_number(text: str | None, high: int = 2**31 - 1) -> int | None:
    """Return the ASCII whole number 0..high the text spells, or None (never a ValueError)."""
    value = (text or "").strip()
    if not (value.isascii() and value.isdigit() and len(value) <= len(str(high))):
        return None
    number = int(value)
    return number if number <= high else None


def version_number(header: str | None) -> int | None:
    """Return the version an If-Match header names ("3", '"3"', 'W/"3"'), or None."""
    return whole_number((header or "").strip().removeprefix("W/").strip('"'))
