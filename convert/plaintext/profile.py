"""Step 2 of the plain-text grammar: measure the whole document once.

Several rules depend on what is usual *in this document*: the indentation of
its running text, how wide its lines are wrapped, whether it is one
paragraph per line (a digest) or hard-wrapped, a man page, a fortune file or
an outline.  :func:`profile` measures all of it in one pass over the lines;
``--inspect`` prints the measures.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Literal, NamedTuple

from convert.errors import Diagnostic
from convert.plaintext.lines import Kind, Line
from convert.text.patterns import lazy_compile

WRAP_WIDTH = 100
"""Lines of hard-wrapped text are rarely longer than this."""

Style = Literal["lines", "wrapped"]

_MAN_HEADER = lazy_compile(r"(\S+)\((\w+)\)\s{2,}.*\s{2,}(\S+)\((\w+)\)")
_OUTLINE = lazy_compile(r"(\*+) \S")


class Profile(NamedTuple):
    """Document-wide measures the rules consult."""

    style: Style
    """``lines`` (one paragraph per line) or ``wrapped`` (hard-wrapped paragraphs)."""
    style_reason: str
    """The evidence for :attr:`style`, for ``--inspect``."""
    body_indent: int
    """The usual indentation of running text (columns)."""
    width: int
    """The usual width of wrapped lines (a high percentile, in columns)."""
    man_page: bool
    """The text is a rendered manual page (``NAME(1) ... NAME(1)`` header)."""
    fortune: bool
    """Entries separated by lines holding only ``%`` (a fortune file)."""
    history: bool
    """Dated changelog entries run down the margin (``1991/10/18: v2.30``)."""
    config: bool
    """A configuration file: commented-out settings (``#domain=thekelleys.org.uk``)
    make its ``#`` lines comments, never headings."""
    outline_stars: int
    """In an outline (``* Title``, ``** Subtitle``), the fewest stars of a
    heading; 0 when the text is not an outline."""

    def describe(self) -> str:
        kinds = [name for name, flag in (("man page", self.man_page), ("fortune file", self.fortune), ("changelog", self.history), ("configuration file", self.config),
                                         ("outline", bool(self.outline_stars))) if flag]
        what = f"; {', '.join(kinds)}" if kinds else ""
        return f"running text indented {self.body_indent}, wrapped at about {self.width} columns{what}"


def profile(lines: list[Line]) -> tuple[Profile, Diagnostic]:
    """Measure the document; the diagnostic explains the paragraph style."""
    from convert.plaintext.rules import changelog  # the rules import the profile

    style, reason = detect_style(lines)
    return Profile(
        style=style,
        style_reason=reason,
        body_indent=_body_indent(lines),
        width=_width(lines),
        man_page=_is_man_page(lines),
        fortune=_is_fortune(lines),
        history=changelog.is_history(lines),
        config=_is_config(lines),
        outline_stars=_outline_stars(lines),
    ), Diagnostic("paragraph-style", reason, None)


def detect_style(lines: list[Line]) -> tuple[Style, str]:
    """Choose the paragraph style for the whole document, and explain why.

    The text is *wrapped* when it has blank lines, at least one text line
    directly following another line of text (a list item's, a heading's), and
    95 % of its text lines no longer than :data:`WRAP_WIDTH`.
    """
    text_lines = [line for line in lines if line.kind is Kind.TEXT]
    blanks = sum(1 for line in lines if line.kind is Kind.BLANK)
    joins = sum(
        1
        for before, after in zip(lines, lines[1:])
        if before.kind not in (Kind.BLANK, Kind.BREAK) and after.kind is Kind.TEXT and not before.glued_break
    )
    lengths = sorted(len(line.text) for line in text_lines)
    p95 = lengths[math.ceil(len(lengths) * 0.95) - 1] if lengths else 0
    wrapped = blanks > 0 and joins > 0 and p95 <= WRAP_WIDTH
    style: Style = "wrapped" if wrapped else "lines"
    evidence = (
        f"blank lines: {blanks}, text lines following a line of text: {joins}, "
        f"95% of text lines ≤ {p95} characters"
    )
    meaning = "hard-wrapped paragraphs separated by blank lines" if wrapped else "one paragraph per line"
    return style, f"{meaning} ({evidence})"


def _body_indent(lines: list[Line]) -> int:
    """The indentation most continuation lines of paragraphs share (lines of
    prose: long enough to have been wrapped, and not fields or code)."""
    counts: Counter[int] = Counter()
    for before, after in zip(lines, lines[1:]):
        if before.kind is Kind.TEXT and after.kind is Kind.TEXT and _prose(before) and before.indent == after.indent:
            counts[after.indent] += 1
    if not counts:
        counts.update(line.indent for line in lines if line.kind is Kind.TEXT)
    return counts.most_common(1)[0][0] if counts else 0


def _prose(line: Line) -> bool:
    return len(line.text) >= 40 and " " in line.text and ":" not in line.text[:16] and "\t" not in line.text


def _width(lines: list[Line]) -> int:
    widths = sorted(line.width for line in lines if line.kind is Kind.TEXT)
    if not widths:
        return 80
    return max(40, widths[math.ceil(len(widths) * 0.9) - 1])


def _is_man_page(lines: list[Line]) -> bool:
    first = next((line for line in lines if not line.blank), None)
    if first is None or first.indent or "(" not in first.text:
        return False
    match = _MAN_HEADER.fullmatch(first.text)
    return bool(match) and match[1] == match[3]


_SETTING = lazy_compile(r"#[ \t]?[\w.-]+[ \t]*=")


def _is_config(lines: list[Line]) -> bool:
    """Three or more commented-out ``#name=value`` settings."""
    return sum(1 for line in lines if line.text.startswith("#") and _SETTING.match(line.text)) >= 3


def _is_fortune(lines: list[Line]) -> bool:
    separators = sum(1 for line in lines if line.text == "%")
    last = next((line for line in reversed(lines) if not line.blank), None)
    return separators >= 3 or (separators >= 2 and last is not None and last.text == "%")


def _outline_stars(lines: list[Line]) -> int:
    """The fewest stars of outline headings, when the text has headings of two
    or more stars at the margin (one-star lines alone are bullets)."""
    stars = [len(match[1]) for line in lines
             if line.indent == 0 and line.text.startswith("*") and (match := _OUTLINE.match(line.text))]
    if not stars or max(stars) < 2:
        return 0
    return min(stars)
