"""Notifications in a real browser (Thai): a mention, a review request and the review inbox."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import EDITOR_EMAIL, EDITOR_PASSWORD, sign_in

pytestmark = pytest.mark.e2e
CHECKER_EMAIL, CHECKER_PASSWORD = "checker-notify@satja.example", "a checker passphrase here"
UNREAD = re.compile(r"การแจ้งเตือน \d+\+? รายการที่ยังไม่ได้อ่าน")


def _new_claim(page, text: str) -> str:
    """Paste an article and open its first claim; return the claim page's address."""
    page.goto("/articles/new")
    page.get_by_label("เนื้อหาบทความ").fill(text)
    page.get_by_role("button", name="เพิ่มบทความ").click()
    page.locator(".article-body a.claim-span").first.click()
    expect(page).to_have_url(re.compile(r"/claims/\d+$"))
    return page.url


def _submit_verdict(page, claim_url: str, conclusion: str) -> None:
    page.goto(claim_url)
    page.get_by_role("button", name="รับตรวจสอบ", exact=True).click()
    page.get_by_text("เพิ่มแหล่งข้อมูล", exact=True).first.click()
    page.get_by_label("หัวข้อ", exact=True).fill("รายงานประจำสัปดาห์ของกรมควบคุมโรค")
    page.get_by_label("จุดยืนต่อข้อกล่าวอ้าง").select_option("supports")
    page.get_by_role("button", name="เพิ่มแหล่งข้อมูล").click()
    expect(page.get_by_role("status")).to_contain_text("เพิ่มแหล่งข้อมูลแล้ว")
    page.get_by_label("ระดับผลตรวจสอบ").select_option("mostly_true")
    page.get_by_label("ข้อสรุป (หนึ่งบรรทัด)").fill(conclusion)
    page.get_by_role("button", name="บันทึกผลการตรวจสอบ").click()
    page.get_by_role("button", name="ส่งตรวจทาน").click()
    expect(page.get_by_role("status")).to_contain_text("ส่งผลการตรวจสอบให้ตรวจทานแล้ว")


def test_a_mention_reaches_the_mentioned_editor(browser, live_server):
    admin = browser.new_context(locale="th-TH", base_url=live_server.url).new_page()
    editor = browser.new_context(locale="th-TH", base_url=live_server.url).new_page()
    sign_in(admin, live_server)
    claim_url = _new_claim(
        admin, "นายวิชัย รักชาติ โฆษกกระทรวงพลังงาน กล่าวว่า ปี 2567 ค่าไฟฟ้าลดลงร้อยละ 12 ต่ำที่สุดในรอบ 8 ปี"
    )
    comments = admin.locator("#comments")
    comments.get_by_label("ความเห็น").fill("@editor2 ช่วยตรวจตัวเลขค่าไฟฟ้าด้วย")
    comments.get_by_role("button", name="ความเห็น").click()
    expect(admin.locator("#comments")).to_contain_text("ช่วยตรวจตัวเลขค่าไฟฟ้าด้วย")

    sign_in(editor, live_server, EDITOR_EMAIL, EDITOR_PASSWORD)
    badge = editor.get_by_role("link", name=UNREAD)
    expect(badge).to_be_visible()
    expect(badge.locator(".count-badge")).to_have_text(re.compile(r"^\d+\+?$"))
    badge.click()
    expect(editor.get_by_role("heading", name="การแจ้งเตือน")).to_be_visible()
    item = editor.locator("li.notification.unread", has_text="ช่วยตรวจตัวเลขค่าไฟฟ้าด้วย")
    expect(item).to_contain_text("Demo admin กล่าวถึงคุณ")
    expect(item).to_contain_text("ยังไม่ได้อ่าน")
    item.get_by_role("link").click()
    expect(editor).to_have_url(re.compile(re.escape(claim_url) + "#comments$"))
    expect(editor.locator("#comments")).to_contain_text("ช่วยตรวจตัวเลขค่าไฟฟ้าด้วย")
    editor.goto("/notifications")
    read = editor.locator("li.notification", has_text="ช่วยตรวจตัวเลขค่าไฟฟ้าด้วย")
    expect(read).to_have_class(re.compile(r"\bread\b"))


def test_a_submitted_verdict_waits_in_the_editors_review_inbox(browser, live_server):
    admin = browser.new_context(locale="th-TH", base_url=live_server.url).new_page()
    sign_in(admin, live_server)
    admin.goto("/admin/users")
    admin.get_by_label("อีเมล", exact=True).fill(CHECKER_EMAIL)
    admin.get_by_label("ชื่อ", exact=True).fill("นักตรวจสอบ")
    admin.get_by_label("บทบาท", exact=True).select_option("checker")
    admin.get_by_label("รหัสผ่านเริ่มต้น").fill(CHECKER_PASSWORD)
    admin.get_by_role("button", name="สร้างผู้ใช้").click()
    expect(admin.locator("main")).to_contain_text(CHECKER_EMAIL)

    checker = browser.new_context(locale="th-TH", base_url=live_server.url).new_page()
    sign_in(checker, live_server, CHECKER_EMAIL, CHECKER_PASSWORD)
    older = _new_claim(
        checker, "นางสาวสุดา ศรีสุข ผู้อำนวยการสำนักงบประมาณ กล่าวว่า ปี 2568 งบลงทุนเพิ่มขึ้น 4.2 แสนล้านบาท"
    )
    _submit_verdict(checker, older, "งบลงทุนตรงกับเอกสารงบประมาณฉบับประชาชน")
    newer = _new_claim(
        checker, "นายประเสริฐ มั่นคง อธิบดีกรมประมง กล่าวว่า ปี 2567 ส่งออกกุ้งได้ 1.5 แสนตัน สูงสุดในรอบ 6 ปี"
    )
    _submit_verdict(checker, newer, "ตัวเลขส่งออกกุ้งใกล้เคียงกับสถิติของกรมประมง")

    editor = browser.new_context(locale="th-TH", base_url=live_server.url).new_page()
    sign_in(editor, live_server, EDITOR_EMAIL, EDITOR_PASSWORD)
    editor.get_by_role("link", name=UNREAD).click()
    expect(
        editor.locator("li.notification", has_text="ผลการตรวจสอบรอคุณตรวจทาน").first
    ).to_contain_text("(จาก นักตรวจสอบ)")
    editor.get_by_role("link", name=re.compile(r"รายการรอตรวจทาน: ผลการตรวจสอบ \d+ รายการ")).click()
    expect(editor.get_by_role("heading", name="รายการรอตรวจทาน")).to_be_visible()
    rows = editor.locator("table.review-inbox tbody tr")
    texts = rows.all_inner_texts()
    first = next(i for i, t in enumerate(texts) if "สุดา ศรีสุข" in t)
    second = next(i for i, t in enumerate(texts) if "ประเสริฐ มั่นคง" in t)
    assert first < second  # the longest waiting first
    expect(rows.nth(first)).to_contain_text("นักตรวจสอบ")
    expect(rows.nth(first)).to_contain_text("จริงเป็นส่วนใหญ่")
    rows.nth(first).get_by_role("link").click()
    expect(editor).to_have_url(re.compile(re.escape(older) + "#verdict$"))
    editor.get_by_role("button", name="อนุมัติ", exact=True).click()
    expect(editor.get_by_role("status")).to_contain_text("อนุมัติผลการตรวจสอบแล้ว")
    editor.goto("/my-work")
    expect(editor.locator("#review-inbox")).to_contain_text("รอคุณตรวจทาน")
    expect(editor.locator("table.review-inbox")).not_to_contain_text("สุดา ศรีสุข")
