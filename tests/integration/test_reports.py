"""Public fact-check pages, ClaimReview (built-in validator and extruct), feeds, sitemap, CSV."""

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path

import extruct
import pytest
import sqlalchemy as sa

from app.exports.claimreview import script_tag
from app.exports.validate import validate
from app.models import Job
from app.services import ingest, review, sources, workflow
from tests.factories import make_token, make_user

EVIL = "</script><script>alert(1)</script><img src=x onerror=alert(2)>\"'&"
SEED_PATH = "app/demo/kim-putin-th.txt"


def _publish(session, claim, rating="true", conclusion="จริง", explanation="", people=None):
    checker, editor, editor2 = people or [
        make_user(session, r) for r in ("checker", "editor", "editor")
    ]
    if claim.status.value == "candidate":
        workflow.accept(session, checker, claim.id)
    if not sources.active_sources(claim):
        sources.add_source(
            session,
            checker,
            claim.id,
            sources.SourceInput(
                title="รายงาน", publisher="KCNA", excerpt="ข้อความ", stance="supports"
            ),
        )
    verdict = review.draft(
        session, checker, claim.id, review.VerdictInput(rating, conclusion, explanation)
    )
    review.submit(session, checker, verdict.id)
    review.approve(session, editor, verdict.id)
    review.publish(session, editor2, verdict.id)
    session.commit()
    return verdict, (checker, editor, editor2)


@pytest.fixture
def seed_claim(db_session):
    text = Path(SEED_PATH).read_text(encoding="utf-8")
    checker = make_user(db_session, "checker")
    article, _ = ingest.ingest(
        db_session,
        checker,
        ingest.Submission(
            text=text,
            url="https://news.example/kim-putin",
            title="คิมบอกปูติน",
            published="15 สิงหาคม 2568",
        ),
    )
    claim = next(a.claim for a in article.appearances if "เบ่งบานเต็มที่" in a.claim.text)
    db_session.commit()
    return claim


def _json_ld(html: str) -> list[dict]:
    return extruct.extract(html, base_url="http://localhost", syntaxes=["json-ld"])["json-ld"]


def test_the_seed_verdict_page_has_exactly_one_valid_claimreview(client, seed_claim, db_session):
    _publish(db_session, seed_claim, "mostly_true", "ข้อความนี้ปรากฏในจดหมายจริง")
    response = client.get(f"/fact-checks/{seed_claim.id}")
    assert response.status_code == 200
    [data] = _json_ld(response.get_data(as_text=True))
    assert data["@type"] == "ClaimReview"
    assert validate(data, "http://localhost") == []
    assert data["url"] == f"http://localhost/fact-checks/{seed_claim.id}"
    assert data["inLanguage"] == "th"
    assert data["reviewRating"]["alternateName"] == "จริงเป็นส่วนใหญ่"
    assert data["reviewRating"]["ratingValue"] == 4
    assert (data["reviewRating"]["bestRating"], data["reviewRating"]["worstRating"]) == (5, 1)
    assert data["itemReviewed"]["author"] == {"@type": "Person", "name": "คิม จองอึน"}
    assert data["itemReviewed"]["appearance"][0]["url"] == "https://news.example/kim-putin"
    assert data["itemReviewed"]["firstAppearance"]["url"] == "https://news.example/kim-putin"
    assert data["itemReviewed"]["datePublished"] == "2025-08-15"
    assert data["author"]["@type"] == "Organization" and data["author"]["name"]


def test_english_claim_without_claimant_and_off_scale_rating(client, db_session):
    checker = make_user(db_session, "checker")
    article, _ = ingest.ingest(
        db_session,
        checker,
        ingest.Submission(
            text="Thailand recorded 48,316 dengue cases between January and July, up 40% from 2024."
        ),
    )
    claim = article.appearances[0].claim
    _publish(db_session, claim, "unproven", "No public data supports the figure.")
    [data] = _json_ld(client.get(f"/fact-checks/{claim.id}").get_data(as_text=True))
    assert validate(data) == []
    assert "author" not in data["itemReviewed"] and data["inLanguage"] == "en"
    assert data["reviewRating"]["ratingValue"] == -1
    assert data["reviewRating"]["alternateName"] == "Unproven"
    assert "appearance" not in data["itemReviewed"]  # a pasted article has no web address


