"""Who made a statement: attributions in Thai and English, resolved across an article."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.extraction import dates, lexicon, thai
from app.extraction.tokens import Token, newmm_words

SPEECH = frozenset(lexicon.TH_SPEECH_VERBS)
SPEECH_TAIL = frozenset(("ทิ้งท้าย", "เพิ่มเติม", "ต่อ", "ไว้", "ด้วย", "อีก", "ย้ำ", "สรุป", "ว่า"))
LEADING_ADJUNCTS = (
    "เมื่อ",
    "ใน",
    "ล่าสุด",
    "ด้าน",
    "ขณะที่",
    "ทั้งนี้",
    "โดย",
    "ส่วน",
    "ต่อมา",
    "ก่อนหน้านี้",
    "วันนี้",
    "เช่นเดียวกับ",
    "และ",
    "แต่",
    "ซึ่ง",
    "พร้อม",
    "นอกจากนี้",
)
AUXILIARIES = (
    "ได้ออกมา",
    "ออกมา",
    "ได้ให้",
    "ให้",
    "ได้",
    "ยัง",
    "ก็",
    "จึง",
    "เคย",
    "ก็ได้",
    "ยังได้",
    "ขอ",  # "ขอยืนยันว่า": the speaker goes on, in the first person
)
LONGEST_AUXILIARIES_FIRST = tuple(sorted(AUXILIARIES, key=len, reverse=True))
# "ที่มีการระบุว่า", "มีผู้ตั้งข้อสังเกต": said by no one named.
IMPERSONAL = ("มีการ", "มีผู้", "มีคน")
APPOSITIVE_TITLES = tuple(
    sorted(
        (t for t in lexicon.TH_TITLES if t not in lexicon.TH_PERSONAL_TITLES), key=len, reverse=True
    )
)
PERSONAL_TITLES = lexicon.TH_PERSONAL_TITLES
HONORIFICS = re.compile(
    r"^(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Capt|Pol)\.?\s+|^(?:"
    + "|".join(map(re.escape, lexicon.TH_PERSONAL_TITLES))
    + ")"
)
TH_ACCORDING = re.compile(
    r"(?:^|\s)(?:ตาม|ข้อมูล|อ้างอิง|รายงาน|ผลสำรวจ|เอกสาร)[^\s]{0,25}?(?:ของ|จาก)(?P<who>[^\s(]{3,60})"
)
CLOSING_QUOTES = '”"»’'
STOP_WORDS = frozenset(("ว่า", ",", "และ", "แต่", "ขณะที่"))

_NAME = r"(?:[A-Z][\w.'’-]*)(?:\s+(?:of\s+the\s+|of\s+|de\s+|and\s+|for\s+)?[A-Z][\w.'’-]*){0,5}"
# People spoken of as a group, with no article: "…, traders said."
_GROUPS = (
    r"(?:[a-z][\w-]*\s+)?(?:officials|analysts|traders|experts|residents|witnesses|economists|"
    r"doctors|researchers|scientists|investigators|authorities|prosecutors|organi[sz]ers|"
    r"villagers|farmers|activists)"
)
_WHO = (
    rf"(?P<who>(?:the\s+)?{_NAME}|he|she|they|it|He|She|They|It|police|{_GROUPS}|"
    r"(?:[Tt]he|[Aa]n?)\s+(?:[A-Za-z][\w-]*\s+){0,3}[a-z][\w-]*)"
)
_VERBS = "|".join(
    (*lexicon.EN_SPEECH_VERBS, "found", "ruled", "estimated", "recorded", "said in a statement")
)
# '…," the student, who asked not to be named, told The Nation'
_ASIDE = r"(?:,\s+(?:who|which)\s[^,\"”]{3,80},)?"
EN_AFTER_QUOTE = re.compile(rf"[”\"]\s*,?\s*{_WHO}{_ASIDE}\s+(?:{_VERBS})\b")
EN_VERB_FIRST = re.compile(rf"[”\"]\s*,?\s*(?:{_VERBS})\s+{_WHO}")
EN_TRAILING = re.compile(rf",\s+{_WHO}\s+(?:{_VERBS})\b[^,]*\.?$")
# "…by the National Anti-Corruption Commission, which said in a statement that…"
EN_WHICH_SAID = re.compile(rf"(?P<who>(?:the\s+)?{_NAME}),\s+(?:which|who)\s+(?:{_VERBS})\b")
EN_ACCORDING = re.compile(
    r"\baccording to\s+(?P<who>(?:the\s+)?[A-Z][^,.;]{1,60}?)(?:\s+(?:figures|data|statistics))?"
    r"(?=[,.;]|$)",
    re.I,
)
EN_VERB = re.compile(rf"\b(?:{_VERBS})\b")
EN_NAME_BEFORE = re.compile(
    rf"(?P<who>(?:the\s+)?{_NAME}|(?:[Tt]he|[Aa]n?)\s+(?:[A-Za-z][\w'’-]*\s+){{0,3}}[a-z][\w-]*)"
    r"\s*(?:,[^,]{3,90},\s*)?$"
)
# "ruled" and "found" attribute only for a court or an inquiry: "Japan ruled Korea" is a fact;
# "recorded" only for a body ("The Meteorological Department recorded 218 millimetres").
EN_JUDGING = frozenset(("ruled", "found"))
EN_RECORDING = frozenset(("recorded",))
EN_JUDGES = re.compile(
    r"\b(?:court|judge|judges|tribunal|panel|inquiry|commission|study|researchers|investigators)\b",
    re.I,
)
EN_PRONOUN_BEFORE = re.compile(r"(?:^|\s)(?P<who>[Hh]e|[Ss]he|[Tt]hey)\s*$")


def _strip_adjuncts(chunks: list[str]) -> list[str]:
    """Drop leading time and discourse phrases ("เมื่อวันศุกร์ที่ผ่านมา", "ด้าน") from a speaker."""
    while len(chunks) > 1 and chunks[0].startswith(LEADING_ADJUNCTS):
        chunks = chunks[1:]
    if chunks and chunks[0].startswith(LEADING_ADJUNCTS):
        for adjunct in sorted(LEADING_ADJUNCTS, key=len, reverse=True):
            if chunks[0].startswith(adjunct) and len(chunks[0]) > len(adjunct) + 1:
                chunks[0] = chunks[0][len(adjunct) :]
                break
    return chunks


DASHES = frozenset(("-", "–", "—", "--", "―"))
DATE_WORDS = frozenset((*dates.TH_MONTHS, "พ.ศ.", "ค.ศ.", "วันที่", "ณ"))


def _strip_dateline(chunks: list[str]) -> list[str]:
    """Drop a dateline before the speaker: everything up to a dash ("สงขลา — …", "2568 – นาย…")
    and leading parts of a date ("15 สิงหาคม 2568 นายธีรวัฒน์ …")."""
    dashes = [i for i, chunk in enumerate(chunks) if chunk in DASHES]
    if dashes:
        chunks = chunks[dashes[-1] + 1 :]
    while chunks and (chunks[0] in DATE_WORDS or _is_figure(chunks[0])):
        chunks = chunks[1:]
    return chunks


# "ข้อมูลของ กรอ. ระบุว่า", "ผลสำรวจของสภาฯ พบว่า": the body whose data or survey it is.
SOURCE_OF = re.compile(r"^(?:ตาม)?(?:ข้อมูล|ผลสำรวจ|รายงาน|ตัวเลข|สถิติ|เอกสาร|ผลการศึกษา)ของ")


TRAILING_TIMES = ("เมื่อ", "ในวันที่", "วันที่", "ในช่วง", "ระหว่าง", "ในปี", "ในเดือน")


def _of_whom(chunks: list[str]) -> list[str]:
    """Drop "ข้อมูลของ" and the like before the body they belong to."""
    for i, chunk in enumerate(chunks):
        match = SOURCE_OF.match(chunk)
        if match:
            rest = chunk[match.end() :]
            return ([rest] if rest else []) + chunks[i + 1 :]
    return chunks


def _is_figure(chunk: str) -> bool:
    return bool(chunk) and all(c.isdigit() or c in ".,:/-" for c in chunk)


# Titles that begin with the personal title นาย: "นายกสมาคม…" is an association's president.
NAYOK = ("นายกรัฐมนตรี", "นายกฯ", "นายกเทศมนตรี", "นายกสมาคม", "นายกสภา", "นายกองค์การ", "นายกสโมสร")


def names_person(chunk: str) -> bool:
    """Say whether a chunk begins with a person's title and name ("นายสมชาย", "ดร.ปวีณา")."""
    return chunk.startswith(PERSONAL_TITLES) and not chunk.startswith(NAYOK)


