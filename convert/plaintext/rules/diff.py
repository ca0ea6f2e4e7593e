"""Patches: a context or unified diff is code, every line as written.

A diff starts with its two file lines (after an ``Index:`` or ``diff -u``
line, when there is one) — ``*** old`` over ``--- new`` (context)
or ``--- old`` over ``+++ new`` (unified) — and runs on over hunk lines:
``***************``, ``*** 653,668 ****``, ``--- 653,663 ----``, ``@@ -1,3 +1,4 @@``,
and lines starting with a space, ``+``, ``-``, ``!`` or ``\\`` (``\\ No newline
at end of file``).  It ends at an empty line or at the first line of any other
shape.  Without the diff rule, a hunk's ``***************`` reads as a scene
break and its ``! changed`` lines flow into paragraphs.
"""

from __future__ import annotations

from convert.model import Verbatim
from convert.plaintext.state import Found, State, span, verbatim_text
from convert.text.patterns import lazy_compile

_FILE_PAIRS = (
    (lazy_compile(r"\*\*\* \S"), lazy_compile(r"--- \S")),
    (lazy_compile(r"--- \S"), lazy_compile(r"\+\+\+ \S")),
)
_HUNK_LINE = lazy_compile(r"\*{15}|\*\*\* \d+(?:,\d+)? \*\*\*\*|--- \d+(?:,\d+)? ----|@@ .* @@.*|[ +\-!\\].*")
_PREAMBLE = lazy_compile(r"Index: \S|diff \S|={20,}$")
_PREAMBLE_LINES = 3
LIMIT = 100_000
"""Lines of one diff, at most (a bound that keeps a hostile input linear)."""


def diff(state: State, position: int) -> Found | None:
    pair = position
    while pair - position < _PREAMBLE_LINES and state.line(pair) is not None and _PREAMBLE.match(state.lines[pair].raw):
        pair += 1  # "Index: file" and "diff -u old new" over the file lines
    first, second = state.line(pair), state.line(pair + 1)
    if first is None or second is None or first.indent or second.indent:
        return None
    if not any(old.match(first.raw) and new.match(second.raw) for old, new in _FILE_PAIRS):
        return None
    end = pair + 2
    while end < len(state) and end - position < LIMIT and end not in state.skip \
            and _HUNK_LINE.fullmatch(state.lines[end].raw):
        end += 1  # a context line of only spaces is part of the hunk; an empty line ends it
    if end == pair + 2:
        return None  # two file lines without a hunk: not a diff
    region = state.lines[position:end]
    return Found([Verbatim(verbatim_text(region), "code", "diff", span(region))], end,
                 f"diff: {end - position} lines of a patch")
