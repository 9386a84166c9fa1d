"""On a phone: the navigation and the filters fold away, so the queue's first claim shows in the
first screen; the menu opens with a button."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import publish_new_claim, sign_in

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}  # a common phone, in CSS pixels


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        locale="th-TH", base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    yield page
    context.close()


def test_the_first_claim_of_the_queue_shows_in_the_first_screen(phone, live_server, tmp_path):
    sign_in(phone, live_server)
    phone.goto("/queue")
    first = phone.locator(".queue-item").first
    expect(first).to_be_visible()
    box = first.bounding_box()
    assert box["y"] + min(box["height"], 120) <= PHONE["height"], box  # the claim's first lines
    phone.screenshot(path=str(tmp_path / "queue-phone.png"))
    # The page fits the phone's width: nothing to scroll sideways.
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    nav = phone.locator("#site-nav")
    expect(nav).to_be_hidden()
    menu = phone.get_by_role("button", name="เมนู")
    expect(menu).to_have_attribute("aria-expanded", "false")
    menu.click()
    expect(nav).to_be_visible()
    expect(menu).to_have_attribute("aria-expanded", "true")
    nav.get_by_role("link", name="งานของฉัน").click()
    expect(phone).to_have_url(live_server.url + "/my-work")

    filters = phone.get_by_role("button", name="ค้นหาและตัวกรอง")
    phone.goto("/queue")
    expect(phone.locator("#queue-filters")).to_be_hidden()
    filters.click()
    expect(phone.locator("#queue-filters")).to_be_visible()


def test_filters_in_use_stay_open_on_a_phone(phone, live_server):
    sign_in(phone, live_server)
    phone.goto("/queue?language=th")
    expect(phone.locator("#queue-filters")).to_be_visible()


def test_the_desktop_shows_navigation_and_filters_without_buttons(page, live_server):
    sign_in(page, live_server)
    page.goto("/queue")
    expect(page.locator("#site-nav")).to_be_visible()
    expect(page.locator("#queue-filters")).to_be_visible()
    expect(page.locator(".collapse-toggle").first).to_be_hidden()


LONG_URL = (
    "https://www.facebook.com/permalink.php?story_fbid=pfbid0a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8s9"
    "t0u1v2w3x4y5z6A7B8C9D0E1F2G3H4I5J6K7L8M9N0&id=100064758294211&mibextid=Nif5oz"
)
ARTICLE = (
    "นายสุรชัย มั่นคง โฆษกกรมการค้าภายใน กล่าวว่า ราคาไข่ไก่เบอร์ 2 ในกรุงเทพมหานคร"
    "ลดลงเหลือฟองละ 3.80 บาท ต่ำที่สุดในรอบ 18 เดือน"
)


def test_long_addresses_never_widen_a_page_on_a_phone(phone, live_server):
    claim_id = publish_new_claim(live_server, ARTICLE, source_url=LONG_URL)
    sign_in(phone, live_server)
    for path in (f"/claims/{claim_id}", f"/fact-checks/{claim_id}"):
        phone.goto(path)
        expect(phone.locator("main")).to_contain_text("facebook.com")
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], (path, width)