def _strip_auxiliaries(text: str) -> str:
    changed = True
    while changed:
        changed = False
        for aux in AUXILIARIES:
            if text.endswith(aux):
                text, changed = text[: -len(aux)].rstrip(), True
    return text


# "…สรุปสาระสำคัญ ดังนี้": what was said follows, as after "ว่า".
AS_FOLLOWS = frozenset(("ดังนี้", "ดังต่อไปนี้"))
# "…โดยระบุว่า", "…พร้อมระบุว่า": the speaker of the sentence before goes on; "หลังจากแจ้ง…",
# "ที่ระบุว่า", "การแจ้ง…": a verb in a clause of its own, with no one named.
GOES_ON = frozenset(("โดย", "พร้อม", "และ", "หลังจาก", "เมื่อ", "ก่อน", "ขณะ", "เพื่อ", "ที่", "การ"))


def _before_last(words: list[Token]) -> str | None:
    """The word before the last one ("โดย" in "…โดยได้")."""
    texts = [t.text for t in words if not t.is_space]
    return texts[-2] if len(texts) > 1 else None


def _looks_like_a_name(chunks: list[str]) -> bool:
    """Say whether the words before a role can be a name: at most three short chunks with no
    figure in them (not the end of the sentence before)."""
    short = all(len(c) <= 25 and not any(ch.isdigit() for ch in c) for c in chunks)
    return len(chunks) <= 3 and short


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
    last = next((t.text for t in reversed(words) if not t.is_space), None)
    if last in lexicon.TH_PRONOUNS:
        return last, None  # "…ได้ เขาระบุว่า": the pronoun is the subject, not what came before
    if last in GOES_ON or (last in AUXILIARIES and _before_last(words) in GOES_ON):
        return None, None
    chunks = _strip_dateline(chunks)
    chunks = _of_whom(chunks)
    # "สภาฯ เมื่อเดือนพฤศจิกายน 2567 พบว่า": the time is not part of who
    when = next(
        (
            i
            for i in range(1, len(chunks))
            if chunks[i].startswith(TRAILING_TIMES) or chunks[i] in ("ณ", "ณวันที่")
        ),
        None,
    )
    if when is not None and not any(names_person(c) for c in chunks[when:]):
        chunks = chunks[:when]
    people = [i for i, chunk in enumerate(chunks) if names_person(chunk)]
    # From the last person named ("นายสมพงษ์ ทองดี วัย 78 ปี บุตรชายของ…"), else the last words.
    chunks = _strip_adjuncts(chunks[people[-1] :] if people else chunks[-5:])
    if not chunks:
        return None, None
    chunks[-1] = _strip_auxiliaries(chunks[-1])
    chunks = [c for c in chunks if c and not c.startswith("(")]
    if not chunks:
        return None, None
    if names_person(chunks[0]):
        # "นายสมชาย ใจดี อธิบดี..." : title, first name and family name, then the role
        size = 2 if len(chunks) > 1 and not chunks[1].startswith(APPOSITIVE_TITLES) else 1
        return " ".join(chunks[:size]), " ".join(chunks[size:]) or None
    bodies = [i for i, c in enumerate(chunks) if is_organisation(c)]
    if bodies:
        # "สำนักงานนโยบาย… กระทรวงพาณิชย์": the first body speaks, the next is the one it belongs to
        first = bodies[0]
        parent = next((i for i in bodies if i > first), len(chunks))
        # "กรมอุตุนิยมวิทยา ตรวจสอบข้อมูลจาก…": the body's name ends where a verb begins
        parent = next(
            (i for i in range(first + 1, parent) if _begins_with_verb(_strip_leading(chunks[i]))),
            parent,
        )
        return " ".join(chunks[first:parent]), " ".join(chunks[parent:]) or None
    split = next((i for i, c in enumerate(chunks) if c.startswith(APPOSITIVE_TITLES)), len(chunks))
    name = " ".join(chunks[:split]) or None
    title = " ".join(chunks[split:]) or None
    if name and title and not _looks_like_a_name(chunks[:split]):
        name = None  # "…ปีที่นักกรีฑาตรวจพบสาร นายกสมาคม… ให้สัมภาษณ์ว่า": the role speaks
    return name, title


