"""The dashboard reads figures kept in `desk_figures`: computed once when there are none, then
again in the background when they are older than SATJA_DASHBOARD_MAX_AGE, one refresh at a
time."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app import jobs
from app.database import utcnow
from app.models import ClaimStatus, DeskFigures
from app.services import dashboard
from tests.bulk_rows import add_articles, add_claims
from tests.factories import make_user


def _candidates(figures) -> int:
    return dict(figures.by_status)[ClaimStatus.CANDIDATE]


@pytest.fixture
def kept_an_hour(app, monkeypatch):
    monkeypatch.setitem(app.config, "SATJA_DASHBOARD_MAX_AGE", 3600)


def test_figures_are_kept_then_refreshed_when_old(app, db_session, kept_an_hour):
    viewer = make_user(db_session, "viewer")
    add_claims(db_session, [s[0] for s in add_articles(db_session, 3)])
    with app.test_request_context(method="POST"):
        first = dashboard.dashboard(db_session, viewer)
        assert _candidates(first) == 3 and first.computed_at is not None
        add_claims(db_session, [s[0] for s in add_articles(db_session, 2)])
        assert _candidates(dashboard.dashboard(db_session, viewer)) == 3  # kept, not recounted
        kept = db_session.get(DeskFigures, dashboard.FIGURES_ID)
        kept.computed_at = utcnow() - timedelta(hours=2)
        db_session.commit()
        # Old: a refresh is asked for (inline in tests, so it is done at once).
        dashboard.dashboard(db_session, viewer)
        assert _candidates(dashboard.dashboard(db_session, viewer)) == 5


def test_one_refresh_at_a_time(app, db_session, kept_an_hour, monkeypatch):
    viewer = make_user(db_session, "viewer")
    started = []
    monkeypatch.setattr(jobs, "enqueue", lambda target, ref: started.append(target))
    with app.test_request_context(method="POST"):
        dashboard.dashboard(db_session, viewer)
        kept = db_session.get(DeskFigures, dashboard.FIGURES_ID)
        kept.computed_at = utcnow() - timedelta(hours=2)
        db_session.commit()
        dashboard.dashboard(db_session, viewer)
        dashboard.dashboard(db_session, viewer)  # the first refresh is still under way
        assert started == [dashboard.REFRESH_TARGET]
        kept = db_session.get(DeskFigures, dashboard.FIGURES_ID)
        kept.refreshing_since = utcnow() - dashboard.REFRESH_GIVEN_UP - timedelta(minutes=1)
        db_session.commit()
        dashboard.dashboard(db_session, viewer)  # that one died: another may start
        assert started == [dashboard.REFRESH_TARGET] * 2


def test_the_page_says_when_the_figures_are_from(signed_in, client):
    signed_in("viewer")
    html = client.get("/dashboard").get_data(as_text=True)
    assert 'id="figures-as-of"' in html and "Figures as of" in html
