"""The one rule for characters no output format can carry.

XML 1.0 (EPUB, DOCX) forbids most C0 control characters, lone surrogates and
U+FFFE/U+FFFF; PDF fonts have no glyphs for them.  Rather than let each writer
improvise, the core cleans text once, the same way for every format:

* whitespace-like controls (form feed, vertical tab, U+001C..U+001F, NEL,
  U+2028, U+2029, and a line feed or carriage return inside a text that came
  from JSON or the API) become a space, so words on either side stay apart and
  a line holding only a form feed is a blank line;
* every other control character (C0 except tab, DEL, C1), lone surrogates and
  Unicode noncharacters are removed;
* each line that changed yields one warning naming the characters.

Text from a terminal — a man page saved with its formatting, a program's
coloured output — also carries *terminal markup*: ANSI escape sequences
(``ESC [ 1 m``) and backspace overstrike (``_\bb`` underlines, ``b\bb`` bolds).
:func:`strip_terminal_markup` removes it from a whole text before the rule
above runs, and the reader reports it with one warning per document.

Tabs, and everything else, are kept exactly; so are the line breaks of texts
made of lines (verbatim text, line blocks).  Where a character is removed,
the spans over a text are moved so they still cover the same characters.
"""

from __future__ import annotations

import dataclasses
from typing import Callable

from convert.errors import Diagnostic
from convert.model.nodes import (
    Document,
    Heading,
    LineBlock,
    ListBlock,
    Meta,
    Paragraph,
    Quotation,
    Span,
    Table,
    Verbatim,
)
from convert.text.patterns import lazy_compile

_SPACE_LIKE = "\n\r\x0b\x0c\x1c-\x1f\x85\u2028\u2029"
_BMP_OTHERS = "\x7f-\x9f\ud800-\udfff\u2028\u2029\ufdd0-\ufdef\ufffe\uffff"
_ASTRAL_NONCHARACTERS = "".join(
    chr(plane + 0xFFFE) + chr(plane + 0xFFFF) for plane in range(0x10000, 0x110000, 0x10000)
)
_SPACE_RE = lazy_compile(f"[{_SPACE_LIKE}]")
_UNSAFE_RE = lazy_compile(f"[\x00-\x08\x0a-\x1f{_BMP_OTHERS}{_ASTRAL_NONCHARACTERS}]")
# Quick checks first: astral noncharacters make a character class several
# times slower to search, and most text has no astral characters at all.
_BMP_BUT_LINE_BREAKS_RE = lazy_compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f{_BMP_OTHERS}]")
_ASTRAL_RE = lazy_compile(f"[{_ASTRAL_NONCHARACTERS}]")


# CSI sequences (colours, cursor moves), OSC sequences (titles, links) ended
# by BEL or ST, and the two-character escapes.
_ANSI_RE = lazy_compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]")
# A character struck over by the next one: keep the one printed last.
_OVERSTRIKE_RE = lazy_compile(r"[^\x08\n\r]\x08")


def strip_terminal_markup(text: str) -> tuple[str, tuple[int, int]]:
    """Remove ANSI escape sequences and backspace overstrike from a text.

    :return: the text and how many escape sequences and overstrikes went.
    """
    escapes = overstrikes = 0
    if "\x1b" in text:
        text, escapes = _ANSI_RE.subn("", text)
    if "\x08" in text:
        text, overstrikes = _OVERSTRIKE_RE.subn("", text)
    return text, (escapes, overstrikes)


def terminal_diagnostic(removed: tuple[int, int]) -> Diagnostic:
    """The one warning for a document whose terminal markup was removed."""
    escapes, overstrikes = removed
    parts = []
    if escapes:
        parts.append(f"{escapes} ANSI escape sequence{'s' * (escapes != 1)}")
    if overstrikes:
        parts.append(f"{overstrikes} backspace overstrike{'s' * (overstrikes != 1)}")
    return Diagnostic("terminal-markup", f"removed terminal formatting: {' and '.join(parts)}", None)


def is_clean(text: str) -> bool:
    """True when no line of ``text`` needs the rule (line breaks are fine)."""
    if text.isprintable():
        # Every character the rule touches is unprintable (a control, a separator,
        # a surrogate, a noncharacter): most texts pass here without compiling the
        # pattern (0.3 ms); tabs, no-break spaces and format characters go on to it.
        return True
    if _BMP_BUT_LINE_BREAKS_RE.search(text):
        return False
    return text.isascii() or _within_bmp(text) or not _ASTRAL_RE.search(text)


def _clean_line(text: str) -> bool:
    """Like :func:`is_clean`, but a line break needs the rule too."""
    return "\n" not in text and "\r" not in text and is_clean(text)


def _within_bmp(text: str) -> bool:
    """No character above U+FFFF: each takes two bytes in UTF-16 (ten times faster than ``max(text)``)."""
    return len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text)


def clean_text(text: str, keep_line_breaks: bool = False) -> tuple[str, tuple[str, ...]]:
    """Apply the rule to one string.

    :param keep_line_breaks: keep ``"\\n"`` (for texts made of lines).
    :return: the cleaned text and the distinct characters that were replaced
        or removed (empty when the text was already clean).
    """
    if keep_line_breaks:
        if is_clean(text) and "\r" not in text:
            return text, ()
        lines = [clean_text(line) for line in text.split("\n")]
        found = tuple(sorted({c for _, chars in lines for c in chars}))
        return "\n".join(line for line, _ in lines), found
    if _clean_line(text):
        return text, ()
    found = tuple(sorted(set(_UNSAFE_RE.findall(text))))
    text = _SPACE_RE.sub(" ", text)
    return _UNSAFE_RE.sub("", text), found


