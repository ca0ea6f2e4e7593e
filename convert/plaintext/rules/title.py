"""The title: found before the block rules run, in this order.

1. **None** for a fortune file, a changelog whose first line is an entry
   (``procmail (3.22-27) unstable; urgency=medium``, ``1990/12/07: v1.00``)
   or a mailbox of several messages.
2. **Mail**: the ``Subject:`` of a single message; a body line repeating it
   is the title line.
3. **Man page**: the content of the NAME section (``lockfile - conditional
   semaphore-file creator``); the section stays in the text.
4. **``#`` title**: ``# Richard II`` on the first line, when no other line
   is a one-``#`` heading; ``## ACT I`` is then a level-1 heading.
5. **Before a mode tag**: ``GNU grep NEWS      -*- outline -*-`` standing
   alone gives ``GNU grep NEWS``; the tag (and any words after it) stays as
   a paragraph.
6. **Banner**: a framed line at the top (``=====`` / ``=  W e l c o m e  =``
   / ``=====``); letter-spacing is closed up and a ``- Version 1.7`` suffix
   is kept as a paragraph of its own.
7. **Decorated line** at the top, between rules:
   ``---------- Frequently Asked Questions ----------``.
8. **Overlined**: one line between two equal rules at the top
   (``=====`` / ``Docutils History`` / ``=====``, reStructuredText's title).
9. **Project Gutenberg**: the work named by the preamble (``release of: X by
   Y``, ``EBook of X, by Y``, ``Title: X``); a line standing alone with that
   name is the title line.
10. **Underlined first line** (``Mozilla Public License Version 2.0`` / ``===``),
   or the first underlined heading after a table of contents at the top;
   not a section's name (``Overview`` / ``===`` is the first section).
11. **First line**, not a chapter or section line (``A. HISTORY``): at most 100 characters, not ending with ``,`` or ``;`` nor
   with a period (unless it holds `` -- ``, `` - `` or ``: ``, as in ``GNU
   Emacs NEWS -- history of user-visible changes.``), not a copyright
   line, followed by more text, and in hard-wrapped text standing alone — or centred with only a
   centred subtitle (a version or date) below, or with only lines set far
   right below (a date, an author's address).  ``Emacs tutorial.  See end
   for copying conditions.``: the first sentence is the title and the rest
   stays as a paragraph.  An Emacs mode line, a Vim help tag line, a
   reStructuredText directive and a printed page's header starting with a
   date are skipped.
12. **A product line over its copyright lines** near the top.
13. **The first centred line** standing alone in the first 20 lines, or two
    centred lines standing together (a title wrapped in two), or the lines
    above a centred byline (``BY`` / ``MARK TWAIN``, which stays as text);
    not a sentence of more than eight words ending with a period.

Otherwise the title is the file name made readable.
"""

from __future__ import annotations

import re

from convert.model import Paragraph
from convert.plaintext.lines import Kind, Line
from convert.plaintext.rules import contents as contents_rule
from convert.plaintext.rules import titlepage
from convert.plaintext.rules.changelog import dated, debian_entry
from convert.plaintext.rules.headings import _DECORATED, ATX_TITLE
from convert.plaintext.rules.plausible import caption
from convert.plaintext.rules.setext import underline_char
from convert.plaintext.rules.shapes import (
    address_only,
    code_like,
    header_field,
    letter_spaced,
    mail_header_name,
    mode_line,
    near_middle,
    norm,
    unspace_letters,
    version_or_date,
    vim_file_tag,
)
from convert.plaintext.state import State
from convert.text.patterns import lazy_compile

TITLE_MAX = 100
_MBOX_FROM = lazy_compile(r"From \S+ .*\d{4}\s*")
_VERSION_SUFFIX = lazy_compile(r"(.*?\S)\s+[-–—]\s+((?i:version|versión|έκδοση|версия|release|v)\s*[\d.]+.*)")
_FIRST_SENTENCE = lazy_compile(r"(.{1,60}?)\.[ \t]+(\S.*)")
_SEPARATORS = (" -- ", " - ", ": ", " — ")
_GUTENBERG_NAMED = lazy_compile(r"(?i:.*(?:e-?book of|etext of)\s+)(.+?)(?:,?\s+by\s+.*)?")
_TITLE_FIELD = lazy_compile(r"Title:\s+(.+)")
_COPYRIGHT_LINE = lazy_compile(r"(?i:copyright\b|©)")
_PAGE_HEADER = lazy_compile(r"\d{1,2}/\d{1,2}/\d{2,4}\s")
_MODE_TAG = lazy_compile(r"(\S.{0,80}?\S)[ \t]{2,}(-\*-.*-\*-(?:[ \t]+\S.*)?)")
_SECTION_START = lazy_compile(r"(?:[A-Z]|\d{1,3}(?:\.\d{1,3})*)[.)][ \t]+\S")
_NEAR_TOP = 20
_TITLE_LINES = 2
_BYLINE = lazy_compile(r"(?i:by)\b")
_TITLE_WORDS = 8
"""A centred line of more words than this ending with a period is a sentence."""
"""A centred title may wrap onto a second line."""
_GUTENBERG_SEARCH = 400


