"""Fill a database with an archive of N claims shaped like a real desk's (`flask dev seed`).

Real Thai and English sentences (`bench/material.py`), varied; per million claims about 210k
articles from a few dozen outlets, 1.05M appearances, 490k sources, 230k verdicts, comments and
4.7M audit events, written with Core executemany in chunks (no ORM objects), the search index
built chunk by chunk with the code `flask search reindex` uses, and the PostgreSQL sequences
moved past the ids written. The same `seed` gives the same archive.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import random
import re
from collections import defaultdict, deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from functools import lru_cache

import sqlalchemy as sa
from pythainlp.corpus import thai_words
from sqlalchemy.orm import Session

from app.models import Claim, Rating, Role, User
from app.search import documents, index
from app.search.analyzer import MAX_INDEXED_CHARS
from app.search.documents import batches
from app.search.engines import DOCS, engine_for
from app.services.articles import ARTICLE_FIELDS, default_title
from app.services.extraction import CLAIM_FIELDS as NEW_CLAIM_FIELDS
from app.services.extraction import text_key
from app.services.passwords import hash_password
from bench.material import Writer, units
from bench.seed_workflow import STATUSES, Desk, Ids, Rows, snapshot

CHUNK = 5_000  # claims a transaction
START = datetime(2022, 11, 1, tzinfo=UTC)
MINUTES_A_CLAIM = 2.1  # four years of a busy desk for a million claims
CLAIMS_AN_ARTICLE = (1, 2, 3, 4, 5, 6, 7, 8, 10)
CLAIMS_AN_ARTICLE_WEIGHTS = (12, 14, 15, 14, 12, 10, 9, 8, 6)  # about 4.76 a claim
REPEATED = 0.24  # chance that an article repeats a claim reported before (1.05 appearances)
TABLES = (
    "users",
    "articles",
    "claims",
    "appearances",
    "sources",
    "source_archives",
    "verdicts",
    "comments",
    "audit_events",
)
THAI_OUTLETS = (
    ("ไทยรัฐ", "www.thairath.co.th"),
    ("มติชน", "www.matichon.co.th"),
    ("ข่าวสด", "www.khaosod.co.th"),
    ("เดลินิวส์", "www.dailynews.co.th"),
    ("ไทยพีบีเอส", "www.thaipbs.or.th"),
    ("กรุงเทพธุรกิจ", "www.bangkokbiznews.com"),
    ("ประชาชาติธุรกิจ", "www.prachachat.net"),
    ("ฐานเศรษฐกิจ", "www.thansettakij.com"),
    ("สำนักข่าวไทย อสมท", "tna.mcot.net"),
    ("โพสต์ทูเดย์", "www.posttoday.com"),
    ("PPTV", "www.pptvhd36.com"),
    ("ช่อง 3", "ch3plus.com"),
    ("ช่อง 7", "news.ch7.com"),
    ("Workpoint News", "workpointtoday.com"),
    ("The Standard", "thestandard.co"),
    ("The Matter", "thematter.co"),
    ("ประชาไท", "prachatai.com"),
    ("สำนักข่าวอิศรา", "www.isranews.org"),
    ("แนวหน้า", "www.naewna.com"),
    ("ผู้จัดการออนไลน์", "mgronline.com"),
    ("โคแฟค", "cofact.org"),
    ("ศูนย์ต่อต้านข่าวปลอม", "www.antifakenewscenter.com"),
    ("เพจข่าวบนเฟซบุ๊ก", "www.facebook.com"),
    ("Amarin TV", "www.amarintv.com"),
)
ENGLISH_OUTLETS = (
    ("Bangkok Post", "www.bangkokpost.com"),
    ("The Nation", "www.nationthailand.com"),
    ("Khaosod English", "www.khaosodenglish.com"),
    ("Thai PBS World", "world.thaipbs.or.th"),
    ("Thai Enquirer", "www.thaienquirer.com"),
    ("Reuters", "www.reuters.com"),
    ("Nikkei Asia", "asia.nikkei.com"),
    ("The Diplomat", "thediplomat.com"),
)
ENGLISH_CLAIMANTS = (
    "the Ministry of Public Health",
    "the Bank of Thailand",
    "an opposition MP",
    "the government spokesperson",
    "a viral Facebook post",
    "the Tourism Authority of Thailand",
)
ROLE_COUNTS = ((Role.ADMIN, 2), (Role.EDITOR, 6), (Role.CHECKER, 24), (Role.VIEWER, 12))
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


class ArchiveNotEmpty(Exception):
    """The database already holds claims and appending was not asked for."""


def last_ids(session: Session) -> dict[str, int]:
    """Return the highest id of each table the seed writes (0 when empty)."""
    found = {}
    for table in TABLES:
        column = "source_id" if table == "source_archives" else "id"
        found[table] = session.scalar(sa.text(f"SELECT max({column}) FROM {table}")) or 0
    return found


def seed_users(session: Session, rng: random.Random, writer: Writer, ids: Ids) -> Rows:
    """Return the desk's users, a few of each role (one password hash, never shown)."""
    rows, password = Rows(), hash_password(f"seed {rng.random()} {rng.random()}")
    for role, count in ROLE_COUNTS:
        for number in range(1, count + 1):
            user_id = ids.next("users")
            created = START - timedelta(days=rng.randint(1, 60))
            row = {
                "id": user_id,
                "email": f"seed-{role.value}-{user_id}@example.org",
                "name": writer.person(),
                "password_hash": password,
                "role": role.value,
                "active": not (role == Role.CHECKER and number == count),  # one has left
                "session_token": f"seed-{user_id}-{rng.getrandbits(64):x}",
                "created_at": created,
                "email_notifications": False,
            }
            rows.add("users", row)
            after = {"email": row["email"], "name": row["name"], "role": role.value}
            Desk.audit(rows, ids, None, "user.create", "users", user_id, created, None, after)
    return rows


