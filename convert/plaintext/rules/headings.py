"""Headings recognised by their line alone or by where the line stands.

Strong marks, tried early:

* **``#`` heading**: ``## Methods`` — level = the number of ``#``; not a
  comment: a line indented more than three columns, beside another ``#``
  line, or in a configuration file (``#option=value`` lines).
* **Vim help section**: ``*01.1*<tab>Two manuals<tabs>*manual*`` under a rule.
* **Keyword heading**: ``CHAPTER IV``, ``Chapter 1. Overview`` (no-break
  spaces allowed), ``Part One``, ``ACT I``, ``SCENE I<tab>A room``,
  ``Lesson 1.2: EXITING``, ``Article I.``, ``第一章`` — standing alone, or
  directly over text when four words or fewer.
* **Decorated heading**: ``=== 1) EBNF ===``, ``---- SYSTEM REQUIREMENTS ----``,
  ``*** System features ***`` (three or more of one mark on both sides); a
  closing ``=== end of … ===`` or a separator (``---- next part ----``,
  ``---- Forwarded message ----``) is not a heading.
* **Caps heading over text**: a short all-caps line (or ``- CAPS`` line)
  directly followed by running text.

Weak marks, tried late (precision first: each has exclusions below):

* **Caps heading**: a short all-caps line standing alone — or two standing
  together, one heading (``GNU LESSER GENERAL PUBLIC LICENSE`` / ``TERMS AND
  CONDITIONS…``); not a sign-off set far right ending with a period (``THE
  AUTHOR.``).
* **Label heading**: a short line over a block indented deeper (``Definitions:``,
  ``debian-announce@lists.debian.org``).  Several ``Term:`` labels in a row
  are a definition list instead: their lines stay paragraphs (labels in
  capitals, ``WEB SITE:``, stay headings).
* **Outdented or centred heading**: in text whose running lines are
  indented, a line standing alone to their left; or a line centred well to
  their right.  Levels: centred first, then by indentation.
* **Standalone heading**: a short line (eight words or fewer) standing alone,
  starting with a capital, not ending like a sentence, followed by a
  paragraph.

What is never a heading is decided in :mod:`convert.plaintext.rules.plausible`.
"""

from __future__ import annotations

import dataclasses

from convert.model import Block, Heading, Paragraph
from convert.plaintext.lines import Kind, Line, classify, display_width, is_caps
from convert.plaintext.rules.plausible import plausible
from convert.plaintext.rules.shapes import (
    address_only,
    aligned,
    code_like,
    command_like,
    ends_sentence,
    holds_address,
    letter_spaced,
    near_middle,
    stripped_end,
    unspace_letters,
    vim_file_tag,
)
from convert.plaintext.state import Found, State
from convert.text.patterns import lazy_compile

ATX_TITLE = "atx-title"
"""Cache key: 1 when the title was the text's one ``#`` line, so ``##`` is level 1."""
_MARGIN_LABEL_WORDS = 6
_PAIR_MAX = 80
_RUNS_ON = (",", "，", "、", ";", "；")
"""A line ending so leads into what follows: never a heading."""
_DECORATED = lazy_compile(r"([=*~#+\-])\1{2,}[ \t]*(\S.*?)[ \t]*\1{3,}")
_CLOSING = lazy_compile(r"(?i:end of\b|fin\b|start of (?:the |this )?project gutenberg\b)")
_FIELD = lazy_compile(
    r"(?i:title|authors?|translat(?:or|ed by)|edit(?:or|ed by)|illustrator|release date|posting date|first posted"
    r"|last updated|language|character set encoding|produced by|credits|date|version|revision|status)\s*:\s+\S")
"""A metadata field (``Author: Arthur Conan Doyle``, ``Release Date: …``): a record, never a heading."""
_SEPARATOR = lazy_compile(r"(?i:next part|cut here|snip|(?:begin |end )?(?:forwarded|original) message)")
_PREPROCESSOR = lazy_compile(r"(?:if|ifdef|ifndef|elif|else|endif|define|undef|include|pragma|error|line)\b")
_CODE_CHARS = lazy_compile(r"[<>=;{}]|\b[A-Z0-9]+_[A-Z0-9_]+\b")
_VIM_HEADING = lazy_compile(r"\*[\w.:-]+\*[ \t]+\S.*")
_STANDALONE_WORDS = 8
_STANDALONE_MAX = 60
_OUTDENTED_MAX = 80
_LABEL_MAX = 50
_SENTENCE_MARKS = lazy_compile(r"[。、，]")


