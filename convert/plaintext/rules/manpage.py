"""Manual pages rendered as text (``man -l page | col -bx``).

A text is a man page when its first line is a running header ``NAME(n)
… NAME(n)``.  Then the first and last lines (running header and footer) are
paragraphs; a short line at the margin is a section heading (``NAME``,
``SYNOPSIS``, ``ОПИСАНИЕ``, ``名称``) and a short line indented a little
(three columns) over deeper text a subsection heading.  The title is the
content of the NAME section (see :mod:`.title`).  The synopsis — the
section after NAME, when its lines start with the command's name — is
verbatim.
Weaker heading rules are off in a man page.
"""

from __future__ import annotations

from convert.model import Heading, Paragraph, Verbatim
from convert.plaintext.rules.shapes import ends_sentence
from convert.plaintext.state import Found, State, span, verbatim_text

_SECTION_MAX = 50
_SUBSECTION_INDENT = range(1, 5)


def _edges(state: State) -> tuple[int, int]:
    edges = state.cache.get("man-edges")
    if edges is None:
        texts = [index for index in range(len(state)) if not state.blank(index)]
        edges = (texts[0], texts[-1]) if texts else (-1, -1)
        state.cache["man-edges"] = edges
    return edges


def section(state: State, position: int) -> Found | None:
    if not state.profile.man_page:
        return None
    line = state.lines[position]
    if position in _edges(state):
        return Found([Paragraph(line.text, (line.number, line.number))], position + 1,
                     "paragraph: the man page's running header or footer")
    text = line.text
    if len(text) > _SECTION_MAX or ends_sentence(text) or not any(char.isalpha() for char in text):
        return None
    following = state.line(position + 1)
    if line.indent == 0:
        level = 1
    elif line.indent in _SUBSECTION_INDENT and following is not None and not following.blank \
            and following.indent > line.indent + 2:
        level = 2
    else:
        return None
    block = Heading(level, text, None, (line.number, line.number))
    state.cache["man-section-end"] = position + 1
    if level == 1:
        state.cache["man-sections"] = state.cache.get("man-sections", 0) + 1
    what = "section" if level == 1 else "subsection"
    return Found([block], position + 1, f"heading level {level}: man-page {what} name at column {line.indent}")


def synopsis(state: State, position: int) -> Found | None:
    command = state.cache.get("man-command")
    if not state.profile.man_page or not command or state.cache.get("man-section-end") != position \
            or state.cache.get("man-sections") != 2:
        return None  # only the section after NAME
    line = state.lines[position]
    if line.text.split(None, 1)[0] != command or state.cache.get("man-name-section") == position:
        return None
    end = state.run_end(position)
    lines = state.lines[position:end]
    return Found([Verbatim(verbatim_text(lines), "code", None, span(lines))], end,
                 f"man-page synopsis: lines starting with the command {command!r}")