class Title:
    """The title found, where, and why (for ``--inspect``)."""

    __slots__ = ("text", "lines", "why")

    def __init__(self, text: str, lines: tuple[int, int] | None, why: str) -> None:
        self.text = text
        self.lines = lines
        """Source lines the title was taken from (and removed from the text)."""
        self.why = why


def find_title(state: State) -> Title | None:
    """Find the title; consumed lines are added to ``state.skip``."""
    first = _first_text(state, 0)
    if first is None:
        return None
    while _not_a_title(state.lines[first].text):
        first = _first_text(state, first + 1)
        if first is None:
            return None
    line = state.lines[first]
    if state.profile.fortune or debian_entry(line.text) or (state.profile.history and dated(line)):
        return None
    mbox = line.text.startswith("From ") and _MBOX_FROM.fullmatch(line.text)
    if mbox or (header_field(line.text) and mail_header_name(line.text)):
        return _mail(state, first)
    if state.profile.man_page:
        return _man_name(state, first)
    for rule in (_atx_title, _before_mode_tag, _banner, _decorated, _overlined, _gutenberg, _setext, _after_contents, _first_line, _over_copyright, _centred_near_top):
        title = rule(state, first)
        if title is not None:
            state.title_text = norm(title.text)
            if title.lines:
                titlepage.mark(state, title.lines[1] - 1)  # positions are line numbers - 1
            return title
    return None


def _before_mode_tag(state: State, first: int) -> Title | None:
    """``GNU grep NEWS      -*- outline -*-``: the words before an Emacs mode tag;
    the tag stays as a paragraph of its own."""
    line = state.lines[first]
    match = "-*-" in line.text and _MODE_TAG.fullmatch(line.text)
    if not match or not state.blank(first + 1):
        return None
    title = _take(state, first, first + 1, match[1], "title: the first line, before its Emacs mode tag")
    state.inject.setdefault(first, []).append(Paragraph(match[2], (line.number, line.number)))
    return title


def _overlined(state: State, first: int) -> Title | None:
    """A reStructuredText title: one short line between two equal rules
    (``==================`` / `` Docutils History`` / ``==================``)."""
    if first + 2 >= len(state):
        return None
    top, line, bottom = state.lines[first], state.lines[first + 1], state.lines[first + 2]
    if top.kind is not Kind.BREAK or bottom.text != top.text or top.text[0] not in "=-~*#+^" \
            or top.text != top.text[0] * len(top.text) or line.kind not in (Kind.TEXT, Kind.CAPS, Kind.KEYWORD) \
            or len(line.text) > len(top.text) or line.text[0] == top.text[0] or _DECORATED.fullmatch(line.text):
        return None
    return _take(state, first, first + 3, line.text, "title: a line between two equal rules at the top")


def _atx_title(state: State, first: int) -> Title | None:
    """``# Richard II`` on the first line, the only one-``#`` heading of the text."""
    line = state.lines[first]
    if line.kind is not Kind.ATX or line.marker != "#" or not line.body:
        return None
    if any(other.kind is Kind.ATX and other.marker == "#" for other in state.lines[first + 1:]):
        return None  # several top headings: chapters, not a title
    state.cache[ATX_TITLE] = 1  # "## ACT I" is then a top section
    return _take(state, first, first + 1, line.body, "title: the one '#' heading, on the first line")


def _not_a_title(text: str) -> bool:
    """An Emacs mode line, a Vim help tag line (``*usr_01.txt*  For Vim…``) or a
    printed page's header starting with a date (``11/5/2019 Rainbow - Wikipedia``)."""
    if mode_line(text):
        return not _MODE_TAG.fullmatch(text)  # words before the tag may be the title
    if text.startswith(".. "):
        return True  # a reStructuredText directive or comment (``.. include:: header.rst``)
    if text.startswith("*"):
        return vim_file_tag(text)
    return text[:1].isdigit() and bool(_PAGE_HEADER.match(text))


def _first_text(state: State, start: int) -> int | None:
    return next((index for index in range(start, len(state)) if not state.lines[index].blank), None)


