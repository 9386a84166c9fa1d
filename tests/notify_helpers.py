"""A claim ready for a verdict, and the steps of review, for the notification tests."""

from __future__ import annotations

from app.services import ingest, review, sources, workflow

TEXT = (
    "นายสมชาย ใจดี อธิบดีกรมควบคุมโรค กล่าวว่า ปีนี้พบผู้ป่วย 1,200 ราย มากที่สุดในรอบ 5 ปี\n"
    "กระทรวงการคลังรายงานว่าหนี้สาธารณะอยู่ที่ร้อยละ 64 ของจีดีพี"
)


def accepted_claim(session, checker, text: str = TEXT):
    """Ingest a Thai article as `checker` and accept its first claim."""
    article, _ = ingest.ingest(session, checker, ingest.Submission(text=text))
    claim = article.appearances[0].claim
    workflow.accept(session, checker, claim.id)
    return claim


def submitted_verdict(session, checker, claim):
    """Add a source, draft a verdict and submit it, as `checker`."""
    sources.add_source(
        session,
        checker,
        claim.id,
        sources.SourceInput(title="รายงานสถานการณ์โรค", excerpt="ผู้ป่วย 1,200 ราย", stance="supports"),
    )
    verdict = review.draft(
        session,
        checker,
        claim.id,
        review.VerdictInput("mostly_true", "ตัวเลขผู้ป่วยตรงกับรายงานของกรมควบคุมโรค"),
    )
    return review.submit(session, checker, verdict.id)
