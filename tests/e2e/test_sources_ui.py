"""Sources that cannot be fetched are saved all the same, shown as failed, and retried (Thai UI)."""

import re
import socket
import threading

import pytest
from playwright.sync_api import expect
from werkzeug.wrappers import Request, Response

from tests.e2e.conftest import sign_in
from tests.loopback import serving

pytestmark = pytest.mark.e2e

ARTICLE = "นายวิชัย ศรีสุข โฆษกกระทรวงเกษตร กล่าวว่า ปีนี้ราคาทุเรียนส่งออกสูงขึ้นร้อยละ 42 มากที่สุดในรอบ 10 ปี"
PAGE = (
    "<html><head><title>สถิติการส่งออกทุเรียน ปี 2568</title></head><body><article>"
    "<h1>สถิติการส่งออกทุเรียน ปี 2568</h1>"
    "<p>มูลค่าการส่งออกทุเรียนสดเพิ่มขึ้นร้อยละ 12 เมื่อเทียบกับปีก่อน ตามข้อมูลของกรมศุลกากร</p>"
    "<p>ตัวเลขนี้รวบรวมจากใบขนสินค้าขาออกทั้งหมดที่ผ่านด่านศุลกากรทั่วประเทศในปี 2568</p>"
    "</article></body></html>"
)


@pytest.fixture
def blocking_site():
    """A site that answers 403 (as bot-blocking sites do) until the test lets it through; then
    it answers only once `release` is set, so the page can be seen waiting."""
    state = {"open": False, "release": threading.Event()}

    def answer(request: Request) -> Response:
        if not state["open"]:
            return Response("Access denied", 403)
        state["release"].wait(timeout=8)
        return Response(PAGE, content_type="text/html; charset=utf-8")

    with serving(Request.application(answer)) as url:
        yield f"{url}/stats", state


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _add_source(page, url: str) -> None:
    page.get_by_text("เพิ่มแหล่งข้อมูล", exact=True).first.click()
    page.get_by_label("ที่อยู่เว็บ").fill(url)
    page.get_by_role("button", name="เพิ่มแหล่งข้อมูล").click()
    expect(page.get_by_role("status")).to_contain_text("เพิ่มแหล่งข้อมูลแล้ว")


def test_an_unreachable_source_is_saved_shown_failed_and_retried(page, live_server, blocking_site):
    sign_in(page, live_server)
    page.goto("/articles/new")
    page.get_by_label("เนื้อหาบทความ").fill(ARTICLE)
    page.get_by_role("button", name="เพิ่มบทความ").click()
    page.locator(".article-body a.claim-span").first.click()
    expect(page).to_have_url(re.compile(r"/claims/\d+$"))

    # A post on a site nothing answers at (as Facebook or X are from a newsroom server).
    unreachable = f"http://127.0.0.1:{_closed_port()}/posts/123456"
    _add_source(page, unreachable)
    source = page.locator("article.source", has_text=unreachable)
    expect(source).to_contain_text("เก็บสำเนาไม่ได้")
    expect(source).to_contain_text("เว็บไซต์ปฏิเสธการเชื่อมต่อ")
    source.get_by_role("button", name=re.compile("^ลองใหม่")).click()
    expect(page.get_by_role("status")).to_contain_text("กำลังเก็บสำเนาอีกครั้ง")
    expect(source).to_contain_text("เว็บไซต์ปฏิเสธการเชื่อมต่อ")  # still nothing there
    expect(source.get_by_role("button", name=re.compile("^ลองใหม่"))).to_be_visible()

    # A site that refuses robots, then lets them through: Retry archives it.
    url, state = blocking_site
    _add_source(page, url)
    blocked = page.locator("article.source", has_text=url)
    expect(blocked).to_contain_text("HTTP 403")
    state["open"] = True
    blocked.get_by_role("button", name=re.compile("^ลองใหม่")).click()
    expect(blocked).to_contain_text("กำลังเก็บสำเนา…")  # the job waits for the site
    state["release"].set()  # archive-state.js shows the result without a reload
    archived = page.locator("article.source", has_text="สถิติการส่งออกทุเรียน ปี 2568")
    expect(archived).to_contain_text("เก็บสำเนาแล้ว")
    expect(archived).to_contain_text("SHA-256")
    expect(archived.get_by_role("button", name=re.compile("^ลองใหม่"))).to_have_count(0)
    archived.get_by_role("link", name=re.compile("^ดูข้อความที่เก็บสำเนาไว้")).click()
    expect(page.locator("pre.archived-text")).to_contain_text("ใบขนสินค้าขาออก")