def test_corrections_and_multiple_appearances(client, seed_claim, db_session):
    _first, people = _publish(db_session, seed_claim, "true", "จริง")
    other = ingest.ingest(
        db_session,
        people[0],
        ingest.Submission(
            text="ข่าวต่างประเทศ\n" + seed_claim.text,
            url="https://other.example/a",
            published="16/08/2568",
        ),
    )[0]
    assert len(seed_claim.appearances) == 2 and other.id
    correction = review.correct(
        db_session,
        people[0],
        seed_claim.id,
        review.VerdictInput("mostly_true", "จริงเป็นส่วนใหญ่", "", "ปรับระดับ: จดหมายใช้ถ้อยคำต่างออกไป"),
    )
    review.submit(db_session, people[0], correction.id)
    review.approve(db_session, people[1], correction.id)
    review.publish(db_session, people[2], correction.id)
    db_session.commit()
    html = client.get(f"/fact-checks/{seed_claim.id}").get_data(as_text=True)
    assert "ปรับระดับ: จดหมายใช้ถ้อยคำต่างออกไป" in html and "จริงเป็นส่วนใหญ่" in html
    [data] = _json_ld(html)
    assert validate(data) == []
    urls = [a["url"] for a in data["itemReviewed"]["appearance"]]
    assert urls == ["https://news.example/kim-putin", "https://other.example/a"]
    assert data["itemReviewed"]["firstAppearance"]["url"] == "https://news.example/kim-putin"
    feed = client.get("/fact-checks/feed.atom").get_data(as_text=True)
    assert feed.count("<entry>") == 2 and "Correction" in feed


def test_drafts_are_never_public(client, seed_claim, db_session):
    assert client.get(f"/fact-checks/{seed_claim.id}").status_code == 404
    assert "fact-checks-" not in client.get("/sitemap.xml").get_data(as_text=True)
    block = seed_claim.id // 10_000
    sitemap = client.get(f"/sitemaps/fact-checks-{block}.xml").get_data(as_text=True)
    assert f"/fact-checks/{seed_claim.id}<" not in sitemap


def test_malicious_text_is_inert_in_every_output(client, db_session, tmp_path):
    checker = make_user(db_session, "checker")
    article, _ = ingest.ingest(
        db_session,
        checker,
        ingest.Submission(
            text=f"นายสมชาย ใจดี กล่าวว่า มีผู้ป่วย 1,200 ราย {EVIL}",
            title=EVIL,
            outlet=EVIL,
            url="https://news.example/evil",
        ),
    )
    claim = article.appearances[0].claim
    workflow.edit(db_session, checker, claim.id, workflow.ClaimEdit(claim.text, EVIL, None))
    sources.add_source(
        db_session,
        checker,
        claim.id,
        sources.SourceInput(title=EVIL, publisher=EVIL, excerpt=EVIL, note=EVIL),
    )
    _publish(db_session, claim, "false", EVIL, EVIL + "\n\n[x](javascript:alert(3))")
    html = client.get(f"/fact-checks/{claim.id}").get_data(as_text=True)
    tags = _elements(html)
    scripts = [dict(a) for t, a in tags if t == "script"]
    assert all(
        s.get("type") == "application/ld+json" or s.get("src", "").startswith("/static/")
        for s in scripts
    )  # only our own files and the one JSON-LD block
    assert not [(t, n) for t, a in tags for n, _ in a if n.startswith("on")]
    assert "img" not in {t for t, _ in tags}
    assert html.count("</script>") == html.count("<script")  # nothing closed the JSON-LD early
    [data] = _json_ld(html)
    assert data["itemReviewed"]["author"]["name"] == EVIL  # exact text, escaped in transit
    assert validate(data) == []
    assert "<script>" not in script_tag({"x": EVIL})
    feed = client.get("/fact-checks/feed.atom").get_data(as_text=True)
    assert "<script>alert(1)" not in feed
    rss = client.get("/fact-checks/feed.rss").get_data(as_text=True)
    assert "<script>alert(1)" not in rss
    listing = client.get(f"/fact-checks?q={claim.claimant[:9]}").get_data(as_text=True)
    assert f'href="/fact-checks/{claim.id}"' in listing and "<script>alert(1)" not in listing
    headers = {"Authorization": f"Bearer {make_token(db_session, 'viewer')[1]}"}
    api = client.get(f"/api/v1/claims/{claim.id}", headers=headers).get_json()
    assert api["claimant"] == EVIL and api["published_verdict"]["conclusion"] == EVIL  # exact
    feed = client.get("/api/v1/claimreview", headers=headers).get_json()
    assert feed["items"][0]["itemReviewed"]["author"]["name"] == EVIL
    rows = csv.DictReader(
        io.StringIO(
            client.get("/exports/claims.csv", headers=headers)
            .get_data(as_text=True)
            .lstrip("\ufeff")
        )
    )
    assert next(r for r in rows if r["claim_id"] == str(claim.id))["claimant"] == EVIL  # quoted
    for path in [f"/reports/claims/{claim.id}.pdf", f"/reports/articles/{article.id}.pdf"]:
        pdf = client.get(path, headers=headers)
        assert pdf.status_code == 200, path
        text = _pdf_text(pdf.data, tmp_path)
        assert "</script><script>alert(1)</script>" in text, path  # printed as text, not markup


