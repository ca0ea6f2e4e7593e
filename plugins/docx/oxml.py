"""Small builders for WordprocessingML, written as XML text.

python-docx's object API resolves a paragraph's style by scanning every style
of the document each time it is set, and building lxml elements only to
serialise them cost more than writing the text (and importing lxml took a
twentieth of a whole conversion).  The body is therefore written as text
from these helpers, byte for byte as lxml serialised the same elements:
empty elements as ``<w:x/>``, attributes in the order they were set, and
the same escapes.  The text comes from a cleaned document (the pipeline's character
rule), so it holds no character XML forbids.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from convert.model.languages import first_strong_direction

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

MAX_TEXT_NODE = 1_000_000
"""Longest text, in characters, put in one ``w:t``.  libxml2 refuses to parse
a text node over 10,000,000 bytes (python-docx then cannot reopen the file),
and a character takes at most four bytes in UTF-8."""

_TAB_OR_BREAK = re.compile(r"([\t\n])")


def escaped(text: str) -> str:
    """``text`` as element content (lxml's escapes)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\r", "&#13;") if "\r" in text else text


def quoted(value: str) -> str:
    """``value`` as an attribute value between double quotes (lxml's escapes)."""
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    if "\n" in value or "\r" in value or "\t" in value:
        value = value.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    return value


class Indent(NamedTuple):
    """A paragraph's direct indentation, in twentieths of a point."""

    left: int
    hanging: int = 0


def own_direction(text: str, document_rtl: bool) -> bool | None:
    """``right_to_left`` for :func:`paragraph_properties`: the direction of
    text whose first strong letter runs against the document's, else None
    (the styles' direction serves)."""
    direction = first_strong_direction(text)
    if direction is None or (direction == "rtl") == document_rtl:
        return None
    return direction == "rtl"


def paragraph_properties(
    style_id: str | None,
    numbering: tuple[int, int] | None = None,
    indent: Indent | None = None,
    align: str | None = None,
    space_before: int | None = None,
    right_to_left: bool | None = None,
) -> str:
    """A paragraph's ``w:pPr``, children in the schema's order ("" when it has none).

    :param numbering: ``(num_id, level)`` makes the paragraph a list item.
    :param align: ``left``, ``center`` or ``right``.
    :param space_before: space above the paragraph, in twips.
    :param right_to_left: the paragraph's direction, when not its style's.
    """
    if (style_id is None and numbering is None and indent is None and align is None and space_before is None
            and right_to_left is None):
        return ""
    parts = []
    if style_id is not None:  # one of the ids of the house style sheet: nothing to escape
        parts.append(f'<w:pStyle w:val="{style_id}"/>')
    if numbering is not None:
        parts.append(f'<w:numPr><w:ilvl w:val="{numbering[1]}"/><w:numId w:val="{numbering[0]}"/></w:numPr>')
    if right_to_left is not None:
        parts.append("<w:bidi/>" if right_to_left else '<w:bidi w:val="0"/>')
    if space_before is not None:
        parts.append(f'<w:spacing w:before="{space_before}"/>')
    if indent is not None:
        hanging = f' w:hanging="{indent.hanging}"' if indent.hanging else ""
        parts.append(f'<w:ind w:left="{indent.left}"{hanging}/>')
    if align is not None:
        parts.append(f'<w:jc w:val="{quoted(align)}"/>')
    return f"<w:pPr>{''.join(parts)}</w:pPr>"


class WordParagraph:
    """A ``w:p`` being written: its properties, then what is added to it, and
    the text the document statistics count (tabs as ``\\t``, breaks as ``\\n``)."""

    __slots__ = ("style", "properties", "content", "text", "page_break")

    def __init__(self, style_id: str | None = None, properties: str = "") -> None:
        self.style = style_id
        self.properties = properties
        self.content: list[str] = []
        self.text: list[str] = []
        self.page_break = False
        """Whether a run of the paragraph breaks the page."""

    def add(self, xml: str, text: str = "") -> None:
        """Append a child (a run, a bookmark, a hyperlink) showing ``text``."""
        self.content.append(xml)
        if text:
            self.text.append(text)

    @property
    def paragraphs(self) -> tuple["WordParagraph", ...]:
        return (self,)

    def xml(self) -> str:
        inner = self.properties + "".join(self.content)
        return f"<w:p>{inner}</w:p>" if inner else "<w:p/>"


def text_content(text: str) -> str:
    """A run's content showing ``text``: tabs become ``w:tab`` and line feeds
    ``w:br``, as Word expects, and very long text is cut into several ``w:t``.

    Every ``w:t`` preserves spaces, so leading, trailing and repeated spaces of
    the source survive.
    """
    parts = []
    for piece in _TAB_OR_BREAK.split(text) if ("\t" in text or "\n" in text) else (text,):
        if piece == "\t":
            parts.append("<w:tab/>")
        elif piece == "\n":
            parts.append("<w:br/>")
        else:
            for start in range(0, len(piece), MAX_TEXT_NODE):
                parts.append(f'<w:t xml:space="preserve">{escaped(piece[start:start + MAX_TEXT_NODE])}</w:t>')
    return "".join(parts)


def run(content: str, properties: str = "") -> str:
    """A ``w:r`` with its ``w:rPr`` (already written) and content."""
    inner = properties + content
    return f"<w:r>{inner}</w:r>" if inner else "<w:r/>"


def text_run(parent: WordParagraph, text: str) -> None:
    """Append a run showing ``text`` (see :func:`text_content`)."""
    parent.add(run(text_content(text)), text)


def field_char(kind: str, dirty: bool = False) -> str:
    """A run holding a complex field's ``begin``, ``separate`` or ``end`` mark."""
    # w:dirty asks Word to recompute this field on open even if updateFields is ignored.
    mark = ' w:dirty="true"' if dirty else ""
    return f'<w:r><w:fldChar w:fldCharType="{kind}"{mark}/></w:r>'


def instruction(code: str) -> str:
    """A run holding a field instruction (``TOC \\o "1-3"``, ``PAGEREF x``)."""
    return f'<w:r><w:instrText xml:space="preserve">{escaped(f" {code} ")}</w:instrText></w:r>'


def simple_field(code: str, result: str) -> str:
    """A complete complex field: its instruction and a cached ``result``."""
    shown = run(text_content(result)) if result else ""
    return field_char("begin") + instruction(code) + field_char("separate") + shown + field_char("end")
