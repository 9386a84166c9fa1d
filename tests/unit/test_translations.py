"""Every interface string has a hand-written Thai translation, and the catalog is current."""

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "app/translations/th/LC_MESSAGES/messages.po"
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "_l": None,
    "lazy_gettext": None,
    "N_": None,
    "N_plural": (1, 2),
}


def _forms(value: str | tuple[str, ...]) -> tuple[str, ...]:
    """Return a message's forms: one, or singular and plural."""
    return (value,) if isinstance(value, str) else tuple(value)


def _catalog():
    with CATALOG.open("rb") as po_file:
        return read_po(po_file)


def _source_messages() -> set[str]:
    method_map = [("app/**.py", "python"), ("app/templates/**.html", "jinja2")]
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map=method_map, keywords=KEYWORDS
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_string_in_the_code_is_in_the_thai_catalog():
    catalog = _catalog()
    missing = sorted(m for m in _source_messages() if catalog.get(m) is None)
    assert missing == [], "run `make extract-messages` and translate: " + repr(missing)


def test_every_thai_entry_is_translated_and_not_fuzzy():
    catalog = _catalog()
    untranslated = [m.id for m in catalog if m.id and (not all(_forms(m.string)) or m.fuzzy)]
    assert untranslated == []


def test_placeholders_survive_translation():
    catalog = _catalog()
    for message in catalog:
        if message.id:
            # Thai has one plural form: it must carry the plural's placeholders.
            wanted = sorted(re.findall(r"%\(\w+\)[sd]", _forms(message.id)[-1]))
            for form in _forms(message.string):
                assert sorted(re.findall(r"%\(\w+\)[sd]", form)) == wanted, message.id