def _strip_leading(chunk: str) -> str:
    """A chunk without its leading auxiliaries ("ได้ตรวจสอบ…" → "ตรวจสอบ…")."""
    for aux in LONGEST_AUXILIARIES_FIRST:
        if chunk.startswith(aux) and len(chunk) > len(aux):
            return chunk[len(aux) :]
    return chunk


def _begins_with_verb(chunk: str) -> bool:
    """Say whether a chunk's first word is a verb (by the bundled ORCHID part-of-speech lexicon)."""
    pos = lexicon.thai_pos_unigram()
    first = next((w for w in newmm_words(chunk) if not w.isspace()), "")
    return pos.get(first, "").startswith("V")


def _stops_speaker(tokens: list[Token], k: int) -> bool:
    """Say whether tokens[k] ends what came before the speaker: "ว่า", a comma, a closing
    quotation mark, or a conjunction that begins a chunk ("และ" inside "นโยบายและแผน" is part
    of the organisation's name)."""
    text = tokens[k].text
    if text in ("ว่า", ",") or text[-1:] in CLOSING_QUOTES:
        return True
    if text == "และ" and k + 1 < len(tokens) and tokens[k + 1].text.startswith(APPOSITIVE_TITLES):
        return False  # "นายแพทย์ณรงค์ สายวงศ์ รองปลัดกระทรวง… และโฆษกกระทรวง… กล่าวว่า"
    return text in STOP_WORDS and (k == 0 or tokens[k - 1].is_space)


