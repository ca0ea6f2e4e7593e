"""What single lines look like: the tests several rule families share.

Each predicate looks at one line (or a line and its neighbour) and is cheap;
rules combine them over regions.
"""

from __future__ import annotations

import re

from convert.plaintext.lines import Line, display_width, expand_tabs
from convert.text.patterns import lazy_compile

SENTENCE_END = (".", "!", "?", "。", "！", "？", "…")
"""Characters that end a sentence (after closing quotes and brackets are removed)."""

_CLOSERS = "\"'”’»)]}」』）"
_HEADER_FIELD = lazy_compile(r"[A-Za-z][A-Za-z0-9-]*:(?:[ \t]+\S.*|[ \t]*)")
_MAIL_HEADER_NAMES = frozenset(
    "from to cc bcc subject date reply-to sender message-id received return-path delivered-to "
    "mime-version content-type content-transfer-encoding organization newsgroups path references "
    "in-reply-to precedence lines x-mailer user-agent keywords summary followup-to".split()
)
_URL_OR_ADDRESS = lazy_compile(r"[<(\[]?\s*(?:(?:https?|ftp)://|www\.|mailto:)?\S+[@/.]\S+\s*[>)\]]?\.?")
_VERSION_OR_DATE = lazy_compile(
    r"(?i:version|revision|release|edition|rev\.|v\.?|версия|έκδοση|版本)\s*[\d.]+.*"
    r"|(?:\d{1,2}[ /.-])?(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|january|february|march|april|"
    r"june|july|august|september|october|november|december)\w*\.?,? \d{4}"
    r"|\d{4}[ -]?年.*|\d{4}-\d{2}-\d{2}.*"
)
_MODE_LINE = lazy_compile(r".*-\*-.*-\*-.*")
_VIM_FILE_TAG = lazy_compile(r"\*[\w.-]+\.txt\*")
_PROMPT = lazy_compile(r"(?:[$#%]|\(gdb\)|[A-Za-z_][\w.~/:@-]*[$#%>]|[A-Z]:\\>?)[ \t]")
_GAP = lazy_compile(r"\S(\t[ \t]*|   +)(?=\S)")
_COPYRIGHT_START = lazy_compile(r"(?i:copyright\s*(?:\(c\)|©|\d)|©)")
_SCISSORS = lazy_compile(r"[-*=_ ]*(?:8<|>8)[-*=_ ]*")
_COMMENT = lazy_compile(r"(?:;;|//|/\*|\*/|#(?:if|ifdef|ifndef|else|endif|define|include|pragma)\b|<!--)")
_CODE_END = lazy_compile(r".*(?:[{}\\]|\)\)+|\);|:=.*)|(?=.*[0-9=()*\[\]])\S+(?:\s+\S+){0,3};")
_LISP = lazy_compile(r"'?\(+[a-z][\w-]*[ (\n]|'?\(\(")
_ASSIGNMENT = lazy_compile(r"[A-Za-z_][A-Za-z0-9_]*=\S*")
_BOX_DRAWING = lazy_compile(r"[─━│┃┄-┋┌-╿═║╔╗╚╝╠╣╦╩╬]")
_TABLE_RULE = lazy_compile(r"[+|]?(?:[-=+]{2,}[+|]?)+|(?:\|[^|]*){2,}\|?")
_COMMAND = lazy_compile(r"(?:[a-z]|\.{0,2}/|:(?=[ \t]))[\w./+-]*(?:[ \t]+\S+){1,15}")


def norm(text: str) -> str:
    """Text compared loosely: case folded, whitespace runs made one space."""
    return " ".join(text.casefold().split())


def near_middle(line: Line, width: int) -> bool:
    """The line's middle lies near the middle of text ``width`` columns wide (centred)."""
    middle = line.indent + display_width(line.text) / 2
    return abs(middle - width / 2) <= max(10, width / 6)


def stripped_end(text: str) -> str:
    """The text without trailing closing quotes and brackets."""
    return text.rstrip().rstrip(_CLOSERS)


def ends_sentence(text: str) -> bool:
    """True when the text ends a sentence (``.``, ``!``, ``?`` and their full-width forms)."""
    return stripped_end(text).endswith(SENTENCE_END)


def header_field(text: str) -> bool:
    """``Name: value`` with a single-token name, as in mail headers and pseudo-headers."""
    return bool(_HEADER_FIELD.fullmatch(text))


def mail_header_name(text: str) -> str | None:
    """The lower-cased name of a well-known mail header on this line, or None."""
    if not header_field(text):
        return None
    name = text.split(":", 1)[0].lower()
    return name if name in _MAIL_HEADER_NAMES or name.startswith("x-") else None


def address_only(text: str) -> bool:
    """The line is nothing but a URL, an e-mail address or a path."""
    return " " not in text.strip() and bool(_URL_OR_ADDRESS.fullmatch(text.strip()))


def holds_address(text: str) -> bool:
    """A URL or a mail address somewhere in the line: no heading names a place to go."""
    return "://" in text or "@" in text


def version_or_date(text: str) -> bool:
    """``Version 3, 29 June 2007``, ``January 2021``, ``2021 年 1 月``: a subtitle, never a heading."""
    return bool(_VERSION_OR_DATE.fullmatch(text.strip()))


