"""Storing articles: normalization, deduplication by body hash, roles and audit."""

import pytest

from app.extensions import db
from app.models import Article, AuditEvent
from app.services import articles
from app.services.errors import InvalidInput, NotAllowed
from tests.factories import make_user


def test_article_is_stored_once_and_audited(db_session):
    checker = make_user(db_session, "checker")
    given = articles.ArticleInput(text="  ข่าว\r\nบรรทัดสอง  ", title="หัวข้อ")
    first, created = articles.add_article(db_session, checker, given)
    again, created_again = articles.add_article(
        db_session, checker, articles.ArticleInput(text="ข่าว\nบรรทัดสอง")
    )
    assert created and not created_again and again.id == first.id
    assert first.body == "ข่าว\nบรรทัดสอง" and first.ingested_by_id == checker.id
    events = db_session.scalars(
        db.select(AuditEvent).where(AuditEvent.action == "article.create")
    ).all()
    assert [e.object_id for e in events] == [str(first.id)]


def test_body_is_stored_in_nfc(db_session):
    checker = make_user(db_session, "checker")
    decomposed = "Cafe\u0301"
    article, _ = articles.add_article(db_session, checker, articles.ArticleInput(text=decomposed))
    assert article.body == "Café"


def test_blank_article_is_refused(db_session):
    checker = make_user(db_session, "checker")
    with pytest.raises(InvalidInput):
        articles.add_article(db_session, checker, articles.ArticleInput(text=" \n\t "))
    assert db_session.scalar(db.select(db.func.count()).select_from(Article)) == 0


def test_viewer_cannot_add_articles(db_session):
    viewer = make_user(db_session, "viewer")
    with pytest.raises(NotAllowed):
        articles.add_article(db_session, viewer, articles.ArticleInput(text="ข่าว"))


def test_a_long_first_line_makes_a_title_without_half_words():
    thai = "ก" * 50 + "ที่" * 40  # no space: the cut must not separate a mark from its letter
    title = articles.default_title(thai + "\nต่อ")
    assert title.endswith("…") and len(title) <= articles.TITLE_LENGTH + 1
    kept = title[:-1]
    assert thai.startswith(kept) and thai[len(kept)] not in "\u0e35\u0e48"  # whole characters
    english = "word " * 60
    assert articles.default_title(english) == ("word " * 24).strip() + "…"
    assert articles.default_title("สั้น\nยาว") == "สั้น"
