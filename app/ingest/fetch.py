"""Fetch a web page for ingestion, refusing private addresses (SSRF guard).

Every hop (the first request and each redirect) resolves the host, refuses loopback, private,
link-local, multicast and reserved addresses, and then connects to the address it checked, so a
second DNS answer cannot slip a private address in. Limits: timeouts per read and a total
deadline for the whole fetch (a server sending a byte now and then never trips a read timeout),
at most 5 redirects, a size cap, and HTML or plain text only (and PDF for a fetcher built with
`accept_pdf`, which archives sources).
"""

from __future__ import annotations

import ipaddress
import re
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin

import certifi
import urllib3
from urllib3.exceptions import HTTPError as Urllib3Error

from app.ingest.errors import IngestError
from app.ingest.text import fetchable_address

ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
PDF = "application/pdf"
REDIRECTS = (301, 302, 303, 307, 308)
USER_AGENT = "Satja/0.1 (fact-check claim tracker; +https://github.com/satja)"
CHARSET = re.compile(r"charset=[\"']?([\w.-]+)", re.I)
Resolver = Callable[[str, int], list[str]]


NAT64_PREFIXES = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))


def embedded_ipv4(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """Return the IPv4 addresses an IPv6 address carries (mapped, 6to4, Teredo, NAT64,
    IPv4-compatible): each is checked like the address itself, so 2002:7f00:1:: is loopback."""
    if ip.version == 4:
        return []
    found = [ip.ipv4_mapped, ip.sixtofour, *(ip.teredo or ())]
    last32 = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if any(ip in prefix for prefix in NAT64_PREFIXES) or int(ip) >> 32 == 0:
        found.append(last32)  # NAT64, and the deprecated ::a.b.c.d
    return [each for each in found if each is not None]


def _public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return ip.is_global and not (ip.is_multicast or ip.is_reserved)


def resolve(host: str, port: int) -> list[str]:
    """Return the IP addresses a host name resolves to."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise IngestError("unreachable", f"cannot resolve {host}") from None
    return list(dict.fromkeys(info[4][0] for info in infos))


@dataclass(frozen=True)
class Fetched:
    """A fetched page: where it ended up, its type, and its body decoded (a PDF's as bytes)."""

    url: str
    content_type: str
    text: str
    content: bytes = b""

    @property
    def is_pdf(self) -> bool:
        return self.content_type.split(";")[0].strip().lower() == PDF


@dataclass
class Fetcher:
    """Fetch pages over HTTP(S) within limits, refusing private addresses unless allowed."""

    allow_private: bool = False
    timeout: float = 10.0
    # The whole fetch, redirects included, however the server paces its bytes.
    deadline: float = 60.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    resolver: Resolver = resolve
    # Addresses allowed although private: only for tests that serve pages on loopback.
    extra_allowed: frozenset[str] = field(default_factory=frozenset)
    accept_pdf: bool = False

    def fetch(self, url: str) -> Fetched:
        """Return the page at url, following at most `max_redirects` redirects."""
        ends = time.monotonic() + self.deadline
        for _ in range(self.max_redirects + 1):
            self._check_deadline(ends)
            pool, response = self._request(url)
            try:
                if response.status not in REDIRECTS:
                    return self._read(url, response, ends)
                location = response.headers.get("Location")
            finally:
                # Never drain: a server dripping bytes would hold the fetch for ever. The pool
                # is closed with its one connection, so nothing is reused.
                response.close()
                pool.close()
            if not location:
                raise IngestError("http_error", f"{response.status} without Location")
            url = urljoin(url, location)
        raise IngestError("too_many_redirects", url)

    def _check_deadline(self, ends: float) -> None:
        if time.monotonic() > ends:
            raise IngestError("too_slow", f"more than {self.deadline:g} s")

    def checked_address(self, host: str, port: int) -> str:
        """Resolve host and return an address to connect to; refuse non-public ones."""
        addresses = self.resolver(host, port)
        if not addresses:
            raise IngestError("unreachable", f"no address for {host}")
        for address in addresses:
            ip = ipaddress.ip_address(address.split("%")[0])
            public = all(_public(each) for each in (ip, *embedded_ipv4(ip)))
            if not (self.allow_private or public or address in self.extra_allowed):
                raise IngestError("refused", f"{host} is {address}, a non-public address")
        return addresses[0]

    def _request(self, url: str):
        """Send a GET to the checked address; return the connection pool and the response."""
        parts = fetchable_address(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        address = self.checked_address(parts.hostname, port)
        pool = self._pool(parts.scheme, address, port, parts.hostname)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = {
            "Host": parts.netloc,
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9"
            + (",application/pdf;q=0.8" if self.accept_pdf else ""),
        }
        try:
            response = pool.urlopen(
                "GET",
                target,
                headers=headers,
                redirect=False,
                retries=False,
                preload_content=False,
                assert_same_host=False,
            )
        except Urllib3Error as error:
            pool.close()
            raise IngestError("unreachable", type(error).__name__) from None
        return pool, response

    def _pool(self, scheme: str, address: str, port: int, host: str):
        timeout = urllib3.Timeout(connect=self.timeout, read=self.timeout)
        if scheme == "https":
            return urllib3.HTTPSConnectionPool(
                address,
                port,
                timeout=timeout,
                server_hostname=host,
                assert_hostname=host,
                cert_reqs="CERT_REQUIRED",
                ca_certs=certifi.where(),
                maxsize=1,
            )
        return urllib3.HTTPConnectionPool(address, port, timeout=timeout, maxsize=1)

    def _read(self, url: str, response: urllib3.BaseHTTPResponse, ends: float) -> Fetched:
        try:
            if response.status >= 400:
                raise IngestError("http_error", str(response.status))
            content_type = response.headers.get("Content-Type", "")
            accepted = (*ACCEPTED_TYPES, PDF) if self.accept_pdf else ACCEPTED_TYPES
            if content_type.split(";")[0].strip().lower() not in accepted:
                raise IngestError("unsupported_type", content_type or "no Content-Type")
            body = bytearray()
            # read1 returns what has arrived, so the deadline is checked however slow the server.
            while chunk := response.read1(64 * 1024):
                body += chunk
                if len(body) > self.max_bytes:
                    raise IngestError("too_large", f"more than {self.max_bytes} bytes")
                self._check_deadline(ends)
        except Urllib3Error as error:
            raise IngestError("unreachable", type(error).__name__) from None
        if content_type.split(";")[0].strip().lower() == PDF:
            return Fetched(url, content_type, "", bytes(body))
        return Fetched(url, content_type, _decode(bytes(body), content_type))


def _decode(body: bytes, content_type: str) -> str:
    """Decode a body with its declared charset, else UTF-8, else Thai Windows-874."""
    declared = CHARSET.search(content_type) or CHARSET.search(body[:2048].decode("ascii", "ignore"))
    candidates = [declared.group(1)] if declared else []
    for encoding in [*candidates, "utf-8", "cp874"]:
        try:
            return body.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    raise IngestError("encoding")
