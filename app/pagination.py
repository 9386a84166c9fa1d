"""Bounded pagination for the long lists: a page read with LIMIT/OFFSET under an index that
serves its order, a count that stops at COUNT_CAP, and pages up to that depth.

A million claims cost the same as ten thousand: a list never counts more than COUNT_CAP rows
(it says "more than 10,000") and never skips more than COUNT_CAP rows (deeper than that, the
filters or a search narrow it). Flask-SQLAlchemy's `paginate` counts the whole filtered set on
every page and lets OFFSET go as deep as asked.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

COUNT_CAP = 10_000


class TooDeep(Exception):
    """Raised for a page past the depth a list goes to."""

    def __init__(self, cap: int) -> None:
        super().__init__(f"past the first {cap} rows")
        self.cap = cap


class Pager:
    """What the lists' pager reads of a page (as of Flask-SQLAlchemy's pagination): a class
    with `page` and `pages` gets the rest."""

    page: int

    @property
    def pages(self) -> int:
        raise NotImplementedError

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int:
        return self.page - 1

    @property
    def next_num(self) -> int:
        return self.page + 1


@dataclass
class BoundedPage(Pager):
    """A page of a list, with what the pager and the API show: the page, whether there are
    more, the total (exact below the cap, else the cap with `capped` set)."""

    items: list[Any]
    page: int
    per_page: int
    total: int
    capped: bool

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    def __iter__(self) -> Iterator[Any]:
        return iter(self.items)


def max_page(per_page: int, cap: int = COUNT_CAP) -> int:
    """Return the deepest page a list of `per_page` rows a page goes to."""
    return max(1, math.ceil(cap / per_page))


def paginate(
    session: Session, query: sa.Select, page: int, per_page: int, cap: int = COUNT_CAP
) -> BoundedPage:
    """Return page `page` of the query's rows (ORM entities), counting at most `cap` rows.

    Raises TooDeep for a page past `cap` rows (the edge answers 400 with how to narrow it)."""
    if page > max_page(per_page, cap):
        raise TooDeep(cap)
    offset = (page - 1) * per_page
    entity = query.column_descriptions[0]["entity"]
    key = sa.inspect(entity).primary_key[0]
    if offset:
        # A deferred join: the rows skipped are skipped as keys (an index-only scan where the
        # index holds the order and the key), and only the page's rows are read whole.
        keys = query.with_only_columns(key, maintain_column_froms=True).limit(per_page)
        on_page = query.where(key.in_(keys.offset(offset).scalar_subquery()))
    else:
        on_page = query.limit(per_page)
    items = list(session.scalars(on_page).unique())
    # Only the key, at most cap + 1 rows: an index-only scan where the filter allows one.
    bounded = (
        query.with_only_columns(key, maintain_column_froms=True)
        .order_by(None)
        .limit(cap + 1)
        .subquery()
    )
    counted = session.scalar(sa.select(sa.func.count()).select_from(bounded)) or 0
    return BoundedPage(items, page, per_page, min(counted, cap), counted > cap)
