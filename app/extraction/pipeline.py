"""Text in, claim candidates out: normalize, segment, score, attribute."""

from __future__ import annotations

import bisect
import dataclasses
import re

from app.extraction import claimant, clauses, dates, english, features, numbers, scoring, thai
from app.extraction.normalize import NormalizedText, clean_span, normalize
from app.extraction.tokens import Token, thai_tokens
from app.extraction.types import ClaimCandidate

PARAGRAPH = re.compile(r"[^\n]+")
THAI_CHAR = re.compile(r"[\u0e00-\u0e7f]")
LATIN_CHAR = re.compile(r"[A-Za-z]")
OPEN_QUOTES, CLOSE_QUOTES = "“\"'‘«", "”\"'’»"
CONTINUATIONS = ("และ", "ซึ่ง", "โดย", "รวมถึง", "ทั้งนี้", "and ", "which ", "while ")
# A speaker's sentence that ends by introducing what follows: "…สรุปสาระสำคัญ ดังนี้".
INTRODUCES_WHAT_FOLLOWS = re.compile(r"(?:ดังนี้|ดังต่อไปนี้|ว่า|:)\s*$")
MAX_NAME = 150  # characters; a claimant or channel longer than this is not a name
MIN_STATEMENT = 15  # characters; shorter pieces are headlines, datelines or fragments


def detect_language(text: str) -> str:
    """Return "th" when Thai script dominates the text's letters, else "en"."""
    thai_count = len(THAI_CHAR.findall(text))
    return "th" if thai_count and thai_count >= len(LATIN_CHAR.findall(text)) * 0.3 else "en"


