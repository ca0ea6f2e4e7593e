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

from itertools import groupby

from convert.model import Span
from convert.model.inline import Run, link_address, runs

from .layout import MONO
from .oxml import WordParagraph, quoted, run, text_content
from .package import WordPackage
from .styles import CODE_CHARACTERS, HYPERLINK


def add_inline(paragraph: WordParagraph, text: str, spans: tuple[Span, ...], links: WordPackage) -> None:
    """Append ``text`` to a paragraph as runs formatted by ``spans``; ``links``
    gives each link target its relationship."""
    if not spans:
        if text:
            paragraph.add(run(text_content(text)), text)
        return
    for link, pieces in groupby(runs(text, spans), key=_link):
        target = link_address(link.target) if link is not None else None
        if not target:
            for piece in pieces:
                paragraph.add(*_run(piece, linked=False))
            continue
        rel_id = quoted(links.hyperlink(target))
        linked = [_run(piece, linked=True) for piece in pieces]
        paragraph.add(f'<w:hyperlink w:history="1" r:id="{rel_id}">{"".join(xml for xml, _ in linked)}</w:hyperlink>',
                      "".join(shown for _, shown in linked))


def _link(piece: Run) -> Span | None:
    for span in piece.marks:
        if span.kind == "link":
            return span
    return None


def _run(piece: Run, linked: bool) -> tuple[str, str]:
    """A run of formatted text, and the text it shows."""
    kinds = {span.kind for span in piece.marks}
    properties = ""
    if kinds - {"link"} or linked:
        parts = []  # in the schema's order
        code = "code" in kinds
        if linked or code:
            parts.append(f'<w:rStyle w:val="{HYPERLINK if linked else CODE_CHARACTERS}"/>')
        if code:
            # also directly: a link's style has no font, and LibreOffice lets a
            # table's style override character styles inside cells
            parts.append(f'<w:rFonts w:ascii="{MONO}" w:hAnsi="{MONO}" w:cs="{MONO}"/>')
        if "strong" in kinds:
            parts.append("<w:b/><w:bCs/>")
        if "emphasis" in kinds:
            parts.append("<w:i/><w:iCs/>")
        if "strikethrough" in kinds:
            parts.append("<w:strike/>")
        properties = f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else "<w:rPr/>"
    if "line-break" in kinds:
        # the span covers the one space that stands for the break
        return run("<w:br/>", properties), "\n"
    return run(text_content(piece.text), properties), piece.text
