"""The reader's shortcuts answer as their plain definitions do."""

from __future__ import annotations

import re
import textwrap
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convert import api
from convert.plaintext import rules
from convert.plaintext.rules import contents
from convert.plaintext.lines import NEVER_WIDE, _BULLET_FIRST, bullet_body, classify, display_width, split_line_ends
from convert.plaintext.profile import profile
from convert.plaintext.state import State, verbatim_text
from test_plaintext_grammar import FIXTURES, read_cases
from test_properties import PATTERN_LINE

@given(st.text(alphabet="a\r\n\u2028\x0b", max_size=20))
def test_lines_split_at_crlf_cr_and_lf(text):
    assert split_line_ends(text) == re.split(r"\r\n|\r|\n", text)


RAW_LINES = st.lists(st.text(alphabet=" \t\u00a0ab*", max_size=8), min_size=1, max_size=8)


@given(RAW_LINES)
def test_verbatim_text_removes_the_indentation_textwrap_does(raws):
    lines = [classify(number, raw) for number, raw in enumerate(raws, start=1)]
    expected = textwrap.dedent("\n".join(line.raw for line in lines)).strip("\n")
    assert verbatim_text(lines) == expected


@given(RAW_LINES, st.integers(0, 8), st.integers(0, 3))
def test_blank_runs_and_skipped_lines(raws, start, length):
    lines = [classify(number, raw) for number, raw in enumerate(raws, start=1)]
    state = State(lines, profile(lines)[0])
    skipped = range(min(start, len(lines)), min(start + length, len(lines)))
    state.skip_lines(skipped)
    state.find_runs()
    for index in range(-2, len(lines) + 2):
        expected = not 0 <= index < len(lines) or lines[index].blank or index in skipped
        assert state.blank(index) == expected
    for index in range(len(lines)):
        end = next((i for i in range(index, len(lines)) if state.blank(i)), len(lines))
        start_ = next((i + 1 for i in range(index, -1, -1) if state.blank(i)), 0)
        assert (state.run_start(index), state.run_end(index)) == (start_, end)


CORPUS = sorted((Path(__file__).parent.parent / "corpus" / "plaintext" / "docs").glob("*.txt"))
CASES = [(name, source.encode("utf-8")) for name, source, _ in read_cases(FIXTURES)]
DOCUMENTS = [(path.name, path.read_bytes()) for path in CORPUS] + CASES


@pytest.mark.parametrize("name, data", DOCUMENTS, ids=[name for name, _ in DOCUMENTS])
def test_rules_skipped_by_first_character_would_not_have_matched(name, data, monkeypatch):
    path = Path(name if name.endswith(".txt") else "case.txt")
    with_shortcut = api.read_bytes(data, path.name)
    monkeypatch.setattr(rules, "rules_for", lambda line: rules.RULES_BY_KIND[line.kind])
    without = api.read_bytes(data, path.name)
    assert with_shortcut.document == without.document
    assert with_shortcut.notes == without.notes


def _without_shortcut(data: bytes):
    original = rules.rules_for
    rules.rules_for = lambda line: rules.RULES_BY_KIND[line.kind]
    try:
        return api.read_bytes(data, "mixed.txt")
    finally:
        rules.rules_for = original


# Lines and snippets each rule with a first-character shortcut starts at, among the grammar's others.
STARTING_SNIPPETS = [
    "--- a.c", "+++ b.c", "@@ -1 +1 @@", " context", "-removed", "Index: a.c", "diff -u a.c b.c", "=" * 24,
    "*** a.c", "--- 1,2 ----", "Q. What now?", "[ Jane Doe ]", "*intro*  Introduction  *intro*", "====== Part ======",
    "~~~ Part ~~~", "8<-----", "-- >8 --", "_" * 34, "--", "~~~", "````", "....", "----", "# one", "# two",
    "# three", "> quoted", "From: a@b.org", "To: c@d.org", "-----BEGIN PGP MESSAGE-----", "-----END PGP MESSAGE-----",
    "--- a.c\n+++ b.c\n@@ -1 +1 @@\n-x\n+y", "*** a.c\n--- b.c\n***************\n! x",
    "Index: a.c\n===================\n--- a.c\n+++ a.c\n@@ -1 +1 @@\n x",
    "\n-----BEGIN PGP MESSAGE-----\nabc\n-----END PGP MESSAGE-----\n", "\n--\nJane\n",
    "\n```\ncode\n```\n", "\n----\nlisting\n----\n", "\n8<----\nsnip\n---->8\n", "\n# a\n# b\n# c\n",
    "\nFrom: a@b.org\nSubject: x\n", "Q: One?\nA: Yes.\nQ: Two?\nA: No.\nQ: Three?\nA: So.",
    "pkg (1.0-1) unstable; urgency=low\n\n  [ Jane Doe ]\n  * Fix.", "\n=== Title ===\ntext\n=== Next ===\n",
    "\n*tag*\ttitle\n", "> a\n> b\n",
]
STARTING_LINES = st.sampled_from(STARTING_SNIPPETS)
MIXED = st.lists(st.one_of(PATTERN_LINE, STARTING_LINES), min_size=1, max_size=40).map("\n".join)


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=300)
@given(MIXED)
def test_rules_skipped_by_first_character_would_not_have_matched_mixed_lines(text):
    data = text.encode("utf-8")
    try:
        with_shortcut = api.read_bytes(data, "mixed.txt")
    except Exception as error:  # an empty text: both refuse it
        with pytest.raises(type(error)):
            _without_shortcut(data)
        return
    without = _without_shortcut(data)
    assert (with_shortcut.document, with_shortcut.notes) == (without.document, without.notes)


