"""Sources are saved at once and archived in the background: pages, PDFs, failures, retries,
uploaded files, through the service, the claim page and the API."""

import io
import socket

import jsonschema
import pytest
from werkzeug.wrappers import Request, Response

from app.extensions import db
from app.models import ArchiveStatus, AuditEvent, Job, Source
from app.services import sources
from app.services.archiving import archive, files
from app.services.errors import Conflict, NotFound
from tests.factories import make_claim, make_pdf, make_token, make_user
from tests.loopback import serving

TEXT = "นายสมชาย ใจดี อธิบดีกรมควบคุมโรค กล่าวว่า ปีนี้พบผู้ป่วย 1,200 ราย มากที่สุดในรอบ 5 ปี"
PAGE = (
    "<html><head><title>รายงานสถานการณ์โรค ประจำปี 2568</title>"
    '<meta property="og:site_name" content="กรมควบคุมโรค">'
    '<meta property="article:published_time" content="2025-08-15"></head><body><article>'
    "<h1>รายงานสถานการณ์โรค ประจำปี 2568</h1>"
    "<p>ปีนี้พบผู้ป่วยทั้งหมด 1,200 ราย ซึ่งเป็นจำนวนที่สูงที่สุดในรอบห้าปีที่ผ่านมา ตามข้อมูลของกรม</p>"
    "<p>ข้อมูลนี้รวบรวมจากโรงพยาบาลทั่วประเทศ และเผยแพร่เมื่อวันที่ 15 สิงหาคม 2568</p>"
    "</article></body></html>"
)
PDF = make_pdf(["Annual report of the Department of Disease Control", "1200 cases this year"])
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
FLAKY = {"fail": True}


def _site(request: Request) -> Response:
    if request.path == "/flaky":
        status = 503 if FLAKY["fail"] else 200
        return Response(PAGE, status, content_type="text/html; charset=utf-8")
    routes = {
        "/report.html": lambda: Response(PAGE, content_type="text/html; charset=utf-8"),
        "/report.pdf": lambda: Response(PDF, content_type="application/pdf"),
        "/forbidden": lambda: Response("no robots", 403),
        "/image.png": lambda: Response(PNG, content_type="image/png"),
    }
    return routes.get(request.path, lambda: Response("not found", 404))()


@pytest.fixture(scope="module")
def site():
    """Serve evidence pages on a free loopback port."""
    with serving(Request.application(_site)) as url:
        yield url


@pytest.fixture
def local_fetching(app, monkeypatch, tmp_path):
    """Let the fetcher reach the loopback test server (the guard stays on); files in tmp."""
    monkeypatch.setitem(app.config, "SATJA_FETCH_EXTRA_ALLOWED", {"127.0.0.1"})
    monkeypatch.setitem(app.config, "SATJA_FETCH_TIMEOUT", 3)
    monkeypatch.setitem(app.config, "SATJA_SOURCE_FILES_DIR", str(tmp_path / "files"))


@pytest.fixture
def claim(db_session):
    return make_claim(db_session, TEXT)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _add(session, claim, upload=None, **fields) -> Source:
    """Add a source as the web and API edges do: save, commit, then start the job."""
    checker = make_user(session, "checker")
    source = sources.add_source(session, checker, claim.id, sources.SourceInput(**fields), upload)
    session.commit()
    archive.start(source)
    session.expire_all()
    return session.get(Source, source.id)


# --- the service and the job -------------------------------------------------------------------


def test_a_page_is_archived_in_the_background_with_what_was_left_empty(
    db_session, claim, site, local_fetching
):
    source = _add(db_session, claim, url=f"{site}/report.html", publisher="สำนักข่าวของฉัน")
    assert source.archive.status == ArchiveStatus.ARCHIVED
    assert "1,200 ราย" in source.snapshot_text and len(source.snapshot_sha256) == 64
    assert source.title == "รายงานสถานการณ์โรค ประจำปี 2568"  # left empty: read from the page
    assert source.publisher == "สำนักข่าวของฉัน"  # typed: kept
    assert source.published_on.isoformat() == "2025-08-15"
    assert source.version == 1, "archiving never bumps the version a reviewer edits against"
    state = archive.state(source).as_json()
    assert state["status"] == "archived" and state["sha256"] == source.snapshot_sha256
    assert state["archived_at"] == source.accessed_at.isoformat()
    actions = db_session.scalars(
        db.select(AuditEvent.action).where(AuditEvent.object_id == str(source.id))
    ).all()
    assert "source.add" in actions and "source.archive" in actions
    job = db_session.get(Job, source.archive.job_id)
    assert job.kind == "source_archive" and job.done and job.counts == {"archived": 1}


