"""A small newsroom for tests that walk every route: users of each role and one object of each kind.

Everything is made through the services the app uses, so each object is in a state a real desk
reaches: a claim in review with a source and a submitted verdict, a published fact-check, a known
fact-check from another organisation, jobs, a notification and API tokens.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import Job, KnownFactCheck, NotificationKind, Rating, Role, User
from app.services import ingest, jobs, reports, review, sources, tokens, workflow
from app.services.actors import SYSTEM
from app.services.notifications import events
from tests.factories import make_user

IN_REVIEW_TEXT = "นายสมชาย ใจดี อธิบดีกรมควบคุมโรค กล่าวว่า ปีนี้พบผู้ป่วยไข้เลือดออก 1,200 ราย มากที่สุดในรอบ 5 ปี"
PUBLISHED_TEXT = "กระทรวงการคลังรายงานว่าหนี้สาธารณะอยู่ที่ร้อยละ 64 ของจีดีพี ซึ่งสูงที่สุดในรอบ 10 ปี"
# Who each identity is; "other" is a second checker who owns none of the checker's objects.
IDENTITIES = ("anonymous", "viewer", "other", "checker", "editor", "admin")


@dataclass
class World:
    """The users, their API tokens and the ids of the objects routes are called with."""

    users: dict[str, User]
    api_tokens: dict[str, str] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)


def _claim_with_verdict(session: Session, checker: User, text: str):
    """Ingest an article and take its first claim to review with one source."""
    article, _ = ingest.ingest(session, checker, ingest.Submission(text=text))
    claim = article.appearances[0].claim
    workflow.accept(session, checker, claim.id)
    source = sources.add_source(
        session,
        checker,
        claim.id,
        sources.SourceInput(title="รายงานสถานการณ์โรค", publisher="กรมควบคุมโรค"),
    )
    given = review.VerdictInput("true", "จริงตามรายงานของกรม", "ตัวเลขตรงกับรายงานประจำปี")
    verdict = review.draft(session, checker, claim.id, given)
    review.submit(session, checker, verdict.id)
    return article, claim, source, verdict


def _known_fact_check(session: Session, editor: User) -> KnownFactCheck:
    """Store a fact-check published by another organisation."""
    known = KnownFactCheck(
        key="matrix-known-1",
        claim_text="ดื่มน้ำมะนาวอุ่นรักษามะเร็งได้",
        publisher="Cofact",
        url="https://cofact.org/article/1",
        rating="เท็จ",
        verdict="false",
        language="th",
        source_format="claimreview",
        imported_by=editor,
    )
    session.add(known)
    session.flush()
    return known


def _jobs(session: Session, checker: User) -> tuple[Job, Job]:
    """Queue an import job and a period report job, both started by the checker."""
    imported = jobs.create_job(session, checker, "import", "feed.jsonl", "")
    payload = json.dumps({"from": "2025-01-01", "to": "2025-01-31", "language": "th"})
    report = jobs.create_job(
        session, checker, reports.JOB_KIND, "2025-01-01 – 2025-01-31", payload, minimum=Role.VIEWER
    )
    return imported, report


def build_world(session: Session) -> World:
    """Create the users, tokens and objects, commit them, and return their ids."""
    people = {
        name: make_user(session, "checker" if name == "other" else name) for name in IDENTITIES[1:]
    }
    people["spare"] = make_user(session, "viewer")
    checker, editor = people["checker"], people["editor"]
    world = World(users=people)
    article, claim, source, verdict = _claim_with_verdict(session, checker, IN_REVIEW_TEXT)
    _, published, _, done = _claim_with_verdict(session, checker, PUBLISHED_TEXT)
    review.approve(session, editor, done.id)
    review.publish(session, editor, done.id)
    notification = events.notify(session, editor, [checker], NotificationKind.ASSIGNMENT, claim.id)[
        0
    ]
    imported, report = _jobs(session, checker)
    own_token, _ = tokens.issue_token(session, SYSTEM, checker, "laptop")
    rating = session.scalars(sa.select(Rating).where(Rating.key == "misleading")).one()
    world.ids = {
        "article": article.id,
        "claim": claim.id,
        "source": source.id,
        "verdict": verdict.id,
        "published_claim": published.id,
        "known": _known_fact_check(session, editor).id,
        "import_job": imported.id,
        "report_job": report.id,
        "notification": notification.id,
        "token": own_token.id,
        "rating": rating.id,
        "user": people["spare"].id,
        "claim_version": claim.version,
        "verdict_version": verdict.version,
        "source_version": source.version,
    }
    for name in IDENTITIES[1:]:
        world.api_tokens[name] = tokens.issue_token(session, SYSTEM, people[name], "api")[1]
    session.commit()
    return world
