"""Reading a PDF is bounded in time as well as in pages and characters."""

import pytest

from app.ingest.errors import IngestError
from app.ingest.files import pdf_text
from tests.factories import make_pdf


def test_every_page_is_read_within_the_budget():
    assert pdf_text(make_pdf(["first page", "second page"])).split() == [
        "first",
        "page",
        "second",
        "page",
    ]


def test_reading_stops_when_the_time_budget_is_spent():
    # Pages and characters do not bound time: a small file can make every page re-read one
    # huge compressed stream that yields no text. A spent budget stops after the page at hand.
    with pytest.raises(IngestError) as caught:
        pdf_text(make_pdf(["one", "two", "three"]), seconds=0)
    assert caught.value.code == "pdf_too_slow"
