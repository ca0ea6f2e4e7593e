"""Questions of a FAQ: ``Q:`` lines are headings, their ``A:`` answers text.

In a text with at least :data:`QUESTIONS_MIN` lines at the margin starting
``Q:`` (or ``Q.``), each such line and the lines that wrap on from it,
indented, up to the ``A:`` line, is a heading — the question, ``Q:``
included, as written::

    Q: I'm using ksh or csh as my vi edit option shell value, and file
       expansions don't work right!
    A: The problem may be in your ksh or csh startup files, e.g., .cshrc.

One ``Q:`` line alone is text (a transcript, an example).
"""

from __future__ import annotations

import re

from convert.model import Heading
from convert.plaintext.lines import Line
from convert.plaintext.state import Found, State, joined_text, span

QUESTIONS_MIN = 3
UNIT_MAX = 4
"""Lines of one question, at most."""
_QUESTION = re.compile(r"Q[:.][ \t]+\S")
_ANSWER = re.compile(r"A[:.][ \t]+\S")
_KEY = "faq-questions"


def question_line(line: Line) -> bool:
    return not line.indent and bool(_QUESTION.match(line.text))


def is_faq(state: State) -> bool:
    """Enough questions at the margin (counted once per document)."""
    if _KEY not in state.cache:
        count = 0
        for line in state.lines:
            count += question_line(line)
            if count >= QUESTIONS_MIN:
                break
        state.cache[_KEY] = count >= QUESTIONS_MIN
    return state.cache[_KEY]


def question(state: State, position: int) -> Found | None:
    line = state.lines[position]
    if not question_line(line) or not is_faq(state):
        return None
    end = position + 1
    while end < len(state) and end - position < UNIT_MAX and not state.blank(end) \
            and state.lines[end].indent > 0 and not _ANSWER.match(state.lines[end].text):
        end += 1
    unit = state.lines[position:end]
    return Found([Heading(1, joined_text(unit), None, span(unit))], end,
                 "heading: a FAQ's question ('Q:' lines down the margin)")
