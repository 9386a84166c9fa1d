"""A real Satja server on a database of its own, and Chromium driven by Playwright."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass

import flask_migrate
import pytest
from flask import Flask
from playwright.sync_api import sync_playwright

from app import config, create_app
from app.extensions import db
from tests.loopback import serving

CHROMIUM = "/usr/bin/chromium"
EDITOR_EMAIL, EDITOR_PASSWORD = "editor2@satja.example", "second editor password"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass(frozen=True)
class LiveServer:
    url: str
    admin_email: str
    admin_password: str
    app: Flask  # for a test to set up data through the services, in the app's own context


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """Serve a fresh app with the demo data, as `make run` would, on a free local port."""
    db_file = tmp_path_factory.mktemp("e2e") / "satja-e2e.db"
    app = create_app(
        config.TestingConfig,
        database_url=f"sqlite:///{db_file}",
        SATJA_JOBS="thread",
        SATJA_FETCH_EXTRA_ALLOWED={"127.0.0.1"},  # the test page server, and only loopback
    )
    with app.app_context():
        flask_migrate.upgrade()
    runner = app.test_cli_runner()
    output = runner.invoke(args=["demo", "load"]).output
    password = output.split("password:")[1].split()[0]
    runner.invoke(
        args=[
            "users",
            "create",
            EDITOR_EMAIL,
            "--role",
            "editor",
            "--name",
            "บรรณาธิการสอง",
            "--password-stdin",
        ],
        input=EDITOR_PASSWORD + "\n",
    )
    try:
        with serving(app) as url:
            yield LiveServer(url, "admin@satja.example", password, app)
    finally:
        with app.app_context():
            db.engine.dispose()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Launch Debian's Chromium (skip the browser tests where it is not installed)."""
    if not shutil.which(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server: LiveServer):
    """Open a page in a fresh browser context that prefers Thai."""
    context = browser.new_context(locale="th-TH", base_url=live_server.url)
    page = context.new_page()
    yield page
    context.close()


def sign_in(page, server: LiveServer, email: str | None = None, password: str | None = None):
    """Sign a user (the demo admin by default) in through the Thai form; wait for the queue."""
    from playwright.sync_api import expect

    page.goto("/login")
    page.get_by_label("อีเมล").fill(email or server.admin_email)
    page.get_by_label("รหัสผ่าน").fill(password or server.admin_password)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    expect(page.get_by_role("heading", name="คิวคัดกรองข้อกล่าวอ้าง")).to_be_visible()


@pytest.fixture(scope="session")
def evidence_site():
    """Serve one evidence page on loopback for sources added by URL."""
    from werkzeug.wrappers import Request, Response

    page = (
        "<html><head><title>รายงานสถานการณ์ ประจำวันที่ 15 สิงหาคม 2568</title>"
        '<meta property="og:site_name" content="หน่วยงานทดสอบ"></head><body><article>'
        "<h1>รายงานสถานการณ์ ประจำวันที่ 15 สิงหาคม 2568</h1>"
        "<p>สำนักข่าวกลางเกาหลี (KCNA) เผยแพร่จดหมายของผู้นำเกาหลีเหนือถึงประธานาธิบดีรัสเซีย"
        "ในวาระครบรอบ 80 ปีการปลดปล่อยประเทศ โดยระบุว่าความสัมพันธ์ของทั้งสองประเทศเบ่งบานเต็มที่</p>"
        "<p>เอกสารฉบับเต็มเผยแพร่ทางเว็บไซต์ของหน่วยงานเมื่อวันที่ 15 สิงหาคม 2568</p>"
        "</article></body></html>"
    )
    app = Request.application(lambda request: Response(page, content_type="text/html"))
    with serving(app) as url:
        yield f"{url}/report"


def publish_new_claim(server: LiveServer, text: str, source_url: str | None = None) -> int:
    """Ingest `text` as a new article and publish its first claim through the services (the
    other browser tests expect the demo's claims untouched); return the claim's id."""
    from app.services import ingest, review, sources, workflow
    from tests.factories import make_user

    with server.app.app_context():
        session = db.session
        checker, editor, editor2 = (make_user(session, r) for r in ("checker", "editor", "editor"))
        article, _ = ingest.ingest(session, checker, ingest.Submission(text=text))
        claim = article.appearances[0].claim
        workflow.accept(session, checker, claim.id)
        title = "" if source_url else "รายงาน"
        given = sources.SourceInput(
            url=source_url, title=title, publisher="KCNA", stance="supports"
        )
        sources.add_source(session, checker, claim.id, given)
        verdict = review.draft(
            session, checker, claim.id, review.VerdictInput("mostly_true", "จริงเป็นส่วนใหญ่")
        )
        review.submit(session, checker, verdict.id)
        review.approve(session, editor, verdict.id)
        review.publish(session, editor2, verdict.id)
        session.commit()
        return claim.id
