"""Hostile input gets a 4xx answer or a form error, never a 500, and nothing is stored."""

import io
import json
import zipfile

import pytest

from app.extensions import db
from app.models import Article, Claim, ClaimStatus, Job, Source
from app.services import workflow
from tests.factories import make_claim, make_token, make_user

TEXT = (
    "นายสมชาย ใจดี อธิบดีกรมควบคุมโรค กล่าวว่า ปีนี้พบผู้ป่วย 1,200 ราย มากที่สุดในรอบ 5 ปี\n"
    "กระทรวงการคลังรายงานว่าหนี้สาธารณะอยู่ที่ร้อยละ 64 ของจีดีพี"
)


@pytest.fixture
def claim(db_session):
    return make_claim(db_session, TEXT)


def _bearer(session, role="checker", **extra):
    return {"Authorization": f"Bearer {make_token(session, role)[1]}", **extra}


def _count(session, model) -> int:
    return session.scalar(db.select(db.func.count()).select_from(model))


@pytest.mark.parametrize("who", [None, "viewer", "editor"])
@pytest.mark.parametrize(
    "path",
    [
        "/fact-checks?q=a%00",
        "/fact-checks?q=%00&page=1",
        "/search?q=ab%00c",
        "/claims?q=%00",
        "/login?next=/%00",
        "/fact-checks?%00=1",
    ],
)
def test_nul_in_a_query_is_a_400_page(signed_in, client, who, path):
    if who:
        signed_in(who)
    response = client.get(path)
    assert response.status_code == 400
    assert "NUL character" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "path", ["/api/v1/claims?status=%00", "/api/v1/search?q=a%00", "/api/v1/claims?assignee=%00"]
)
def test_nul_in_an_api_query_is_a_json_400(client, db_session, path):
    response = client.get(path, headers=_bearer(db_session, "viewer"))
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "bad_character"


HOSTILE_BODIES = {
    "nul": '{"text": "a\\u0000b"}',
    "lone surrogate": '{"text": "\\ud800 ข้อความ"}',
    "surrogate key": '{"\\udfff": "x", "text": "ข้อความ"}',
    "nested surrogate": '{"text": "x", "extra": [{"a": ["\\ud83d"]}]}',
    "100k deep": "[" * 100_000 + "]" * 100_000,
    "deep object": '{"text": ' + '{"a": ' * 150 + "1" + "}" * 150 + "}",
}


@pytest.mark.parametrize("body", HOSTILE_BODIES.values(), ids=HOSTILE_BODIES.keys())
def test_hostile_json_is_refused_before_any_view(client, db_session, body):
    before = _count(db_session, Article)
    response = client.post(
        "/api/v1/articles",
        data=body.encode(),
        headers=_bearer(db_session),
        content_type="application/json",
    )
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert (error["code"], "NUL" in error["message"] or "surrogate" in error["message"]) in {
        ("bad_character", True),
        ("bad_request", False),
    }
    assert "nests deeper" in error["message"] or error["code"] == "bad_character"
    assert _count(db_session, Article) == before


