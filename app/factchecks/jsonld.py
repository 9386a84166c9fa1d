"""Find ClaimReview nodes anywhere in a JSON-LD document, with bounded depth.

Wrappers are looked through, whatever their shape: arrays, `@graph`, Data Commons
`dataFeedElement[].item`, API lists (`data[]`), and strings that embed JSON-LD (a JSON string, or
HTML with ld+json scripts, as WordPress APIs send). The walk is iterative and stops at MAX_DEPTH.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from app.factchecks.htmlpage import read_page

MAX_DEPTH = 20
TYPE_SEPARATORS = re.compile(r"[/#:]")
Node = dict[str, object]
REFERENCE_KEYS = {"@id", "@type", "type"}
ID_PREFIXES = ("http://", "https://", "#", "_:")


@dataclass(frozen=True)
class Found:
    """A ClaimReview node and where it was, e.g. "@graph[2]" ("" for the document itself)."""

    where: str
    node: Node


def types_of(node: Node) -> set[str]:
    """Return the node's types, casefolded, without prefixes ("schema:ClaimReview")."""
    raw = node.get("@type", node.get("type"))
    values = raw if isinstance(raw, list) else [raw]
    return {TYPE_SEPARATORS.split(v)[-1].casefold() for v in values[:20] if isinstance(v, str)}


def is_claimreview(node: Node) -> bool:
    """Tell whether a node is a ClaimReview (or untyped but shaped like one)."""
    types = types_of(node)
    return "claimreview" in types or (not types and "claimReviewed" in node)


def is_json_ld(node: object) -> bool:
    """Tell whether a value is a JSON-LD node (as opposed to, say, an API record)."""
    return isinstance(node, dict) and any(k in node for k in ("@type", "@context", "@graph"))


def find_reviews(doc: object, where: str = "") -> Iterator[Found]:
    """Yield every ClaimReview in `doc`, in document order; a review's insides are not searched."""
    stack: list[tuple[object, str, int]] = [(doc, where, 0)]
    while stack:
        value, path, depth = stack.pop()
        if isinstance(value, dict) and is_claimreview(value):
            yield Found(path, value)
        elif depth < MAX_DEPTH:
            stack.extend(reversed(list(_children(value, path, depth + 1))))


def _children(value: object, path: str, depth: int) -> Iterator[tuple[object, str, int]]:
    if isinstance(value, dict):
        for key, child in value.items():
            if isinstance(child, list):
                for i, element in enumerate(child, 1):
                    yield element, _join(path, f"{key}[{i}]"), depth
            elif isinstance(child, dict | str):
                yield child, _join(path, str(key)), depth
    elif isinstance(value, list):
        for i, element in enumerate(value, 1):
            yield element, _join(path, f"[{i}]") if path else f"item {i}", depth
    elif isinstance(value, str) and "ClaimReview" in value:
        yield from _embedded(value, path, depth)


def _embedded(text: str, path: str, depth: int) -> Iterator[tuple[object, str, int]]:
    """Yield the JSON-LD held in a string: JSON itself, or ld+json scripts of an HTML snippet."""
    if text.lstrip()[:1] in ("{", "["):
        if (doc := _loads(text)) is not None:
            yield doc, path, depth
        return
    if "ld+json" in text:
        for n, block in enumerate(read_page(text).blocks, 1):
            if (doc := _loads(block)) is not None:
                yield doc, _join(path, f"script {n}"), depth


def _loads(text: str) -> object | None:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def _join(path: str, part: str) -> str:
    if not path:
        return part
    return path + part if part.startswith("[") else f"{path} {part}"


def index_ids(doc: object) -> dict[str, Node]:
    """Return the nodes of `doc` that have an "@id" and more, by id, so references resolve."""
    ids: dict[str, Node] = {}
    stack: list[tuple[object, int]] = [(doc, 0)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            continue
        if isinstance(value, dict):
            node_id = value.get("@id")
            if isinstance(node_id, str) and not set(value) <= REFERENCE_KEYS:
                ids.setdefault(node_id, value)
            children = [v for v in value.values() if isinstance(v, dict | list)]
        elif isinstance(value, list):
            children = [v for v in value if isinstance(v, dict | list)]
        else:
            continue
        stack.extend((v, depth + 1) for v in reversed(children))  # document order: first wins
    return ids


def reference(value: object) -> str | None:
    """Return the id a value refers to: a bare {"@id": ...} node, or a string shaped like an id."""
    if isinstance(value, dict) and set(value) <= REFERENCE_KEYS:
        target = value.get("@id")
        return target if isinstance(target, str) else None
    if isinstance(value, str) and value.startswith(ID_PREFIXES):
        return value
    return None