def desk_users(session: Session) -> dict[Role, list[int]]:
    """Return the ids of the active users by role."""
    users: dict[Role, list[int]] = {role: [] for role in Role}
    for user_id, role in session.execute(
        sa.select(User.id, User.role).where(User.active).order_by(User.id)
    ):
        users[Role(role)].append(user_id)
    return users


class Archive:
    """Writes articles and their claims, each claim taken through the workflow."""

    def __init__(self, rng: random.Random, desk: Desk, ids: Ids, start: datetime) -> None:
        self.rng, self.desk, self.ids, self.writer = rng, desk, ids, desk.writer
        self.at = start
        every = units()
        self.known = {u.text: u for u in every}
        # Claims are the check-worthy sentences; the others are an article's filler.
        self.writer.thai = [u.text for u in every if u.thai and u.checkworthy]
        self.writer.english = [u.text for u in every if not u.thai and u.checkworthy]
        self.filler = {
            "th": [u.text for u in every if u.thai and not u.checkworthy],
            "en": [u.text for u in every if not u.thai and not u.checkworthy],
        }
        self.keys: set[str] = set()
        self.recent = {"th": deque(maxlen=300), "en": deque(maxlen=300)}
        self.statuses = [s for s, _ in STATUSES]
        self.weights = [w for _, w in STATUSES]

    def chunk(self, count: int) -> Rows:
        """Return the rows of articles holding `count` new claims."""
        rows, written = Rows(), 0
        while written < count:
            written += self.article(rows, min(count - written, self._claims_an_article()))
        return rows

    def _claims_an_article(self) -> int:
        return self.rng.choices(CLAIMS_AN_ARTICLE, CLAIMS_AN_ARTICLE_WEIGHTS)[0]

    def _language(self) -> str:
        return "en" if self.rng.random() < 0.12 else "th"

    def claim_text(self, language: str, base: str | None = None) -> tuple[str, str, str | None]:
        """Return a new claim's text, its material sentence and its claimant."""
        writer, rng = self.writer, self.rng
        for attempt in range(50):
            if base is not None and attempt < 3:  # a duplicate: the same sentence, other figures
                text, who = writer._numbers(base), None
            elif language == "th":
                while True:
                    text, lang, who = writer.claim()
                    if lang == "th":
                        break
            else:
                writer.base = rng.choice(writer.english)
                text = f"{writer._numbers(writer.base)} ({rng.randint(1, 28)} "
                text += f"{rng.choice(('January', 'April', 'June', 'September', 'November'))} "
                text += f"{rng.randint(2015, 2026)})"
                who = rng.choice(ENGLISH_CLAIMANTS) if rng.random() < 0.4 else None
            key = text_key(text)
            if key not in self.keys:
                self.keys.add(key)
                return text, (base if attempt < 3 and base else writer.base), who
        raise RuntimeError("the material gives no new claim text")  # never at a million

    def article(self, rows: Rows, count: int) -> int:
        """Write one article with `count` new claims (and maybe one reported before)."""
        rng, desk, ids = self.rng, self.desk, self.ids
        language = self._language()
        outlet, domain = rng.choice(THAI_OUTLETS if language == "th" else ENGLISH_OUTLETS)
        self.at += timedelta(minutes=rng.uniform(0.2, 2 * MINUTES_A_CLAIM * 4.76))
        at, article_id = self.at, ids.next("articles")
        published = (at - timedelta(days=rng.choice((0, 0, 0, 1, 2)))).date()
        ingested_by = desk.person(Role.CHECKER) if rng.random() < 0.85 else None
        body, spans = self._filler(language), []
        for _ in range(count):
            status = rng.choices(self.statuses, self.weights)[0]
            target = self._target(language) if status == "merged" else None
            text, base, who = self.claim_text(language, target[1] if target else None)
            body += " "
            spans.append((len(body), text, base, who, status, target))
            body += text
            if rng.random() < 0.5:
                body += " " + self._filler(language)
        if self.recent[language] and rng.random() < REPEATED:
            claim_id, base, text = rng.choice(self.recent[language])
            body += " "
            spans.append((len(body), text, base, None, None, claim_id))
            body += text
        body += f"\n\n{outlet} — {published:%d/%m/%Y}"
        url = f"https://{domain}/news/{published:%Y/%m}/{article_id}"
        article = rows.add(
            "articles",
            {
                "id": article_id,
                "url": url,
                "canonical_url": url,
                "title": default_title(body.split(". ")[0]),
                "outlet": outlet,
                "author": writer_name(rng, self.writer) if rng.random() < 0.4 else None,
                "published_on": published,
                "language": language,
                "body": body,
                "body_sha256": hashlib.sha256(body.encode("utf-8")).hexdigest(),
                "ingested_by_id": ingested_by,
                "ingested_at": at,
            },
        )
        after = snapshot(article, ARTICLE_FIELDS)
        desk.audit(
            rows, ids, ingested_by, "article.create", "articles", article_id, at, None, after
        )
        written = 0
        for start, text, base, who, status, target in spans:
            if status is None:  # a claim reported before: one more appearance
                self._appearance(rows, target, target, article, start, text, at, ingested_by)
                continue
            self._claim(rows, article, start, text, base, who, status, target, ingested_by)
            written += 1
        return written

    def _filler(self, language: str) -> str:
        pool = self.filler[language] or self.writer.thai
        return self.writer._numbers(self.rng.choice(pool))

    def _target(self, language: str) -> tuple[int, str] | None:
        if not self.recent[language]:
            return None
        claim_id, base, _text = self.rng.choice(self.recent[language])
        return claim_id, base

    def _claim(self, rows, article, start, text, base, who, status, target, actor) -> None:
        """Write one claim found in an article, and play its workflow."""
        ids, at = self.ids, article["ingested_at"]
        unit = self.known.get(base)
        claim = rows.add(
            "claims",
            {
                "id": ids.next("claims"),
                "text": text,
                "text_key": text_key(text),
                "claimant": who,
                "reported_by": article["outlet"] if who and self.rng.random() < 0.1 else None,
                "claim_date": article["published_on"],
                "language": article["language"],
                "score": unit.score if unit else 0.5,
                "reasons": {
                    "reasons": list(unit.reasons) if unit else [],
                    "dates": [],
                    "numbers": [float(n) for n in _NUMBER.findall(text)[:8]],
                },
                "status": "candidate",
                "dismiss_reason": None,
                "assignee_id": None,
                "canonical_id": None,
                "created_at": at,
                "updated_at": at,
                "version": 1,
            },
        )
        after = snapshot(claim, NEW_CLAIM_FIELDS)
        self.desk.audit(rows, ids, actor, "claim.create", "claims", claim["id"], at, None, after)
        appearance = self._appearance(
            rows, claim["id"], claim["id"], article, start, text, at, actor
        )
        if status == "merged" and target is not None:
            self.desk.merge(rows, ids, claim, [appearance], target[0], at)
            return
        status = "candidate" if status == "merged" else status
        self.desk.play(rows, ids, claim, status, at)
        if status != "dismissed":  # what a later article may report again, or be merged into
            self.recent[article["language"]].append((claim["id"], base, text))

    def _appearance(self, rows, claim_id, origin, article, start, text, at, actor) -> dict:
        """Write where a claim appears in an article, audited as appearance.create."""
        ids = self.ids
        appearance = rows.add(
            "appearances",
            {
                "id": ids.next("appearances"),
                "claim_id": claim_id,
                "article_id": article["id"],
                "origin_claim_id": origin,
                "start": start,
                "end": start + len(text),
                "sentence": text,
                "created_at": at,
            },
        )
        after = {"claim_id": claim_id, "article_id": article["id"], "start": start}
        after["end"] = start + len(text)
        kind = "appearances"
        self.desk.audit(
            rows, ids, actor, "appearance.create", kind, appearance["id"], at, None, after
        )
        return appearance


