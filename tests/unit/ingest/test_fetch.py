"""The SSRF guard: private, loopback, link-local and reserved addresses are refused."""

import pytest

from app.ingest.errors import IngestError
from app.ingest.fetch import Fetcher


def _resolver(mapping):
    return lambda host, port: mapping[host]


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://10.1.2.3/",
        "http://169.254.169.254/latest/meta-data/",
        "http://192.168.0.1/",
        "http://[::1]/",
        "http://0.0.0.0/",
        "http://224.0.0.1/",
        "http://localhost/",
    ],
)
def test_non_public_addresses_are_refused_before_connecting(url):
    with pytest.raises(IngestError) as caught:
        Fetcher().fetch(url)
    assert caught.value.code == "refused"


def test_a_name_that_resolves_to_a_private_address_is_refused():
    fetcher = Fetcher(resolver=_resolver({"intranet.example": ["93.184.216.34", "10.0.0.5"]}))
    with pytest.raises(IngestError) as caught:
        fetcher.fetch("https://intranet.example/page")
    assert caught.value.code == "refused"


def test_allow_private_lets_local_addresses_through_the_guard():
    assert Fetcher(allow_private=True).checked_address("127.0.0.1", 80) == "127.0.0.1"


@pytest.mark.parametrize("url", ["ftp://example.com/", "file:///etc/passwd", "http:///nohost"])
def test_only_http_and_https_are_fetched(url):
    with pytest.raises(IngestError) as caught:
        Fetcher().fetch(url)
    assert caught.value.code == "bad_url"