OPENING_QUOTES = "“«‘"


def _inside_quotation(tokens: list[Token]) -> list[bool]:
    """Say, for each token, whether it lies inside curly quotation marks."""
    depth, inside = 0, []
    for token in tokens:
        text = token.text
        depth += sum(c in OPENING_QUOTES for c in text)
        inside.append(depth > 0 and text[-1:] not in CLOSING_QUOTES)
        depth = max(0, depth - sum(c in "”»’" for c in text))
    return inside


DIRECT_SPEECH = frozenset(lexicon.TH_DIRECT_SPEECH_VERBS)
# "กรมอุตุนิยมวิทยา ตรวจสอบข้อมูล… พบว่า…": a named body's finding is its claim.
FINDING = frozenset(("พบ", "ตรวจพบ", "ตรวจสอบพบ"))


def _names_speaker(name: str | None, title: str | None) -> bool:
    """Say whether a speaker found before a verb with no "ว่า" names someone: a person, a body
    or a role (not a plain subject such as "ผลการตรวจ")."""
    if name:
        return names_person(name) or is_organisation(name) or name.startswith(APPOSITIVE_TITLES)
    return bool(title)


def thai_speaker(tokens: list[Token]) -> tuple[str | None, str | None]:
    """Return (name, title) of who a Thai sentence attributes its statement to."""
    words = [i for i, t in enumerate(tokens) if not t.is_space]
    quoted, pronoun = _inside_quotation(tokens), None
    for position in reversed(range(len(words))):
        i = words[position]
        word = tokens[i].text
        if quoted[i]:
            continue  # a verb inside the quotation is the speaker's words, not the attribution
        glued = word.endswith("ว่า") and word[:-3] in SPEECH  # newmm keeps "กล่าวว่า" whole
        finding = word in FINDING or (word.endswith("ว่า") and word[:-3] in FINDING)
        about = word.endswith("ถึง") and word[:-3] in SPEECH  # newmm keeps "กล่าวถึง" whole
        if word not in SPEECH and not glued and not finding and not about:
            continue
        if position and tokens[words[position - 1]].text == "พร้อม":
            continue  # "..., พร้อมระบุว่า": the same speaker goes on
        after = ["ว่า"] if glued else []
        # "กล่าวถึงการลงพื้นที่ … ว่า": a topic first, then what was said, further on
        followed_by_about = position + 1 < len(words) and tokens[words[position + 1]].text == "ถึง"
        reach = 40 if about or followed_by_about else 12
        after += [tokens[j].text for j in words[position + 1 : position + 1 + reach]]
        before = tokens[:i]
        stop = max((k for k in range(len(before)) if _stops_speaker(before, k)), default=-1)
        # "“…” X กล่าว" ends the verb's chunk: what follows after a space is a sentence of its own
        # ("… กล่าว เขากล่าวว่า …")
        own = []
        for token in tokens[i + 1 :]:
            if token.is_space:
                break
            own.append(token.text)
        trailing_only = not glued and all(w in SPEECH_TAIL or w in CLOSING_QUOTES for w in own)
        says_that = any(
            w == "ว่า" or w in AS_FOLLOWS or (w.endswith("ว่า") and w[:-3] in SPEECH_TAIL)
            for w in after
        )
        if says_that or (trailing_only and stop >= 0 and before[stop].text[-1:] in CLOSING_QUOTES):
            if "".join(t.text for t in before[-3:]).endswith(IMPERSONAL):
                continue
            found = _speaker(before[stop + 1 :])
            if found[0] is None and found[1] is None:
                continue  # no one before this verb: an earlier one in the sentence may say who
            if finding and not (
                (glued or after[:1] == ["ว่า"]) and found[0] and _names_speaker(*found)
            ):
                continue  # "ผลการตรวจพบว่า", "…ที่นักกรีฑาตรวจพบสาร…": no one named found that
            if found[0] not in lexicon.TH_PRONOUNS:
                return found
            # "นพ.ก… กล่าวว่า “…” เขายืนยันว่า …": the pronoun is the person named first
            pronoun = pronoun or found
        elif word in DIRECT_SPEECH and after and not trailing_only and not pronoun:
            subject = before[stop + 1 :]
            if any(t.text in SPEECH for t in subject):
                continue  # "ดีอีเอส เผยมาเก๊า888 … ยืนยันเร่ง…": the first verb has the speaker
            found = _speaker(subject)
            if _names_speaker(*found):
                return found
    if pronoun:
        return pronoun
    match = TH_ACCORDING.search("".join(t.text for t in tokens))
    if match:
        return match.group("who"), None
    return None, None


