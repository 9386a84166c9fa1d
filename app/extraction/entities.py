"""Named entities of a claim: people, organisations and places, with their spans.

No trained model (pythainlp's NER needs a corpus that is not bundled): gazetteers and patterns.
- Places: Thai provinces and countries (pythainlp's bundled lists), and the place after a place
  word (จังหวัด, อำเภอ, อ., ตำบล, เขต, เมือง); English capitalised names after "in", "at", "from"
  are not guessed.
- Organisations: a chunk that opens with an organisation prefix (กระทรวง, กรม, สำนักงาน, ธนาคาร,
  ศูนย์, มหาวิทยาลัย, บริษัท, สภา, ศาล …) with its short form in brackets; English capitalised
  names that contain a word for a body (Ministry, Bank, Commission …).
- People: a personal title and the name after it (นาย, นาง, ดร., พญ. …, family name included),
  English titled names (Mr, Dr, Minister …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.extraction import claimant, lexicon
from app.extraction.tokens import thai_tokens

PLACE_WORDS = ("จังหวัด", "อำเภอ", "อ.", "ตำบล", "ต.", "เขต", "เมือง", "จ.")
_EN_BODY = (
    r"Ministry|Department|Agency|Office|Bank|Federation|Council|Committee|Commission|Court|"
    r"Police|University|Hospital|Association|Authority|Organi[sz]ation|Board|Party|Army|Navy|"
    r"Center|Centre|Institute|Foundation|Company|Corporation|Group"
)
_CAPITAL = r"[A-Z][\w&'’.-]*"
EN_ORGANISATION = re.compile(
    rf"\b(?:{_CAPITAL}\s+(?:of\s+(?:the\s+)?|and\s+|for\s+)?){{0,5}}(?:{_EN_BODY})"
    rf"(?:\s+(?:of|for)\s+(?:the\s+)?{_CAPITAL}(?:\s+{_CAPITAL}){{0,3}})?\b"
)
EN_PERSON = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Minister|President|Governor|Senator)\.?\s+"
    r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})"
)
# Names in lists of places and people that are also common words stay out (thai_gazetteer).


@dataclass(frozen=True)
class Entity:
    """A person, organisation or place named in a text, and where: text[start:end]."""

    kind: str  # "person", "organisation" or "place"
    text: str
    start: int
    end: int


def find_entities(text: str, language: str | None = None) -> list[Entity]:
    """Return the people, organisations and places a text names, in text order, not overlapping."""
    thai = language == "th" or (language is None and re.search("[\u0e01-\u0e5b]", text))
    found = _thai_entities(text) if thai else []
    found += _english_entities(text)
    found.sort(key=lambda e: (e.start, -(e.end - e.start)))
    kept: list[Entity] = []
    for entity in found:
        if not kept or entity.start >= kept[-1].end:
            kept.append(entity)
    return kept


def _chunks(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"\S+", text)]


def _thai_entities(text: str) -> list[Entity]:
    found: list[Entity] = []
    places = lexicon.thai_places()
    chunks = _chunks(text)
    for index, (start, end) in enumerate(chunks):
        chunk = text[start:end]
        if claimant.names_person(chunk):
            # title + first name (glued), and the family name in the next chunk when it is Thai
            stop = end
            if index + 1 < len(chunks):
                nxt = text[chunks[index + 1][0] : chunks[index + 1][1]]
                if _is_family_name(nxt):
                    stop = chunks[index + 1][1]
            found.append(Entity("person", text[start:stop], start, stop))
            continue
        if chunk.startswith(lexicon.TH_ORG_PREFIXES):
            stop = _word_end(text, start, end)
            if index + 1 < len(chunks) and text[chunks[index + 1][0]] == "(":
                stop = chunks[index + 1][1]  # its short form: (สพฐ.)
            found.append(Entity("organisation", text[start:stop].rstrip(",;"), start, stop))
            continue
    found += _thai_places(text, places)
    return found


def _is_family_name(chunk: str) -> bool:
    return (
        bool(re.fullmatch("[\u0e01-\u0e4e]{2,}", chunk))
        and not chunk.startswith(lexicon.TH_TITLES)
        and not chunk.startswith(lexicon.TH_ORG_PREFIXES)
        and chunk not in lexicon.TH_SPEECH_VERBS
        and not any(chunk.startswith(v) for v in lexicon.TH_SPEECH_VERBS)
    )


# Words that end an organisation's name glued to what follows ("กรมอนามัยพบว่า…").
ORG_STOPS = frozenset(("ที่", "ใน", "ของ", "จาก", "เมื่อ", "ซึ่ง", "ได้", "ว่า", "พบ", "มี", "จะ", "ยัง"))


def _word_end(text: str, start: int, end: int) -> int:
    """Return where an organisation's name that opens the chunk [start, end) ends.

    The longest run of words that is a known name (pythainlp's Thai Wikipedia titles: กรมควบคุมโรค)
    wins; otherwise the name runs to a speech verb or a function word ("กระทรวงพาณิชย์ที่…").
    """
    tokens = thai_tokens(text[start:end], start)
    known = lexicon.thai_gazetteer()
    longest = None
    for count in range(1, len(tokens) + 1):
        if text[start : tokens[count - 1].end] in known:
            longest = tokens[count - 1].end
    if longest is not None:
        return longest
    for index, token in enumerate(tokens):
        if index and (
            token.text in ORG_STOPS
            or token.text in lexicon.TH_SPEECH_VERBS
            or token.text.endswith("ว่า")
        ):
            return token.start
    return end


def _thai_places(text: str, places: frozenset[str]) -> list[Entity]:
    found = []
    for token in thai_tokens(text):
        word = token.text
        if word in places:
            found.append(Entity("place", word, token.start, token.end))
    for word in PLACE_WORDS:
        for match in re.finditer(re.escape(word) + r"\s?(?P<name>[\u0e01-\u0e4e]{2,})", text):
            name_start = match.start("name")
            tokens = thai_tokens(match.group("name"), name_start)
            name = tokens[0] if tokens else None
            # the place's name is the next word, or two when the first is short (หาด|ใหญ่)
            if name is not None and len(name.text) <= 3 and len(tokens) > 1:
                name = type(name)(name.text + tokens[1].text, name.start, tokens[1].end)
            if name is not None:
                found.append(Entity("place", name.text, name.start, name.end))
    return found


def _english_entities(text: str) -> list[Entity]:
    found = [
        Entity("person", m.group("name"), m.start("name"), m.end("name"))
        for m in EN_PERSON.finditer(text)
    ]
    for match in EN_ORGANISATION.finditer(text):
        start = match.start() + (4 if match.group().startswith("The ") else 0)
        found.append(Entity("organisation", text[start : match.end()], start, match.end()))
    return found
