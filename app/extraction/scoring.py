"""Turn reasons into a check-worthiness score between 0 and 1."""

from __future__ import annotations

import math

THRESHOLD = 0.5
BIAS = -1.0
WEIGHTS = {
    "number": 1.2,
    "percentage": 0.8,
    "quantity": 0.8,
    "date": 0.7,
    "duration": 0.6,
    "superlative": 0.9,
    "comparison": 0.6,
    "attribution": 1.0,
    "quote": 0.3,
    "named_entity": 1.1,
    "event": 0.5,
    "denial": 1.1,
    "state": 1.1,
    "opinion": -3.2,
    "prediction": -3.5,
    "advice": -3.2,
    "wish": -3.2,
    "question": -2.6,
    "purpose": -3.0,
    "topic": -2.5,
    "fragment": -2.0,
}
NEGATIVE = frozenset(name for name, weight in WEIGHTS.items() if weight < 0)
POSITIVE_ORDER = tuple(name for name in WEIGHTS if name not in NEGATIVE)


def score(reasons: set[str]) -> float:
    """Return the probability-like score of a statement with these reasons."""
    total = BIAS + sum(WEIGHTS.get(reason, 0.0) for reason in reasons)
    return round(1.0 / (1.0 + math.exp(-total)), 4)


def ordered(reasons: set[str]) -> tuple[str, ...]:
    """Return reasons in a stable order: positive ones first, as listed in WEIGHTS."""
    return tuple(name for name in WEIGHTS if name in reasons)
