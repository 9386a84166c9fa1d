"""Adding articles in a real browser: a bulk import that shows progress, and highlighted claims."""

import json
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.e2e


def test_bulk_import_shows_progress_and_finishes(page, live_server, tmp_path):
    lines = [
        json.dumps(
            {
                "title": f"ข่าวทดสอบ {i}",
                "outlet": "ข่าวทดลอง",
                "text": f"ข่าวทดสอบ {i}: กรมควบคุมโรครายงานว่าพบผู้ป่วยสะสม {i * 7} ราย "
                f"เพิ่มขึ้นร้อยละ {i % 40} จากปีก่อน",
            },
            ensure_ascii=False,
        )
        for i in range(150)
    ]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(lines) + "\nnot json\n", encoding="utf-8")
    sign_in(page, live_server)
    page.goto("/articles/new")
    page.get_by_label("ไฟล์นำเข้า (.jsonl หรือ .csv)").set_input_files(str(feed))
    page.get_by_role("button", name="เริ่มนำเข้า").click()
    expect(page).to_have_url(re.compile(r"/imports/\d+$"))
    expect(page.locator("#job-progress")).to_be_visible()
    expect(page.locator("#job-status")).to_have_text("เสร็จแล้ว", timeout=60_000)
    expect(page.locator("#count-created")).to_have_text("150")
    expect(page.locator("#count-failed")).to_have_text("1")
    expect(page.locator("#job-failures")).to_contain_text("ไม่ใช่ JSON ที่ถูกต้อง")


def test_pasted_article_shows_claims_highlighted_and_reachable(page, live_server):
    sign_in(page, live_server)
    page.goto("/articles/new")
    page.get_by_label("เนื้อหาบทความ").fill(
        "นายสมชาย ใจดี อธิบดีกรมควบคุมโรค กล่าวว่า ปีนี้พบผู้ป่วย 1,200 ราย มากที่สุดในรอบ 5 ปี "
        "และคาดว่าจะเพิ่มขึ้นอีกในเดือนหน้า"
    )
    page.get_by_role("button", name="เพิ่มบทความ").click()
    expect(page.get_by_role("status")).to_contain_text("เพิ่มบทความแล้ว")
    span = page.locator(".article-body a.claim-span")
    expect(span).to_have_count(1)
    expect(span).to_contain_text("มากที่สุดในรอบ 5 ปี")
    span.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/claims/\d+$"))
    expect(page.locator(".claim-text")).to_contain_text("นายสมชาย ใจดี")
