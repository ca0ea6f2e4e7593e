"""Tables of contents: kept as written (verbatim, kind ``contents``), never
read as headings.

A run of five or more lines is a table of contents when at least 60 % of its
lines are entries — a section number and a title (``1.2. Scope``,
``2 Keeping Free Software Free``), or a title with a dotted leader or a gap
and a page number (``Introduction ....... 1``) — and it either follows a
``Contents`` line, has numbers of two or more levels, or has page numbers.
Wrapped entries (their second line not numbered) are part of it.  A run of
three or more short lines most of which stand alone again later in the text
(the headings they list) is one too.  Under a ``Contents`` line, numbered
entries set one blank line apart (as DocBook prints them) are one too, when
there are three or more and each stands alone again later as a heading.

The ``Contents`` line standing alone over a table of contents is a heading.
"""

from __future__ import annotations

from convert.model import Heading, Verbatim
from convert.plaintext.lines import Kind
from convert.plaintext.rules.setext import underline_char
from convert.plaintext.rules.shapes import norm
from convert.plaintext.state import Found, State, span, verbatim_text
from convert.text.patterns import lazy_compile

_NUMBERED_ENTRY = lazy_compile(
    r"(?:\d{1,3}(?:\.\d{1,3})*\.?|[A-Z]\.|Appendix [A-Z]|Chapter \d+\.?|\|[\w.-]+\|)[ \t\u00a0]+\S.{0,100}"
)
_SUBSECTION = lazy_compile(r"\d{1,3}\.\d{1,3}")
_PAGE_ENTRY = lazy_compile(r"\S.{0,100}?(?:\s*\.{3,}\s*|\s{2,}|\t+)(?:\d{1,4}|[ivxlc]{1,6})")
_CONTENTS_TITLE = lazy_compile(
    r"(?i:(?:table of )?contents|index|inhalt(?:sverzeichnis)?|sommaire|table des matières|índice|indice|"
    r"содержание|оглавление|περιεχόμενα|目录|目錄|目次|תוכן העניינים|תוכן)[:：]?"
)
_MIN_LINES = 5
_TITLE_MAX = 80
_PLAIN = (Kind.TEXT, Kind.CAPS, Kind.KEYWORD)
_UNNUMBERED_MAX = 200


def contents(state: State, position: int) -> Found | None:
    if state.run_start(position) != position:
        return None
    if (found := _titles_repeated_later(state, position)) is not None:
        return found
    if (found := _spaced_entries(state, position)) is not None:
        return found
    # The contents end at an underlined heading right after them.  The first lines are
    # searched for one, and checked for entries, before the rest of the run is searched.
    end = state.run_end(position)
    head_end = min(end, position + _MIN_LINES * 2)
    underlined = _first_underlined(state, position + 1, min(head_end, end - 1))
    if underlined is not None:
        end = head_end = underlined
    if head_end - position < _MIN_LINES:
        return None
    head = state.lines[position:head_end]
    if sum(1 for line in head if _NUMBERED_ENTRY.fullmatch(line.text) or _PAGE_ENTRY.fullmatch(line.text)) \
            < 0.5 * len(head):
        return None  # a table of contents starts with entries
    if underlined is None:
        underlined = _first_underlined(state, head_end, end - 1)
        end = end if underlined is None else underlined
    lines = state.lines[position:end]
    numbered = sum(1 for line in lines if _NUMBERED_ENTRY.fullmatch(line.text))
    paged = sum(1 for line in lines if _PAGE_ENTRY.fullmatch(line.text))
    entries = max(numbered, paged)
    if entries < 0.6 * len(lines):
        return None
    previous = state.previous_text(position)
    titled = previous is not None and bool(_CONTENTS_TITLE.fullmatch(state.lines[previous].text))
    levels = any(_SUBSECTION.match(line.text) for line in lines)
    if not (titled or levels or paged >= 0.6 * len(lines)):
        return None
    block = Verbatim(verbatim_text(lines), "contents", None, span(lines))
    return Found([block], end, f"table of contents: {entries} entries in {len(lines)} lines")


def _first_underlined(state: State, start: int, stop: int) -> int | None:
    """The first position from ``start`` up to ``stop`` (exclusive) of a line underlined by the next."""
    return next((index for index in range(start, stop) if underline_char(state.lines[index], state.lines[index + 1])),
                None)


def _standalone_texts(state: State) -> dict[str, list[int]]:
    """Where each text standing alone (between blank lines) occurs, computed once."""
    found = state.cache.get("standalone-texts")
    if found is None:
        found = {}
        for index, line in enumerate(state.lines):
            if not line.blank and state.isolated(index) and len(line.text) <= _TITLE_MAX:
                found.setdefault(norm(line.text), []).append(index)
        state.cache["standalone-texts"] = found
    return found


def _titles_repeated_later(state: State, position: int) -> Found | None:
    """Three or more short lines, each repeated later standing alone (as the
    heading it lists): a table of contents without numbers."""
    end = state.run_end(position)
    if end - position < 3 or end - position > _UNNUMBERED_MAX:
        return None
    lines = state.lines[position:end]
    if any(len(line.text) > _TITLE_MAX or line.kind not in _PLAIN for line in lines):
        return None
    later = _standalone_texts(state)
    repeated = sum(
        1 for line in lines
        if later.get(norm(line.text), [-1])[-1] >= end
    )
    if repeated < 3 or repeated < 0.6 * len(lines):
        return None
    block = Verbatim(verbatim_text(lines), "contents", None, span(lines))
    return Found([block], end, f"table of contents: {repeated} titles that stand alone later as headings")


def _spaced_entries(state: State, position: int) -> Found | None:
    """``Table of Contents`` / ``1. Introduction`` / (blank) / ``2. Data`` …:
    numbered entries one blank line apart, each a heading again later."""
    previous = state.previous_text(position)
    if previous is None or not _CONTENTS_TITLE.fullmatch(state.lines[previous].text) or not state.blank(position + 1):
        return None  # (entries in a run of their own are the usual contents, above)
    later = _standalone_texts(state)
    index, last, entries = position, None, 0
    while index < len(state) and entries < _UNNUMBERED_MAX:
        line = state.lines[index]
        if line.blank:
            if state.blank(index + 1):
                break  # two blank lines end the contents
            index += 1
            continue
        if not _NUMBERED_ENTRY.fullmatch(line.text) or later.get(norm(line.text), [-1])[-1] <= index:
            break
        last, entries = index, entries + 1
        index += 1
    if last is None or entries < 3:
        return None
    lines = state.lines[position:last + 1]
    block = Verbatim(verbatim_text(lines), "contents", None, span(lines))
    return Found([block], last + 1, f"table of contents: {entries} numbered entries set apart by blank lines")


def heading(state: State, position: int) -> Found | None:
    """``Table of Contents`` standing alone over the contents it names."""
    line = state.lines[position]
    if not _CONTENTS_TITLE.fullmatch(line.text) or not state.isolated(position):
        return None
    following = state.next_text(position, 3)
    if following is None or contents(state, following) is None:
        return None
    return Found([Heading(1, line.text, None, (line.number, line.number))], position + 1,
                 "heading: the title of the table of contents below")