def thai_channel(tokens: list[Token]) -> tuple[str | None, str | None]:
    """Return (name, title) of who passed a Thai statement on, when the sentence reports one
    speaker's words through another: "สื่อของรัฐรายงานว่า คิม จองอึน ได้บอกกับปูตินว่า …" gives
    สื่อของรัฐ. A "(speech verb) ว่า" is a channel's when a speaker with a verb of their own
    follows it; of a chain ("Yonhap รายงานว่า … สื่อของรัฐรายงานว่า คิม … บอกว่า"), the channel
    nearest the speaker is the one that heard them."""
    complements = [
        i
        for i, token in enumerate(tokens)
        if _opens_complement(token.text, tokens[i - 1].text if i else "")
    ]
    if not complements or sum(t.text.endswith("ว่า") for t in tokens) < 2:
        return None, None  # one "ว่า" at most: the speaker's own, no channel
    quoted, channel = _inside_quotation(tokens), (None, None)
    for i in complements:
        if quoted[i]:
            continue
        if thai_speaker(tokens[i + 1 :]) == (None, None):
            break  # no one speaks after this "ว่า": it is the speaker's own
        channel = thai_speaker(tokens[: i + 1])
    return channel


def _opens_complement(word: str, before: str) -> bool:
    """Say whether a word is the "ว่า" of a speech verb: glued ("รายงานว่า", as the sentence
    splitter reads it) or right after the verb ("รายงาน ว่า")."""
    return thai.opens_complement(word) and (word != "ว่า" or before in SPEECH)


