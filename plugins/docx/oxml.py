"""Small builders for WordprocessingML elements.

python-docx's object API resolves a paragraph's style by scanning every style
of the document each time it is set, which makes it slow per paragraph.  The
body is therefore built with lxml directly, from these helpers; python-docx
still provides the package, the template and the parts.
"""

from __future__ import annotations

from typing import Iterable

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def w(tag: str) -> str:
    """The Clark name of a ``w:`` element or attribute."""
    return f"{{{W_NS}}}{tag}"


def sub(parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
    """Append a ``w:tag`` child with ``w:``-namespaced attributes."""
    return etree.SubElement(parent, w(tag), {w(name): value for name, value in attributes.items()})


def new(anchor: etree._Element, tag: str) -> etree._Element:
    """A detached ``w:tag`` element created by ``anchor``'s parser, so that it gets
    python-docx's element classes like the rest of the tree."""
    return anchor.makeelement(w(tag), {})


def paragraph_properties(p: etree._Element, style_id: str | None) -> etree._Element:
    """Give a new paragraph its ``w:pPr`` (with ``w:pStyle`` unless the style is the default)."""
    ppr = sub(p, "pPr")
    if style_id is not None:
        sub(ppr, "pStyle", val=style_id)
    return ppr


def numbering(ppr: etree._Element, num_id: int, level: int = 0) -> None:
    """Make a paragraph an item of list instance ``num_id`` (after ``w:pStyle``)."""
    num_pr = sub(ppr, "numPr")
    sub(num_pr, "ilvl", val=str(level))
    sub(num_pr, "numId", val=str(num_id))


def text_run(parent: etree._Element, text: str) -> etree._Element:
    """Append a run showing ``text``; tabs become ``w:tab`` as Word expects.

    Every ``w:t`` preserves spaces, so leading, trailing and repeated spaces of
    the source survive.
    """
    run = sub(parent, "r")
    for index, part in enumerate(text.split("\t")):
        if index:
            sub(run, "tab")
        if part:
            t = sub(run, "t")
            t.set(_XML_SPACE, "preserve")
            t.text = part
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


def insert_in_order(parent: etree._Element, child: etree._Element, successors: Iterable[str]) -> None:
    """Insert ``child`` before the first existing sibling named in ``successors``
    (the schema's order matters to Word), else at the end."""
    for tag in successors:
        found = parent.find(w(tag))
        if found is not None:
            found.addprevious(child)
            return
    parent.append(child)