def test_a_pdf_by_url_is_archived_with_the_text_of_every_page(
    db_session, claim, site, local_fetching
):
    source = _add(db_session, claim, url=f"{site}/report.pdf", title="รายงานประจำปี")
    assert source.archive.status == ArchiveStatus.ARCHIVED
    assert source.archive.content_type == "application/pdf"
    assert "Department of Disease Control" in source.snapshot_text
    assert "1200 cases this year" in source.snapshot_text
    assert source.title == "รายงานประจำปี"


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/forbidden", "HTTP 403"),
        ("/missing", "HTTP 404"),
        ("/image.png", "not a web page or a PDF"),
    ],
)
def test_a_page_that_cannot_be_archived_is_kept_with_the_reason(
    db_session, claim, site, local_fetching, path, reason
):
    source = _add(db_session, claim, url=site + path)
    assert source.removed_at is None and source.title == ""
    state = archive.state(source)
    assert state.status == "failed" and reason in state.error and state.can_retry
    assert source.snapshot_sha256 is None


def test_unreachable_and_private_addresses_fail_in_words(db_session, claim, local_fetching):
    closed = _add(db_session, claim, url=f"http://127.0.0.1:{_free_port()}/post/123")
    assert "refused the connection" in archive.state(closed).error
    private = _add(db_session, claim, url="http://10.1.2.3/intranet")
    assert "private or local network" in archive.state(private).error


def test_retry_after_a_failure_archives_and_is_refused_otherwise(
    db_session, claim, site, local_fetching
):
    FLAKY["fail"] = True
    source = _add(db_session, claim, url=f"{site}/flaky")
    assert archive.state(source).status == "failed"
    assert "HTTP 503" in archive.state(source).error
    FLAKY["fail"] = False
    checker = make_user(db_session, "checker")
    retried = archive.retry(db_session, checker, source.id)
    db_session.commit()
    archive.start(retried)
    db_session.expire_all()
    source = db_session.get(Source, source.id)
    assert source.archive.status == ArchiveStatus.ARCHIVED and source.archive.attempts == 2
    with pytest.raises(Conflict):
        archive.retry(db_session, checker, source.id)  # the snapshot stays what was seen
    pending = sources.add_source(
        db_session, checker, claim.id, sources.SourceInput(url=f"{site}/report.html")
    )
    with pytest.raises(Conflict):
        archive.retry(db_session, checker, pending.id)  # its job has not run yet
    by_hand = sources.add_source(db_session, checker, claim.id, sources.SourceInput(title="ก"))
    with pytest.raises(Conflict):
        archive.retry(db_session, checker, by_hand.id)
    sources.remove_source(db_session, checker, by_hand.id, by_hand.version)
    with pytest.raises(NotFound):
        archive.retry(db_session, checker, by_hand.id)
    with pytest.raises(NotFound):
        archive.retry(db_session, checker, 987654)


def test_an_edit_made_while_the_job_runs_is_not_stale(db_session, claim, site, local_fetching):
    checker = make_user(db_session, "checker")
    source = sources.add_source(
        db_session, checker, claim.id, sources.SourceInput(url=f"{site}/report.html")
    )
    db_session.commit()
    version = source.version
    archive.start(source)  # the job finishes between the form's load and its submit
    edited = sources.edit_source(
        db_session,
        checker,
        source.id,
        sources.SourceInput(title="ชื่อที่ฉันตั้ง", stance="refutes"),
        version,
    )
    db_session.commit()
    assert edited.title == "ชื่อที่ฉันตั้ง" and edited.snapshot_sha256


