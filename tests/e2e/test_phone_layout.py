"""On a phone: the navigation and the filters fold away, so the queue's first claim shows in the
first screen; the menu opens with a button."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

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