def writer_name(rng: random.Random, writer: Writer) -> str:
    """Return a reporter's name."""
    return writer.person()


def _bridges() -> dict[str, list[tuple[str, str]]]:
    """Return the dictionary words that hold a space, as (before, after) pairs of the words
    on either side of each space, by the first letter after it."""
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for word in thai_words():
        pieces = word.split()
        for before, after in itertools.pairwise(pieces):
            if before and after:
                found[after[0]].append((before, after))
    return found


@contextmanager
def remembered_terms() -> Iterator[None]:
    """Analyse repeated text once while seeding: a search term never spans a space (newmm's
    words do not), so the terms of a text are those of its space-separated pieces, each
    analysed once and remembered. A text where a dictionary word that holds a space ("ต่าง ๆ")
    may cross a space is analysed whole. Same terms as `analyzer.terms`, a test checks it."""
    original, bridges = documents.terms, _bridges()

    @lru_cache(maxsize=500_000)
    def piece_terms(piece: str) -> tuple[str, ...]:
        return tuple(original(piece))

    def crossed(pieces: list[str]) -> bool:
        return any(
            after_piece.startswith(after) and before_piece.endswith(before)
            for before_piece, after_piece in itertools.pairwise(pieces)
            for before, after in bridges.get(after_piece[:1], ())
        )

    def terms(text: str, limit: int = MAX_INDEXED_CHARS) -> list[str]:
        pieces = text.split()
        if len(text) > limit or crossed(pieces):
            return original(text, limit)
        return [term for piece in pieces for term in piece_terms(piece)]

    documents.terms = terms
    try:
        yield
    finally:
        documents.terms = original


