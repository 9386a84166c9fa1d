"""Test data made through the same services the app uses."""

from __future__ import annotations

import itertools

from sqlalchemy.orm import Session

from app.models import Claim, Role, User
from app.services import accounts, ingest, tokens
from app.services.actors import SYSTEM

PASSWORD = "correct horse battery staple"
_numbers = itertools.count(1)


def make_user(
    session: Session, role: str = "checker", email: str | None = None, password: str = PASSWORD
) -> User:
    """Create and return a user of the given role."""
    email = email or f"{role}{next(_numbers)}@example.org"
    new = accounts.NewUser(email=email, password=password, role=Role(role), name=role.title())
    user = accounts.create_user(session, SYSTEM, new)
    session.commit()
    return user


def make_token(session: Session, role: str = "checker") -> tuple[User, str]:
    """Create a user of the given role and an API token; return the user and the token."""
    user = make_user(session, role)
    _, clear = tokens.issue_token(session, SYSTEM, user, "test")
    session.commit()
    return user, clear


def make_claim(session: Session, text: str) -> Claim:
    """Ingest `text` as a new checker's article (committed) and return its first claim."""
    article, _ = ingest.ingest(session, make_user(session, "checker"), ingest.Submission(text=text))
    session.commit()
    return article.appearances[0].claim


def make_pdf(pages: list[str]) -> bytes:
    """Return a small valid PDF with one line of (ASCII) text on each page."""
    count = len(pages)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, text in enumerate(pages):
        stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode()
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * i)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