def thai_people(tokens: list[Token]) -> list[str]:
    """Return the people a Thai sentence names: a personal title with a name, and the family
    name after it ("ดร.ศิริพร อินทรสุวรรณ"); a name ends where a verb of speech or a quotation
    begins ("ดร.ศิริพรกล่าวว่า “…")."""
    chunks, current, cut = [], "", False
    for token in tokens:
        if token.is_space:
            if current:
                chunks.append(current)
            current, cut = "", False
        elif cut or token.text in SPEECH or token.text[:1] in '“"«' or token.text.endswith("ว่า"):
            cut = True
        else:
            current += token.text
    if current:
        chunks.append(current)
    people = []
    for i, chunk in enumerate(chunks):
        if names_person(chunk) and len(chunk) > 4:
            family = chunks[i + 1] if i + 1 < len(chunks) else ""
            whole = (
                family
                and not family.startswith(APPOSITIVE_TITLES)
                and len(family) <= 20
                and all("\u0e01" <= c <= "\u0e4e" or c.isalpha() for c in family)
            )
            people.append(f"{chunk} {family}" if whole else chunk)
    return people


def thai_mentioned_speaker(tokens: list[Token]) -> str | None:
    """Return who a sentence says spoke without quoting them ("คิมตอกย้ำความสัมพันธ์...")."""
    for i, token in enumerate(tokens):
        if token.text in SPEECH and i and not tokens[i - 1].is_space:
            j = i
            while j > 0 and not tokens[j - 1].is_space:
                j -= 1
            name = _strip_auxiliaries("".join(t.text for t in tokens[j:i]))
            if name and not name.startswith(LEADING_ADJUNCTS):
                return name
    return None


EN_CHANNEL = re.compile(
    rf"^(?:[Aa]ccording to\s+(?P<source>[^,]{{2,60}}),\s*|"
    rf"(?P<reporter>(?:[Tt]he\s+)?(?:state-run\s+|state\s+|official\s+)?{_NAME}|"
    r"(?:[Ss]tate|[Oo]fficial)\s+media)\s+"
    r"(?:reported|said|quoted)\s+(?:that\s+)?)"
)


def english_channel(text: str) -> tuple[str | None, str | None]:
    """Return (speaker, channel) when an English sentence reports one speaker's words through
    another: "According to KCNA, Kim told Putin that …", "KCNA reported that Kim said …"."""
    match = EN_CHANNEL.match(text)
    if not match:
        return None, None
    speaker = english_speaker(text[match.end() :])
    if not speaker:
        return None, None
    return speaker, (match.group("source") or match.group("reporter")).strip()


EN_LOCATED = re.compile(r"\s+(?:in|at|from|on)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*$")
EN_QUOTED = re.compile(r"[“\"][^”\"]*[”\"]?")


