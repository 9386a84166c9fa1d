"""Search in a real browser: from the header, narrowed by a facet, and merging by search."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.e2e

DUPLICATE = (
    "นักประวัติศาสตร์ระบุว่า กองทัพโซเวียตบุกเข้าคาบสมุทรเกาหลีเมื่อเดือนสิงหาคม ค.ศ. 1945 "
    "และยุติการปกครองอาณานิคมของญี่ปุ่นที่ยาวนานถึง 35 ปี"
)


def test_search_from_the_header_and_narrow_by_a_facet(page, live_server):
    sign_in(page, live_server)
    page.goto("/articles")
    box = page.get_by_label("ค้นหาข้อกล่าวอ้าง บทความ แหล่งข้อมูล และผลการตรวจสอบ")
    box.fill("อาณานิคม")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search\?q="))
    results = page.locator(".search-results")
    expect(results.locator("mark", has_text="อาณานิคม").first).to_be_visible()
    expect(results.locator(".hit-meta .kind", has_text="บทความ").first).to_be_visible()
    facets = page.get_by_role("complementary", name="กรองผลลัพธ์")
    facets.get_by_role("link", name="ข้อกล่าวอ้าง", exact=True).click()
    expect(page.get_by_label("ค้นหาคำว่า")).to_have_value("อาณานิคม type:claim")
    chosen = facets.locator("a[aria-current=true]")
    expect(chosen).to_contain_text("ข้อกล่าวอ้าง")
    expect(results.locator(".hit-meta .kind", has_text="บทความ")).to_have_count(0)
    expect(results.locator(".search-hit").first).to_contain_text("อาณานิคม")
    chosen.click()  # choosing it again takes the filter out
    expect(page.get_by_label("ค้นหาคำว่า")).to_have_value("อาณานิคม")
    expect(results.locator(".hit-meta .kind", has_text="บทความ").first).to_be_visible()


def test_merge_a_claim_into_the_one_found_by_typing(page, live_server):
    sign_in(page, live_server)
    page.goto("/articles/new")
    page.get_by_label("เนื้อหาบทความ").fill(DUPLICATE)
    page.get_by_role("button", name="เพิ่มบทความ").click()
    expect(page.get_by_role("status")).to_contain_text("เพิ่มบทความแล้ว")
    page.locator(".article-body a.claim-span", has_text="กองทัพโซเวียตบุก").first.click()
    expect(page).to_have_url(re.compile(r"/claims/\d+$"))
    duplicate_url = page.url

    page.get_by_label("ค้นหาข้อกล่าวอ้างที่จะรวมเข้าไป").press_sequentially("กองทัพโซเวีย")
    seed_choice = page.locator("#merge-choices .choice", has_text="ในเดือนสิงหาคม ค.ศ. 1945")
    # Listed while typing, without reloading the page (a search per keystroke: slow on a busy CI).
    expect(seed_choice).to_have_count(1, timeout=15_000)
    expect(seed_choice.locator("mark").first).to_be_visible()
    target = seed_choice.locator("input[type=radio]").get_attribute("value")
    seed_choice.locator("label").click()
    page.locator("#merge").get_by_role("button", name="รวม", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("รวมข้อกล่าวอ้างแล้ว")
    expect(page.locator(".claim-text").first).to_be_visible()
    page.goto(duplicate_url)
    expect(page.locator("main")).to_contain_text("รวมกับข้ออื่นแล้ว")
    page.goto(f"/claims/{target}")
    expect(page.locator("#appearances")).to_contain_text("กองทัพโซเวียตบุก")