def atx(state: State, position: int) -> Found | None:
    line = state.lines[position]
    if line.kind is not Kind.ATX or not line.body or _PREPROCESSOR.match(line.body) or _CODE_CHARS.search(line.body):
        return None  # "# if PNG_LIBPNG_VER < 10600" is C, not a heading
    if command_like(classify(line.number, line.body)):
        return None  # "# cd /usr/include": a root shell's prompt and a command
    if line.indent > 3 or _comment_run(state, position) or state.profile.config:
        return None  # indented, beside another "#" line, or in a configuration file: a comment
    level = max(1, len(line.marker) - state.cache.get(ATX_TITLE, 0))
    return Found([Heading(level, line.body, None, (line.number, line.number))], position + 1,
                 f"heading level {level}: '#' line")


def _comment_run(state: State, position: int) -> bool:
    """The line has another line starting with ``#`` directly above or below it."""
    def hashed(index: int) -> bool:
        line = state.line(index)
        return line is not None and line.text.startswith("#")
    return hashed(position - 1) or hashed(position + 1)


def vim_help(state: State, position: int) -> Found | None:
    """``*01.1*  Two manuals    *manual*``: a Vim help section, under a rule or a blank line."""
    line = state.lines[position]
    if line.indent or not _VIM_HEADING.fullmatch(line.text) or not state.blank(position + 1) \
            or vim_file_tag(line.text):
        return None
    previous = state.line(position - 1)
    if previous is not None and not previous.blank and previous.kind is not Kind.BREAK:
        return None
    return Found([Heading(1, line.text, None, (line.number, line.number))], position + 1,
                 "heading: a Vim help section tag line")


def keyword(state: State, position: int) -> Found | None:
    line = state.lines[position]
    if line.kind is not Kind.KEYWORD or not plausible(state, line.text):
        return None
    if state.profile.style == "wrapped" and not state.blank(position + 1):
        following = state.lines[position + 1]
        if following.indent <= line.indent and len(line.text.split()) > 4:
            return None
    return Found([Heading(1, line.text, None, (line.number, line.number))], position + 1,
                 "heading: chapter/part keyword line")


def decoration(text: str) -> str | None:
    """The mark of a decorated line (``=== 1) EBNF ===`` → ``=``), or None."""
    match = _DECORATED.fullmatch(text)
    return match[1] if match and any(char.isalpha() for char in match[2]) else None


def decorated(state: State, position: int) -> Found | None:
    line = state.lines[position]
    match = _DECORATED.fullmatch(line.text)
    if not match or not any(char.isalpha() for char in match[2]):
        return None
    if _CLOSING.match(match[2]) or _SEPARATOR.fullmatch(match[2]):
        return Found([Paragraph(line.text, (line.number, line.number))], position + 1,
                     "paragraph: a closing or separating banner ('end of …', 'next part', Project Gutenberg's "
                     "start marker), not a heading")
    return Found([Heading(1, match[2], None, (line.number, line.number))], position + 1,
                 f"heading: text between {match[1] * 3} decorations")


def _caps_text(line: Line) -> str | None:
    if line.kind is Kind.CAPS:
        return line.text
    if line.kind is Kind.BULLET and line.marker == "-" and is_caps(line.body):
        return line.body
    return None


def caps_over_text(state: State, position: int) -> Found | None:
    line = state.lines[position]
    text = _caps_text(line)
    if text is None or state.profile.style == "lines" or state.profile.man_page:
        return None
    if not state.blank(position - 1) or state.blank(position + 1):
        return None
    following = state.lines[position + 1]
    if following.kind is Kind.CAPS or abs(following.indent - line.indent) > 1 or following.kind is Kind.BULLET:
        return None
    if not plausible(state, text) or text.endswith((":", "：")) or (ends_sentence(text) and len(text.split()) > 4):
        return None
    return Found([Heading(1, text, None, (line.number, line.number))], position + 1,
                 "heading: all-caps line directly over its text")


def caps(state: State, position: int) -> Found | None:
    line = state.lines[position]
    if line.kind is not Kind.CAPS or state.profile.man_page:
        return None
    if _signed_off(state, line):
        return None
    if state.profile.style == "wrapped" and not state.isolated(position):
        return None
    if not plausible(state, line.text) or code_like(line):
        return None
    _label_body(state, position)
    return Found([Heading(1, line.text, None, (line.number, line.number))], position + 1,
                 "heading: short all-caps line on its own")


