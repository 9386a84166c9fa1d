"""axe-core finds no accessibility violations on the main staff and public pages (Thai UI,
desktop and phone widths)."""

from pathlib import Path

import pytest

from tests.e2e.conftest import publish_new_claim, sign_in

pytestmark = pytest.mark.e2e

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
AXE_SOURCE = AXE.read_text(encoding="utf-8") + "\n;undefined"
# WCAG 2.1 A and AA, and axe's best practices (landmarks, headings, scrollable regions).
RUN = """async () => (await axe.run(document, {
  runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
})).violations.map(v => ({
  id: v.id, impact: v.impact, help: v.help,
  nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ") + " :: " + n.failureSummary),
}))"""

STAFF_PAGES = [
    "/queue",
    "/claims",
    "/claims/1",
    "/articles",
    "/articles/1",
    "/articles/new",
    "/search?q=เกาหลี",
    "/my-work",
    "/dashboard",
    "/jobs",
    "/reports",
    "/claims/known",
    "/admin/users",
    "/reports/period?from=31/08/2568&to=01/08/2568",
]
ARTICLE = (
    "นางสาวพิมพ์ใจ ศรีสุข โฆษกกระทรวงพาณิชย์ กล่าวว่า การส่งออกข้าวของไทยในปี 2568 "
    "เพิ่มขึ้นร้อยละ 8 เป็น 9.1 ล้านตัน สูงที่สุดในรอบ 5 ปี"
)
PUBLIC_PAGES = ["/login", "/fact-checks", "/methodology"]


def _violations(page, path: str) -> list[dict]:
    page.goto(path)
    # Evaluated by the browser's devtools protocol: the page's own CSP (script-src 'self')
    # stays in force for the page and still refuses inline scripts.
    page.evaluate(AXE_SOURCE)
    return [dict(v, page=path) for v in page.evaluate(RUN)]


def _report(found: list[dict]) -> str:
    return "\n".join(
        f"{v['page']}: {v['id']} ({v['impact']}) {v['help']}\n    " + "\n    ".join(v["nodes"])
        for v in found
    )


@pytest.fixture(scope="module")
def published(live_server) -> str:
    """Publish a claim of a new article (through the services) and return its public page."""
    return f"/fact-checks/{publish_new_claim(live_server, ARTICLE)}"


@pytest.mark.parametrize("width", [1280, 390])
def test_no_violations_on_staff_pages(browser, live_server, published, width):
    context = browser.new_context(
        locale="th-TH", base_url=live_server.url, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    sign_in(page, live_server)
    claim = published.rsplit("/", 1)[1]
    paths = [*STAFF_PAGES, f"/claims/{claim}"]
    found = [v for path in paths for v in _violations(page, path)]
    context.close()
    assert found == [], _report(found)


@pytest.mark.parametrize("width", [1280, 390])
def test_no_violations_on_public_pages(browser, live_server, published, width):
    context = browser.new_context(
        locale="th-TH", base_url=live_server.url, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    paths = [*PUBLIC_PAGES, published]
    found = [v for path in paths for v in _violations(page, path)]
    context.close()
    assert found == [], _report(found)
