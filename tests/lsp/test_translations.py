"""English must be complete: every marked string has a translation with the same placeholders."""

import re
from pathlib import Path

import polib

PO = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def entries():
    return [e for e in polib.pofile(str(PO)) if not e.obsolete]


def test_every_string_has_an_english_translation():
    missing = [e.msgid for e in entries() if not (e.msgstr or e.msgstr_plural.get(0))]
    assert missing == []


def test_no_fuzzy_translations_left():
    assert [e.msgid for e in entries() if "fuzzy" in e.flags] == []


def test_placeholders_survive_translation():
    wrong = []
    for entry in entries():
        if entry.msgid_plural:
            allowed = set(PLACEHOLDER.findall(entry.msgid)) | set(PLACEHOLDER.findall(entry.msgid_plural))
            wrong += [
                (entry.msgid, t) for t in entry.msgstr_plural.values() if not set(PLACEHOLDER.findall(t)) <= allowed
            ]
        elif set(PLACEHOLDER.findall(entry.msgstr)) != set(PLACEHOLDER.findall(entry.msgid)):
            wrong.append((entry.msgid, entry.msgstr))
    assert wrong == []


def test_each_message_is_defined_once():
    keys = [(e.msgctxt, e.msgid) for e in entries()]
    assert sorted({k for k in keys if keys.count(k) > 1}, key=str) == []
