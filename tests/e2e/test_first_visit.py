"""A newcomer's first visit, in a real browser: sign in, read the demo article, switch language."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.e2e


def test_demo_admin_signs_in_and_reads_the_demo_article(page, live_server, tmp_path):
    sign_in(page, live_server)
    expect(page.get_by_role("heading", name="คิวคัดกรองข้อกล่าวอ้าง")).to_be_visible()

    page.get_by_role("link", name="บทความ").click()
    page.get_by_role("link", name=re.compile("คิม จองอึน บอกปูติน")).click()
    body = page.locator(".article-body")
    expect(body).to_contain_text("กองทัพโซเวียตได้รุกเข้าสู่พื้นที่ทางตอนเหนือของคาบสมุทรเกาหลี")
    expect(page.locator(".meta")).to_contain_text("15 สิงหาคม 2568")
    page.screenshot(path=str(tmp_path / "demo-article.png"), full_page=True)
    assert page.evaluate("document.documentElement.lang") == "th"

    page.get_by_role("button", name="English").click()
    expect(page.locator(".meta")).to_contain_text("15 August 2025")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_wrong_password_shows_an_error_and_keeps_the_email(page, live_server):
    page.goto("/login")
    page.get_by_label("อีเมล").fill(live_server.admin_email)
    page.get_by_label("รหัสผ่าน").fill("not the password")
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    expect(page.get_by_role("alert")).to_contain_text("อีเมลหรือรหัสผ่านไม่ถูกต้อง")
    expect(page.get_by_label("อีเมล")).to_have_value(live_server.admin_email)


def test_sign_out(page, live_server):
    sign_in(page, live_server)
    page.get_by_role("button", name="ออกจากระบบ").click()
    expect(page.get_by_role("heading", name="เข้าสู่ระบบ")).to_be_visible()
    page.goto("/articles")
    expect(page).to_have_url(re.compile(r"/login\?next="))