@pytest.mark.parametrize("body", HOSTILE_BODIES.values(), ids=HOSTILE_BODIES.keys())
def test_hostile_json_on_a_claim_changes_nothing(client, db_session, claim, body):
    response = client.patch(
        f"/api/v1/claims/{claim.id}",
        data=body.encode(),
        headers=_bearer(db_session, "editor", **{"If-Match": "1"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    db_session.refresh(claim)
    assert claim.version == 1 and "\x00" not in claim.text


def test_json_strings_with_a_quote_or_brackets_are_not_counted_as_nesting(client, db_session):
    text = "ข่าว " + "[[[{{{" * 50 + ' \\" ' + TEXT
    response = client.post(
        "/api/v1/articles",
        data=json.dumps({"text": text}).encode(),
        headers=_bearer(db_session),
        content_type="application/json",
    )
    assert response.status_code == 201


def test_nul_in_a_web_form_is_refused_and_nothing_stored(signed_in, auth, db_session):
    signed_in("checker")
    before = _count(db_session, Article)
    response = auth.post(
        "/articles/text",
        {"text": TEXT + "\x00", "title": "x"},
        form_page="/articles/new",
        prefix="text",
    )
    assert response.status_code == 400
    assert "NUL character" in response.get_data(as_text=True)
    assert _count(db_session, Article) == before


@pytest.mark.parametrize("value", ["9" * 5000, "9" * 11, "4294967296", '"1" junk', "-1", "1e3"])
def test_a_hostile_if_match_is_a_412(client, db_session, claim, value):
    response = client.patch(
        f"/api/v1/claims/{claim.id}",
        json={"claimant": "x"},
        headers=_bearer(db_session, "editor", **{"If-Match": value}),
    )
    assert response.status_code == 412
    assert response.get_json()["error"]["code"] == "stale_edit"


def test_a_hostile_if_match_on_a_verdict_step_is_a_412(client, db_session, claim):
    response = client.post(
        "/api/v1/verdicts/1/approve",
        headers=_bearer(db_session, "editor", **{"If-Match": "9" * 5000}),
    )
    assert response.status_code == 412


def test_a_huge_limit_is_a_400(client, db_session, claim):
    response = client.get(
        f"/api/v1/claims/{claim.id}/similar?limit={'9' * 5000}", headers=_bearer(db_session)
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org:99999/a",
        "https://example.org:0/",
        "http://example.org:http/",
        "http://[::1/",
        "http://[not-an-address]/",
    ],
)
def test_a_url_with_an_impossible_port_or_host_is_bad_url(client, db_session, claim, url):
    headers = _bearer(db_session, "checker")
    article = client.post("/api/v1/articles", json={"url": url}, headers=headers)
    assert article.status_code == 422 and article.get_json()["error"]["code"] == "bad_url"
    source = client.post(
        f"/api/v1/claims/{claim.id}/sources", json={"url": url, "title": "t"}, headers=headers
    )
    assert source.status_code == 422
    assert _count(db_session, Source) == 0


def test_a_source_form_with_port_99999_gets_a_form_error(signed_in, auth, db_session, claim):
    signed_in("checker")
    response = auth.post(
        f"/claims/{claim.id}/sources",
        {"url": "http://example.org:99999/", "title": "t", "stance": "context"},
        form_page=f"/claims/{claim.id}",
        prefix="source",
    )
    assert response.status_code in (400, 422)
    assert "web address" in response.get_data(as_text=True).lower()
    assert _count(db_session, Source) == 0


@pytest.mark.parametrize(
    ("field", "length"),
    [("publisher", 201), ("title", 501), ("excerpt", 5001), ("note", 5001)],
)
def test_an_api_source_longer_than_its_column_is_a_422_naming_the_field(
    client, db_session, claim, field, length
):
    response = client.post(
        f"/api/v1/claims/{claim.id}/sources",
        json={"title": "t", field: "ก" * length},
        headers=_bearer(db_session),
    )
    assert response.status_code == 422
    assert field in response.get_json()["error"]["message"]
    assert _count(db_session, Source) == 0
    fits = client.post(
        f"/api/v1/claims/{claim.id}/sources",
        json={"title": "t", field: "ก" * (length - 1)},
        headers=_bearer(db_session),
    )
    assert fits.status_code == 201


@pytest.mark.parametrize(("field", "length"), [("claimant", 301), ("text", 5001)])
def test_an_api_claim_edit_longer_than_the_form_allows_is_a_422(
    client, db_session, claim, field, length
):
    response = client.patch(
        f"/api/v1/claims/{claim.id}",
        json={field: "ก" * length},
        headers=_bearer(db_session, "editor", **{"If-Match": "1"}),
    )
    assert response.status_code == 422 and field in response.get_json()["error"]["message"]
    db_session.refresh(claim)
    assert claim.version == 1


def test_an_api_verdict_longer_than_the_form_allows_is_a_422(client, db_session, claim):
    workflow.accept(db_session, make_user(db_session, "editor"), claim.id)
    db_session.commit()
    response = client.post(
        f"/api/v1/claims/{claim.id}/verdicts",
        json={"rating": "true", "conclusion": "จ" * 501},
        headers=_bearer(db_session, "editor"),
    )
    assert response.status_code == 422 and "conclusion" in response.get_json()["error"]["message"]
    db_session.refresh(claim)
    assert claim.verdicts == [] and claim.status == ClaimStatus.ACCEPTED


def test_an_api_article_outlet_over_200_is_a_422(client, db_session):
    response = client.post(
        "/api/v1/articles",
        json={"text": TEXT, "outlet": "ส" * 201},
        headers=_bearer(db_session),
    )
    assert response.status_code == 422 and "outlet" in response.get_json()["error"]["message"]
    assert _count(db_session, Article) == 0 and _count(db_session, Claim) == 0


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("get", "/api/v1/claims/1/verdicts", {"POST"}),
        ("delete", "/api/v1/claims", {"GET", "HEAD"}),
        ("get", "/logout", {"POST"}),
        ("put", "/fact-checks", {"GET", "HEAD"}),
    ],
)
def test_405_answers_carry_allow(client, method, path, allowed):
    response = getattr(client, method)(path)
    assert response.status_code == 405
    assert allowed <= {m.strip() for m in response.headers["Allow"].split(",")}