@pytest.mark.parametrize("rule", [rule for rule in rules.RULES if rule.starts], ids=lambda rule: rule.name)
def test_rules_with_a_first_character_shortcut_match_only_lines_so_starting(rule):
    texts = [source for _, source, _ in read_cases(FIXTURES)] + STARTING_SNIPPETS
    for text in texts:
        lines = [classify(number, raw) for number, raw in enumerate(text.split("\n"), start=1)]
        for position, line in enumerate(lines):
            if line.blank:
                continue
            state = State(lines, profile(lines)[0])  # each rule tried afresh, as at the start of a block
            if rule.match(state, position) is not None:
                assert line.text[0] in rule.starts, (rule.name, line.text)


def _contents_as_first_written(state, position):
    """The contents rule's end and first lines as first written: the whole run searched for an underline first."""
    from convert.plaintext.rules.setext import underline_char

    end = state.run_end(position)
    for index in range(position + 1, end - 1):
        if underline_char(state.lines[index], state.lines[index + 1]):
            end = index
            break
    lines = state.lines[position:end]
    if len(lines) < 5:
        return None
    head = lines[:10]
    if sum(1 for line in head if contents._NUMBERED_ENTRY.fullmatch(line.text)
           or contents._PAGE_ENTRY.fullmatch(line.text)) < 0.5 * len(head):
        return None
    return end


CONTENTS_LINES = st.sampled_from([
    "1. One", "2. Two ..... 3", "Intro    5", "Chapter 1. Start", "text", "=====", "-----", "Heading", "", "1.1 Sub",
    "A. Annex",
])


@given(st.lists(CONTENTS_LINES, min_size=1, max_size=30))
def test_contents_end_where_first_written(texts):
    lines = [classify(number, raw) for number, raw in enumerate(texts, start=1)]
    state = State(lines, profile(lines)[0])
    for position in range(len(lines)):
        if lines[position].blank or state.run_start(position) != position:
            continue
        if contents._titles_repeated_later(state, position) or contents._spaced_entries(state, position):
            continue
        expected = _contents_as_first_written(state, position)
        found = contents.contents(state, position)
        if expected is None or found is None:
            assert found is None or expected is not None
        else:
            assert found.end == expected


def test_no_character_in_the_never_wide_ranges_is_wide():
    for low, high in NEVER_WIDE:
        for code in range(ord(low), ord(high) + 1):
            assert unicodedata.east_asian_width(chr(code)) not in "WF", f"U+{code:04X}"


def test_display_width_counts_wide_characters_twice():
    for text in ["abc", "“quoted” — and…", "日本語", "a\u3000b", "\u0378", "€ 5", "ｆｕｌｌ"]:
        assert display_width(text) == sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


BULLET = re.compile(r"([-*•+◦▪‣·])[ \t]+(\S.*)|(・)[ \t\u3000]*(\S.*)|(o)[ \t]+([A-Z\d\"'(].*)")
"""The bullet pattern as first written, in one piece."""


@given(st.sampled_from(sorted(_BULLET_FIRST)), st.text(alphabet=" \t\u3000\u00a0\u2003aZ5٣\"'(・-", max_size=6))
def test_bullet_body_as_the_single_pattern_has_it(bullet, rest):
    text = bullet + rest
    match = BULLET.fullmatch(text)
    assert bullet_body(text) == (match and (match[2] or match[4] or match[6]))
