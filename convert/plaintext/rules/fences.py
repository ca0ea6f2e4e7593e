"""Fenced code: lines between two fence lines are code, exactly as written.

* Markdown: a line of three to eight backticks or tildes, with an optional
  language (```` ```python ````), up to the same fence again.
* AsciiDoc: a line of four or more ``-`` (or ``.``) after a blank line or a
  ``+`` continuation line, up to the same line again, when the lines between
  read as code (half of them or more) or hold no blank line.  A ``----`` pair
  around prose is two scene breaks, not a fence.

A reStructuredText literal block is code too: after a line ending with
``::`` (``Use pip::``) or a code directive (``.. code-block:: rst``) and a
blank line, the lines
indented deeper than it, blank lines included, up to the first line back at
its indentation — whatever they look like (an underlined ``Section Title``
inside is an example, not a heading).

The fences stay in the verbatim text: they are the source's own markup, and
every character of the input survives.
"""

from __future__ import annotations

from convert.model import Verbatim
from convert.plaintext.rules.verbatim import kind_of
from convert.plaintext.state import Found, State, span, verbatim_text
from convert.text.patterns import lazy_compile

LIMIT = 2_000
"""Lines searched for the closing fence (a bound that keeps the rule linear)."""
_MARKDOWN = lazy_compile(r"(`{3,8}|~{3,8})[ \t]*([\w+#.-]*)[ \t]*")
"""A longer run of ``~`` is a rule between sections (the Vim tutor's), not a fence."""
_CODE_DIRECTIVE = lazy_compile(r"\.\. (?:code|code-block|sourcecode|parsed-literal)::")
_ASCIIDOC = lazy_compile(r"-{4,}|\.{4,}")


def fenced(state: State, position: int) -> Found | None:
    line = state.lines[position]
    if line.indent > 3:
        return None
    if match := _MARKDOWN.fullmatch(line.text):
        fence, language = match[1], match[2] or None
        close = lambda text: text.startswith(fence[0] * len(fence)) and not text.strip(fence[0])  # noqa: E731
    elif _ASCIIDOC.fullmatch(line.text) and _opens_listing(state, position):
        fence, language = line.text, None
        close = lambda text: text == fence  # noqa: E731
    else:
        return None
    limit = min(len(state), position + LIMIT)
    end = next((index for index in range(position + 1, limit) if close(state.lines[index].text)), None)
    if end is None:
        return None
    inner = state.lines[position + 1:end]
    if fence[0] in "-." and not _reads_as_listing(state, inner):
        return None
    region = state.lines[position:end + 1]
    return Found([Verbatim(verbatim_text(region), "code", language, span(region))], end + 1,
                 f"code: fenced with {fence}")


def opens(state: State, position: int) -> bool:
    """A fence line that ends a paragraph running into it (its code follows)."""
    line = state.lines[position]
    if line.indent > 3:
        return False
    return bool(_MARKDOWN.fullmatch(line.text)) or (
        bool(_ASCIIDOC.fullmatch(line.text)) and state.line(position - 1) is not None
        and state.lines[position - 1].text == "+")


def _opens_listing(state: State, position: int) -> bool:
    previous = state.line(position - 1)
    return previous is None or state.blank(position - 1) or previous.text == "+"


def _reads_as_listing(state: State, inner: list) -> bool:
    if not inner:
        return False
    if not any(line.blank for line in inner):
        return True
    return kind_of(inner) == "code"


def literal_block(state: State, position: int) -> Found | None:
    line = state.lines[position]
    if not state.blank(position - 1):
        return None
    lead = state.previous_text(position, 3)
    if lead is None or line.indent <= state.lines[lead].indent:
        return None
    text = state.lines[lead].text
    if not (text.endswith("::") or _CODE_DIRECTIVE.match(text)):
        return None
    depth = state.lines[lead].indent
    end, last = position, position
    while end < len(state) and end - position < LIMIT and (state.blank(end) or state.lines[end].indent > depth):
        if not state.blank(end):
            last = end
        end += 1
    region = state.lines[position:last + 1]
    return Found([Verbatim(verbatim_text(region), "code", None, span(region))], last + 1,
                 "code: a reStructuredText literal block after '::'")