THAI_CSV = (
    "title,text\n"
    "ข่าวทดสอบภาษาไทย,"
    "นายสมชาย ใจดี อธิบดีกรมควบคุมโรค กล่าวว่า ปีนี้พบผู้ป่วย 1200 ราย มากที่สุดในรอบ 5 ปี\n"
)


@pytest.mark.parametrize("encoding", ["tis-620", "cp874", "utf-8-sig"])
def test_web_and_cli_bulk_imports_decode_thai_legacy_files_alike(
    signed_in, auth, client, runner, db_session, tmp_path, encoding
):
    signed_in("checker")
    data = THAI_CSV.encode(encoding)
    response = auth.post(
        "/articles/bulk",
        prefix="bulk",
        data={"file": (io.BytesIO(data), "feed.csv")},
        form_page="/articles/new",
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    status = client.get(response.headers["Location"] + ".json").get_json()
    assert status["counts"] == {"created": 1}
    article = db_session.scalar(db.select(Article))
    assert article.title == "ข่าวทดสอบภาษาไทย" and "\ufffd" not in article.body
    path = tmp_path / "feed.csv"
    path.write_bytes(data)
    result = runner.invoke(args=["articles", "import", str(path)])
    assert result.exit_code == 0 and "duplicates" in result.output  # the same text, read alike


def test_a_web_bulk_file_in_an_unknown_encoding_is_refused_not_garbled(signed_in, auth, db_session):
    signed_in("checker")
    response = auth.post(
        "/articles/bulk",
        prefix="bulk",
        # bytes that are neither UTF-8 nor TIS-620/Windows-874
        data={"file": (io.BytesIO(b"title,text\nx,\xdb\xdc\xfc\n"), "feed.csv")},
        form_page="/articles/new",
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert _count(db_session, Job) == 0


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
BODY = f"<w:document {W}><w:body><w:p><w:r><w:t>{{}}</w:t></w:r></w:p></w:body></w:document>"
LAUGHS = "".join(
    f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' if i else '<!ENTITY l0 "lol">' for i in range(10)
)
HOSTILE_DOCX = {
    "malformed": b"<w:document><w:body><w:p>",
    "entity bomb": f"<?xml version='1.0'?><!DOCTYPE d [{LAUGHS}]>{BODY.format('&l9;')}".encode(),
    "external entity": (
        f'<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>{BODY.format("&x;")}'
    ).encode(),
    "dtd after a long comment": (
        "<?xml version='1.0'?><!--" + "x" * 10_000 + f"--><!DOCTYPE d []>{BODY.format('a')}"
    ).encode(),
    "too deep": (
        f"<w:document {W}><w:body>{'<w:p>' * 3000}{'</w:p>' * 3000}</w:body></w:document>"
    ).encode(),
    "not a package": None,
}


def _docx(document_xml: bytes | None) -> bytes:
    import docx

    if document_xml is None:
        return b"PK\x03\x04" + b"\x00" * 100
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("สวัสดี")
    document.save(buffer)
    original, out = zipfile.ZipFile(buffer), io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for item in original.infolist():
            data = original.read(item.filename)
            archive.writestr(item, document_xml if item.filename == "word/document.xml" else data)
    return out.getvalue()


def _upload_docx(auth, xml: bytes | None):
    return auth.post(
        "/articles/file",
        prefix="file",
        data={"file": (io.BytesIO(_docx(xml)), "article.docx")},
        form_page="/articles/new",
        content_type="multipart/form-data",
    )


@pytest.mark.parametrize("xml", HOSTILE_DOCX.values(), ids=HOSTILE_DOCX.keys())
def test_a_hostile_docx_is_a_422_corrupt(signed_in, auth, db_session, xml):
    signed_in("checker")
    response = _upload_docx(auth, xml)
    assert response.status_code == 422
    assert "The file is damaged" in response.get_data(as_text=True)
    assert _count(db_session, Article) == 0


def test_a_plain_docx_still_imports(signed_in, auth, db_session):
    signed_in("checker")
    assert _upload_docx(auth, BODY.format(TEXT).encode()).status_code == 302
    assert db_session.scalar(db.select(Article)).body.startswith("นายสมชาย")
