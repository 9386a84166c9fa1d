"""The queue with the Thai keyboard layout active, Enter to dismiss, and a Buddhist-Era date."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.e2e

ARTICLE = (
    "นายวิชัย สุขใจ ผู้ว่าราชการจังหวัดลำพูน กล่าวว่า ปีนี้จังหวัดลำพูนมีนักท่องเที่ยว 2.5 ล้านคน "
    "เพิ่มขึ้นร้อยละ 12 จากปีก่อน\n"
    "สำนักงานสถิติจังหวัดลำพูนรายงานว่า รายได้จากการท่องเที่ยวของลำพูนอยู่ที่ 4,800 ล้านบาท "
    "สูงที่สุดในรอบ 10 ปี\n"
    "ผู้ว่าราชการจังหวัดลำพูนระบุว่า โรงพยาบาลในลำพูนรับผู้ป่วยไข้เลือดออก 350 รายในเดือนกรกฎาคม"
)


def _thai_key(page, code: str, key: str) -> None:
    """Press a key as the Thai layout reports it: the key's place (`code`), a Thai character."""
    page.evaluate(
        """([code, key]) => (document.activeElement || document.body).dispatchEvent(
             new KeyboardEvent("keydown", {code, key, bubbles: true, cancelable: true}))""",
        [code, key],
    )


def _queue(page):
    page.goto("/queue?q=ลำพูน")
    rows = page.locator(".queue-item")
    expect(rows.first).to_be_visible()
    return rows


def test_thai_layout_shortcuts_and_enter_to_dismiss(page, live_server):
    sign_in(page, live_server)
    page.goto("/articles/new")
    page.get_by_label("เนื้อหาบทความ").fill(ARTICLE)
    page.get_by_role("button", name="เพิ่มบทความ").click()
    expect(page.get_by_role("status")).to_contain_text("เพิ่มบทความแล้ว")

    rows = _queue(page)
    before = rows.count()
    assert before >= 2
    page.locator("body").click(position={"x": 1, "y": 1})
    _thai_key(page, "KeyJ", "่")  # j on the Thai layout types the tone mark ่
    expect(rows.first).to_have_class(re.compile(r"\bcurrent\b"))
    _thai_key(page, "KeyJ", "่")
    expect(rows.nth(1)).to_have_class(re.compile(r"\bcurrent\b"))
    _thai_key(page, "KeyK", "า")  # k: back up
    expect(rows.first).to_have_class(re.compile(r"\bcurrent\b"))
    gone = rows.first.locator("input[type=checkbox]").get_attribute("value")

    _thai_key(page, "KeyD", "ก")  # d with no reason yet: the reason box takes the focus
    reason = page.get_by_label("เหตุผลที่ไม่ตรวจสอบ")
    expect(reason).to_be_focused()
    reason.type("ข่าวประชาสัมพันธ์ ไม่ใช่ข้อกล่าวอ้าง")
    reason.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("บันทึกว่าไม่ตรวจสอบแล้ว 1 รายการ")
    expect(page).to_have_url(re.compile(r"/queue\?q="))  # back to the same search
    expect(page.locator(f"#claim-{gone}")).to_have_count(0)
    expect(page.locator(".queue-item")).to_have_count(before - 1)

    # Enter with no claim chosen: refused, and the typed reason is still in the box.
    reason = page.get_by_label("เหตุผลที่ไม่ตรวจสอบ")
    reason.fill("เหตุผลที่พิมพ์ไว้แล้ว")
    reason.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("เลือกข้อกล่าวอ้างอย่างน้อยหนึ่งรายการ")
    expect(page.get_by_label("เหตุผลที่ไม่ตรวจสอบ")).to_have_value("เหตุผลที่พิมพ์ไว้แล้ว")


def test_a_claim_date_typed_in_the_buddhist_era(page, live_server):
    sign_in(page, live_server)
    rows = _queue(page)
    rows.first.locator("a").first.click()
    page.locator("summary", has_text="แก้ไขข้อกล่าวอ้าง").click()
    box = page.get_by_label("วันที่กล่าวอ้าง")
    box.fill("2568")
    page.get_by_role("button", name="บันทึกข้อกล่าวอ้าง").click()
    expect(page.locator("#edit-claim_date-error")).to_contain_text("15/08/2568")  # a year alone
    expect(page.get_by_label("วันที่กล่าวอ้าง")).to_be_focused()  # the page opens at the field
    expect(page.get_by_label("วันที่กล่าวอ้าง")).to_have_value("2568")
    page.get_by_label("วันที่กล่าวอ้าง").fill("15/08/2568")
    page.get_by_role("button", name="บันทึกข้อกล่าวอ้าง").click()
    expect(page.get_by_role("status")).to_contain_text("บันทึกข้อกล่าวอ้างแล้ว")
    expect(page.locator(".meta")).to_contain_text("15 สิงหาคม 2568")  # not 3111
    page.locator("summary", has_text="แก้ไขข้อกล่าวอ้าง").click()
    expect(page.get_by_label("วันที่กล่าวอ้าง")).to_have_value("15/08/2568")
