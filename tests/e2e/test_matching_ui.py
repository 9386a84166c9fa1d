"""Claim matching in a real browser: "possibly the same as …" in the queue, answered with m / n."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.e2e

RESTATED = (
    "สำนักข่าวไทยรายงานว่า กองทัพโซเวียตเคลื่อนเข้าทางตอนเหนือของคาบสมุทรเกาหลีในเดือนสิงหาคม "
    "ค.ศ. 1945 และช่วยยุติการปกครองอาณานิคมของญี่ปุ่นซึ่งยาวนานถึง 35 ปี"
)
OTHER_YEAR = (
    "เมื่อเดือนสิงหาคม ค.ศ. 1950 กองทัพโซเวียตได้รุกเข้าสู่พื้นที่ทางตอนเหนือของคาบสมุทรเกาหลี "
    "ช่วยยุติการปกครองอาณานิคมของญี่ปุ่นที่ยาวนาน 35 ปี"
)


def _add_article(page, text: str) -> None:
    page.goto("/articles/new")
    page.get_by_label("เนื้อหาบทความ").fill(text)
    page.get_by_role("button", name="เพิ่มบทความ").click()
    expect(page.get_by_role("status")).to_contain_text("เพิ่มบทความแล้ว")


def _go_to_row(page, words: str, search: str):
    """Open the queue searched for `search` (other tests fill it) and move the keyboard's current
    row to the claim with these words."""
    page.goto("/queue?q=" + search)
    rows = page.locator(".queue-item")
    row = rows.filter(has_text=words)
    expect(row).to_have_count(1)
    expect(row.locator(".possible-match")).to_contain_text("อาจเป็นข้อกล่าวอ้างเดียวกับ")
    index = rows.evaluate_all(
        "(rows, words) => rows.findIndex(r => r.textContent.includes(words))", words
    )
    page.locator("body").click(position={"x": 1, "y": 1})
    for _ in range(index + 1):
        page.keyboard.press("j")
    expect(row).to_have_class(re.compile(r"\bcurrent\b"))
    return row


def test_possibly_the_same_in_the_queue_is_merged_with_m_and_kept_apart_with_n(page, live_server):
    sign_in(page, live_server)
    _add_article(page, RESTATED)
    row = _go_to_row(page, "กองทัพโซเวียตเคลื่อนเข้าทางตอนเหนือ", "สำนักข่าวไทย โซเวียต")
    expect(row.locator(".match-reasons")).to_contain_text("ตัวเลขตรงกัน: 35")
    page.keyboard.press("m")
    expect(page.get_by_role("status")).to_contain_text("รวมแล้ว")
    expect(page).to_have_url(re.compile(r"/queue\?q="))
    expect(page.locator(".queue-item", has_text="กองทัพโซเวียตเคลื่อนเข้าทางตอนเหนือ")).to_have_count(0)

    _add_article(page, OTHER_YEAR)
    row = _go_to_row(page, "เมื่อเดือนสิงหาคม ค.ศ. 1950", "โซเวียต 1950")
    expect(row.locator(".match-reasons")).to_contain_text("วันที่ต่างกัน")
    page.keyboard.press("n")
    expect(page.get_by_role("status")).to_contain_text("ไม่ใช่ข้อกล่าวอ้างเดียวกัน")
    kept = page.locator(".queue-item", has_text="เมื่อเดือนสิงหาคม ค.ศ. 1950")
    expect(kept).to_have_count(1)
    expect(kept.locator(".possible-match")).to_have_count(0)