def _elements(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """Return every element of an HTML document with its attributes."""
    from html.parser import HTMLParser

    found = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Collector().feed(html)
    return found


def test_the_validator_catches_broken_markup():
    good = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://site.example/fact-checks/1",
        "claimReviewed": "x",
        "author": {"@type": "Organization", "name": "Org", "url": "https://site.example"},
        "datePublished": "2025-08-15",
        "inLanguage": "th",
        "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "A"}},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": 4,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": "จริงเป็นส่วนใหญ่",
        },
    }
    assert validate(good, "https://site.example") == []
    broken = json.loads(json.dumps(good))
    broken["reviewRating"].update(ratingValue="4", worstRating=0)
    broken["itemReviewed"]["author"] = {"@type": "Reviewer"}
    broken["url"] = "/fact-checks/1"
    broken["claimReviewed"] = ""
    broken["datePublished"] = "15/08/2025"
    broken["reviewRating"]["colour"] = "red"
    messages = [str(p) for p in validate(broken, "https://site.example")]
    for fragment in [
        "claimReviewed",
        "url",
        "ratingValue",
        "itemReviewed.author",
        "datePublished",
        "Rating has no property 'colour'",
    ]:
        assert any(fragment in m for m in messages), fragment
    other_site = json.loads(json.dumps(good))
    assert any("domain" in str(p) for p in validate(other_site, "https://elsewhere.example"))


def test_claimreview_api_and_cli(client, runner, seed_claim, db_session, tmp_path):
    _publish(db_session, seed_claim)
    headers = {"Authorization": f"Bearer {make_token(db_session, 'viewer')[1]}"}
    body = client.get("/api/v1/claimreview?since=2000-01-01", headers=headers).get_json()
    assert body["total"] == 1 and body["items"][0]["@type"] == "ClaimReview"
    assert client.get("/api/v1/claimreview?since=nope", headers=headers).status_code == 400
    claim = client.get(f"/api/v1/claims/{seed_claim.id}", headers=headers).get_json()
    assert claim["public_url"] == f"http://localhost/fact-checks/{seed_claim.id}"
    out = tmp_path / "reviews.json"
    assert runner.invoke(args=["export", "claimreview", str(out)]).exit_code == 0
    result = runner.invoke(args=["claimreview", "validate", str(out)])
    assert result.exit_code == 0 and "0 errors" in result.output
    result = runner.invoke(args=["claimreview", "validate", f"/fact-checks/{seed_claim.id}"])
    assert result.exit_code == 0, result.output
    page = f"http://localhost/fact-checks/{seed_claim.id}"  # the page's full address
    assert runner.invoke(args=["claimreview", "validate", page]).exit_code == 0
    result = runner.invoke(args=["claimreview", "validate", "https://elsewhere.example/x"])
    assert result.exit_code == 2 and "this site" in result.output
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"@type": "ClaimReview"}))
    assert runner.invoke(args=["claimreview", "validate", str(bad)]).exit_code == 1