def _many(session: Session, table: sa.Table, rows: list[dict]) -> None:
    """Insert many rows of one table: Core executemany, or on PostgreSQL one COPY.

    psycopg runs an executemany as one INSERT a row (pipelined) and parses each multi-row
    VALUES statement anew; COPY is the bulk path PostgreSQL has (several times faster here).
    """
    if session.get_bind().dialect.name != "postgresql":
        session.execute(sa.insert(table), rows)
        return
    names = list(rows[0])
    json_columns = {n for n in names if isinstance(table.c[n].type, sa.JSON)}
    cursor = session.connection().connection.driver_connection.cursor()
    columns = ", ".join(f'"{n}"' for n in names)
    with cursor.copy(f"COPY {table.name} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(
                [
                    json.dumps(row[n]) if n in json_columns and row[n] is not None else row[n]
                    for n in names
                ]
            )


def insert(session: Session, rows: Rows) -> None:
    """Insert a chunk's rows, table by table."""
    for table in TABLES:
        if rows.tables.get(table):
            _many(session, Claim.metadata.tables[table], rows.tables[table])


def index_documents(session: Session, claim_ids: list[int], article_ids: list[int]) -> None:
    """Write the search documents of new claims and articles, built by the code
    `flask search reindex` uses (app.search.documents), in batches."""
    engine = engine_for(session.get_bind().dialect.name)
    for batch in batches(claim_ids, index.BATCH):
        found = documents.claim_documents(session, engine, batch)
        _write(session, engine, found)
    for batch in batches(article_ids, index.BATCH):
        _write(session, engine, documents.article_documents(session, engine, batch))