def shift_spans(text: str, spans: tuple[Span, ...], keep_line_breaks: bool = False) -> tuple[Span, ...]:
    """The spans of ``text`` moved to cover the same characters once the
    rule has removed some (spans left empty are dropped)."""
    if not spans:
        return spans
    kept = [0]  # kept[i]: how many characters before offset i survive
    for char in text:
        survives = char == "\n" and keep_line_breaks or clean_text(char)[0] != ""
        kept.append(kept[-1] + survives)
    moved = (Span(kept[s.start], kept[s.end], s.kind, s.target) for s in spans)
    return tuple(span for span in moved if span.end > span.start)


def describe(characters: tuple[str, ...]) -> str:
    """Name characters as ``U+000C, U+001B``."""
    return ", ".join(f"U+{ord(c):04X}" for c in characters)


def cleaning_diagnostic(line: int | None, characters: tuple[str, ...]) -> Diagnostic:
    """The warning for one cleaned line."""
    return Diagnostic(
        "control-character",
        f"replaced or removed control/invalid characters {describe(characters)}",
        line,
    )


def clean_document(document: Document) -> tuple[Document, list[Diagnostic]]:
    """Apply the rule to every text of a document (a safety net for documents
    that did not come from the plain-text reader, e.g. JSON, the API or a
    transform)."""
    if _all_clean(document):
        return document, []  # nothing to rebuild: most documents, and every plain-text one
    diagnostics: list[Diagnostic] = []

    def clean(text: str, line: int | None, keep_line_breaks: bool = False) -> str:
        cleaned, found = clean_text(text, keep_line_breaks)
        if found:
            diagnostics.append(cleaning_diagnostic(line, found))
        return cleaned

    meta = _clean_meta(document.meta, clean)
    blocks = _clean_blocks(document.blocks, clean)
    if not diagnostics:
        return document, []
    return Document(meta, blocks), diagnostics


Clean = Callable[..., str]


def _all_clean(document: Document) -> bool:
    """Whether every text the rule applies to is clean, checked in two passes
    over the texts joined by a space (a clean character, so that joining
    neither hides nor makes a match): those that keep their line breaks, and
    the rest."""
    plain: list[str] = [document.meta.title, *document.meta.authors, *(value for _, value in document.meta.extra)]
    lines: list[str] = []
    _gather(document.blocks, plain, lines)
    kept = " ".join(lines)
    return _clean_line(" ".join(plain)) and is_clean(kept) and "\r" not in kept


def _gather(blocks: tuple, plain: list[str], lines: list[str]) -> None:
    """The texts :func:`_clean_block` cleans, by how it cleans them."""
    for block in blocks:
        if isinstance(block, (Heading, Paragraph)):
            plain.append(block.text)
        elif isinstance(block, (LineBlock, Verbatim)):
            lines.append(block.text)
        elif isinstance(block, ListBlock):
            for item in block.items:
                _gather(item.blocks, plain, lines)
        elif isinstance(block, Quotation):
            _gather(block.blocks, plain, lines)
            if block.attribution is not None:
                plain.append(block.attribution)
        elif isinstance(block, Table):
            plain.extend(cell.text for row in (*block.head, *block.body) for cell in row)


def _clean_meta(meta: Meta, clean: Clean) -> Meta:
    line = meta.title_lines[0] if meta.title_lines else None
    return dataclasses.replace(
        meta,
        title=clean(meta.title, line),
        authors=tuple(clean(author, None) for author in meta.authors),
        extra=tuple((key, clean(value, None)) for key, value in meta.extra),
    )


def _clean_blocks(blocks: tuple, clean: Clean) -> tuple:
    return tuple(_clean_block(block, clean) for block in blocks)


def _clean_spanned(node, clean: Clean, line: int | None, keep_line_breaks: bool = False):
    text = clean(node.text, line, keep_line_breaks)
    if text == node.text:
        return node
    spans = shift_spans(node.text, node.spans, keep_line_breaks)
    return dataclasses.replace(node, text=text, spans=spans)


def _clean_block(block, clean: Clean):
    line = block.lines[0]
    if isinstance(block, (Heading, Paragraph)):
        return _clean_spanned(block, clean, line)
    if isinstance(block, LineBlock):
        return _clean_spanned(block, clean, line, keep_line_breaks=True)
    if isinstance(block, Verbatim):
        return dataclasses.replace(block, text=clean(block.text, line, True))
    if isinstance(block, ListBlock):
        items = tuple(dataclasses.replace(i, blocks=_clean_blocks(i.blocks, clean)) for i in block.items)
        return dataclasses.replace(block, items=items)
    if isinstance(block, Quotation):
        attribution = None if block.attribution is None else clean(block.attribution, line)
        return dataclasses.replace(block, blocks=_clean_blocks(block.blocks, clean), attribution=attribution)
    if isinstance(block, Table):
        def rows(rows):
            return tuple(tuple(_clean_spanned(cell, clean, line) for cell in row) for row in rows)

        return dataclasses.replace(block, head=rows(block.head), body=rows(block.body))
    return block