def test_csv_export_is_excel_ready_and_safe(
    signed_in, client, runner, seed_claim, db_session, tmp_path
):
    _publish(db_session, seed_claim, "mostly_true", '=HYPERLINK("http://evil")')
    signed_in("viewer")
    response = client.get("/exports/claims.csv")
    assert response.status_code == 200 and response.was_streamed
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    published = next(r for r in rows if r["claim_id"] == str(seed_claim.id))
    assert published["rating_th"] == "จริงเป็นส่วนใหญ่" and "เบ่งบานเต็มที่" in published["claim"]
    assert published["conclusion"].startswith("'=")  # no formula runs in a spreadsheet
    assert published["public_url"].endswith(f"/fact-checks/{seed_claim.id}")
    assert client.get("/exports/claims.csv?status=bogus").status_code == 400
    filtered = client.get("/exports/claims.csv?status=published").get_data(as_text=True)
    assert len(list(csv.DictReader(io.StringIO(filtered.lstrip("\ufeff"))))) == 1
    out = tmp_path / "claims.csv"
    result = runner.invoke(args=["export", "csv", str(out)])
    assert result.exit_code == 0 and out.read_text(encoding="utf-8").startswith("\ufeff")


def test_public_list_search_sitemap_and_methodology(client, seed_claim, db_session):
    _publish(db_session, seed_claim, "mostly_true", "จริงเป็นส่วนใหญ่")
    link = f'href="/fact-checks/{seed_claim.id}"'
    assert link in client.get("/fact-checks?q=เบ่งบาน").get_data(as_text=True)
    assert link in client.get("/fact-checks?q=คิม จองอึน").get_data(as_text=True)  # claimant
    assert link not in client.get("/fact-checks?q=ไม่มีคำนี้").get_data(as_text=True)
    assert link not in client.get("/fact-checks?rating=false").get_data(as_text=True)
    assert link in client.get("/fact-checks?rating=mostly_true&language=th").get_data(as_text=True)
    index = client.get("/sitemap.xml").get_data(as_text=True)
    assert "<sitemapindex" in index and "/sitemaps/pages.xml</loc>" in index
    block = f"/sitemaps/fact-checks-{seed_claim.id // 10_000}.xml"
    assert f"{block}</loc>" in index
    sitemap = client.get(block).get_data(as_text=True)
    assert f"/fact-checks/{seed_claim.id}</loc>" in sitemap and "<lastmod>" in sitemap
    assert "/methodology</loc>" in client.get("/sitemaps/pages.xml").get_data(as_text=True)
    assert client.get("/sitemaps/fact-checks-99999999.xml").status_code == 404
    methodology = client.get("/methodology", headers={"Accept-Language": "th"})
    html = methodology.get_data(as_text=True)
    assert "พิสูจน์ไม่ได้" in html and "-1" in html


def _pdf_text(data: bytes, tmp_path) -> str:
    """Return a PDF's text in drawing order, without spaces, ำ recomposed (see exports/pdf.py),
    with pdftotext (poppler-utils) if installed, else with pypdf."""
    import shutil
    import subprocess

    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    if shutil.which("pdftotext"):
        out = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, check=True)
        text = out.stdout.decode("utf-8")
    else:
        from pypdf import PdfReader

        text = "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)
    return "".join(text.split()).replace("\u0e4d\u0e32", "\u0e33")