def _unquoted(text: str) -> str:
    """The text with what is inside quotation marks blanked (same length): a verb there is the
    speaker's words ("the system said 58"), not the attribution."""
    return EN_QUOTED.sub(lambda m: " " * len(m.group()), text)


def english_speaker(text: str) -> str | None:
    """Return who an English sentence attributes its statement to."""
    for pattern in (EN_AFTER_QUOTE, EN_VERB_FIRST, EN_WHICH_SAID, EN_ACCORDING, EN_TRAILING):
        match = pattern.search(text)
        if match:
            return match.group("who").strip()
    verb = EN_VERB.search(_unquoted(text))
    if verb:
        before = text[: verb.start()].rstrip()
        # "A Chinese embassy spokesperson in Hanoi said": the spokesperson, not Hanoi
        located = EN_LOCATED.sub("", before)
        if located != before and EN_NAME_BEFORE.search(located):
            before = located
        match = EN_NAME_BEFORE.search(before) or EN_PRONOUN_BEFORE.search(before)
        if match:
            who = match.group("who").strip()
            if verb.group() in EN_JUDGING and not EN_JUDGES.search(who):
                return None
            if verb.group() in EN_RECORDING and not EN_BODIES.search(who):
                return None
            return who
    return None


def english_antecedent(before: str, description: str) -> str | None:
    """Return whom "the federation" or "the minister" names, from the article so far: the last
    "… Federation" (a capitalised name ending in the noun) or "Minister <Name>"."""
    match = re.fullmatch(r"[Tt]he ([a-z]+)", description)
    if not match:
        return None
    head = match.group(1).capitalize()
    titled = list(re.finditer(rf"\b{head}\s+(?P<who>{_NAME})", before))
    named = list(re.finditer(rf"\b(?P<who>(?:[A-Z][\w&'’-]*\s+){{1,5}}{head})\b", before))
    found = max(titled + named, key=lambda m: m.start(), default=None)
    return found.group("who") if found else None


EN_BODIES = re.compile(
    r"\b(?:ministry|department|agency|office|bank|federation|council|committee|company|"
    r"police|court|government|university|hospital|association|commission|authority|"
    r"organi[sz]ation|board|party|army|navy)\b",
    re.I,
)


def is_organisation(name: str) -> bool:
    """Say whether a claimant names a body (a ministry, a court, a company), not a person."""
    return (
        name.startswith(lexicon.TH_ORG_PREFIXES)
        or name.split(" ", 1)[0] in lexicon.TH_ABBREVIATED_BODIES
        or bool(EN_BODIES.search(name))
    )


REPORTERS = ("ผู้สื่อข่าว", "นักข่าว", "ทีมข่าว", "กองบรรณาธิการ")
EN_REPORTER = re.compile(r"^(?:the\s+|a\s+|our\s+)?(?:reporter|correspondent|journalist)s?\b", re.I)


def is_reporter(name: str | None) -> bool:
    """Say whether a speaker is the newsroom itself ("ผู้สื่อข่าวรายงานว่า", "a reporter")."""
    return bool(name) and (name.startswith(REPORTERS) or bool(EN_REPORTER.match(name)))


FULL_NAMES = frozenset(lexicon.TH_BODY_FULL_NAMES.values())
DEFINED_SHORT_FORM = re.compile(
    r"(?:^|(?<=\s)|(?<=ด้าน)|(?<=โดย)|(?<=ของ)|(?<=และ)|(?<=จาก))"
    r"(?P<full>(?:" + "|".join(lexicon.TH_ORG_PREFIXES) + r")[^\s()]{2,60}"
    r"(?: [^\s()]{1,40}){0,4}?)\s*"
    r"\((?P<short>[\u0e01-\u0e4e.]{2,12}|[A-Z]{2,8})\)"
)


