"""A real Satja server on a database of its own, and Chromium driven by Playwright."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass

import flask_migrate
import pytest
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from app import config, create_app
from app.extensions import db

CHROMIUM = "/usr/bin/chromium"
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


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """Serve a fresh app with the demo data, as `make run` would, on a free local port."""
    db_file = tmp_path_factory.mktemp("e2e") / "satja-e2e.db"
    app = create_app(config.TestingConfig, database_url=f"sqlite:///{db_file}", SATJA_JOBS="thread")
    with app.app_context():
        flask_migrate.upgrade()
    output = app.test_cli_runner().invoke(args=["demo", "load"]).output
    password = output.split("password:")[1].split()[0]
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LiveServer(f"http://127.0.0.1:{server.port}", "admin@satja.example", password)
    finally:
        server.shutdown()
        thread.join()
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


def sign_in(page, server: LiveServer) -> None:
    """Sign the demo admin in through the Thai login form and wait for the queue."""
    from playwright.sync_api import expect

    page.goto("/login")
    page.get_by_label("อีเมล").fill(server.admin_email)
    page.get_by_label("รหัสผ่าน").fill(server.admin_password)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    expect(page.get_by_role("heading", name="คิวคัดกรองข้อกล่าวอ้าง")).to_be_visible()