def test_pdf_reports_keep_thai_sentences_intact(
    signed_in, client, seed_claim, db_session, tmp_path
):
    _publish(db_session, seed_claim, "mostly_true", "ข้อความนี้ปรากฏในจดหมายจริง")
    signed_in("viewer")
    article_id = seed_claim.appearances[0].article_id
    response = client.get(f"/reports/articles/{article_id}.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = _pdf_text(response.data, tmp_path)
    body = Path(SEED_PATH).read_text(encoding="utf-8")
    for paragraph in body.split("\n"):  # every sentence of the seed, letter for letter
        assert "".join(paragraph.split()) in text, paragraph[:40]
    assert "Mostlytrue" in text  # the reader's language: English here, Thai below
    claim_pdf = client.get(f"/reports/claims/{seed_claim.id}.pdf")
    assert "ข้อความนี้ปรากฏในจดหมายจริง" in _pdf_text(claim_pdf.data, tmp_path)
    today = date.today()
    period = client.get(
        f"/reports/period.pdf?from={today - timedelta(days=30)}&to={today + timedelta(days=1)}",
        headers={"Accept-Language": "th"},
    )
    assert period.status_code == 200
    assert "จริงเป็นส่วนใหญ่" in _pdf_text(period.data, tmp_path)
    assert client.get("/reports/period.pdf?from=x&to=y").status_code == 400
    assert client.get("/reports/period.pdf?from=2025-02-01&to=2025-01-01").status_code == 422
    assert client.get("/reports/period.pdf?from=2020-01-01&to=2025-01-01").status_code == 422
    # A year no era can place (9999, or 9456 read as Buddhist Era; year 1) is not a day at all.
    assert client.get("/reports/period.pdf?from=9999-12-31&to=9999-12-31").status_code == 400
    assert client.get("/reports/period.pdf?from=0001-01-01&to=0001-01-02").status_code == 400
    assert client.get("/fact-checks?page=99999999999999999999").status_code == 400


def test_pdf_reports_need_a_reader(app, client, seed_claim, db_session):
    _publish(db_session, seed_claim)
    anonymous = app.test_client()
    signed_out = anonymous.get(f"/reports/claims/{seed_claim.id}.pdf")
    assert signed_out.status_code == 302 and "/login" in signed_out.headers["Location"]
    wrong = {"Authorization": "Bearer not-a-token"}
    assert anonymous.get(f"/reports/claims/{seed_claim.id}.pdf", headers=wrong).status_code == 401
    assert anonymous.get("/exports/claims.csv", headers=wrong).status_code == 401
    token = make_token(db_session, "viewer")[1]
    response = anonymous.get(
        f"/reports/claims/{seed_claim.id}.pdf", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200 and response.data.startswith(b"%PDF")


def test_admin_sets_the_organisation_that_signs_every_output(
    signed_in, auth, client, seed_claim, db_session
):
    _publish(db_session, seed_claim)
    signed_in("checker")
    assert client.get("/admin/organisation").status_code == 403
    auth.logout()
    signed_in("admin")
    form = {
        "name": "ศูนย์ตรวจสอบข่าว",
        "url": "javascript:alert(1)",
        "logo_url": "",
        "methodology_url": "https://factcheck.example/how",
        "corrections_url": "https://factcheck.example/corrections",
    }
    for url in ["javascript:alert(1)", "https://", "http:///path"]:
        refused = auth.post("/admin/organisation", {**form, "url": url})
        assert refused.status_code == 400 and "https://" in refused.get_data(as_text=True), url
    saved = auth.post("/admin/organisation", {**form, "url": "https://factcheck.example"})
    assert saved.status_code == 302
    page = client.get(f"/fact-checks/{seed_claim.id}").get_data(as_text=True)
    assert 'href="https://factcheck.example/how"' in page
    assert 'href="https://factcheck.example/corrections"' in page
    [data] = _json_ld(page)
    assert data["author"] == {
        "@type": "Organization",
        "name": "ศูนย์ตรวจสอบข่าว",
        "url": "https://factcheck.example",
    }
    events = client.get("/admin/audit?action=organisation.edit").get_data(as_text=True)
    assert "ศูนย์ตรวจสอบข่าว" in events


def test_a_large_period_report_is_a_background_job_with_progress(
    app, signed_in, auth, client, seed_claim, db_session, tmp_path
):
    _publish(db_session, seed_claim, "mostly_true", "ข้อความนี้ปรากฏในจดหมายจริง")
    app.config.update(SATJA_PDF_JOB_MIN_VERDICTS=1, SATJA_REPORTS_DIR=str(tmp_path / "reports"))
    today = date.today()
    period = f"from={today - timedelta(days=7)}&to={today + timedelta(days=1)}"
    viewer = signed_in("viewer")
    # A GET never queues work: the browser is offered the button that starts the job.
    offered = client.get(f"/reports/period.pdf?{period}", headers={"Accept-Language": "th"})
    assert offered.status_code == 409 and "/reports/period.pdf" in offered.get_data(as_text=True)
    assert db_session.scalar(sa.select(sa.func.count(Job.id))) == 0
    start, end = period.replace("from=", "").split("&to=")
    response = auth.post(
        "/reports/period.pdf",
        {"from": start, "to": end},
        form_page=f"/reports/period.pdf?{period}",
        headers={"Accept-Language": "th"},
    )
    assert response.status_code == 303
    page_url = response.headers["Location"]
    page = client.get(page_url).get_data(as_text=True)  # jobs run inline in tests
    assert 'value="100"' in page and ".pdf" in page
    status = client.get(page_url + ".json").get_json()
    assert status["done"] and status["status"] == "finished"
    assert (status["processed"], status["total"]) == (3, 3)
    pdf = client.get(page_url + ".pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert "จริงเป็นส่วนใหญ่" in _pdf_text(pdf.data, tmp_path)  # built in the reader's language
    pdf.close()  # a file sent from disk
    # A bearer client gets 202 and the job's addresses; another reader cannot follow the job.
    token = make_token(db_session, "viewer")[1]
    anonymous = app.test_client()
    bearer = {"Authorization": f"Bearer {token}"}
    told = anonymous.get(f"/reports/period.pdf?{period}", headers=bearer)
    assert told.status_code == 409 and "POST" in told.get_json()["error"]["message"]
    accepted = anonymous.post(f"/reports/period.pdf?{period}", headers=bearer)
    assert accepted.status_code == 202 and accepted.get_json()["pdf_url"].endswith(".pdf")
    assert (
        anonymous.get(page_url + ".pdf", headers={"Authorization": f"Bearer {token}"}).status_code
        == 403
    )
    assert viewer.id != accepted.get_json()["id"]


def test_report_jobs_are_limited_per_reader_and_old_files_are_deleted(
    app, client, seed_claim, db_session, tmp_path
):
    import os
    import time as clock

    from app.models import JobStatus
    from app.services import reports

    _publish(db_session, seed_claim)
    folder = tmp_path / "reports"
    app.config.update(
        SATJA_PDF_JOB_MIN_VERDICTS=1,
        SATJA_REPORTS_DIR=str(folder),
        SATJA_REPORT_JOBS_PER_USER=2,
        SATJA_REPORT_RETENTION_DAYS=7,
    )
    user, token = make_token(db_session, "viewer")
    bearer = {"Authorization": f"Bearer {token}"}
    today = date.today()
    period = f"from={today - timedelta(days=7)}&to={today + timedelta(days=1)}"
    folder.mkdir()
    stale, fresh = folder / "period-999.pdf", folder / "period-998.pdf"
    stale.write_bytes(b"%PDF old")
    fresh.write_bytes(b"%PDF new")
    eight_days_ago = clock.time() - 8 * 86400
    os.utime(stale, (eight_days_ago, eight_days_ago))
    with app.test_request_context(method="POST"):
        # Queued jobs that have not run yet count against the reader's allowance.
        for _ in range(2):
            reports.start_period_job(db_session, user, today - timedelta(days=7), today)
        db_session.commit()
    assert not stale.exists() and fresh.exists()  # past its retention: deleted
    refused = client.post(f"/reports/period.pdf?{period}", headers=bearer)
    assert refused.status_code == 429 and refused.get_json()["error"]["code"] == "too_many"
    job = db_session.scalars(sa.select(Job).order_by(Job.id)).first()
    job.status = JobStatus.FINISHED
    db_session.commit()
    gone = client.get(f"/reports/jobs/{job.id}.pdf", headers=bearer)
    assert gone.status_code == 410 and "7" in gone.get_json()["error"]["message"]
