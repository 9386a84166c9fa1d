"""The UI shell: navigation, lists, the demo article, error pages and languages."""

import pytest

from app.services import demo
from tests.factories import make_user


def test_navigation_shows_the_desk_sections(signed_in, client):
    signed_in("checker")
    html = client.get("/queue").get_data(as_text=True)
    for label in ["Queue", "Articles", "Claims", "Reports"]:
        assert f">{label}</a>" in html
    assert ">Admin</a>" not in html  # only admins see it


def test_admin_sees_the_admin_link(signed_in, client):
    signed_in("admin")
    assert ">Admin</a>" in client.get("/queue").get_data(as_text=True)


@pytest.mark.parametrize(
    "path",
    [
        "/queue",
        "/articles",
        "/claims",
        "/claims?status=candidate",
        "/claims?status=bogus",
        "/reports",
    ],
)
def test_lists_render_for_a_viewer(signed_in, client, path):
    signed_in("viewer")
    assert client.get(path).status_code == 200


def test_reports_show_the_default_rating_scale(signed_in, client):
    signed_in("viewer")
    html = client.get("/reports", headers={"Accept-Language": "th"}).get_data(as_text=True)
    for label in ["จริง", "จริงเป็นส่วนใหญ่", "จริงบางส่วน", "เท็จเป็นส่วนใหญ่", "เท็จ", "บิดเบือน", "พิสูจน์ไม่ได้"]:
        assert f">{label}<" in html


def test_demo_article_is_shown_in_full(signed_in, client, db_session):
    article, created = demo.load_demo_article(db_session)
    db_session.commit()
    assert created
    signed_in("viewer")
    listing = client.get("/articles").get_data(as_text=True)
    assert f"/articles/{article.id}" in listing
    html = client.get(f"/articles/{article.id}").get_data(as_text=True)
    assert "สำนักข่าว Yonhap News ของเกาหลีใต้รายงานว่า" in html
    assert "ค.ศ. 1945 กองทัพโซเวียต" in html
    assert "15 สิงหาคม 2568" in html  # published date in the Buddhist Era for Thai readers


def test_english_reader_sees_common_era_dates(signed_in, client, db_session):
    article, _ = demo.load_demo_article(db_session)
    db_session.commit()
    signed_in("viewer")
    html = client.get(f"/articles/{article.id}", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert "15 August 2025" in html.get_data(as_text=True)


def test_missing_article_is_a_404_page(signed_in, client):
    signed_in("viewer")
    response = client.get("/articles/999999")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)


def test_unknown_page_is_a_404_page(client):
    response = client.get("/no-such-page", headers={"Accept-Language": "en"})
    assert response.status_code == 404
    assert "There is nothing at this address" in response.get_data(as_text=True)


def test_bad_page_number_is_a_400_page(signed_in, client):
    signed_in("viewer")
    assert client.get("/articles?page=abc").status_code == 400


def test_unexpected_error_is_a_500_page_and_rolls_back(app, signed_in, client, monkeypatch):
    signed_in("viewer")

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("app.articles.routes.articles.articles_query", explode)
    response = client.get("/articles", headers={"Accept-Language": "en"})
    assert response.status_code == 500
    assert "Nothing you entered was saved" in response.get_data(as_text=True)


def test_accept_language_picks_thai_or_english(client):
    assert 'lang="th"' in client.get("/login", headers={"Accept-Language": "th"}).get_data(
        as_text=True
    )
    html = client.get("/login", headers={"Accept-Language": "en-GB"}).get_data(as_text=True)
    assert 'lang="en"' in html and "Sign in" in html


def test_thai_is_the_default_language(app):
    html = app.test_client().get("/login").get_data(as_text=True)
    assert '<html lang="th">' in html and "เข้าสู่ระบบ" in html


def test_language_switch_is_remembered(auth, client):
    response = auth.post("/language", {"lang": "en", "next": "/login"}, form_page="/login")
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    html = client.get("/login", headers={"Accept-Language": "th"}).get_data(as_text=True)
    assert '<html lang="en">' in html


def test_language_switch_ignores_offsite_next(auth):
    response = auth.post("/language", {"lang": "th", "next": "//evil.example/"}, form_page="/login")
    assert response.headers["Location"] == "/"


def test_every_control_has_a_label(signed_in, client, db_session):
    """Each input and select on the main pages has a <label for=...> or an aria-label."""
    import re

    signed_in("admin")
    make_user(db_session, "viewer")
    for path in ["/login", "/admin/users", "/admin/audit", "/account/password", "/claims"]:
        html = client.get(path).get_data(as_text=True)
        labels = set(re.findall(r'<label[^>]*for="([^"]+)"', html))
        for tag in re.findall(r"<(?:input|select|textarea)\b[^>]*>", html):
            if 'type="hidden"' in tag or 'type="submit"' in tag:  # a submit's value is its label
                continue
            ident = re.search(r'\sid="([^"]+)"', tag)
            assert (ident and ident.group(1) in labels) or "aria-label" in tag, (path, tag)


def test_form_validation_messages_are_in_thai(app):
    client = app.test_client()
    from tests.conftest import csrf_token

    token = csrf_token(client, "/login")
    html = client.post(
        "/login",
        data={"email": "", "password": "", "csrf_token": token},
        headers={"Accept-Language": "th"},
    ).get_data(as_text=True)
    assert "ต้องกรอกช่องนี้" in html and "This field is required" not in html


def test_audit_trail_shows_readable_actions_and_changes(signed_in, auth, client, db_session):
    signed_in("admin")
    user = make_user(db_session, "viewer")
    auth.post(f"/admin/users/{user.id}/role", {"role": "editor"}, form_page="/admin/users")
    html = client.get("/admin/audit?action=user.set_role").get_data(as_text=True)
    assert "Role changed" in html
    assert "<del>viewer</del> → <ins>editor</ins>" in html