def _take(state: State, start: int, end: int, text: str, why: str) -> Title:
    state.skip_lines(range(start, end))
    return Title(text, (state.lines[start].number, state.lines[end - 1].number), why)


def _mail(state: State, first: int) -> Title | None:
    subjects = [line for line in state.lines if line.indent == 0 and line.text.lower().startswith("subject:")]
    messages = sum(1 for line in state.lines if _MBOX_FROM.fullmatch(line.text))
    if len(subjects) != 1 or messages > 1:
        return None
    subject = subjects[0].text.split(":", 1)[1].strip()
    if not subject:
        return None
    state.title_text = norm(subject)
    header_end = first
    while header_end < len(state) and not state.lines[header_end].blank:
        header_end += 1
    for index in range(header_end, min(len(state), header_end + 30)):
        if norm(state.lines[index].text) == state.title_text:
            return _take(state, index, index + 1, state.lines[index].text, "title: the mail's Subject, repeated in the body")
    return Title(subject, None, "title: the mail's Subject header")


def _man_name(state: State, first: int) -> Title | None:
    section = _first_text(state, first + 1)
    if section is None or state.lines[section].indent != 0:
        return None
    start = _first_text(state, section + 1)
    if start is None or state.lines[start].indent == 0:
        return None
    end = start
    while end < len(state) and not state.lines[end].blank and state.lines[end].indent > 0:
        end += 1
    text = " ".join(line.text for line in state.lines[start:end])
    state.cache["man-command"] = text.split(None, 1)[0]
    state.cache["man-name-section"] = start
    state.title_text = norm(text)
    return Title(text, None, f"title: the content of the man page's {state.lines[section].text} section")


def _banner(state: State, first: int) -> Title | None:
    top, middle, bottom = state.line(first), state.line(first + 1), state.line(first + 2)
    if middle is None or bottom is None or top.kind is not Kind.BREAK or bottom.text != top.text:
        return None
    char = top.text[0]
    inner = middle.text
    if not (inner.startswith(char) and inner.endswith(char)) or len(inner) < 3:
        return None
    inner = inner.strip(char + " \t")
    if not any(c.isalpha() for c in inner):
        return None
    text = unspace_letters(inner) if letter_spaced(inner) else inner
    title = _take(state, first, first + 3, text, "title: the framed banner at the top")
    if match := _VERSION_SUFFIX.fullmatch(text):
        title.text = match[1]
        state.inject.setdefault(first + 1, []).append(Paragraph(match[2], (middle.number, middle.number)))
    return title


def _decorated(state: State, first: int) -> Title | None:
    for index in (first, first + 1):
        line = state.line(index)
        if line is None or line.blank:
            return None
        match = _DECORATED.fullmatch(line.text)
        if match and any(c.isalpha() for c in match[2]):
            start, end = index, index + 1
            if index > first and state.lines[first].kind is Kind.BREAK:
                start = first
            following = state.line(end)
            if following is not None and following.kind is Kind.BREAK:
                end += 1
            return _take(state, start, end, match[2], "title: the decorated line at the top")
        if line.kind is not Kind.BREAK:
            return None
    return None


def _gutenberg(state: State, first: int) -> Title | None:
    head = state.lines[first:first + 40]
    if not any("gutenberg" in line.text.lower() for line in head):
        return None
    name = None
    for index, line in enumerate(head):
        if match := _TITLE_FIELD.fullmatch(line.text):
            name = match[1]
        elif line.text.rstrip().lower().endswith("release of:"):
            following = _first_text(state, first + index + 1)
            if following is not None:
                name = re.split(r",?\s+by\s+", state.lines[following].text, maxsplit=1)[0]
        elif match := _GUTENBERG_NAMED.fullmatch(line.text):
            name = match[1]
        if name:
            break
    if not name:
        return None
    wanted = norm(name)
    for index in range(first, min(len(state), first + _GUTENBERG_SEARCH)):
        if norm(state.lines[index].text) == wanted and state.isolated(index):
            return _take(state, index, index + 1, state.lines[index].text,
                         "title: the work named by the Project Gutenberg preamble, standing alone")
    state.title_text = wanted
    return Title(name.strip(), None, "title: the work named by the Project Gutenberg preamble")


SECTION_NAMES = frozenset({
    "abstract", "about", "background", "contents", "description", "features", "getting started",
    "installation", "introduction", "overview", "preface", "requirements", "summary", "synopsis", "usage",
})
"""Names of a text's sections, not of a text: underlined at the top, ``Overview`` is the first section."""


def _section_name(text: str) -> bool:
    return text.strip(" :.").lower() in SECTION_NAMES


