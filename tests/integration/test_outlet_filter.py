"""The outlet filter reads the outlets off their index (a skip scan) and keeps those whose name
contains what was typed, in any case; lists then filter on those names."""

from __future__ import annotations

import sqlalchemy as sa

from app.models import Article
from app.services.articles import outlets_like
from tests.bulk_rows import add_articles


def test_outlets_containing_the_text_in_any_case(db_session):
    for outlet in ("Thai PBS", "ไทยรัฐ", "Bangkok Post", "thai pbs world", "100% News"):
        add_articles(db_session, 3, outlet=outlet)
    found = lambda text: sorted(db_session.scalars(outlets_like(text)))  # noqa: E731
    assert found("pbs") == ["Thai PBS", "thai pbs world"]
    assert found("ไทย") == ["ไทยรัฐ"]
    assert found("%") == ["100% News"]  # a wildcard typed is a character
    assert found("nothing like it") == []
    assert len(found("")) == 5
    articles = db_session.scalars(
        sa.select(Article.outlet).where(Article.outlet.in_(outlets_like("PBS")))
    ).all()
    assert len(articles) == 6
