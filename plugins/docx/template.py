"""The house template: the empty document every DOCX starts from, written
here part by part.

python-docx's default template was saved by Word 2010 for the Mac: it
says "Microsoft Macintosh Word", carries a customXml bibliography part, a
thumbnail of an empty page, Word 2010's second copy of the styles, 140 table
styles and fonts (Calibri, Cambria) that match nothing else we write, and
parsing its 350 KB of styles took longer than writing a whole document.  This
template holds only what the writer uses: the house style sheet
(:mod:`convert_plugins.docx.styles`), the numbering definitions the list
styles refer to, a font table naming our fonts, a footer with the page
number, and settings.  The parts every document shares are written once
per process (:func:`house_parts`); the others are written per document from
the functions here, :mod:`convert_plugins.docx.styles` and
:mod:`convert_plugins.docx.numbering`.
"""

from __future__ import annotations

import functools

from .layout import MONO, SANS, SERIF
from .oxml import R_NS, W_NS, quoted, simple_field
from .styles import FOOTER, language_attributes

FONTS = (
    # name, family, pitch, PANOSE-1 classification
    (SERIF, "roman", "variable", "02020502060505020204"),
    (SANS, "swiss", "variable", "020B0502040504020204"),
    (MONO, "modern", "fixed", "020B0609020204030204"),
)
"""The font table: what a word processor lacking one of these fonts needs to pick a similar one."""

_W = f'xmlns:w="{W_NS}"'
_WR = f'{_W} xmlns:r="{R_NS}"'
_WORDML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

_DOCUMENT_PARTS = (
    # relationship id, type, part name, content type
    ("rId1", "styles", "styles.xml", f"{_WORDML}.styles+xml"),
    ("rId2", "settings", "settings.xml", f"{_WORDML}.settings+xml"),
    ("rId3", "numbering", "numbering.xml", f"{_WORDML}.numbering+xml"),
    ("rId4", "fontTable", "fontTable.xml", f"{_WORDML}.fontTable+xml"),
    ("rId5", "footer", "footer1.xml", f"{_WORDML}.footer+xml"),
)
FOOTER_RELATIONSHIP = "rId5"

DOCUMENT_START = f"<w:document {_WR}><w:body>"
"""``word/document.xml`` up to the body's first block."""
DOCUMENT_END = "</w:body></w:document>"


@functools.lru_cache(maxsize=1)
def house_parts() -> dict[str, str]:
    """The parts every document has as they are, by name in the package, as
    XML text without declaration."""
    overrides = [
        ("/word/document.xml", f"{_WORDML}.document.main+xml"),
        *((f"/word/{name}", content_type) for _, _, name, content_type in _DOCUMENT_PARTS),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
    ]
    overrides.sort()  # by part name, the order python-docx wrote them in (so the output kept its bytes)
    return {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            + "".join(f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in overrides)
            + "</Types>"
        ),
        "_rels/.rels": relationships((
            ("rId1", f"{_OFFICE_RELS}/officeDocument", "word/document.xml", False),
            ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
             "docProps/core.xml", False),
            ("rId3", f"{_OFFICE_RELS}/extended-properties", "docProps/app.xml", False),
        )),
        "word/fontTable.xml": (
            f"<w:fonts {_W}>"
            + "".join(
                f'<w:font w:name="{name}"><w:panose1 w:val="{panose}"/><w:charset w:val="00"/>'
                f'<w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>'
                for name, family, pitch, panose in FONTS
            )
            + "</w:fonts>"
        ),
        # the footer's one paragraph: a PAGE field, centred by the Footer style; its
        # cached result is empty, as every word processor computes it per page
        "word/footer1.xml": f'<w:ftr {_W}><w:p><w:pPr><w:pStyle w:val="{FOOTER}"/></w:pPr>'
                            f'{simple_field("PAGE", "")}</w:p></w:ftr>',
    }


def document_relationships(hyperlinks: tuple[tuple[str, str], ...] = ()) -> str:
    """``word/_rels/document.xml.rels``: the template's parts, then ``(id, target)`` hyperlinks."""
    rels = [(rel_id, f"{_OFFICE_RELS}/{kind}", name, False) for rel_id, kind, name, _ in _DOCUMENT_PARTS]
    rels += [(rel_id, f"{_OFFICE_RELS}/hyperlink", target, True) for rel_id, target in hyperlinks]
    return relationships(rels)


def relationships(rels) -> str:
    """A ``.rels`` part: ``(id, type, target, external)`` each."""
    return (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(
            f'<Relationship Id="{quoted(rel_id)}" Type="{kind}" Target="{quoted(target)}"'
            + (' TargetMode="External"/>' if external else "/>")
            for rel_id, kind, target, external in rels
        )
        + "</Relationships>"
    )


def settings_part(tag: str, update_fields: bool) -> str:
    """``word/settings.xml`` for a document in language ``tag``; ``update_fields``
    asks word processors to recompute the fields (the contents) on opening."""
    update = '<w:updateFields w:val="true"/>' if update_fields else ""
    return (
        f'<w:settings {_W}><w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/>'
        f'<w:characterSpacingControl w:val="doNotCompress"/>{update}'
        # Word 2010's layout rules: they let a right tab stop lie past the
        # right indent (the contents' page numbers); LibreOffice follows them.
        '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word"'
        f' w:val="14"/></w:compat><w:themeFontLang {language_attributes(tag)[0]}/>'
        '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>'
    )


def section_properties(width: int, height: int, margins: tuple[int, int, int, int, int], title_page: bool) -> str:
    """The section properties: the page, its ``(top, right, bottom, left, footer)``
    margins, and the footer (with ``title_page``, none on the first page)."""
    top, right, bottom, left, footer = margins
    return (
        f'<w:sectPr><w:footerReference w:type="default" r:id="{FOOTER_RELATIONSHIP}"/>'
        f'<w:pgSz w:w="{width}" w:h="{height}"/>'
        f'<w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}"'
        f' w:header="{footer}" w:footer="{footer}" w:gutter="0"/>{"<w:titlePg/>" if title_page else ""}</w:sectPr>'
    )
