"""Small builders for WordprocessingML elements.

python-docx's object API resolves a paragraph's style by scanning every style
of the document each time it is set, which makes it slow per paragraph.  The
body is therefore built with lxml directly, from these helpers, and so is the
rest of the package (:mod:`convert_plugins.docx.package`).
"""

from __future__ import annotations

import re
from typing import Iterable, NamedTuple

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
R_ID = f"{{{R_NS}}}id"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

MAX_TEXT_NODE = 1_000_000
"""Longest text, in characters, put in one ``w:t``.  libxml2 refuses to parse
a text node over 10,000,000 bytes (python-docx then cannot reopen the file),
and a character takes at most four bytes in UTF-8."""

_TAB_OR_BREAK = re.compile(r"([\t\n])")


def w(tag: str) -> str:
    """The Clark name of a ``w:`` element or attribute."""
    return f"{{{W_NS}}}{tag}"


def sub(parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
    """Append a ``w:tag`` child with ``w:``-namespaced attributes."""
    return etree.SubElement(parent, w(tag), {w(name): value for name, value in attributes.items()})


def new(anchor: etree._Element, tag: str) -> etree._Element:
    """A detached ``w:tag`` element created by ``anchor``'s parser, like the rest of the tree."""
    return anchor.makeelement(w(tag), {})


class Indent(NamedTuple):
    """A paragraph's direct indentation, in twentieths of a point."""

    left: int
    hanging: int = 0


def paragraph_properties(
    p: etree._Element,
    style_id: str | None,
    numbering: tuple[int, int] | None = None,
    indent: Indent | None = None,
    align: str | None = None,
    space_before: int | None = None,
) -> etree._Element | None:
    """Give a new paragraph its ``w:pPr``, children in the schema's order.

    :param numbering: ``(num_id, level)`` makes the paragraph a list item.
    :param align: ``left``, ``center`` or ``right``.
    :param space_before: space above the paragraph, in twips.
    """
    if style_id is None and numbering is None and indent is None and align is None and space_before is None:
        return None
    ppr = sub(p, "pPr")
    if style_id is not None:
        sub(ppr, "pStyle", val=style_id)
    if numbering is not None:
        num_pr = sub(ppr, "numPr")
        sub(num_pr, "ilvl", val=str(numbering[1]))
        sub(num_pr, "numId", val=str(numbering[0]))
    if space_before is not None:
        sub(ppr, "spacing", before=str(space_before))
    if indent is not None:
        ind = sub(ppr, "ind", left=str(indent.left))
        if indent.hanging:
            ind.set(w("hanging"), str(indent.hanging))
    if align is not None:
        sub(ppr, "jc", val=align)
    return ppr


def add_text(run: etree._Element, text: str) -> None:
    """Append ``text`` to a run: tabs become ``w:tab`` and line feeds ``w:br``,
    as Word expects, and very long text is cut into several ``w:t``.

    Every ``w:t`` preserves spaces, so leading, trailing and repeated spaces of
    the source survive.
    """
    for piece in _TAB_OR_BREAK.split(text) if ("\t" in text or "\n" in text) else (text,):
        if piece == "\t":
            sub(run, "tab")
        elif piece == "\n":
            sub(run, "br")
        else:
            for start in range(0, len(piece), MAX_TEXT_NODE):
                t = sub(run, "t")
                t.set(_XML_SPACE, "preserve")
                t.text = piece[start:start + MAX_TEXT_NODE]


def text_run(parent: etree._Element, text: str) -> etree._Element:
    """Append a run showing ``text`` (see :func:`add_text`)."""
    run = sub(parent, "r")
    add_text(run, text)
    return run


def field_char(parent: etree._Element, kind: str, dirty: bool = False) -> None:
    """Append a run holding a complex field's ``begin``, ``separate`` or ``end`` mark."""
    mark = sub(sub(parent, "r"), "fldChar", fldCharType=kind)
    if dirty:
        # Asks Word to recompute this field on open even if updateFields is ignored.
        mark.set(w("dirty"), "true")


def instruction(parent: etree._Element, code: str) -> None:
    """Append a run holding a field instruction (``TOC \\o "1-3"``, ``PAGEREF x``)."""
    text = sub(sub(parent, "r"), "instrText")
    text.set(_XML_SPACE, "preserve")
    text.text = f" {code} "


def simple_field(parent: etree._Element, code: str, result: str) -> None:
    """Append a complete complex field: its instruction and a cached ``result``."""
    field_char(parent, "begin")
    instruction(parent, code)
    field_char(parent, "separate")
    if result:
        text_run(parent, result)
    field_char(parent, "end")


def insert_in_order(parent: etree._Element, child: etree._Element, successors: Iterable[str]) -> None:
    """Insert ``child`` before the first existing sibling named in ``successors``
    (the schema's order matters to Word), else at the end."""
    for tag in successors:
        found = parent.find(w(tag))
        if found is not None:
            found.addprevious(child)
            return
    parent.append(child)