def mode_line(text: str) -> bool:
    """An Emacs mode line (``-*- mode: text -*-``)."""
    return "-*-" in text and bool(_MODE_LINE.fullmatch(text))  # the substring first: cheaper


def vim_file_tag(text: str) -> bool:
    """``*usr_01.txt*  For Vim version 9.0``: the first line of a Vim help file."""
    return bool(_VIM_FILE_TAG.match(text))


def code_like(line: Line) -> bool:
    """The line reads as code, a command or program output rather than prose."""
    text = line.text
    if _PROMPT.match(text) or _COMMENT.match(text):
        return True
    if _LISP.match(text) and not ends_sentence(text) and len(text.split()) <= 6:
        return True
    if _CODE_END.fullmatch(text) and not text.endswith((".", "?", "!")):
        return True
    if _ASSIGNMENT.match(text) and " " not in text.split("=", 1)[0]:
        return True
    if "::=" in text:
        return True
    return symbolic(line)


def scissors(text: str) -> bool:
    """A cut-here line (``-----8<-----``, ``*---->8----``) that fences a snippet."""
    return ("8<" in text or ">8" in text) and bool(_SCISSORS.fullmatch(text)) and len(text) >= 6


def symbolic(line: Line) -> bool:
    """Mostly symbols (ASCII art, rules, tables): under 40 % letters among its visible characters."""
    visible = "".join(line.text.split())
    if len(visible) < 3:
        return bool(visible) and not any(map(str.isalnum, visible))
    letters = sum(map(str.isalpha, visible))
    return letters < 0.4 * len(visible)


def box_drawing(text: str) -> bool:
    """The line draws a table or box: box-drawing characters or ``+---+`` / ``| a | b |``."""
    # box-drawing characters are not ASCII, and isascii() answers without reading the text
    return bool((not text.isascii() and _BOX_DRAWING.search(text)) or _TABLE_RULE.fullmatch(text.strip()))


def column_starts(line: Line) -> set[int]:
    """Columns where a word starts after a wide gap (a tab, or three or more
    spaces not following the end of a sentence): the columns of a table."""
    raw = line.raw.lstrip(" \t")
    if "\t" not in raw and "   " not in raw:
        return set()  # the common case: no gap at all
    starts: set[int] = set()
    for match in _GAP.finditer(line.raw, len(line.raw) - len(raw)):
        gap = match.group(1)
        if "\t" not in gap and line.raw[match.start()] in ".:;,!?":
            continue  # spaces after the end of a sentence are not a column
        starts.add(display_width(expand_tabs(line.raw[: match.end()])))
    return starts


def aligned(line: Line) -> bool:
    """The line has at least one column gap (see :func:`column_starts`)."""
    return bool(column_starts(line))


def deliberate_break(line: Line, following: Line, width: int) -> bool:
    """The break after ``line`` was chosen, not forced by the margin: the next
    line's first word would have fitted on this one."""
    first_word = following.text.split(None, 1)[0] if following.text else ""
    return line.width + 1 + display_width(first_word) <= width - 4


def chosen_break(line: Line, following: Line, width: int) -> bool:
    """The writer broke the line on purpose: the next word would have fitted
    (:func:`deliberate_break`), or the next line is indented four or more
    columns deeper, is a ``Name: value`` field, another copyright line, or an
    address after a ``Label:``."""
    if following.indent >= line.indent + 4:
        return True
    if _COPYRIGHT_START.match(following.text) and _COPYRIGHT_START.match(line.text):
        return True  # stacked copyright lines
    if deliberate_break(line, following, width):
        # A sentence running on into a lower-case word is wrapped text, unless the line is short.
        runs_on = following.text[:1].islower() and not stripped_end(line.text).endswith((*SENTENCE_END, ":", ";"))
        return not runs_on or line.width < 0.6 * width
    return (header_field(following.text) and not following.text.endswith(":")) or (
        line.text.endswith(":") and address_only(following.text))


def command_like(line: Line) -> bool:
    """A shell command: a lower-case program name (or a path to one, or the
    ``:`` no-op), then an option, a pipe or a path."""
    if not _COMMAND.fullmatch(line.text) or ends_sentence(line.text):
        return False
    return any(token.startswith("-") or "/" in token or "|" in token for token in line.text.split()[1:])


def letter_spaced(text: str) -> bool:
    """``T a s t y   B i t s``: most words are single letters set apart by spaces."""
    tokens = text.split()
    singles = sum(1 for token in tokens if len(token) == 1 and token.isalpha())
    return len(tokens) >= 4 and singles >= 0.6 * len(tokens)


def unspace_letters(text: str) -> str:
    """``W e l c o m e   t o`` → ``Welcome to``: letters of a word are one space
    apart, words two or more."""
    words = re.split(r"\s{2,}", text.strip())
    out = []
    for word in words:
        tokens = word.split(" ")
        if len(tokens) > 1 and sum(len(token) <= 2 for token in tokens) >= 0.6 * len(tokens):
            out.append("".join(tokens))
        else:
            out.append(word)
    return " ".join(out)
