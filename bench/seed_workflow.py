"""The history a seeded claim's status implies: sources, verdicts, comments and audit events.

Each step writes the rows and the audit event the service would (`services/workflow.py`,
`review.py`, `sources.py`, `comments.py`): the same action names, object types and before/after
snapshots of the same fields, at times that follow one another.
"""

from __future__ import annotations

import hashlib
import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from app.models import Role
from app.services.approval import VERDICT_FIELDS
from app.services.sources import SOURCE_FIELDS
from app.services.workflow import CLAIM_FIELDS
from bench.material import Writer

# Weights of the statuses in an archive: most claims are never picked up.
STATUSES = (
    ("candidate", 62.0),
    ("dismissed", 10.0),
    ("accepted", 3.0),
    ("in_research", 3.0),
    ("in_review", 1.5),
    ("published", 17.5),
    ("merged", 3.0),
)
RATING_WEIGHTS = {
    "false": 34,
    "mostly_false": 14,
    "misleading": 16,
    "mixed": 10,
    "unproven": 8,
    "mostly_true": 7,
    "true": 11,
}
EVIDENCE = (
    ("สำนักงานสถิติแห่งชาติ", "www.nso.go.th"),
    ("กรมควบคุมโรค", "ddc.moph.go.th"),
    ("ธนาคารแห่งประเทศไทย", "www.bot.or.th"),
    ("กรมอุตุนิยมวิทยา", "www.tmd.go.th"),
    ("กรมการค้าภายใน", "www.dit.go.th"),
    ("ราชกิจจานุเบกษา", "ratchakitcha.soc.go.th"),
    ("ทำเนียบรัฐบาล", "www.thaigov.go.th"),
    ("กรมประชาสัมพันธ์", "www.prd.go.th"),
    ("World Health Organization", "www.who.int"),
    ("World Bank", "data.worldbank.org"),
    ("Reuters", "www.reuters.com"),
    ("AFP Fact Check", "factcheck.afp.com"),
)
DISMISS_REASONS = (
    "เป็นความเห็น ไม่ใช่ข้อเท็จจริงที่ตรวจสอบได้",
    "ซ้ำกับข้อกล่าวอ้างที่ตรวจสอบแล้ว",
    "ไม่มีผลกระทบต่อสาธารณะ",
    "Opinion, not a checkable statement of fact",
    "Already reported correctly by the outlet",
)
COMMENTS = (
    "ขอเอกสารต้นฉบับจากหน่วยงานก่อนสรุป",
    "ตัวเลขนี้ไม่ตรงกับรายงานประจำปี ตรวจสอบอีกครั้ง",
    "โทรสอบถามโฆษกแล้ว รอคำตอบเป็นลายลักษณ์อักษร",
    "ควรเพิ่มแหล่งข้อมูลปฐมภูมิอีกหนึ่งแหล่ง",
    "Checked against the ministry's dataset; the figure is for a different year.",
    "Please add the archived copy of the original post.",
)


def jsonable(value: Any) -> Any:
    """Return a JSON-ready form of a row value, as services/audit.py writes it."""
    return value.isoformat() if isinstance(value, date | datetime) else value


def snapshot(row: dict, fields: tuple[str, ...]) -> dict[str, Any]:
    """Return the named fields of a row as a JSON-ready dict."""
    return {name: jsonable(row.get(name)) for name in fields}


class Ids:
    """The next free id of each table."""

    def __init__(self, last: dict[str, int]) -> None:
        self.last = dict(last)

    def next(self, table: str) -> int:
        """Return a new id of `table`."""
        self.last[table] = self.last.get(table, 0) + 1
        return self.last[table]


@dataclass
class Rows:
    """The rows of one chunk, by table, in the order they are inserted."""

    tables: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))

    def add(self, table: str, row: dict) -> dict:
        """Add a row to a table's list and return it."""
        self.tables[table].append(row)
        return row