def caps_pair(state: State, position: int) -> Found | None:
    """Two all-caps lines standing together, the second a heading's words:
    ``GNU LESSER GENERAL PUBLIC LICENSE`` / ``TERMS AND CONDITIONS FOR COPYING…``
    is one heading, though its first line repeats the title."""
    if state.profile.style != "wrapped" or state.profile.man_page or state.lines[position].kind is not Kind.CAPS:
        return None
    if not state.blank(position - 1) or state.run_end(position) != position + 2:
        return None
    second = state.lines[position + 1]
    if not (second.text.isupper() and len(second.text) <= _PAIR_MAX) or not plausible(state, second.text) \
            or code_like(second):
        return None
    lines = state.lines[position:position + 2]
    return Found([Heading(1, " ".join(line.text for line in lines), None, (lines[0].number, lines[1].number))],
                 position + 2, "heading: two all-caps lines standing together")


def _signed_off(state: State, line: Line) -> bool:
    """``THE AUTHOR.`` set far right under a preface: a signature, not a heading."""
    return line.text.endswith(".") and line.indent > state.profile.width / 2


def _label_body(state: State, position: int) -> None:
    """A heading ending with ``:`` over a block indented deeper: that block is the
    heading's body (its paragraphs are text, not indented blocks)."""
    line = state.lines[position]
    if not line.text.endswith((":", "：")):
        return
    body = state.next_text(position, 3)
    if body is None or state.lines[body].indent <= line.indent:
        return
    reach = body
    while reach < len(state) and (state.blank(reach) or state.lines[reach].indent > line.indent):
        reach += 1
    state.cache["definition-body"] = (body, reach)


def _shaped(state: State, line: Line, limit: int) -> bool:
    text = line.text
    return (
        len(text) <= limit
        and line.kind in (Kind.TEXT, Kind.CAPS, Kind.KEYWORD)
        and plausible(state, text)
        and not code_like(line)
        and not text.startswith(("(", "[", "<", ">", "|", "--"))
    )


def label(state: State, position: int) -> Found | None:
    line = state.lines[position]
    if state.profile.style == "lines" or state.profile.man_page or not state.isolated(position):
        return None
    text = line.text
    colon = text.endswith((":", "："))
    if line.indent < state.profile.body_indent:
        return None  # left of the running text: an outdented heading, not a term
    if display_width(text) > _LABEL_MAX or len(text.split()) > 6 or ends_sentence(text) or _SENTENCE_MARKS.search(text):
        return None  # (CJK text has no spaces to count words: its width and its 。、 tell a sentence)
    if text[0].islower() and not address_only(text):
        return None
    if colon and not plausible(state, text.rstrip(":：") or "x"):
        return None
    body = state.next_text(position, 3)
    if body is None or state.lines[body].indent <= line.indent or state.lines[body].kind is Kind.BULLET:
        return None
    siblings = _label_siblings(state, position, body, colon)
    if siblings and not address_only(text) and line.kind is not Kind.CAPS:
        state.cache["definition-body"] = (body, state.cache["label-next"])
        return Found([Paragraph(text, (line.number, line.number))], position + 1,
                     "paragraph: a term of a definition list (short lines over indented blocks, several in a row)")
    if not (colon or address_only(text) or (line.kind is Kind.CAPS and plausible(state, text))
            or (line.kind is Kind.TEXT and "," not in text and _title_case(text) and plausible(state, text))):
        return None
    state.cache["definition-body"] = (body, state.cache["label-next"])
    block = Heading(2 if line.indent else 1, text, None, (line.number, line.number))
    return Found([block], position + 1, "heading: a label over an indented block")


def _label_siblings(state: State, position: int, body: int, colon: bool) -> bool:
    """Whether a label like this one stands just before or after this label's block."""
    line = state.lines[position]
    previous = state.cache.get("last-label")
    state.cache["last-label"] = (line.indent, colon, position)
    index = body
    while index < len(state) and (state.blank(index) or state.lines[index].indent > line.indent):
        index += 1
    after = state.line(index)
    following_sibling = (
        after is not None and after.indent == line.indent and state.isolated(index)
        and after.text.endswith((":", "：")) == colon and len(after.text) <= _LABEL_MAX
    )
    state.cache["label-next"] = index
    before_sibling = previous is not None and previous[0] == line.indent and previous[1] == colon \
        and state.cache.get("label-reach", -1) == position
    state.cache["label-reach"] = index
    return following_sibling or before_sibling