def _setext(state: State, first: int) -> Title | None:
    line = state.lines[first]
    if underline_char(line, state.line(first + 1)) is None or _SECTION_START.match(line.text):
        return None  # (an underlined "A. HISTORY OF THE SOFTWARE" is the first section)
    if _section_name(line.text):
        return None
    return _take(state, first, first + 2, line.text, "title: the underlined first line")


def _after_contents(state: State, first: int) -> Title | None:
    if contents_rule.contents(state, first) is None:
        return None
    found = contents_rule.contents(state, first)
    heading = _first_text(state, found.end)
    if heading is None or underline_char(state.lines[heading], state.line(heading + 1)) is None:
        return None
    return _take(state, heading, heading + 2, state.lines[heading].text,
                 "title: the first underlined heading, after the table of contents")


def _first_line(state: State, first: int) -> Title | None:
    line = state.lines[first]
    if line.kind not in (Kind.TEXT, Kind.CAPS) or line.glued_break or len(line.text) > TITLE_MAX:
        return None  # a chapter line first ("Chapter 1. Introduction") heads the chapter, not the text
    if _SECTION_START.match(line.text) or _section_name(line.text):
        return None  # "A. HISTORY OF THE SOFTWARE", "Overview": the first section's heading
    if _first_text(state, first + 1) is None:
        return None
    text = line.text
    if state.profile.style == "lines":
        if text.endswith((".", ",", ";")) and not text.endswith("..."):
            return None
        return _take(state, first, first + 1, text, "title: first line, standing apart")
    if header_field(text) or address_only(text) or code_like(line) or version_or_date(text):
        return None
    if _COPYRIGHT_LINE.match(text):
        return None  # "Copyright 2014 Pallets" over a licence: a notice, not its name
    run = state.lines[first:state.run_end(first)]
    alone = len(run) == 1
    subtitle = 1 < len(run) <= 3 and _centred(state, line) and all(
        _centred(state, other) or version_or_date(other.text) for other in run[1:])
    byline = 1 < len(run) <= 4 and not line.indent and all(
        other.indent > state.profile.width / 2 for other in run[1:])  # a date and an address set far right
    if not (alone or subtitle or byline):
        return None
    if alone and (match := _FIRST_SENTENCE.fullmatch(text)) and len(match[1].split()) <= 5 \
            and match[2].rstrip().endswith((".", "。")):
        title = _take(state, first, first + 1, f"{match[1]}.", "title: the first sentence of the first line")
        state.inject.setdefault(first, []).append(Paragraph(match[2], (line.number, line.number)))
        return title
    if text.endswith((",", ";")) or (text.endswith((".", "。")) and not text.endswith("...")
                                      and not any(sep in text for sep in _SEPARATORS)):
        return None
    return _take(state, first, first + 1, text, "title: first line, standing apart")


def _centred(state: State, line: Line) -> bool:
    return line.indent >= 8 and not line.blank


def _over_copyright(state: State, first: int) -> Title | None:
    for index in range(first, min(len(state) - 1, first + 6)):
        line, following = state.lines[index], state.lines[index + 1]
        if line.kind is Kind.TEXT and not line.blank and _COPYRIGHT_LINE.match(following.text) \
                and not _COPYRIGHT_LINE.match(line.text) and len(line.text) <= 80 \
                and (state.blank(index - 1) or state.lines[index - 1].kind is Kind.BREAK):
            return _take(state, index, index + 1, line.text, "title: the product line above its copyright lines")
    return None


def _centred_near_top(state: State, first: int) -> Title | None:
    """The first centred line standing alone near the top, or two such lines
    together (``UNIFIED LOGIN WITH`` / ``PLUGGABLE AUTHENTICATION MODULES (PAM)``)."""
    for index in range(first, min(len(state), first + _NEAR_TOP)):
        if not state.blank(index - 1):
            continue
        end = state.run_end(index)
        run = state.lines[index:end]
        byline = next((k for k, line in enumerate(run) if k and _BYLINE.match(line.text)), None)
        if byline is not None and all(_centred(state, line) for line in run):
            end, run = index + byline, run[:byline]  # THE ADVENTURES OF TOM SAWYER / BY / MARK TWAIN
        if len(run) > _TITLE_LINES or not all(_centred(state, line) and len(line.text) <= 80 for line in run):
            continue
        if len(run) > 1 and not all(near_middle(line, state.profile.width) for line in run):
            continue  # two lines set in, not centred: code or a quotation
        text = " ".join(line.text for line in run)
        if any(c.isalpha() for c in text) and not version_or_date(text) and not caption(text) \
                and not (text.endswith(".") and len(text.split()) > _TITLE_WORDS):
            return _take(state, index, end, text, "title: the first centred line(s) near the top")
    return None