class Desk:
    """Plays a claim's workflow: who did what, when, with the rows and events it leaves."""

    def __init__(self, rng: random.Random, writer: Writer, users: dict[Role, list[int]], ratings):
        self.rng, self.writer, self.users = rng, writer, users
        self.ratings = [r for r in ratings if r[1] in RATING_WEIGHTS] or list(ratings)
        self.rating_weights = [RATING_WEIGHTS.get(key, 1) for _, key in self.ratings]

    def person(self, role: Role) -> int:
        """Return a user of this role or above."""
        ranks = [r for r in Role if r.includes(role) and self.users.get(r)]
        return self.rng.choice(self.users[self.rng.choice(ranks)])

    def later(self, at: datetime, hours: float = 24) -> datetime:
        """Return a time after `at`, up to about `hours` later."""
        return at + timedelta(minutes=self.rng.randint(5, int(hours * 60) + 5))

    @staticmethod
    def audit(rows: Rows, ids: Ids, actor, action, table, obj_id, at, before=None, after=None):
        """Add one audit event as services/audit.py records it."""
        rows.add(
            "audit_events",
            {
                "id": ids.next("audit_events"),
                "actor_id": actor,
                "action": action,
                "object_type": table,
                "object_id": str(obj_id),
                "before": before,
                "after": after,
                "created_at": at,
            },
        )

    def change(self, rows, ids, claim: dict, actor, action, at, noted=None, **values) -> None:
        """Change a claim as workflow._change does: new values, version bumped, audited."""
        before = snapshot(claim, CLAIM_FIELDS)
        claim.update(values, version=claim["version"] + 1, updated_at=at)
        after = {**snapshot(claim, CLAIM_FIELDS), **(noted or {})}
        self.audit(rows, ids, actor, action, "claims", claim["id"], at, before, after)

    def play(self, rows: Rows, ids: Ids, claim: dict, status: str, at: datetime) -> None:
        """Take a new candidate claim to `status` (merged claims are done by `merge`)."""
        if status == "dismissed":
            reason = self.rng.choice(DISMISS_REASONS)
            self.change(
                rows, ids, claim, self.person(Role.CHECKER), "claim.dismiss", self.later(at),
                status="dismissed", dismiss_reason=reason,
            )  # fmt: skip
            return
        if status == "candidate":
            return
        at = self.later(at, 72)
        self.change(
            rows, ids, claim, self.person(Role.CHECKER), "claim.accept", at, status="accepted"
        )
        if status == "accepted":
            return
        checker, at = self.person(Role.CHECKER), self.later(at, 12)
        self.change(
            rows, ids, claim, self.person(Role.EDITOR), "claim.assign", at,
            assignee_id=checker, status="in_research",
        )  # fmt: skip
        count = {"in_research": (0, 2), "in_review": (1, 3), "published": (1, 4)}[status]
        for _ in range(self.rng.randint(*count)):
            at = self.later(at, 20)
            self.source(rows, ids, claim, checker, at)
        if status == "in_research" and self.rng.random() < 0.5:
            self.draft(rows, ids, claim, checker, self.later(at, 24))
        elif status in ("in_review", "published"):
            self.review(rows, ids, claim, checker, self.later(at, 24), status == "published")
        self.comments(rows, ids, claim, at, 0.45 if status != "in_research" else 0.2)

    def source(self, rows: Rows, ids: Ids, claim: dict, actor: int, at: datetime) -> None:
        """Add a piece of evidence with its archived text, as sources.add_source does."""
        rng, writer = self.rng, self.writer
        publisher, domain = rng.choice(EVIDENCE)
        pool = writer.thai if claim["language"] == "th" else writer.english
        excerpt = writer._numbers(rng.choice(pool))
        snapshot_text = " ".join(writer._numbers(rng.choice(pool)) for _ in range(3))
        archived = rng.random() < 0.8
        source = rows.add(
            "sources",
            {
                "id": ids.next("sources"),
                "claim_id": claim["id"],
                "url": f"https://{domain}/{at:%Y/%m}/{rng.randint(1000, 999999)}",
                "title": excerpt[:120],
                "publisher": publisher,
                "published_on": (at - timedelta(days=rng.randint(0, 400))).date(),
                "accessed_at": at,
                "excerpt": excerpt,
                "stance": rng.choices(("refutes", "supports", "context"), (5, 2, 3))[0],
                "source_type": rng.choices(("primary", "secondary"), (3, 2))[0],
                "note": "",
                "snapshot_text": snapshot_text if archived else None,
                "snapshot_sha256": hashlib.sha256(snapshot_text.encode()).hexdigest()
                if archived
                else None,
                "added_by_id": actor,
                "created_at": at,
                "version": 1,
            },
        )
        rows.add(
            "source_archives",
            {
                "source_id": source["id"],
                "status": "archived" if archived else rng.choice(("failed", "pending")),
                "error_code": None if archived else "timeout",
                "content_type": "text/html" if archived else None,
                "attempts": 1,
                "requested_at": at,
                "finished_at": self.later(at, 0.1) if archived else None,
            },
        )
        after = snapshot(source, SOURCE_FIELDS)
        self.audit(rows, ids, actor, "source.add", "sources", source["id"], at, after=after)

    def verdict_row(self, ids: Ids, claim: dict, author: int, at: datetime, number: int) -> dict:
        """Return a new draft verdict of a claim, written from the material."""
        rng, writer = self.rng, self.writer
        rating_id, _key = rng.choices(self.ratings, self.rating_weights)[0]
        pool = writer.thai if claim["language"] == "th" else writer.english
        publisher, domain = rng.choice(EVIDENCE)
        points = [writer._numbers(rng.choice(pool)) for _ in range(rng.randint(2, 4))]
        explanation = "\n\n".join(points) + f"\n\nที่มา: [{publisher}](https://{domain}/)"
        return {
            "id": ids.next("verdicts"),
            "claim_id": claim["id"],
            "number": number,
            "rating_id": rating_id,
            "conclusion": writer._numbers(rng.choice(pool))[:300],
            "explanation": explanation,
            "state": "draft",
            "correction_note": None,
            "author_id": author,
            "approver_id": None,
            "content_editor_id": author,
            "created_at": at,
            "updated_at": at,
            "published_at": None,
            "submitted_at": None,
            "version": 1,
        }

    def draft(self, rows, ids, claim, author, at, number=1, action="verdict.draft") -> dict:
        """Write a verdict draft, audited as review.draft (or review.correct) does."""
        verdict = rows.add("verdicts", self.verdict_row(ids, claim, author, at, number))
        if action == "verdict.correct":
            verdict["correction_note"] = "แก้ไขตัวเลขตามข้อมูลล่าสุดของหน่วยงาน"
        after = snapshot(verdict, VERDICT_FIELDS)
        self.audit(rows, ids, author, action, "verdicts", verdict["id"], at, after=after)
        return verdict

    def step(self, rows, ids, verdict: dict, actor, action, at, **values) -> None:
        """Change a verdict and audit it with its snapshot before and after."""
        before = snapshot(verdict, VERDICT_FIELDS)
        verdict.update(values, version=verdict["version"] + 1, updated_at=at)
        after = snapshot(verdict, VERDICT_FIELDS)
        self.audit(rows, ids, actor, action, "verdicts", verdict["id"], at, before, after)

    def review(self, rows, ids, claim, author, at, publish: bool) -> None:
        """Draft, submit and (when `publish`) approve and publish a verdict, maybe corrected."""
        verdict = self.draft(rows, ids, claim, author, at)
        at = self.submit(rows, ids, claim, verdict, author, self.later(at, 48))
        if not publish:
            return
        editor = next(u for u in iter(lambda: self.person(Role.EDITOR), None) if u != author)
        if self.rng.random() < 0.1:  # sent back once with a reason, then submitted again
            at = self.send_back(rows, ids, claim, verdict, editor, self.later(at, 12))
            at = self.submit(rows, ids, claim, verdict, author, self.later(at, 24))
        self.publish(rows, ids, claim, verdict, editor, self.later(at, 12))
        if self.rng.random() < 0.08:  # a correction: version 2 supersedes version 1
            at = self.later(at, 24 * 30)
            second = self.draft(rows, ids, claim, author, at, 2, "verdict.correct")
            at = self.submit(rows, ids, claim, second, author, self.later(at, 12), correction=True)
            self.step(rows, ids, verdict, editor, "verdict.supersede", at, state="superseded")
            self.publish(rows, ids, claim, second, editor, at, correction=True)

    def submit(self, rows, ids, claim, verdict, author, at, correction=False) -> datetime:
        """Send a verdict for review; its claim goes into review (not a correction's)."""
        if not correction:
            self.change(rows, ids, claim, author, "claim.in_review", at, status="in_review")
        self.step(
            rows, ids, verdict, author, "verdict.submit", at, state="in_review", submitted_at=at
        )
        return at

    def send_back(self, rows, ids, claim, verdict, editor, at) -> datetime:
        """Return a verdict to its author with a comment, as review.send_back does."""
        text = self.rng.choice(COMMENTS)
        comment = self.comment(rows, ids, claim, editor, at, text, "send_back", audited=False)
        before = snapshot(verdict, VERDICT_FIELDS)
        verdict.update(state="draft", version=verdict["version"] + 1, updated_at=at)
        self.change(rows, ids, claim, editor, "claim.sent_back", at, status="in_research")
        after = {**snapshot(verdict, VERDICT_FIELDS), "comment": comment["body"]}
        self.audit(
            rows, ids, editor, "verdict.send_back", "verdicts", verdict["id"], at, before, after
        )
        return at

    def publish(self, rows, ids, claim, verdict, editor, at, correction=False) -> None:
        """Approve and publish a verdict (an editor who is not its author)."""
        self.step(
            rows, ids, verdict, editor, "verdict.approve", at, state="approved", approver_id=editor
        )
        at = self.later(at, 6)
        if not correction:
            self.change(rows, ids, claim, editor, "claim.publish", at, status="published")
        self.step(
            rows, ids, verdict, editor, "verdict.publish", at, state="published", published_at=at
        )

    def comment(self, rows, ids, claim, author, at, body, kind="comment", audited=True) -> dict:
        """Add a comment on a claim (audited as comment.add when it is a plain comment)."""
        comment = rows.add(
            "comments",
            {
                "id": ids.next("comments"),
                "claim_id": claim["id"],
                "author_id": author,
                "body": body,
                "kind": kind,
                "created_at": at,
            },
        )
        if audited:
            after = {"claim_id": claim["id"], "mentions": []}
            self.audit(rows, ids, author, "comment.add", "comments", comment["id"], at, after=after)
        return comment

    def comments(self, rows, ids, claim, at, mean: float) -> None:
        """Add a few comments of the desk on a claim being worked on."""
        while self.rng.random() < mean / (1 + mean):
            at = self.later(at, 12)
            author = self.person(Role.CHECKER)
            self.comment(rows, ids, claim, author, at, self.rng.choice(COMMENTS))

    def merge(self, rows, ids, claim: dict, appearances: list[dict], target: int, at) -> None:
        """Merge a claim into an earlier one: its appearances move over, as workflow.merge."""
        editor, at = self.person(Role.EDITOR), self.later(at, 48)
        for appearance in appearances:
            where = {k: appearance[k] for k in ("article_id", "start", "end")}
            appearance["claim_id"] = target
            self.audit(
                rows, ids, editor, "appearance.move", "appearances", appearance["id"], at,
                {"claim_id": claim["id"], **where}, {"claim_id": target, **where},
            )  # fmt: skip
        self.change(
            rows, ids, claim, editor, "claim.merge", at, status="merged", canonical_id=target
        )