def test_a_job_that_crashes_leaves_a_retryable_failure(
    db_session, claim, site, local_fetching, monkeypatch
):
    def crash(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(archive, "record", crash)
    source = _add(db_session, claim, url=f"{site}/report.html")
    state = archive.state(source)
    assert state.status == "failed" and "unexpected error" in state.error and state.can_retry


# --- uploaded files ------------------------------------------------------------------------------


def test_an_uploaded_file_is_stored_once_and_a_pdf_is_archived(db_session, claim, local_fetching):
    upload = files.Upload("ประกาศ กรม.pdf", PDF)
    first = _add(db_session, claim, upload, title="ประกาศของกรม")
    second = _add(db_session, claim, files.Upload("again.pdf", PDF))
    assert first.file_sha256 == second.file_sha256 and first.file_type == "application/pdf"
    assert first.file_size == len(PDF) and first.file_name == "ประกาศ กรม.pdf"
    stored = [p for p in files.folder().rglob("*") if p.is_file()]
    assert stored == [files.path_of(first.file_sha256)], "the same file twice is stored once"
    assert first.archive.status == ArchiveStatus.ARCHIVED
    assert "1200 cases this year" in first.snapshot_text
    assert second.title == "" and archive.state(second).status == "archived"
    screenshot = _add(db_session, claim, files.Upload("line.png", PNG))
    assert screenshot.file_type == "image/png" and archive.state(screenshot).status == "none"


@pytest.mark.parametrize(
    ("data", "code"),
    [(b"<html>not an image</html>", "not_evidence_file"), (b"", "empty_file")],
)
def test_a_file_that_is_not_evidence_is_refused(db_session, claim, local_fetching, data, code):
    checker = make_user(db_session, "checker")
    with pytest.raises(files.FileRefused) as refused:
        sources.add_source(
            db_session, checker, claim.id, sources.SourceInput(), files.Upload("shot.png", data)
        )
    assert refused.value.code == code and refused.value.field == "file"


# --- the claim page ------------------------------------------------------------------------------


def _post_source(auth, claim, data, **kwargs):
    return auth.post(
        f"/claims/{claim.id}/sources",
        prefix="source",
        data=data,
        form_page=f"/claims/{claim.id}",
        **kwargs,
    )


def test_the_claim_page_shows_failed_then_retry_then_archived(
    signed_in, auth, client, claim, site, local_fetching, db_session
):
    signed_in("checker")
    FLAKY["fail"] = True
    response = _post_source(auth, claim, {"url": f"{site}/flaky", "stance": "refutes"})
    assert response.status_code == 302
    html = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert "Not archived" in html and "HTTP 503" in html and "Retry" in html
    source = db_session.scalars(db.select(Source).where(Source.claim_id == claim.id)).one()
    state = client.get(f"/claims/{claim.id}/sources/{source.id}/archive.json").get_json()
    assert state["status"] == "failed" and "Retry" in state["html"]
    FLAKY["fail"] = False
    response = auth.post(
        f"/claims/{claim.id}/sources/{source.id}/archive",
        prefix="archive_retry",
        data={},
        form_page=f"/claims/{claim.id}",
    )
    assert response.status_code == 302
    html = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert "View archived text" in html and "Not archived" not in html
    text = client.get(f"/claims/{claim.id}/sources/{source.id}/archived").get_data(as_text=True)
    assert "1,200 ราย" in text and "SHA-256" in text


def test_retry_without_csrf_is_refused(signed_in, client, claim, db_session, local_fetching):
    signed_in("checker")
    source = _add(db_session, claim, url="http://10.1.2.3/x")
    response = client.post(f"/claims/{claim.id}/sources/{source.id}/archive")
    assert response.status_code == 400
    assert db_session.get(Source, source.id).archive.attempts == 1


def test_the_form_takes_a_file_and_staff_download_it_safely(
    signed_in, auth, client, claim, local_fetching, db_session
):
    signed_in("checker")
    data = {"title": "", "file": (io.BytesIO(PDF), "report.pdf")}
    response = _post_source(auth, claim, data, content_type="multipart/form-data")
    assert response.status_code == 302
    source = db_session.scalars(db.select(Source).where(Source.claim_id == claim.id)).one()
    html = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert f"/claims/{claim.id}/sources/{source.id}/file" in html and "report.pdf" in html
    download = client.get(f"/claims/{claim.id}/sources/{source.id}/file")
    assert download.status_code == 200 and download.data == PDF
    assert download.headers["Content-Type"] == "application/pdf"
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert download.headers["Content-Disposition"].endswith("filename*=UTF-8''report.pdf")
    # A PDF uploaded under an HTML name downloads as a .pdf: the bytes decide, not the name.
    data = {"title": "", "file": (io.BytesIO(PDF + b"<html>"), "evil.html")}
    assert _post_source(auth, claim, data, content_type="multipart/form-data").status_code == 302
    other = db_session.scalars(
        db.select(Source).where(Source.claim_id == claim.id, Source.id != source.id)
    ).one()
    disposition = client.get(f"/claims/{claim.id}/sources/{other.id}/file").headers
    assert disposition["Content-Disposition"].endswith("filename*=UTF-8''evil.pdf")
    auth.logout()
    anonymous = client.get(f"/claims/{claim.id}/sources/{source.id}/file")
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]


