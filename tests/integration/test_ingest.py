"""Ingestion through the web UI, the API and the service: every input type and bad input."""

import io
from pathlib import Path

import pytest
from werkzeug.wrappers import Request, Response

from app.extensions import db
from app.extraction import extract_claims
from app.models import Appearance, Article, Claim
from app.services import ingest
from app.services.actors import SYSTEM
from tests.factories import make_token, make_user
from tests.loopback import serving

SEED = (Path(__file__).resolve().parents[2] / "app/demo/kim-putin-th.txt").read_text("utf-8")
SEED_HTML = (
    "<html><head><title>คิม จองอึน บอกปูติน</title>"
    '<meta property="og:site_name" content="ข่าวทดสอบ">'
    '<meta property="article:published_time" content="2025-08-15"></head>'
    "<body><nav><a href='/'>หน้าแรก</a> <a href='/world'>ต่างประเทศ</a></nav><article>"
    "<h1>คิม จองอึน บอกปูติน</h1>"
    + "".join(f"<p>{p}</p>" for p in SEED.split("\n"))
    + "</article><footer>© ข่าวทดสอบ</footer></body></html>"
)


def _site(request: Request) -> Response:
    routes = {
        "/seed.html": lambda: Response(SEED_HTML, content_type="text/html; charset=utf-8"),
        "/seed.txt": lambda: Response(SEED, content_type="text/plain; charset=utf-8"),
        "/to-private": lambda: Response("", 302, {"Location": "http://10.9.9.9/secret"}),
        "/to-metadata": lambda: Response("", 301, {"Location": "http://169.254.169.254/"}),
        "/loop": lambda: Response("", 302, {"Location": "/loop"}),
        "/report.pdf": lambda: Response(b"%PDF-1.4", content_type="application/pdf"),
        "/huge": lambda: Response("<p>" + "ก" * 300_000 + "</p>", content_type="text/html"),
        "/empty": lambda: Response(
            "<html><body><img src='a.png' alt=''></body></html>", content_type="text/html"
        ),
    }
    return routes.get(request.path, lambda: Response("not found", 404))()


@pytest.fixture(scope="module")
def site():
    """Serve test pages on a free loopback port."""
    with serving(Request.application(_site)) as url:
        yield url


@pytest.fixture
def local_fetching(app, monkeypatch):
    """Let the fetcher reach the loopback test server, and only it (the guard stays on)."""
    monkeypatch.setitem(app.config, "SATJA_FETCH_EXTRA_ALLOWED", {"127.0.0.1"})
    monkeypatch.setitem(app.config, "SATJA_FETCH_MAX_BYTES", 200_000)


def _articles(session):
    return session.scalars(db.select(Article)).all()


# --- the web UI ------------------------------------------------------------------------------


def test_pasted_text_becomes_an_article_with_claims(signed_in, auth, client, db_session):
    signed_in("checker")
    response = auth.post(
        "/articles/text",
        prefix="text",
        data={"text": SEED, "title": "คิมกับปูติน", "published": "15 สิงหาคม 2568"},
        form_page="/articles/new",
    )
    assert response.status_code == 302
    [article] = _articles(db_session)
    assert article.title == "คิมกับปูติน" and article.published_on.isoformat() == "2025-08-15"
    assert article.language == "th" and len(article.appearances) >= 5
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert html.count('class="claim-span status-candidate"') >= 5
    assert "Article added" in html