def _write(session: Session, engine, found: list[dict]) -> None:
    """Insert search documents as `index.refresh` does (on PostgreSQL by COPY: the terms are
    the tsvector literal that its INSERT casts)."""
    if not found:
        return
    if engine.name == "postgresql":
        _many(session, DOCS, found)
    else:
        session.execute(engine.insert(), found)


def fix_sequences(session: Session) -> None:
    """Move PostgreSQL's id sequences past the ids written with explicit values."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        if table != "source_archives":
            session.execute(
                sa.text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"coalesce(max(id), 1), max(id) IS NOT NULL) FROM {table}"
                )
            )


def seed(
    session: Session,
    claims: int,
    seed_value: int = 1,
    append: bool = False,
    progress: Callable[[int], None] | None = None,
) -> dict[str, int]:
    """Write `claims` claims and everything around them; return the rows written by table."""
    if not append and session.scalar(sa.select(Claim.id).limit(1)) is not None:
        raise ArchiveNotEmpty("The database already holds claims; pass --append to add more.")
    before = last_ids(session)
    ids, rng = Ids(before), random.Random(seed_value)
    writer = Writer(rng)
    users = desk_users(session)
    if sum(len(users[r]) for r in (Role.EDITOR, Role.ADMIN)) < 2 or not users[Role.CHECKER]:
        insert(session, seed_users(session, rng, writer, ids))
        users = desk_users(session)
    ratings = session.execute(sa.select(Rating.id, Rating.key).order_by(Rating.id)).all()
    latest = session.scalar(sa.select(sa.func.max(Claim.created_at)))
    start = START if latest is None else latest.replace(tzinfo=UTC)
    archive = Archive(rng, Desk(rng, writer, users, ratings), ids, start)
    if append:
        archive.keys.update(session.scalars(sa.select(Claim.text_key)))
    with remembered_terms():
        for done in range(0, claims, CHUNK):
            chunk = archive.chunk(min(CHUNK, claims - done))
            insert(session, chunk)
            index_documents(
                session,
                [c["id"] for c in chunk.tables["claims"]],
                [a["id"] for a in chunk.tables["articles"]],
            )
            session.commit()
            if progress:
                progress(len(chunk.tables["claims"]))
    fix_sequences(session)
    if session.get_bind().dialect.name == "postgresql":
        session.execute(sa.text("ANALYZE"))  # the planner's statistics after a bulk load
    if session.get_bind().dialect.name == "sqlite":
        session.execute(sa.text("INSERT INTO search_fts(search_fts) VALUES ('optimize')"))
    session.commit()
    after = last_ids(session)
    return {t: after[t] - before[t] for t in TABLES if t != "source_archives"}
