"""The public fact-check page as LINE or Facebook would see it, in Chromium: its Open Graph
tags point at SATJA_PUBLIC_URL, the share card answers as a 1200x630 PNG, and the card's Thai
is shaped as the browser shapes it (and the check fails for unshaped text)."""

from __future__ import annotations

import io
from pathlib import Path

import flask_migrate
import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont
from playwright.sync_api import expect

from app import config, create_app
from app.exports.share_card import FONT_PATH, font
from app.extensions import db
from app.services import ingest
from tests.factories import make_user
from tests.integration.test_reports import SEED_PATH, _publish
from tests.loopback import serving

pytestmark = pytest.mark.e2e

PUBLIC = "http://factcheck.test"  # what readers are told; the server itself is on 127.0.0.1
PHRASE = "ที่นี่ผู้ใหญ่น้ำ"  # tone marks over and under upper vowels, a tall consonant, sara am
SIZE = 64


@pytest.fixture(scope="module")
def public_site(tmp_path_factory):
    """Serve a Satja with one published Thai fact-check; return its address and the claim id."""
    db_file = tmp_path_factory.mktemp("public-e2e") / "satja.db"
    app = create_app(
        config.TestingConfig, database_url=f"sqlite:///{db_file}", SATJA_PUBLIC_URL=PUBLIC
    )
    with app.app_context():
        flask_migrate.upgrade()
        submission = ingest.Submission(
            text=Path(SEED_PATH).read_text(encoding="utf-8"),
            url="https://news.example/kim-putin",
            title="คิมบอกปูติน",
            published="15 สิงหาคม 2568",
        )
        article, _ = ingest.ingest(db.session, make_user(db.session, "checker"), submission)
        claim = next(a.claim for a in article.appearances if "เบ่งบานเต็มที่" in a.claim.text)
        _publish(db.session, claim, "mostly_true", 'จดหมาย "มีข้อความนี้จริง" <ตามรายงาน>')
        claim_id = claim.id
    with serving(app) as url:
        yield url, claim_id
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def reader(browser, public_site):
    """A Thai reader's browser in which SATJA_PUBLIC_URL reaches the test server."""
    served, _claim_id = public_site
    context = browser.new_context(locale="th-TH")

    def forward(route):
        route.fulfill(response=route.fetch(url=route.request.url.replace(PUBLIC, served, 1)))

    context.route(f"{PUBLIC}/**", forward)
    yield context.new_page()
    context.close()


def _meta(page, key: str) -> str:
    attribute = "name" if key.startswith("twitter:") else "property"
    return page.locator(f'meta[{attribute}="{key}"]').get_attribute("content")


def _luminance(rgb: str) -> float:
    channels = [int(part) / 255 for part in rgb[rgb.index("(") + 1 : -1].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_open_graph_tags_point_at_the_public_site_and_the_card_answers(
    reader, public_site, tmp_path
):
    _served, claim_id = public_site
    page_url = f"{PUBLIC}/fact-checks/{claim_id}"
    reader.goto(page_url)
    expect(reader.locator("h1")).to_have_text('จดหมาย "มีข้อความนี้จริง" <ตามรายงาน>')
    badge = reader.locator(".fact-check-rating .rating-badge")
    expect(badge).to_have_text("จริงเป็นส่วนใหญ่")
    expect(badge).to_have_class("rating-badge tone-mostly-true")
    colours = badge.evaluate(
        "e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]"
    )
    light, dark = sorted(map(_luminance, colours), reverse=True)
    assert (light + 0.05) / (dark + 0.05) >= 4.5  # WCAG AA for the badge's text
    assert reader.locator('link[rel="canonical"]').get_attribute("href") == page_url
    assert _meta(reader, "og:url") == page_url and _meta(reader, "og:type") == "article"
    assert _meta(reader, "og:title") == 'จดหมาย "มีข้อความนี้จริง" <ตามรายงาน>'
    assert _meta(reader, "og:description").startswith("จริงเป็นส่วนใหญ่: “")
    assert _meta(reader, "twitter:card") == "summary_large_image"
    image_url = _meta(reader, "og:image")
    assert (
        image_url.startswith(f"{page_url}/card.png") and _meta(reader, "twitter:image") == image_url
    )
    assert (_meta(reader, "og:image:width"), _meta(reader, "og:image:height")) == ("1200", "630")
    size = reader.evaluate(
        """url => new Promise((done, fail) => {
             const i = new Image();
             i.onload = () => done([i.naturalWidth, i.naturalHeight]);
             i.onerror = fail;
             i.src = url;
           })""",
        image_url,
    )
    assert size == [1200, 630]
    response = reader.goto(image_url)
    assert response.status == 200 and response.headers["content-type"] == "image/png"
    reader.set_viewport_size({"width": 1200, "height": 630})
    reader.screenshot(path=str(tmp_path / "share-card.png"))
    assert Image.open(io.BytesIO(response.body())).size == (1200, 630)


def _pillow(layout: ImageFont.Layout) -> Image.Image:
    """Draw the phrase as the card does (same font, size and drawing call)."""
    image = Image.new("L", (900, 220), 255)
    shaped = {"language": "th"} if layout == ImageFont.Layout.RAQM else {}
    ImageDraw.Draw(image).text((40, 40), PHRASE, font=font(SIZE, layout=layout), fill=0, **shaped)
    return image


def _ink(image: Image.Image) -> Image.Image:
    """Return the dark pixels of an image as a mask, cropped to their bounding box."""
    mask = image.convert("L").point(lambda v: 255 if v < 128 else 0)
    return mask.crop(mask.getbbox())


def _same_ink(ours: Image.Image, chromium: Image.Image) -> bool:
    """Whether two renderings have the same ink: bounding boxes within 2 px, 80% overlap."""
    a, b = _ink(ours), _ink(chromium)
    if abs(a.width - b.width) > 2 or abs(a.height - b.height) > 2:
        return False
    size = (max(a.width, b.width), max(a.height, b.height))
    left, right = Image.new("L", size), Image.new("L", size)
    left.paste(a)
    right.paste(b)
    both = ImageChops.multiply(left, right).histogram()[255]
    either = ImageChops.lighter(left, right).histogram()[255]
    return both / either >= 0.8


def test_the_card_shapes_thai_as_chromium_does(browser):
    context = browser.new_context(viewport={"width": 900, "height": 220})
    page = context.new_page()
    html = (
        "<!doctype html><meta charset=utf-8><style>"
        "@font-face { font-family: Card; src: url(/font.ttf); }"
        f"body {{ margin: 0; background: #fff; }} p {{ font: 400 {SIZE}px Card; margin: 0;"
        f" padding: 40px; color: #000; white-space: nowrap; }}</style><p lang=th>{PHRASE}</p>"
    )
    page.route(
        "http://shaping.test/font.ttf",
        lambda route: route.fulfill(body=FONT_PATH.read_bytes(), content_type="font/ttf"),
    )
    page.route(
        "http://shaping.test/", lambda route: route.fulfill(body=html, content_type="text/html")
    )
    page.goto("http://shaping.test/")
    assert page.evaluate(f"document.fonts.load('{SIZE}px Card', '{PHRASE}').then(f => f.length)")
    chromium = Image.open(io.BytesIO(page.screenshot()))
    context.close()
    assert _same_ink(_pillow(ImageFont.Layout.RAQM), chromium)
    assert not _same_ink(_pillow(ImageFont.Layout.BASIC), chromium)  # unshaped marks collide
