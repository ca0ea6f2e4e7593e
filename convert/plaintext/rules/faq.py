"""Questions of a FAQ: ``Q:`` lines are headings, their ``A:`` answers text.

In a text with at least :data:`QUESTIONS_MIN` lines at the margin starting
``Q:`` (or ``Q.``), each such line and the lines that wrap on from it,
indented, up to the ``A:`` line, is a heading — the question, ``Q:``
included, as written::

    Q: I'm using ksh or csh as my vi edit option shell value, and file
       expansions don't work right!
    A: The problem may be in your ksh or csh startup files, e.g., .cshrc.

One ``Q:`` line alone is text (a transcript, an example).

The questions of an AsciiDoc FAQ are labelled-list terms over their indented
answers; in a text with at least :data:`QUESTIONS_MIN` terms ending ``?::``,
every term at the margin directly over indented text is a question heading,
as written::

    What does `http.postBuffer` really do?::
    →This option changes the size of the buffer that Git uses when pushing
"""

from __future__ import annotations

from typing import Callable

from convert.model import Heading
from convert.plaintext.lines import Line
from convert.plaintext.state import Found, State, joined_text, span
from convert.text.patterns import lazy_compile

QUESTIONS_MIN = 3
UNIT_MAX = 4
"""Lines of one question, at most."""
_QUESTION = lazy_compile(r"Q[:.][ \t]+\S")
_ANSWER = lazy_compile(r"A[:.][ \t]+\S")
_TERM = lazy_compile(r"(\S.*?\S)::")
_KEY = "faq-questions"
_TERMS_KEY = "faq-terms"


def question_line(line: Line) -> bool:
    return not line.indent and bool(_QUESTION.match(line.text))


def is_faq(state: State) -> bool:
    """Enough ``Q:`` questions at the margin (counted once per document)."""
    return _enough(state, _KEY, question_line)


def _term_faq(state: State) -> bool:
    """Enough ``…?::`` terms at the margin (counted once per document)."""
    return _enough(state, _TERMS_KEY, lambda line: not line.indent and line.text.endswith("?::"))


def _enough(state: State, key: str, counts: Callable[[Line], bool]) -> bool:
    """At least :data:`QUESTIONS_MIN` lines for which ``counts`` holds, memoised under ``key``."""
    if key not in state.cache:
        found = 0
        for line in state.lines:
            found += counts(line)
            if found >= QUESTIONS_MIN:
                break
        state.cache[key] = found >= QUESTIONS_MIN
    return state.cache[key]


def term_line(state: State, position: int) -> bool:
    """A labelled-list term of a FAQ of such terms, directly over its indented answer."""
    line = state.lines[position]
    if line.indent or not line.text.endswith("::") or not _TERM.fullmatch(line.text):
        return False
    following = state.line(position + 1)
    return following is not None and not following.blank and following.indent > 0 and _term_faq(state)


def term(state: State, position: int) -> Found | None:
    if not term_line(state, position):
        return None
    line = state.lines[position]
    return Found([Heading(1, line.text, None, (line.number, line.number))], position + 1,
                 "heading: a FAQ's question, an AsciiDoc term ('…?::') over its indented answer")


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
