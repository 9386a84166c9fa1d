"""Every input's cost is bounded: an article's text, the claims kept from it, what its file
unpacks to and its pages."""

import io
import zipfile

from app.extensions import db
from app.models import Appearance, Article
from app.services import ingest
from tests.factories import make_pdf, make_token, make_user

SENTENCE = "นายสมชาย ใจดี อธิบดีกรมควบคุมโรค กล่าวว่า ปีนี้พบผู้ป่วย {n} ราย มากที่สุดในรอบ {y} ปี"


def _count(session, model):
    return session.scalar(db.select(db.func.count()).select_from(model))


def test_a_text_over_the_limit_is_refused_beside_the_box_and_in_the_api(
    app, signed_in, auth, client, db_session, monkeypatch
):
    monkeypatch.setitem(app.config, "SATJA_MAX_BODY_CHARS", 2_000)
    text = "\n".join(SENTENCE.format(n=n, y=n % 9 + 2) for n in range(40))  # about 3,600
    signed_in("checker")
    client.set_cookie("satja_lang", "en")
    page = auth.post(
        "/articles/text", prefix="text", data={"text": text}, form_page="/articles/new"
    )
    html = page.get_data(as_text=True)
    assert page.status_code == 413
    assert 'id="text-text-error"' in html and "at most 2,000" in html and "Split it" in html
    _, token = make_token(db_session, "checker")
    answer = client.post(
        "/api/v1/articles", json={"text": text}, headers={"Authorization": f"Bearer {token}"}
    )
    assert answer.status_code == 413 and answer.get_json()["error"]["code"] == "too_large"
    assert _count(db_session, Article) == 0


def test_an_article_keeps_its_most_check_worthy_claims_in_text_order(app, db_session, monkeypatch):
    monkeypatch.setitem(app.config, "SATJA_MAX_CLAIMS_PER_ARTICLE", 3)
    text = "\n".join(SENTENCE.format(n=1000 + n, y=n % 9 + 2) for n in range(8))
    checker = make_user(db_session, "checker")
    with app.test_request_context(method="POST"):
        article, _ = ingest.ingest(db_session, checker, ingest.Submission(text=text))
    appearances = sorted(article.appearances, key=lambda a: a.start)
    assert len(appearances) == 3 == _count(db_session, Appearance)
    assert [a.start for a in appearances] == sorted(a.start for a in appearances)


def _zip_bomb_docx() -> bytes:
    """A .docx of a few hundred KB whose document part unpacks to 60 MB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:document>" + b" " * (60 * 1024 * 1024))
    return out.getvalue()


def _upload(auth, name: str, data: bytes):
    return auth.post(
        "/articles/file",
        prefix="file",
        data={"file": (io.BytesIO(data), name)},
        form_page="/articles/new",
        content_type="multipart/form-data",
    )


def test_a_docx_that_unpacks_to_too_much_is_refused_unread(signed_in, auth, client, db_session):
    signed_in("checker")
    client.set_cookie("satja_lang", "en")
    data = _zip_bomb_docx()
    assert len(data) < 1_000_000
    response = _upload(auth, "bomb.docx", data)
    assert response.status_code == 413
    assert "larger than Satja accepts" in response.get_data(as_text=True)
    assert _count(db_session, Article) == 0


def test_a_pdf_with_too_many_pages_is_refused(signed_in, auth, client, db_session):
    signed_in("checker")
    client.set_cookie("satja_lang", "en")
    response = _upload(auth, "report.pdf", make_pdf([f"page {n}" for n in range(501)]))
    assert response.status_code == 413
    assert _count(db_session, Article) == 0


class _FetcherWithNoTransaction:
    """A fetcher that proves no transaction is open while it fetches (a slow site holds no
    database lock), and answers with a small news page."""

    def __init__(self):
        self.calls = 0

    def fetch(self, url):
        from app.ingest.fetch import Fetched

        assert not db.session().in_transaction(), "a transaction is open during the fetch"
        self.calls += 1
        html = f"<html><body><article><p>{SENTENCE.format(n=4321, y=7)}</p></article></body></html>"
        return Fetched(url, "text/html", html)


def test_no_transaction_is_open_while_a_page_is_fetched(
    signed_in, auth, client, db_session, monkeypatch
):
    fetcher = _FetcherWithNoTransaction()
    monkeypatch.setattr(ingest, "fetcher", lambda: fetcher)
    signed_in("checker")
    web = auth.post(
        "/articles/url",
        prefix="url",
        data={"url": "https://news.example/a"},
        form_page="/articles/new",
    )
    assert web.status_code == 302
    _, token = make_token(db_session, "checker")
    api = client.post(
        "/api/v1/articles",
        json={"url": "https://news.example/b"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert api.status_code in (200, 201)
    assert fetcher.calls == 2