def test_the_seed_pasted_uploaded_in_tis620_and_fetched_is_one_article(
    signed_in, auth, client, db_session, site, local_fetching
):
    signed_in("checker")
    auth.post("/articles/text", prefix="text", data={"text": SEED}, form_page="/articles/new")
    upload = {"file": (io.BytesIO(SEED.encode("cp874")), "seed-tis620.txt")}
    response = auth.post(
        "/articles/file",
        prefix="file",
        data=upload,
        form_page="/articles/new",
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert "already stored" in response.get_data(as_text=True)
    response = auth.post(
        "/articles/url",
        prefix="url",
        data={"url": f"{site}/seed.html"},
        form_page="/articles/new",
        follow_redirects=True,
    )
    assert "already stored" in response.get_data(as_text=True)
    assert len(_articles(db_session)) == 1


def test_fetched_page_keeps_its_metadata(db_session, site, local_fetching):
    checker = make_user(db_session, "checker")
    article, created = ingest.ingest(
        db_session, checker, ingest.Submission(url=f"{site}/seed.html?utm_source=x")
    )
    assert created and article.body == ingest.normalize_body(SEED)
    assert article.title == "คิม จองอึน บอกปูติน" and article.outlet == "ข่าวทดสอบ"
    assert article.published_on.isoformat() == "2025-08-15"
    assert article.canonical_url == f"{site}/seed.html"
    again, created = ingest.ingest(
        db_session, checker, ingest.Submission(url=f"{site}/seed.html#comments")
    )
    assert not created and again.id == article.id


@pytest.mark.parametrize(
    ("form", "data", "message"),
    [
        ("text", {"text": "   \n\t  "}, "This field is required"),
        ("text", {"text": SEED, "published": "yesterday-ish"}, "not a date Satja understands"),
        ("url", {"url": "ftp://example.com/file"}, "not a web address"),
        ("url", {"url": "http://127.0.0.1/admin"}, "private or local network"),
        ("url", {"url": "http://169.254.169.254/latest/meta-data/"}, "private or local network"),
    ],
)
def test_bad_input_is_a_form_error_and_stores_nothing(
    signed_in, auth, db_session, form, data, message
):
    signed_in("checker")
    response = auth.post(f"/articles/{form}", prefix=form, data=data, form_page="/articles/new")
    assert 400 <= response.status_code < 500
    assert message in response.get_data(as_text=True)
    assert _articles(db_session) == []


@pytest.mark.parametrize(
    ("filename", "content", "status", "message"),
    [
        ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00", 415, "Satja reads .txt"),
        ("notes.txt", bytes(range(256)) * 8, 422, "not a text file"),
        ("notes.txt", "ça va très bien".encode("latin-1"), 422, "could not be read"),
        ("empty.txt", b"   \n  ", 422, "has no text"),
        ("broken.docx", b"PK\x03\x04 not really a zip", 422, "damaged"),
        ("scan.pdf", b"%PDF-1.4\n%%EOF", 422, "damaged"),
    ],
)
def test_bad_files_are_refused_with_a_reason(
    signed_in, auth, db_session, filename, content, status, message
):
    signed_in("checker")
    response = auth.post(
        "/articles/file",
        prefix="file",
        data={"file": (io.BytesIO(content), filename)},
        form_page="/articles/new",
        content_type="multipart/form-data",
    )
    assert response.status_code == status
    assert message in response.get_data(as_text=True)
    assert _articles(db_session) == []


def test_upload_over_the_limit_is_a_413(app, signed_in, auth, monkeypatch):
    signed_in("checker")
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 50_000)
    response = auth.post(
        "/articles/file",
        prefix="file",
        data={"file": (io.BytesIO(b"x" * 60_000), "big.txt")},
        form_page="/articles/new",
        content_type="multipart/form-data",
    )
    assert response.status_code == 413


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("/to-private", "refused"),
        ("/to-metadata", "refused"),
        ("/loop", "too_many_redirects"),
        ("/report.pdf", "unsupported_type"),
        ("/huge", "too_large"),
        ("/missing", "http_error"),
        ("/empty", "no_text"),
    ],
)
def test_bad_pages_are_refused(db_session, site, local_fetching, path, code):
    checker = make_user(db_session, "checker")
    with pytest.raises(ingest.IngestRefused) as caught:
        ingest.ingest(db_session, checker, ingest.Submission(url=site + path))
    assert caught.value.code == code
    assert _articles(db_session) == []


def test_an_unreachable_address_is_refused(app, db_session, monkeypatch):
    monkeypatch.setitem(app.config, "SATJA_FETCH_ALLOW_PRIVATE", True)
    checker = make_user(db_session, "checker")
    with pytest.raises(ingest.IngestRefused) as caught:
        ingest.ingest(db_session, checker, ingest.Submission(url="http://127.0.0.1:9/nothing"))
    assert caught.value.code == "unreachable"


def test_viewers_cannot_add_articles(signed_in, auth, db_session):
    signed_in("viewer")
    response = auth.post(
        "/articles/text", prefix="text", data={"text": SEED}, form_page="/articles/new"
    )
    assert response.status_code == 403 and _articles(db_session) == []


