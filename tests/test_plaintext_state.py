"""The block parser's state helpers answer as their plain definitions do."""

from __future__ import annotations

import textwrap

from hypothesis import given
from hypothesis import strategies as st

from convert.plaintext.lines import classify
from convert.plaintext.profile import profile
from convert.plaintext.state import State, verbatim_text

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