def _trim(text: str, start: int, end: int, quotes: bool = False) -> tuple[int, int]:
    """Narrow [start, end) past surrounding spaces (and quotes that enclose it whole)."""
    while start < end and (text[start].isspace() or text[start] in ",;"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if quotes and end - start > 2 and text[start] in OPEN_QUOTES and text[end - 1] in CLOSE_QUOTES:
        inner = text[start + 1 : end - 1]
        if not any(q in inner for q in '“”"'):
            start, end = start + 1, end - 1
    return start, end


# Words that join a claim to what came before; the claim's text starts after them.
TH_CONNECTIVES = frozenset(
    ("เนื่องจาก", "และ", "แต่", "ซึ่ง", "โดย", "ทั้งนี้", "เพราะ", "เพราะว่า", "อีกทั้ง", "ส่วน")
)
EN_CONNECTIVE = re.compile(r"(?:and|but|because|which|while|so)\b[\s,]*", re.I)
# A dateline before the story: "สงขลา — ", "2568 – ", "SEOUL, Aug. 15 (Yonhap) -- ".
DATELINE = re.compile(r"[^\n—–]{1,60}?\s(?:—|–|--)\s+")


def _claim_start(text: str, start: int, end: int, tokens: list[Token]) -> int:
    """Move a claim's start past a dateline and a leading connective (offsets stay exact)."""
    start = _trim(text, start, end)[0]
    dateline = DATELINE.match(text, start, end)
    if dateline and "ว่า" not in dateline.group() and len(dateline.group().split()) <= 6:
        start = dateline.end()
    connective = EN_CONNECTIVE.match(text, start, end)
    if connective and connective.end() < end:
        return _trim(text, connective.end(), end)[0]
    first = next((t for t in tokens if t.start >= start and not t.is_space), None)
    if first is not None and first.start == start and first.text in TH_CONNECTIVES:
        rest = _trim(text, first.end, end)[0]
        if end - rest >= MIN_STATEMENT:
            return rest
    return start


WEEKDAY = re.compile(
    r"(?:วัน)?(?:จันทร์|อังคาร|พุธ|พฤหัสบดี|พฤหัส|ศุกร์|เสาร์|อาทิตย์)(?:ที่)?|วันนี้|วันที่|"
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day",
)


def _only_a_date(piece: str) -> bool:
    """Say whether a piece is a date line and nothing more: "วันพุธที่ 9 กันยายน 2563"."""
    if len(piece) > 60:
        return False  # longer than any date line
    found = dates.find_dates(piece)
    if not found:
        return False
    bounds = [0, *(x for a, b, _ in found for x in (a, b)), len(piece)]
    between = zip(bounds[::2], bounds[1::2], strict=True)
    rest = WEEKDAY.sub("", "".join(piece[b:a] for b, a in between))
    return not any(c.isalnum() for c in rest)


def _is_bare_quote(sentence: str) -> bool:
    """Say whether a sentence is nothing but a quotation."""
    return len(sentence) > 2 and sentence[0] in OPEN_QUOTES and sentence[-1] in CLOSE_QUOTES


class _Article:
    """The analysis of one article: its normalized text and who has spoken so far."""

    def __init__(self, source: str, language: str | None) -> None:
        self.norm: NormalizedText = normalize(source)
        self.language = language if language in ("th", "en") else None
        self.resolver = claimant.ClaimantResolver()
        self.previous_claimant: tuple[str | None, bool] = (None, False)
        self.last_speaker: str | None = None
        # Who spoke in this Thai paragraph: "X กล่าวว่า A  B  C" goes on speaking in B and C (an
        # English paragraph's next sentence is as often the reporter's).
        self.paragraph_speaker: str | None = None
        # Whether that speaker's sentence ended "…ดังนี้" / "…ว่า": the next paragraphs are theirs.
        self.introduces = False

    def _mentioned(self, language: str, tokens: list[Token]) -> str | None:
        """Return who the sentence says spoke, resolved, to attribute a quotation that follows."""
        if language != "th":
            return None
        name = claimant.thai_mentioned_speaker(tokens)
        return self.resolver.resolve(name) if name else None

    def units(self):
        """Yield (start, end, language, tokens, claimant, attributed, channel) for every sentence
        or clause: attributed when the sentence itself says who spoke; the channel who passed
        the claimant's words on, if the sentence names one."""
        text = self.norm.text
        for paragraph in PARAGRAPH.finditer(text):
            start, end = paragraph.span()
            language = self.language or detect_language(paragraph.group())
            if language == "th":
                tokens = thai_tokens(paragraph.group(), start)
                spans = thai.sentence_spans(tokens, start, end)
            else:
                tokens, spans = [], english.sentence_spans(text, start, end)
            starts = [t.start for t in tokens]
            self.resolver.read(paragraph.group())
            if not self.introduces:
                self.paragraph_speaker = None
            for a, b in spans:
                yield from self._sentence_units(a, b, language, tokens, starts)

    def _sentence_units(
        self, start: int, end: int, language: str, tokens: list[Token], starts: list[int]
    ):
        text = self.norm.text
        start, end = _trim(text, start, end)
        if end <= start:
            return
        # The paragraph's tokens are in order: the sentence's are found by bisection, not by a
        # scan of the paragraph for every sentence.
        within = tokens[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]
        sentence_tokens = [t for t in within if t.end <= end]
        channel = None
        if language == "th":
            name, title = claimant.thai_speaker(sentence_tokens)
            who = self.resolver.resolve(name, title)
            channel = self.resolver.channel(*claimant.thai_channel(sentence_tokens))
            points = clauses.thai_split_points(sentence_tokens, start, end)
        else:
            spoke, channel = claimant.english_channel(text[start:end])
            found = spoke or claimant.english_speaker(text[start:end])
            if found:  # "the federation said": the federation named earlier
                found = claimant.english_antecedent(text[:start], found) or found
            who = self.resolver.resolve(found)
            channel = self.resolver.channel(channel) if channel else None
            points = clauses.english_split_points(text, start, end)
        if channel == who:
            channel = None
        # A name is short; a longer "speaker" is a sentence read wrong
        who = who if who is None or len(who) <= MAX_NAME else None
        channel = channel if channel is None or len(channel) <= MAX_NAME else None
        piece = text[start:end]
        # Whether the sentence itself says who spoke (an attribution adds to its check-worthiness)
        # or its speaker goes on from before.
        attributed = who is not None
        if who is None and piece.startswith(CONTINUATIONS):
            who, attributed = self.previous_claimant  # "และ…", "โดย…": the sentence before goes on
        elif who is None and _is_bare_quote(piece):
            who = self.last_speaker  # a quotation introduced by the sentence before
            attributed = who is not None
        self.last_speaker = who or self._mentioned(language, sentence_tokens) or self.last_speaker
        if language == "th":
            self.resolver.mention(claimant.thai_people(sentence_tokens))
            if who is None:
                who = self.paragraph_speaker
            elif attributed and piece[:1] in OPEN_QUOTES:
                pass  # "“…” X กล่าว": X spoke here, what follows may be the reporter's
            else:
                self.paragraph_speaker = who
                self.introduces = bool(INTRODUCES_WHAT_FOLLOWS.search(piece))
        self.previous_claimant = (who, attributed)
        scored_who = who if attributed else None

        def positive(a: int, b: int) -> bool:
            reasons = self.score(a, b, language, sentence_tokens, scored_who)[1]
            return not reasons & scoring.NEGATIVE

        def strong(a: int, b: int) -> bool:
            piece = text[a:b].lstrip(",; ")
            return piece.startswith(clauses.TH_STRONG) or bool(clauses.EN_STRONG.match(piece))

        for a, b in clauses.split(start, end, points, positive, strong):
            a, b = _trim(text, a, b)
            if b > a:
                yield a, b, language, sentence_tokens, who, scored_who is not None, channel

    def score(
        self, start: int, end: int, language: str, tokens: list[Token], who: str | None
    ) -> tuple[float, set[str]]:
        """Return the score and reasons of the unit [start, end)."""
        piece = self.norm.text[start:end]
        if language == "th":
            unit_tokens = [t for t in tokens if start <= t.start and t.end <= end]
            reasons = features.thai_reasons(piece, unit_tokens)
        else:
            reasons = features.english_reasons(piece)
        if who:
            reasons.add("attribution")
        if len(piece) < MIN_STATEMENT or _only_a_date(piece):
            reasons.add("fragment")
        return scoring.score(reasons), reasons

    def candidate(
        self,
        start: int,
        end: int,
        language: str,
        tokens: list[Token],
        who: str | None,
        attributed: bool = True,
        channel: str | None = None,
    ) -> ClaimCandidate:
        """Build the candidate for a unit, with offsets into the original input."""
        value, reasons = self.score(start, end, language, tokens, who if attributed else None)
        start = _claim_start(self.norm.text, start, end, tokens)
        piece = self.norm.text[start:end]
        found_dates = dates.find_dates(piece)
        # A day of a month is part of a date, with a year or without ("1 มกราคม"), not a number.
        days = [(a, b) for a, b, _ in found_dates] + dates.day_month_spans(piece)
        figures = numbers.find_numbers(piece, days)
        if language == "th":  # and the figures in words (สองแสนคน)
            words = [(t.text, t.start - start) for t in tokens if start <= t.start and t.end <= end]
            figures += numbers.find_word_numbers(words)
            figures.sort(key=lambda n: n.start)
        source_start, source_end = self.norm.to_source(*_trim(self.norm.text, start, end, True))
        return ClaimCandidate(
            text=clean_span(self.norm.source[source_start:source_end]),
            start=source_start,
            end=source_end,
            score=value,
            reasons=scoring.ordered(reasons - {"fragment"} if value >= 0.5 else reasons),
            claimant=who,
            reported_by=channel,
            language=language,
            dates=tuple(dict.fromkeys(iso for _, _, iso in found_dates)),
            numbers=tuple(numbers.normalized_value(n.value) for n in figures),
        )


def extract_claims(
    text: str, language: str | None = None, include_all: bool = False
) -> list[ClaimCandidate]:
    """Return the check-worthy claims of an article (every unit with `include_all`)."""
    dates.forget()
    article = _Article(text, language)
    candidates = [article.candidate(*unit) for unit in article.units()]
    # A role named before its holder ("อธิบดีกรมราชทัณฑ์ ระบุ…", then "นายอายุตม์ สินธพพันธุ์
    # อธิบดีกรมราชทัณฑ์ กล่าวว่า…"): the earlier claims are the holder's too.
    holders = article.resolver.titles
    candidates = [
        dataclasses.replace(c, claimant=holders[c.claimant]) if c.claimant in holders else c
        for c in candidates
    ]
    if include_all:
        return candidates
    return [c for c in candidates if c.score >= scoring.THRESHOLD]