def test_a_bad_or_oversized_file_is_a_form_error(
    signed_in, auth, claim, local_fetching, app, monkeypatch
):
    signed_in("checker")
    data = {"title": "ภาพ", "file": (io.BytesIO(b"MZ\x90\x00 an .exe"), "shot.png")}
    response = _post_source(auth, claim, data, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Attach a screenshot (PNG, JPEG, WebP, GIF) or a PDF." in response.get_data(True)
    assert 'value="ภาพ"' in response.get_data(as_text=True), "what was typed is kept"
    monkeypatch.setitem(app.config, "SATJA_SOURCE_FILE_MAX_BYTES", 1024)
    data = {"title": "ภาพ", "file": (io.BytesIO(PNG + b"\x00" * 2048), "big.png")}
    response = _post_source(auth, claim, data, content_type="multipart/form-data")
    assert response.status_code == 413
    assert "larger than Satja accepts (0.000977 MB at most)" in response.get_data(True)


# --- the API -------------------------------------------------------------------------------------


def _schema(spec: dict, path: str, method: str, status: str) -> dict:
    response = spec["paths"][path][method]["responses"][status]
    if "$ref" in response:
        response = spec["components"]["responses"][response["$ref"].rsplit("/", 1)[-1]]
    schema = response["content"]["application/json"]["schema"]
    return {**schema, "components": spec["components"]}


def _validate(client, data, path, method, status):
    spec = client.get("/api/v1/openapi.json").get_json()
    schema = _schema(spec, path, method, status)
    jsonschema.validate(data, schema)


def test_api_answers_201_at_once_with_the_archive_state(
    client, claim, db_session, site, local_fetching
):
    _, token = make_token(db_session, "checker")
    headers = {"Authorization": f"Bearer {token}"}
    url = f"http://127.0.0.1:{_free_port()}/x-post"
    response = client.post(f"/api/v1/claims/{claim.id}/sources", json={"url": url}, headers=headers)
    assert response.status_code == 201
    body = response.get_json()
    _validate(client, body, "/claims/{claim_id}/sources", "post", "201")
    # Inline jobs (tests) have run by now; a real server answers "pending" and archives later.
    assert body["archive"]["status"] == "failed" and "refused" in body["archive"]["error"]
    assert body["url"] == url and body["title"] == "" and body["file"] is None
    response = client.post(f"/api/v1/sources/{body['id']}/archive", headers=headers)
    assert response.status_code == 202 and response.get_json()["archive"]["status"] == "failed"
    _validate(client, response.get_json(), "/sources/{source_id}/archive", "post", "202")
    got = client.get(f"/api/v1/sources/{body['id']}", headers=headers).get_json()
    assert got["archive"]["status"] == "failed"
    claim_sources = client.get(f"/api/v1/claims/{claim.id}", headers=headers).get_json()["sources"]
    assert claim_sources[0]["archive"] == got["archive"]
    archived = client.post(
        f"/api/v1/claims/{claim.id}/sources", json={"url": f"{site}/report.html"}, headers=headers
    ).get_json()
    assert archived["archive"]["status"] == "archived" and len(archived["archive"]["sha256"]) == 64
    assert archived["title"] == "รายงานสถานการณ์โรค ประจำปี 2568"
    again = client.post(f"/api/v1/sources/{archived['id']}/archive", headers=headers)
    assert again.status_code == 409
    assert client.post("/api/v1/sources/987654/archive", headers=headers).status_code == 404


def test_a_long_published_value_is_refused_at_once(client, claim, db_session):
    # Reading dates costs more than linear time in the text: the API takes what the form takes.
    _, token = make_token(db_session, "checker")
    body = {"title": "รายงาน", "published": "x " + "1 Jan 2020 " * 8000}
    response = client.post(
        f"/api/v1/claims/{claim.id}/sources",
        json=body,
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "bad_date"


def test_api_multipart_file_and_its_refusals(client, claim, db_session, local_fetching, app):
    _, token = make_token(db_session, "checker")
    headers = {"Authorization": f"Bearer {token}"}
    path = f"/api/v1/claims/{claim.id}/sources"
    response = client.post(
        path,
        data={"title": "ภาพจาก LINE", "stance": "supports", "file": (io.BytesIO(PNG), "line.png")},
        headers=headers,
        content_type="multipart/form-data",
    )
    assert response.status_code == 201
    body = response.get_json()
    _validate(client, body, "/claims/{claim_id}/sources", "post", "201")
    assert body["file"]["type"] == "image/png" and body["file"]["size"] == len(PNG)
    assert body["archive"] == {"status": "none"} and body["stance"] == "supports"
    bad = client.post(
        path,
        data={"file": (io.BytesIO(b"plain text"), "x.pdf")},
        headers=headers,
        content_type="multipart/form-data",
    )
    assert bad.status_code == 422 and bad.get_json()["error"]["code"] == "not_evidence_file"
    app.config["SATJA_SOURCE_FILE_MAX_BYTES"], limit = 10, app.config["SATJA_SOURCE_FILE_MAX_BYTES"]
    try:
        big = client.post(
            path,
            data={"file": (io.BytesIO(PNG), "x.png")},
            headers=headers,
            content_type="multipart/form-data",
        )
    finally:
        app.config["SATJA_SOURCE_FILE_MAX_BYTES"] = limit
    assert big.status_code == 413 and big.get_json()["error"]["code"] == "file_too_large"
    viewer = {"Authorization": f"Bearer {make_token(db_session, 'viewer')[1]}"}
    assert client.post(path, json={"title": "x"}, headers=viewer).status_code == 403
    nothing = client.post(path, json={}, headers=headers)
    assert nothing.status_code == 422


def test_a_pending_source_says_so_and_a_lost_job_can_be_retried(
    signed_in, client, claim, db_session, local_fetching
):
    checker = signed_in("checker")
    source = sources.add_source(
        db_session, checker, claim.id, sources.SourceInput(url="https://www.facebook.com/x/1")
    )
    db_session.commit()  # the job is queued but not started, as on a busy server
    html = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert "Archiving…" in html and "archive-state.js" in html
    assert f"/sources/{source.id}/archive.json" in html
    assert f'action="/claims/{claim.id}/sources/{source.id}/archive"' not in html
    state = client.get(f"/claims/{claim.id}/sources/{source.id}/archive.json").get_json()
    assert state["status"] == "pending" and state["title"] == "https://www.facebook.com/x/1"
    source.archive.requested_at -= archive.STALE_AFTER * 2  # its job was lost in a restart
    db_session.commit()
    html = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert f'action="/claims/{claim.id}/sources/{source.id}/archive"' in html
    assert archive.retry(db_session, checker, source.id).archive.attempts == 2
    other = client.get(f"/claims/{claim.id + 1000}/sources/{source.id}/archive.json")
    assert other.status_code == 404
