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
number, and settings.  Its parts are built once per process
(:func:`house_parts`); :mod:`convert_plugins.docx.package` parses a fresh
copy of the few each document changes.
"""

from __future__ import annotations

import functools

from lxml import etree

from .layout import BOTTOM_MARGIN, DEFAULT_PAGE_SIZE, FOOTER_DISTANCE, MONO, PAGE_SIZES, SANS, SERIF, TOP_MARGIN
from .layout import side_margin
from .numbering import base_numbering
from .oxml import R_NS, W_NS, simple_field, sub, w
from .styles import DEFAULT_PARAGRAPH, DEFAULT_RUN, FOOTER, STYLES

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


@functools.lru_cache(maxsize=1)
def house_parts() -> dict[str, str]:
    """The template's parts by name in the package, as XML text without declaration."""
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
        "_rels/.rels": _relationships((
            ("rId1", f"{_OFFICE_RELS}/officeDocument", "word/document.xml"),
            ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
             "docProps/core.xml"),
            ("rId3", f"{_OFFICE_RELS}/extended-properties", "docProps/app.xml"),
        )),
        "docProps/core.xml": (
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
            ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
            ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>'
        ),
        "docProps/app.xml": '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"/>',
        "word/document.xml": f"<w:document {_WR}><w:body>{_section()}</w:body></w:document>",
        "word/_rels/document.xml.rels": _relationships(
            (rel_id, f"{_OFFICE_RELS}/{kind}", name) for rel_id, kind, name, _ in _DOCUMENT_PARTS
        ),
        "word/styles.xml": (
            f"<w:styles {_W}><w:docDefaults><w:rPrDefault>{DEFAULT_RUN}</w:rPrDefault>"
            f"<w:pPrDefault>{DEFAULT_PARAGRAPH}</w:pPrDefault></w:docDefaults>"
            + "".join(style.xml() for style in STYLES)
            + "</w:styles>"
        ),
        "word/settings.xml": (
            f'<w:settings {_W}><w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/>'
            '<w:characterSpacingControl w:val="doNotCompress"/>'
            # Word 2010's layout rules: they let a right tab stop lie past the
            # right indent (the contents' page numbers); LibreOffice follows them.
            '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word"'
            ' w:val="14"/></w:compat><w:themeFontLang w:val="en-US"/>'
            '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>'
        ),
        "word/numbering.xml": _serialized("numbering", base_numbering),
        "word/fontTable.xml": (
            f"<w:fonts {_W}>"
            + "".join(
                f'<w:font w:name="{name}"><w:panose1 w:val="{panose}"/><w:charset w:val="00"/>'
                f'<w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>'
                for name, family, pitch, panose in FONTS
            )
            + "</w:fonts>"
        ),
        "word/footer1.xml": _serialized("ftr", _page_number),
    }


def _relationships(rels) -> str:
    return (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(f'<Relationship Id="{rel_id}" Type="{kind}" Target="{target}"/>' for rel_id, kind, target in rels)
        + "</Relationships>"
    )


def _section() -> str:
    """The section properties: the page (set again per document), and the footer."""
    width, height = PAGE_SIZES[DEFAULT_PAGE_SIZE]
    margin = side_margin(width)
    return (
        f'<w:sectPr><w:footerReference w:type="default" r:id="{FOOTER_RELATIONSHIP}"/>'
        f'<w:pgSz w:w="{width}" w:h="{height}"/>'
        f'<w:pgMar w:top="{TOP_MARGIN}" w:right="{margin}" w:bottom="{BOTTOM_MARGIN}" w:left="{margin}"'
        f' w:header="{FOOTER_DISTANCE}" w:footer="{FOOTER_DISTANCE}" w:gutter="0"/></w:sectPr>'
    )


def _page_number(footer: etree._Element) -> None:
    """The footer's one paragraph: a PAGE field, centred by the Footer style.
    Its cached result is empty: every word processor computes it per page."""
    p = sub(footer, "p")
    sub(sub(p, "pPr"), "pStyle", val=FOOTER)
    simple_field(p, "PAGE", "")


def _serialized(tag: str, fill) -> str:
    root = etree.Element(w(tag), nsmap={"w": W_NS})
    fill(root)
    return etree.tostring(root, encoding="unicode")