def test_docx_and_pdf_uploads(signed_in, auth, db_session):
    import docx

    signed_in("checker")
    document = docx.Document()
    for paragraph in SEED.split("\n")[:3]:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    response = auth.post(
        "/articles/file",
        prefix="file",
        data={"file": (io.BytesIO(buffer.getvalue()), "a.docx")},
        form_page="/articles/new",
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    response = auth.post(
        "/articles/file",
        prefix="file",
        data={"file": (io.BytesIO(_pdf("Exports rose 4.2% in July to 24 billion baht.")), "b.pdf")},
        form_page="/articles/new",
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    bodies = [a.body for a in _articles(db_session)]
    assert len(bodies) == 2
    assert any(b.startswith("Exports rose 4.2% in July") for b in bodies)
    assert any("คิม จองอึน" in b for b in bodies)


def _pdf(text: str) -> bytes:
    """Return a one-page PDF whose text layer says `text` (Helvetica, ASCII)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF".encode()
    )
    return out.getvalue()


# --- offsets, claims and the article list -----------------------------------------------------


def test_every_appearance_is_the_span_extraction_returned(db_session):
    checker = make_user(db_session, "checker")
    article, _ = ingest.ingest(db_session, checker, ingest.Submission(text=SEED))
    expected = [(c.start, c.end) for c in extract_claims(article.body, language="th")]
    appearances = db_session.scalars(
        db.select(Appearance).where(Appearance.article_id == article.id).order_by(Appearance.start)
    ).all()
    assert [(a.start, a.end) for a in appearances] == expected
    for appearance in appearances:
        assert article.body[appearance.start : appearance.end] == appearance.sentence
        assert appearance.claim.text == appearance.sentence.strip("“”")


def test_article_list_filters(signed_in, client, db_session):
    checker = make_user(db_session, "checker")
    ingest.ingest(
        db_session,
        checker,
        ingest.Submission(text=SEED, outlet="ข่าวสด", published="15 สิงหาคม 2568"),
    )
    ingest.ingest(
        db_session,
        checker,
        ingest.Submission(
            text="Exports rose 4.2% in July, the Commerce Ministry said.",
            title="Exports",
            outlet="Bangkok Post",
            published="2024-01-02",
        ),
    )
    db_session.commit()
    signed_in("viewer")

    def titles(query):
        html = client.get("/articles" + query).get_data(as_text=True)
        return "Exports" in html, "Yonhap" in html or "คิม" in html

    assert titles("") == (True, True)
    assert titles("?language=en") == (True, False)
    assert titles("?outlet=bangkok") == (True, False)
    assert titles("?since=2025-01-01") == (False, True)
    assert titles("?outlet=%25") == (False, False)  # % is a character here, not a wildcard
    assert client.get("/articles?since=notadate").status_code == 200


def test_claim_page_lists_where_it_appears(signed_in, client, db_session):
    checker = make_user(db_session, "checker")
    article, _ = ingest.ingest(db_session, checker, ingest.Submission(text=SEED, title="T"))
    db_session.commit()
    claim = article.appearances[0].claim
    signed_in("viewer")
    html = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert claim.text in html and f"/articles/{article.id}" in html
    assert client.get("/claims/999999").status_code == 404


# --- bulk import -----------------------------------------------------------------------------


def _jsonl(count: int) -> bytes:
    import json

    lines = [
        json.dumps(
            {
                "url": f"https://news.example/a/{i}?utm_source=feed",
                "title": f"ข่าว {i}",
                "published": "15/08/2568",
                "outlet": "ข่าวทดสอบ",
                "text": f"ข่าวที่ {i}: กรมควบคุมโรครายงานว่าพบผู้ป่วยสะสม {i} ราย",
            },
            ensure_ascii=False,
        )
        for i in range(count)
    ]
    return ("\n".join(lines) + "\n").encode()


def test_a_thousand_article_import_and_its_repetition(db_session, monkeypatch):
    from app.ingest.bulk import read_records
    from app.services import bulk

    # Batches by count here: the commit at least every COMMIT_SECONDS would add commits on a
    # slow or busy machine (the next test covers it).
    monkeypatch.setattr(bulk, "COMMIT_SECONDS", 3600.0)
    records = read_records("feed.jsonl", _jsonl(1000))
    seen = []
    report = bulk.import_records(
        db_session, SYSTEM, records, lambda done, counts, failures: seen.append(done)
    )
    assert report.counts == {"created": 1000}
    assert seen[-1] == 1000 and len(seen) == 1000 // bulk.COMMIT_EVERY
    again = bulk.import_records(db_session, SYSTEM, read_records("feed.jsonl", _jsonl(1000)))
    assert again.counts == {"duplicates": 1000}
    assert db_session.scalar(db.select(db.func.count()).select_from(Article)) == 1000


def test_a_slow_import_commits_at_least_every_commit_seconds(db_session, monkeypatch):
    from app.ingest.bulk import read_records
    from app.services import bulk

    # However slow its lines, a batch holds the write lock (on SQLite) and the heartbeat no
    # longer than COMMIT_SECONDS: at 0, every line is committed on its own.
    monkeypatch.setattr(bulk, "COMMIT_SECONDS", 0.0)
    seen = []
    records = read_records("feed.jsonl", _jsonl(30))
    bulk.import_records(db_session, SYSTEM, records, lambda done, *_: seen.append(done))
    assert seen == list(range(1, 31))


def test_bulk_import_through_the_web_reports_per_line(signed_in, auth, client, db_session):
    signed_in("checker")
    content = _jsonl(3) + b'{"title": "no text at all"}\nnot json\n[1, 2]\n'
    response = auth.post(
        "/articles/bulk",
        prefix="bulk",
        data={"file": (io.BytesIO(content), "feed.jsonl")},
        form_page="/articles/new",
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    status = client.get(response.headers["Location"] + ".json").get_json()
    assert status["done"] and status["status"] == "finished"
    assert status["counts"] == {"created": 3, "failed": 3}
    assert [f["line"] for f in status["failures"]] == [4, 5, 6]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "not valid JSON" in page and "not a JSON object" in page and "has no text" in page
    response = auth.post(
        "/articles/bulk",
        prefix="bulk",
        data={"file": (io.BytesIO(_jsonl(3)), "feed.jsonl")},
        form_page="/articles/new",
        content_type="multipart/form-data",
    )
    again = client.get(response.headers["Location"] + ".json").get_json()
    assert again["counts"] == {"duplicates": 3}


def test_bulk_csv_and_bad_bulk_files(signed_in, auth, db_session):
    signed_in("checker")
    csv_data = "title,text,outlet\nหนึ่ง,ผู้ป่วยสะสม 12 ราย ตามรายงานของกรมควบคุมโรค,ข่าว\n".encode()
    response = auth.post(
        "/articles/bulk",
        prefix="bulk",
        data={"file": (io.BytesIO(csv_data), "feed.csv")},
        form_page="/articles/new",
        content_type="multipart/form-data",
    )
    assert response.status_code == 302 and len(_articles(db_session)) == 1
    response = auth.post(
        "/articles/bulk",
        prefix="bulk",
        data={"file": (io.BytesIO(b"a,b\n1,2\n"), "x.csv")},
        form_page="/articles/new",
        content_type="multipart/form-data",
    )
    assert response.status_code == 422 and "JSON Lines or CSV" in response.get_data(as_text=True)
    response = auth.post(
        "/articles/bulk",
        prefix="bulk",
        data={"file": (io.BytesIO(b"x"), "x.xlsx")},
        form_page="/articles/new",
        content_type="multipart/form-data",
    )
    assert response.status_code == 415


def test_cli_import_shows_progress_and_counts(runner, tmp_path, db_session):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(_jsonl(30) + b"oops\n")
    result = runner.invoke(args=["articles", "import", str(path)])
    assert result.exit_code == 1, result.output  # one line failed
    assert "created 30, duplicates 0, failed 1" in result.output
    assert "line 31: This line is not valid JSON" in result.output
    result = runner.invoke(args=["articles", "import", str(path)])
    assert "created 0, duplicates 30, failed 1" in result.output


# --- the API ---------------------------------------------------------------------------------


def _bearer(session, role="checker"):
    return {"Authorization": f"Bearer {make_token(session, role)[1]}"}


def test_api_creates_then_finds_the_same_article(client, db_session):
    headers = _bearer(db_session)
    response = client.post("/api/v1/articles", json={"text": SEED, "title": "คิม"}, headers=headers)
    assert response.status_code == 201
    body = response.get_json()
    assert set(body) >= {"id", "url", "title", "language", "claims"}
    assert body["claims"] and set(body["claims"][0]) == {
        "id",
        "text",
        "start",
        "end",
        "score",
        "reasons",
        "claimant",
        "reported_by",
        "status",
    }
    again = client.post("/api/v1/articles", json={"html": SEED_HTML}, headers=headers)
    assert again.status_code == 200 and again.get_json()["id"] == body["id"]
    one = client.get(f"/api/v1/articles/{body['id']}", headers=headers).get_json()
    assert one["body"] == ingest.normalize_body(SEED)
    for claim in one["claims"]:
        assert one["body"][claim["start"] : claim["end"]].strip("“”") == claim["text"]
    listing = client.get("/api/v1/articles?page=1", headers=headers).get_json()
    assert listing["total"] == 1 and listing["items"][0]["id"] == body["id"]


@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [
        ({"text": "  "}, 422, "empty"),
        ({"url": "http://10.0.0.8/intranet"}, 422, "refused"),
        ({"url": "gopher://x"}, 422, "bad_url"),
        ({"text": SEED, "published": "someday"}, 422, "bad_date"),
        ({"text": SEED, "language": "fr"}, 422, "bad_language"),
        ({"text": 42}, 400, "bad_request"),
        (["not", "an", "object"], 400, "bad_request"),
    ],
)
def test_api_bad_input_is_a_json_4xx(client, db_session, payload, status, code):
    response = client.post("/api/v1/articles", json=payload, headers=_bearer(db_session))
    assert response.status_code == status
    assert response.get_json()["error"]["code"] == code
    assert _articles(db_session) == []


def test_api_refuses_viewers_and_oversized_bodies(app, client, db_session, monkeypatch):
    response = client.post(
        "/api/v1/articles", json={"text": SEED}, headers=_bearer(db_session, "viewer")
    )
    assert response.status_code == 403 and response.get_json()["error"]["code"] == "forbidden"
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 1000)
    response = client.post("/api/v1/articles", json={"text": SEED}, headers=_bearer(db_session))
    assert response.status_code == 413 and response.get_json()["error"]["code"] == "too_large"
    assert client.get("/api/v1/articles?page=x", headers=_bearer(db_session)).status_code == 400


def test_claims_are_shared_between_articles(db_session):
    checker = make_user(db_session, "checker")
    sentence = "กรมควบคุมโรครายงานว่าพบผู้ป่วยไข้เลือดออกสะสม 42,513 ราย"
    ingest.ingest(db_session, checker, ingest.Submission(text=sentence))
    ingest.ingest(db_session, checker, ingest.Submission(text="ข่าวเช้า\n" + sentence))
    [claim] = db_session.scalars(db.select(Claim).where(Claim.text == sentence)).all()
    assert len(claim.appearances) == 2


def test_metadata_longer_than_stored_is_refused(client, db_session):
    response = client.post(
        "/api/v1/articles", json={"text": SEED, "title": "ก" * 600}, headers=_bearer(db_session)
    )
    assert response.status_code == 422 and response.get_json()["error"]["code"] == "too_long"


def test_a_queued_job_is_at_zero_percent(db_session):
    from app.services import jobs

    checker = make_user(db_session, "checker")
    job = jobs.create_job(db_session, checker, "import", "feed.jsonl", "")
    assert job.percent == 0
    jobs.finish(job)
    assert job.percent == 100


def test_claim_dates_are_shown_in_the_readers_calendar(signed_in, client, db_session):
    checker = make_user(db_session, "checker")
    article, _ = ingest.ingest(
        db_session,
        checker,
        ingest.Submission(text="เมื่อวันที่ 15 สิงหาคม 2568 กรมควบคุมโรครายงานว่าพบผู้ป่วย 1,200 ราย"),
    )
    db_session.commit()
    claim = article.appearances[0].claim
    signed_in("viewer")
    thai = client.get(f"/claims/{claim.id}", headers={"Accept-Language": "th"})
    assert "15 สิงหาคม 2568" in thai.get_data(as_text=True)
    assert "15 August 2025" in client.get(f"/claims/{claim.id}").get_data(as_text=True)


def test_a_page_that_cannot_be_fetched_suggests_pasting_its_text(
    signed_in, auth, client, site, local_fetching
):
    signed_in("checker")
    client.set_cookie("satja_lang", "en")
    url = f"{site}/missing-page"
    response = auth.post(
        "/articles/url", prefix="url", data={"url": url}, form_page="/articles/new"
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="paste-suggestion"' in html and 'href="#paste"' in html
    # The paste form already carries the address, so the article keeps where it came from.
    assert f'name="text-url" type="url" value="{url}"' in html


def test_a_bad_address_is_not_told_to_paste(signed_in, auth, client):
    signed_in("checker")
    response = auth.post(
        "/articles/url",
        prefix="url",
        data={"url": "ftp://example.org/x"},
        form_page="/articles/new",
    )
    assert 'id="paste-suggestion"' not in response.get_data(as_text=True)
