"""Who made a statement: attributions in Thai and English, resolved across an article."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.extraction import lexicon
from app.extraction.tokens import Token

SPEECH = frozenset(lexicon.TH_SPEECH_VERBS)
SPEECH_TAIL = frozenset(("ทิ้งท้าย", "เพิ่มเติม", "ต่อ", "ไว้", "ด้วย", "อีก", "ย้ำ", "สรุป", "ว่า"))
LEADING_ADJUNCTS = ("เมื่อ", "ใน", "ล่าสุด", "ด้าน", "ขณะที่", "ทั้งนี้", "โดย", "ส่วน", "ต่อมา",
                    "ก่อนหน้านี้", "วันนี้", "เช่นเดียวกับ", "และ", "แต่", "ซึ่ง", "พร้อม", "นอกจากนี้")
AUXILIARIES = ("ได้ออกมา", "ออกมา", "ได้ให้", "ได้", "ยัง", "ก็", "จึง", "เคย", "ก็ได้", "ยังได้")
APPOSITIVE_TITLES = tuple(t for t in lexicon.TH_TITLES if not t.endswith(".") and t not in
                          ("นาย", "นาง", "นางสาว"))
CLOSING_QUOTES = "”\"»’"
STOP_WORDS = frozenset(("ว่า", ",", "และ", "แต่", "ขณะที่"))

_WHO = r"(?P<who>(?:the\s+)?(?:[A-Z][\w.'’-]*)(?:\s+(?:of\s+the\s+|of\s+|de\s+)?[A-Z][\w.'’-]*){0,5}|he|she|they|He|She|They)"
_VERBS = "|".join(lexicon.EN_SPEECH_VERBS)
EN_AFTER_QUOTE = re.compile(rf"[”\"]\s*,?\s*{_WHO}\s+(?:{_VERBS})\b")
EN_VERB_FIRST = re.compile(rf"[”\"]\s*,?\s*(?:{_VERBS})\s+{_WHO}")
EN_SUBJECT = re.compile(rf"^(?:[^,]*,\s+)?{_WHO}(?:,\s[^,]{{3,80}},)?\s+(?:{_VERBS})\b")
EN_ACCORDING = re.compile(r"\baccording to\s+(?P<who>(?:the\s+)?[A-Z][^,.;]{1,60})", re.I)


def _strip_adjuncts(chunks: list[str]) -> list[str]:
    """Drop leading time and discourse phrases ("เมื่อวันศุกร์ที่ผ่านมา", "ด้าน") from a speaker."""
    while len(chunks) > 1 and chunks[0].startswith(LEADING_ADJUNCTS):
        chunks = chunks[1:]
    if chunks and chunks[0].startswith(LEADING_ADJUNCTS):
        for adjunct in sorted(LEADING_ADJUNCTS, key=len, reverse=True):
            if chunks[0].startswith(adjunct) and len(chunks[0]) > len(adjunct) + 1:
                chunks[0] = chunks[0][len(adjunct):]
                break
    return chunks


def _strip_auxiliaries(text: str) -> str:
    changed = True
    while changed:
        changed = False
        for aux in AUXILIARIES:
            if text.endswith(aux) and len(text) > len(aux):
                text, changed = text[: -len(aux)].rstrip(), True
    return text


def _speaker(words: list[Token]) -> tuple[str | None, str | None]:
    """Split the words before a speech verb into (name, title); either may be None."""
    chunks, current = [], ""
    for token in words:
        if token.is_space:
            if current:
                chunks.append(current)
            current = ""
        else:
            current += token.text
    if current:
        chunks.append(current)
    chunks = _strip_adjuncts(chunks[-5:])
    if not chunks:
        return None, None
    chunks[-1] = _strip_auxiliaries(chunks[-1])
    chunks = [c for c in chunks if c]
    split = next((i for i, c in enumerate(chunks) if c.startswith(APPOSITIVE_TITLES)), len(chunks))
    name = " ".join(chunks[:split]) or None
    title = " ".join(chunks[split:]) or None
    return name, title


def thai_speaker(tokens: list[Token]) -> tuple[str | None, str | None]:
    """Return (name, title) of who a Thai sentence attributes its statement to."""
    words = [i for i, t in enumerate(tokens) if not t.is_space]
    for position in reversed(range(len(words))):
        i = words[position]
        if tokens[i].text not in SPEECH:
            continue
        after = [tokens[j].text for j in words[position + 1 : position + 9]]
        before = tokens[:i]
        stop = max((k for k, t in enumerate(before) if t.text in STOP_WORDS
                    or t.text[-1:] in CLOSING_QUOTES), default=-1)
        trailing_only = all(w in SPEECH_TAIL or w in CLOSING_QUOTES for w in after)
        if "ว่า" in after or (trailing_only and stop >= 0 and before[stop].text[-1:] in CLOSING_QUOTES):
            return _speaker(before[stop + 1 :])
    return None, None


def english_speaker(text: str) -> str | None:
    """Return who an English sentence attributes its statement to."""
    for pattern in (EN_AFTER_QUOTE, EN_VERB_FIRST, EN_ACCORDING, EN_SUBJECT):
        match = pattern.search(text)
        if match:
            who = match.group("who").strip()
            return re.sub(r"^the\s+", "the ", who)
    return None


@dataclass
class ClaimantResolver:
    """Resolve pronouns, titles and first names to the full names seen earlier in an article."""

    names: list[str] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)

    def resolve(self, name: str | None, title: str | None = None) -> str | None:
        """Return the full claimant for a speaker found in a sentence."""
        if name and title:
            self.titles[title] = name
        if name and (name.lower() in lexicon.EN_PRONOUNS or name in lexicon.TH_PRONOUNS):
            return self.names[-1] if self.names else None
        if not name and title:
            name = self.titles.get(title, title)
        if not name:
            return None
        for known in reversed(self.names):
            if name != known and name in known.split(" "):
                name = known
                break
        if name not in self.names:
            self.names.append(name)
        else:
            self.names.remove(name)
            self.names.append(name)
        return name
