"""Read the Anti-Fake News Center Thailand (AFNC) open-data CSV export.

Only rows whose ประเภทข่าว is a verdict (ข่าวปลอม, ข่าวบิดเบือน, ข่าวจริง) are fact-checks; the
others (คลังความรู้, อาชญากรรมออนไลน์, ข่าวอื่นๆ, กิจกรรม ...) are reported as not_fact_check. Dates
are DD/MM/YYYY HH:MM:SS in the Buddhist Era. Rows are numbered from 1 after the header.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator

from app.factchecks.model import (
    CLAIM_MAX,
    FINDING_MAX,
    PUBLISHER_MAX,
    RATING_MAX,
    TITLE_MAX,
    KnownFactCheck,
    Results,
    UnreadableFile,
    short,
)
from app.factchecks.values import absolute_url, clean_block, clean_text, to_dmy_date
from app.factchecks.verdict import FALSE, MIXED, TRUE

SOURCE = "afnc"
PUBLISHER = "ศูนย์ต่อต้านข่าวปลอม (AFNC)"
DATE = "วันและเวลาที่เผยแพร่"
LINK = "ลิงค์ข่าว"
HEADLINE = "หัวข้อข่าว"
BODY = "เนื้อหาข่าว"
AGENCY = "หน่วยงานที่ตรวจสอบ"
KIND = "ประเภทข่าว"
REQUIRED = (DATE, LINK, HEADLINE, KIND)
VERDICTS = {"ข่าวปลอม": FALSE, "ข่าวบิดเบือน": MIXED, "ข่าวจริง": TRUE}
DELIMITERS = (",", "\t", ";")
# "ข่าวปลอม อย่าแชร์! ...", "ข่าวบิดเบือน อย่าแชร์ : ...", "ข่าวจริง ..." leading a headline; a
# label glued to the next word ("ข่าวปลอมระบาด") is part of the headline, not a label.
LABEL_PREFIX = re.compile(
    r"^\s*(?:ข่าวปลอม|ข่าวบิดเบือน|ข่าวจริง)(?:\s*อย่าแชร์)?(?:\s*[!！:：|\-–—]+\s*|\s+)"
)
NO_AGENCY = {"", "-", "–", "—", "ไม่ระบุ"}


def looks_like_afnc(text: str) -> bool:
    """Tell whether the first line of a text carries the AFNC column names."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    return all(column in first for column in (LINK, HEADLINE, KIND))


def read_csv(text: str, results: Results) -> None:
    """Add the fact-checks of an AFNC export to `results`; raise UnreadableFile otherwise."""
    rows, columns = _open(text)
    n = 0
    try:
        for n, cells in enumerate(rows, 1):
            _read_row(f"row {n}", dict(zip(columns, cells, strict=False)), results)
            if results.done:
                return
    except csv.Error as error:
        raise UnreadableFile("bad_csv", f"row {n + 1}: {error}") from None


def _open(text: str) -> tuple[Iterator[list[str]], list[str]]:
    """Return a row reader past the header, with the delimiter that gives the AFNC columns."""
    text = text.lstrip("\ufeff")
    for delimiter in DELIMITERS:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            columns = [_column(c) for c in next(reader, [])]
        except csv.Error:
            continue
        if all(name in columns for name in REQUIRED):
            return reader, columns
    header = text.split("\n", 1)[0]
    raise UnreadableFile("not_afnc", f"CSV without the AFNC columns; header: {short(header, 150)}")


def _column(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).split())


def _read_row(where: str, row: dict[str, str | None], results: Results) -> None:
    if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
        return  # a blank line
    kind = clean_text(row.get(KIND), RATING_MAX)
    if kind not in VERDICTS:
        results.fail(where, "not_fact_check", f"ประเภทข่าว is {kind or 'empty'!r}, not a verdict")
        return
    headline = clean_text(row.get(HEADLINE), CLAIM_MAX)
    if not headline:
        results.fail(where, "no_claim_text", f"empty หัวข้อข่าว (ลิงค์ข่าว {row.get(LINK)!r})")
        return
    raw_url = (row.get(LINK) or "").strip()
    url = absolute_url(raw_url)
    if raw_url and not url:
        results.fail(where, "bad_url", f"imported without its URL: {raw_url!r}")
    results.add(_item(row, headline, kind, url))


def _item(row: dict[str, str | None], headline: str, kind: str, url: str | None) -> KnownFactCheck:
    agency = clean_text(row.get(AGENCY), PUBLISHER_MAX)
    return KnownFactCheck(
        claim_text=strip_label(headline),
        publisher=PUBLISHER,
        url=url,
        title=headline[:TITLE_MAX].rstrip(),
        rating=kind,
        rating_value=None,
        best_rating=None,
        worst_rating=None,
        verdict=VERDICTS[kind],
        review_date=to_dmy_date(row.get(DATE)),
        claim_date=None,
        claimant=None,
        language="th",
        appearances=(),
        checked_by=None if agency in NO_AGENCY else agency,
        finding=clean_block(row.get(BODY), FINDING_MAX),
        source_format=SOURCE,
    )


def strip_label(headline: str) -> str:
    """Return a headline without a leading rating label ("ข่าวปลอม อย่าแชร์! ..."), if any."""
    stripped = LABEL_PREFIX.sub("", headline, count=1).strip()
    return stripped or headline