def _title_case(text: str) -> bool:
    words = [word for word in text.split() if sum(char.isalpha() for char in word) >= 4]
    return bool(words) and sum(word[0].isupper() for word in words) >= 0.6 * len(words)


def outdented(state: State, position: int) -> Found | None:
    line = state.lines[position]
    profile = state.profile
    if profile.style == "lines" or profile.man_page:
        return None
    label = not state.isolated(position)
    if label and not _margin_label(state, position):
        return None
    centred = _centred(state, line)
    if not (centred or label) and not (profile.body_indent >= 2 and line.indent < profile.body_indent):
        return None
    text = line.text
    if holds_address(text):
        return None  # "Current Web home: https://…", an address set apart
    spaced = letter_spaced(text)
    if not (spaced and plausible(state, text)) and (not _shaped(state, line, _OUTDENTED_MAX) or aligned(line)):
        return None
    words = unspace_letters(text).split() if spaced else text.split()
    if len(words) > 14 or (stripped_end(text).endswith((".", "。", "!", "！", *_RUNS_ON)) and not text.endswith("...")):
        return None
    body = state.next_text(position, 4)
    if body is None:
        return None
    following = state.lines[body]
    if following.indent < line.indent and not state.isolated(body) and not centred:
        return None
    block = Heading(1, text, None, (line.number, line.number))
    state.cache.setdefault("outdented", {})[id(block)] = (0 if centred else 1, 0 if centred else line.indent)
    if label:
        return Found([block], position + 1, "heading: a label at the margin over the indented text it heads")
    where = "centred" if centred else f"at column {line.indent}, left of the running text ({profile.body_indent})"
    return Found([block], position + 1, f"heading: a line standing alone {where}")


def _margin_label(state: State, position: int) -> bool:
    """``Feature summary for procmail:`` at the margin, directly over the
    indented running text it heads, after a blank line; ``マクロ`` ("Macros")
    over an indented bullet list."""
    line = state.lines[position]
    following = state.line(position + 1)
    if line.indent or not state.blank(position - 1) or following is None or following.indent < 2:
        return False
    if len(line.text.split()) > _MARGIN_LABEL_WORDS or code_like(line) or line.text.endswith(_RUNS_ON):
        return False
    # in indented running text; or, at the margin, a caption without a colon over indented bullets
    return state.profile.body_indent >= 2 or (following.kind is Kind.BULLET and not line.text.endswith((":", "：")))


def _centred(state: State, line: Line) -> bool:
    return line.indent >= max(8, state.profile.body_indent + 6) and near_middle(line, state.profile.width)


def standalone(state: State, position: int) -> Found | None:
    line = state.lines[position]
    if state.profile.style == "lines" or state.profile.man_page or not state.isolated(position):
        return None
    text = line.text
    first = text.lstrip("\"'“‘«„")[:1]
    if not first.isalpha() or first.islower() or not _shaped(state, line, _STANDALONE_MAX):
        return None
    if len(text.split()) > _STANDALONE_WORDS or ends_sentence(text) or holds_address(text):
        return None
    if text.endswith((":", "：")) and len(text.split()) > 4:
        return None  # a lead-in sentence, not a heading
    if _FIELD.match(text):
        return None
    if ". " in text.rstrip(". "):
        return None  # two sentences
    if abs(line.indent - state.profile.body_indent) > 2 and line.indent > state.profile.body_indent:
        return None
    body = state.next_text(position, 3)
    if body is None:
        return None
    following = state.lines[body]
    if following.kind is not Kind.TEXT or abs(following.indent - line.indent) > 3 or code_like(following):
        return None
    body_end = state.run_end(body)
    if body_end - body < 2 and not ends_sentence(following.text):
        return None
    return Found([Heading(1, text, None, (line.number, line.number))], position + 1,
                 "heading: a short line standing alone above a paragraph")


def assign_levels(state: State, blocks: list[Block]) -> list[Block]:
    """Give outdented and centred headings their levels: centred first, then by indentation."""
    keys = state.cache.get("outdented")
    if not keys:
        return blocks
    ranks = {key: rank + 1 for rank, key in enumerate(sorted(set(keys.values())))}
    out = []
    for block in blocks:
        key = keys.get(id(block)) if isinstance(block, Heading) else None
        out.append(dataclasses.replace(block, level=min(6, ranks[key])) if key is not None else block)
    return out
