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


@pytest.fixture
def dripping_server():
    """Serve a page one byte at a time, a byte every 20 ms, for ever: no read ever times out."""
    import socket
    import threading

    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve():
        connection, _ = listener.accept()
        connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n")
        while not stop.wait(0.02):
            try:
                connection.sendall(b"x")
            except OSError:
                break
        connection.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/slow"
    stop.set()
    listener.close()
    thread.join(timeout=5)


def test_a_page_sent_a_byte_at_a_time_stops_at_the_deadline(dripping_server):
    import time

    fetcher = Fetcher(timeout=5, deadline=0.3, extra_allowed=frozenset({"127.0.0.1"}))
    started = time.monotonic()
    with pytest.raises(IngestError) as caught:
        fetcher.fetch(dripping_server)
    assert caught.value.code == "too_slow"
    assert time.monotonic() - started < 3  # the per-read timeout (5 s) was never reached


@pytest.mark.parametrize(
    "address",
    [
        "2002:7f00:1::",  # 6to4 of 127.0.0.1
        "2002:a00:1::1",  # 6to4 of 10.0.0.1
        "2002:a9fe:a9fe::",  # 6to4 of 169.254.169.254 (cloud metadata)
        "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
        "64:ff9b:1::c0a8:1",  # local-use NAT64 of 192.168.0.1
        "::ffff:127.0.0.1",  # IPv4-mapped loopback
        "::10.0.0.1",  # IPv4-compatible (deprecated) private
        "2001:0:4136:e378:8000:63bf:f5ff:fffe",  # Teredo; its client is 10.0.0.1
    ],
)
def test_ipv6_forms_that_embed_a_private_ipv4_address_are_refused(address):
    fetcher = Fetcher(resolver=_resolver({"sneaky.example": [address]}))
    with pytest.raises(IngestError) as caught:
        fetcher.fetch("http://sneaky.example/")
    assert caught.value.code == "refused"


def test_an_ipv6_form_embedding_a_public_address_is_allowed_by_the_guard():
    fetcher = Fetcher(resolver=_resolver({"ok.example": ["2002:5db8:d822::"]}))  # 93.184.216.34
    assert fetcher.checked_address("ok.example", 80) == "2002:5db8:d822::"


@pytest.mark.parametrize(
    "url",
    ["http://user:secret@example.org/", "https://token@example.org/page", "http://:pw@x.org/"],
)
def test_addresses_with_credentials_are_refused(url):
    with pytest.raises(IngestError) as caught:
        Fetcher(
            resolver=_resolver({"example.org": ["93.184.216.34"], "x.org": ["93.184.216.34"]})
        ).fetch(url)
    assert caught.value.code == "credentials_in_url"
