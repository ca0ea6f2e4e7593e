"""Text with its spans as Word runs: emphasis, strong, strikethrough and code
as run formatting, links as ``w:hyperlink`` elements, hard line breaks as
``w:br``.

A link's address lives in a relationship of the document part; each distinct
address gets one relationship.  The address is the one every writer uses
(:func:`convert.model.inline.link_address`): checked, and percent-encoded
where it is not a valid URI (spaces, ``<``, non-ASCII), because Word refuses
to open a file whose relationship targets are not.
"""

from __future__ import annotations

from lxml import etree

from convert.model import Span
from convert.model.inline import Run, link_address, runs

from .layout import MONO
from .package import WordPackage
from .oxml import R_ID, add_text, sub
from .styles import CODE_CHARACTERS, HYPERLINK



def add_inline(paragraph: etree._Element, text: str, spans: tuple[Span, ...], links: WordPackage) -> None:
    """Append ``text`` to a paragraph as runs formatted by ``spans``; ``links``
    gives each link target its relationship."""
    if not spans:
        if text:
            add_text(sub(paragraph, "r"), text)
        return
    parent, current = paragraph, None
    for run in runs(text, spans):
        link = _link(run)
        if link is not current:
            current = link
            target = link_address(link.target) if link is not None else None
            parent = paragraph
            if target:
                parent = sub(paragraph, "hyperlink", history="1")
                parent.set(R_ID, links.hyperlink(target))
        _add_run(parent, run, linked=parent is not paragraph)


def _link(run: Run) -> Span | None:
    for span in run.marks:
        if span.kind == "link":
            return span
    return None


def _add_run(parent: etree._Element, run: Run, linked: bool) -> None:
    r = sub(parent, "r")
    kinds = {span.kind for span in run.marks}
    if kinds - {"link"} or linked:
        rpr = sub(r, "rPr")  # children in the schema's order
        code = "code" in kinds
        if linked or code:
            sub(rpr, "rStyle", val=HYPERLINK if linked else CODE_CHARACTERS)
        if code:
            # also directly: a link's style has no font, and LibreOffice lets a
            # table's style override character styles inside cells
            sub(rpr, "rFonts", ascii=MONO, hAnsi=MONO, cs=MONO)
        if "strong" in kinds:
            sub(rpr, "b")
            sub(rpr, "bCs")
        if "emphasis" in kinds:
            sub(rpr, "i")
            sub(rpr, "iCs")
        if "strikethrough" in kinds:
            sub(rpr, "strike")
    if "line-break" in kinds:
        # the span covers the one space that stands for the break
        sub(r, "br")
    else:
        add_text(r, run.text)
