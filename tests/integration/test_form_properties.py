"""Properties of the web forms and of ingestion for any input: every answer is a page or a
refusal (never a 5xx), and a refusal stores nothing, not even half of the change.

Hypothesis draws the field values (any Unicode, the characters the screen refuses, values
longer than their columns, dates in no calendar, numbers of thousands of digits) and posts
them as a signed-in editor would. CSRF is switched off for these requests only: its token is
tested elsewhere, and fetching a fresh one per example would triple the cost.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.extensions import db
from app.models import Appearance, Article, AuditEvent, Claim, Comment, Source, Verdict
from app.services import ingest
from app.services.errors import InvalidInput
from tests.factories import make_claim, make_user

TEXT = (
    "นายสมชาย ใจดี อธิบดีกรมควบคุมโรค กล่าวว่า ปีนี้พบผู้ป่วยไข้เลือดออก 1,200 ราย "
    "มากที่สุดในรอบ 5 ปี เมื่อวันที่ 15 สิงหาคม 2568"
)
STORED = (Article, Appearance, Claim, Source, Verdict, Comment, AuditEvent)

SETTINGS = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
NASTY = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "a\x00b",
        "\u202e\u2066",  # direction overrides
        "\ufeff\u200b",
        "<script>alert(1)</script>",
        "{{ 7*7 }}",
        "' OR 1=1 --",
        "9" * 5000,
        "-1",
        "0",
        "2147483648",
        "ก" * 3000,
        "x" * 70_000,
        "15/08/2568",
        "30/02/2568",
        "2568-13-45",
        "9999-99-99",
        "๑๕ ส.ค. ๒๕๖๘",
        "http://[::1]:99999/",
        "https://user:pass@example.org/",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "https://example.org/" + "a" * 3000,
        "true",
        "pants-on-fire",
        "candidate",
    ]
)
ANY = st.one_of(
    NASTY,
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300),
    st.text(alphabet=st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B), max_size=200),
)


def _fields(prefix: str, names: tuple[str, ...]):
    """Draw a value, or no field at all, for each of a form's fields."""
    return st.fixed_dictionaries(
        {}, optional={f"{prefix}-{name}" if prefix else name: ANY for name in names}
    )


def _counts() -> dict[str, int]:
    db.session.expire_all()
    return {
        model.__tablename__: db.session.scalar(sa.select(sa.func.count()).select_from(model))
        for model in STORED
    }


@pytest.fixture
def desk(app, signed_in, client, db_session, monkeypatch):
    """A signed-in editor, CSRF off, and an accepted claim to post to."""
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", False)
    claim = make_claim(db_session, TEXT)
    signed_in("editor")
    return client, claim.id


def _post(client, path: str, data: dict) -> int:
    """Post the form; check the answer, and that a refusal left the database as it was."""
    before = _counts()
    response = client.post(path, data=data)
    assert response.status_code < 500, (path, data, response.status_code)
    if response.status_code >= 400:
        assert _counts() == before, (path, data)
    return response.status_code


FORMS = {
    # path (claim id filled in), the form's prefix, its fields
    "edit": ("/claims/{id}/edit", "edit", ("text", "claimant", "claim_date", "version")),
    "source": (
        "/claims/{id}/sources",
        "source",
        ("url", "title", "publisher", "published", "excerpt", "stance", "source_type", "note"),
    ),
    "verdict": (
        "/claims/{id}/verdicts",
        "verdict",
        ("rating", "conclusion", "explanation", "correction_note"),
    ),
    "comment": ("/claims/{id}/comments", "comment", ("body",)),
    "dismiss": ("/claims/{id}/dismiss", "dismiss", ("reason", "version")),
    "merge": ("/claims/{id}/merge", "merge", ("into", "version")),
    "assign": ("/claims/{id}/assign", "assign", ("assignee", "version")),
    "matches": ("/claims/{id}/matches", "match", ("kind", "other", "same", "different")),
}


@pytest.mark.parametrize("name", sorted(FORMS))
def test_a_claim_page_form_answers_any_input_and_a_refusal_stores_nothing(desk, name):
    client, claim_id = desk
    path, prefix, names = FORMS[name]

    @SETTINGS
    @given(_fields(prefix, names))
    def post(data):
        _post(client, path.format(id=claim_id), data)

    post()


ARTICLE_FIELDS = ("title", "outlet", "author", "published", "language", "url", "text")


@SETTINGS
@given(data=_fields("text", ARTICLE_FIELDS))
def test_the_paste_form_answers_any_input_and_a_refusal_stores_nothing(desk, data):
    client, _claim_id = desk
    _post(client, "/articles/text", data)


FILTERS = {
    "/claims": ("q", "status", "article", "outlet", "language", "min_score", "since", "page"),
    "/queue": ("article", "outlet", "language", "min_score", "since", "page"),
    "/my-work": ("q", "assignee", "rating", "since", "until", "page"),
    "/articles": ("q", "page"),
    "/search": ("q", "page", "status"),
    "/reports/period": ("since", "until", "from", "to"),
    "/fact-checks": ("q", "rating", "page", "since", "until"),
    "/admin/audit": ("action", "actor", "object_type", "object_id", "since", "until", "before"),
}


@pytest.mark.parametrize("path", sorted(FILTERS))
def test_a_filter_answers_any_query(app, signed_in, client, db_session, path):
    make_claim(db_session, TEXT)
    signed_in("admin")  # every list, the audit trail's included

    @SETTINGS
    @given(_fields("", FILTERS[path]))
    def get(query):
        response = client.get(path, query_string=query)
        assert response.status_code < 500, (path, query, response.status_code)
        assert response.status_code in (200, 400, 404, 422), (path, query, response.status_code)

    get()


# Ingestion: any text, at sizes up to five times the largest article Satja takes (a stored
# article of the largest size costs about a second: bench/scaling.py measures that one).
SIZES = st.sampled_from([1, 200, 5_000, 20_000, 200_001, 1_000_000])
FRAGMENT = st.one_of(
    st.sampled_from(
        [
            TEXT,
            "ประชากรเพิ่มขึ้นร้อยละ 12 ในปี 2567 ",
            "The ministry said 3,400 people were affected. ",
            "\n\n",
            "“ไม่เป็นความจริง” ",
            "ก" * 50,
        ]
    ),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80),
)


@settings(SETTINGS, max_examples=10)
@given(fragments=st.lists(FRAGMENT, min_size=1, max_size=6), size=SIZES)
def test_ingestion_stores_any_text_within_the_limits_or_refuses_it_whole(
    app, db_session, fragments, size
):
    piece = "".join(fragments)
    text = (piece * (size // len(piece) + 1))[:size]
    checker = make_user(db_session, "checker")
    before = _counts()
    try:
        with db_session.begin_nested():
            article, _created = ingest.ingest(db_session, checker, ingest.Submission(text=text))
    except ingest.IngestRefused as error:
        assert 400 <= error.status < 500 and str(error.message)
        assert _counts() == before
        return
    except InvalidInput as error:  # the size limit, and a body of nothing but space
        assert error.status in (413, 422) and str(error.message)
        assert len(text) > app.config["SATJA_MAX_BODY_CHARS"] or not text.strip()
        assert _counts() == before
        return
    assert len(article.body) <= app.config["SATJA_MAX_BODY_CHARS"]
    assert len(article.appearances) <= app.config["SATJA_MAX_CLAIMS_PER_ARTICLE"]
    for appearance in article.appearances:
        assert 0 <= appearance.start < appearance.end <= len(article.body)
        assert article.body[appearance.start : appearance.end].strip()