@dataclass
class ClaimantResolver:
    """Resolve pronouns, titles and first names to the full names seen earlier in an article."""

    names: list[str] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)
    # People named in the article (speakers or not), and when each was last named.
    mentioned: list[str] = field(default_factory=list)
    seen: dict[str, int] = field(default_factory=dict)
    clock: int = 0

    # Short forms the article defines ("กรมส่งเสริมการปกครองท้องถิ่น (สถ.)"), and the common
    # bodies it has named in full so far.
    aliases: dict[str, str] = field(default_factory=dict)
    named_in_full: set[str] = field(default_factory=set)

    def read(self, paragraph: str) -> None:
        """Take in a paragraph before its sentences are attributed: the short forms it defines
        and the bodies it names in full (a look at each paragraph once: linear in the text)."""
        for match in DEFINED_SHORT_FORM.finditer(paragraph):
            self.aliases[match.group("short")] = match.group("full")
        self.named_in_full.update(n for n in FULL_NAMES if n in paragraph)

    def _full_name(self, name: str) -> str:
        """A body's short form as the article names it in full, if it does."""
        if name in self.aliases:
            return self.aliases[name]
        full = lexicon.TH_BODY_FULL_NAMES.get(name) or lexicon.TH_BODY_FULL_NAMES.get(name + ".")
        return full if full and full in self.named_in_full else name

    def mention(self, people: list[str]) -> None:
        """Note the people a sentence names, for a pronoun in a later sentence."""
        for person in people:
            head = person.split(" ", 1)[0]  # "ดร.ศิริพร 60": the ดร.ศิริพร named before
            person = next(
                (k for k in reversed(self.names + self.mentioned) if k.split(" ", 1)[0] == head),
                person,
            )
            self.clock += 1
            self.seen[person] = self.clock
            if person in self.mentioned:
                self.mentioned.remove(person)
            self.mentioned.append(person)

    def channel(self, name: str | None, title: str | None = None) -> str | None:
        """Return a channel's name in full, without taking it for a speaker (a later "she said"
        is not the newspaper that reported it)."""
        if is_reporter(name) or (not name and is_reporter(title)):
            return None
        name = name or (self.titles.get(title, title) if title else None)
        return self._full_name(name) if name else None

    def resolve(self, name: str | None, title: str | None = None) -> str | None:
        """Return the full claimant for a speaker found in a sentence."""
        if is_reporter(name) or (not name and is_reporter(title)):
            return None  # the reporter tells the news; they are not who made the claim
        if name and title:
            self.titles[title] = name
        if name and name.lower() == "it":
            # "…, it said": the last body that spoke
            bodies = [known for known in self.names if is_organisation(known)]
            return bodies[-1] if bodies else None
        if name and (name.lower() in lexicon.EN_PRONOUNS or name in lexicon.TH_PRONOUNS):
            # "เธอกล่าว", "he said": the last person named, not the last body; a person the
            # article named without quoting them yet counts ("ดร.ศิริพร … เธอให้สัมภาษณ์ว่า")
            # (self.names is in the order they were last resolved, so its last person is the
            # latest one)
            people = [known for known in self.names if not is_organisation(known)]
            last = people[-1] if people else None
            mentioned = self.mentioned[-1] if self.mentioned else None
            if mentioned and (last is None or self.seen.get(mentioned, -1) > self.seen[last]):
                return self.resolve(mentioned)
            return last
        if not name and title:
            name = self.titles.get(title, title)
        if not name:
            return None
        name = self._full_name(name)
        bare = HONORIFICS.sub("", name).split()
        for known in reversed(self.names):
            parts = HONORIFICS.sub("", known).split()
            if name != known and bare and all(w in parts for w in bare) and len(parts) > len(bare):
                name = known
                break
        if name not in self.names:
            self.names.append(name)
        else:
            self.names.remove(name)
            self.names.append(name)
        self.clock += 1
        self.seen[name] = self.clock
        return name
