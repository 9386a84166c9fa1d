"""The demo flow in a real browser: triage the seed's claims, research, review, publish, correct."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import EDITOR_EMAIL, EDITOR_PASSWORD, sign_in

pytestmark = pytest.mark.e2e


def _claim_page_of(page, phrase: str) -> str:
    """Open the demo article and follow its highlighted claim containing `phrase`."""
    page.goto("/articles/1")
    page.locator(".article-body a.claim-span", has_text=phrase).first.click()
    return page.url


def test_the_demo_flow_from_triage_to_correction(browser, live_server, evidence_site, tmp_path):
    admin = browser.new_context(locale="th-TH", base_url=live_server.url).new_page()
    editor = browser.new_context(locale="th-TH", base_url=live_server.url).new_page()
    sign_in(admin, live_server)
    sign_in(editor, live_server, EDITOR_EMAIL, EDITOR_PASSWORD)

    # Triage with the keyboard: the first row is the most check-worthy; x selects, a accepts.
    admin.goto("/queue")
    first = admin.locator("tr.queue-item input[type=checkbox]").first.get_attribute("value")
    admin.keyboard.press("j")
    admin.keyboard.press("x")
    admin.keyboard.press("a")
    expect(admin.get_by_role("status")).to_contain_text("รับตรวจสอบข้อกล่าวอ้างแล้ว 1 รายการ")
    expect(admin.locator(f"#claim-{first}")).to_have_count(0)  # accepted: out of the queue
    # ... and the Kim claim through the plain form.
    claim_url = _claim_page_of(admin, "เบ่งบานเต็มที่")
    admin.goto(claim_url)
    admin.get_by_role("button", name="รับตรวจสอบ", exact=True).click()  # accept on its page

    admin.goto(claim_url)
    admin.get_by_label("ผู้รับผิดชอบ").select_option(label="Demo admin")
    admin.get_by_role("button", name="มอบหมาย", exact=True).click()
    expect(admin.get_by_role("status")).to_contain_text("บันทึกการมอบหมายแล้ว")

    admin.get_by_text("เพิ่มแหล่งข้อมูล", exact=True).first.click()
    admin.get_by_label("หัวข้อ", exact=True).fill("จดหมายของคิม จองอึน ตามที่ KCNA เผยแพร่")
    admin.get_by_label("ผู้เผยแพร่").fill("KCNA")
    admin.get_by_label("จุดยืนต่อข้อกล่าวอ้าง").select_option("supports")
    admin.get_by_role("button", name="เพิ่มแหล่งข้อมูล").click()
    expect(admin.get_by_role("status")).to_contain_text("เพิ่มแหล่งข้อมูลแล้ว")
    admin.get_by_text("เพิ่มแหล่งข้อมูล", exact=True).first.click()
    admin.get_by_label("ที่อยู่เว็บ").fill(evidence_site)
    admin.get_by_role("button", name="เพิ่มแหล่งข้อมูล").click()
    expect(admin.locator("#sources")).to_contain_text("รายงานสถานการณ์ ประจำวันที่ 15 สิงหาคม 2568")
    expect(admin.locator("#sources")).to_contain_text("SHA-256")

    admin.get_by_label("ระดับผลตรวจสอบ").select_option("true")
    admin.get_by_label("ข้อสรุป (หนึ่งบรรทัด)").fill("KCNA เผยแพร่จดหมายที่มีข้อความนี้จริง")
    admin.get_by_label("คำอธิบาย (Markdown)").fill(
        "ดู**จดหมาย**ที่ KCNA เผยแพร่ <script>alert(1)</script>"
    )
    admin.get_by_role("button", name="บันทึกผลการตรวจสอบ").click()
    admin.get_by_role("button", name="ส่งตรวจทาน").click()
    expect(admin.get_by_role("status")).to_contain_text("ส่งผลการตรวจสอบให้ตรวจทานแล้ว")
    # Four eyes: the author is told why, instead of being offered an Approve button.
    expect(admin.locator(".four-eyes")).to_contain_text("หลักสี่ตา")
    expect(admin.get_by_role("button", name="อนุมัติ", exact=True)).to_have_count(0)

    editor.goto(claim_url)
    editor.get_by_role("button", name="อนุมัติ", exact=True).click()
    expect(editor.get_by_role("status")).to_contain_text("อนุมัติผลการตรวจสอบแล้ว")

    admin.goto(claim_url)
    admin.get_by_role("button", name="เผยแพร่", exact=True).click()
    expect(admin.locator(".verdict.published")).to_contain_text("KCNA เผยแพร่จดหมายที่มีข้อความนี้จริง")
    expect(admin.locator(".verdict.published .explanation strong")).to_have_text("จดหมาย")
    assert admin.locator(".verdict.published script").count() == 0

    admin.get_by_text("แก้ไขผลการตรวจสอบที่เผยแพร่แล้ว").click()
    admin.get_by_label("ระดับผลตรวจสอบ").select_option("mostly_true")
    admin.get_by_label("หมายเหตุการแก้ไขสำหรับผู้อ่าน").fill("จดหมายใช้คำว่า “เบ่งบาน” ในบริบทอื่นด้วย")
    admin.get_by_role("button", name="เริ่มแก้ไข").click()
    admin.get_by_role("button", name="ส่งตรวจทาน").click()
    editor.goto(claim_url)
    editor.get_by_role("button", name="อนุมัติ", exact=True).click()
    admin.goto(claim_url)
    admin.get_by_role("button", name="เผยแพร่", exact=True).click()
    expect(admin.locator(".verdict.published")).to_contain_text("เวอร์ชัน 2")
    expect(admin.locator(".verdict.published .correction")).to_contain_text("บริบทอื่น")
    expect(admin.locator("#versions")).to_be_visible()

    history = admin.locator("#history")
    for step in [
        "รับตรวจสอบข้อกล่าวอ้าง",
        "มอบหมายข้อกล่าวอ้าง",
        "เพิ่มแหล่งข้อมูล",
        "ร่างผลการตรวจสอบ",
        "ส่งผลการตรวจสอบให้ตรวจทาน",
        "อนุมัติผลการตรวจสอบ",
        "เผยแพร่ผลการตรวจสอบ",
        "ร่างการแก้ไข",
        "ผลการตรวจสอบถูกแทนที่",
    ]:
        expect(history).to_contain_text(step)
    expect(history).to_contain_text("บรรณาธิการสอง")
    expect(history).to_contain_text("Demo admin")
    admin.screenshot(path=str(tmp_path / "claim.png"), full_page=True)

    # The reader's side: the public page (no sign-in) and the PDF report of the same verdict.
    public_url = admin.get_by_role("link", name="หน้าสาธารณะ").get_attribute("href")
    pdf_url = admin.get_by_role("link", name="รายงาน PDF").get_attribute("href")
    reader = browser.new_context(locale="th-TH", base_url=live_server.url).new_page()
    reader.goto(public_url)
    expect(reader.locator("main")).to_contain_text("เบ่งบานเต็มที่")
    expect(reader.locator("body")).to_contain_text("จริงเป็นส่วนใหญ่")
    expect(reader.locator("body")).to_contain_text("บริบทอื่น")  # the correction note, public
    assert reader.locator('script[type="application/ld+json"]').count() == 1
    assert reader.locator("script:not([src]):not([type])").count() == 0
    reader.screenshot(path=str(tmp_path / "public.png"), full_page=True)
    pdf = admin.request.get(pdf_url)
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    signed_out = reader.request.get(pdf_url, max_redirects=0)
    assert signed_out.status == 302 and "/login" in signed_out.headers["location"]
