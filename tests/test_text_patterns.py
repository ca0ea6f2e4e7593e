"""Patterns compiled on first use, and the shortcuts that spare compiling them."""

from __future__ import annotations

import re

from convert.model.languages import _WELL_FORMED, check_language
from convert.text import cleaning
from convert.text.patterns import lazy_compile


def test_lazy_pattern_answers_as_the_compiled_one():
    source = r"(?P<word>[a-z]+)-(\d+)"
    lazy, compiled = lazy_compile(source), re.compile(source)
    text = "abc-12 de-3 x"
    assert lazy.pattern == source
    assert lazy.fullmatch("abc-12")[0] == compiled.fullmatch("abc-12")[0]
    assert lazy.match(text).groups() == compiled.match(text).groups()
    assert lazy.search(text).span() == compiled.search(text).span()
    assert lazy.findall(text) == compiled.findall(text)
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert lazy.sub("_", text) == compiled.sub("_", text)
    assert lazy.subn("_", text) == compiled.subn("_", text)
    assert lazy.split(text) == compiled.split(text)
    assert (lazy.groups, lazy.groupindex) == (compiled.groups, compiled.groupindex)


def test_lazy_pattern_flags():
    assert lazy_compile("abc", re.IGNORECASE).fullmatch("ABC")
    assert lazy_compile(rb"a\x08").search(b"xa\x08")


def test_every_character_the_cleaning_rule_touches_is_unprintable():
    # cleaning._clean trusts str.isprintable(): a printable text needs nothing.
    ranges = [(0x00, 0x1F), (0x7F, 0x9F), (0xD800, 0xDFFF), (0x2028, 0x2029), (0xFDD0, 0xFDEF), (0xFFFE, 0xFFFF)]
    ranges += [(plane + 0xFFFE, plane + 0xFFFF) for plane in range(0x10000, 0x110000, 0x10000)]
    for low, high in ranges:
        for code in range(low, high + 1):
            character = chr(code)
            assert not character.isprintable(), f"U+{code:04X}"
            if character != "\t":
                assert cleaning.clean_text(character)[1] == (character,)


def test_printable_texts_skip_the_pattern_but_answer_the_same():
    for text in ["plain", "tab\there", "no-break\u00a0space", "soft\u00adhyphen", "x\u2028y", "\U0001fffe", ""]:
        expected = not cleaning._BMP_BUT_LINE_BREAKS_RE.search(text) and not cleaning._UNSAFE_RE.search(
            text.replace("\n", " ").replace("\r", " "))
        assert cleaning.is_clean(text) == expected, repr(text)


def test_language_subtag_alone_is_well_formed_without_the_pattern():
    for tag in ["en", "EN", "deu", "abcd", "abcdefgh"]:
        assert check_language(tag) == tag
        assert _WELL_FORMED.fullmatch(tag)
    for tag in ["e", "abcdefghi", "e1", "énglish"]:
        assert not _WELL_FORMED.fullmatch(tag)
