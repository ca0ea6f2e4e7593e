"""The house style sheet, and the document's language.

Every style the body uses is defined here, under Word's own names where Word
has one (Title, Heading 1-9, Quote, List Bullet, List Number, toc 1-3, TOC
Heading, Hyperlink, Table Grid) so that Word users find them where they
expect, and under the names other tools use for the rest (pandoc's "Source
Code" and "Verbatim Char", LibreOffice's "Table Contents" and "Table
Heading").  The body refers to styles by the ids below; the house template
holds these and no others (see :mod:`convert_plugins.docx.template`).
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from convert.model.languages import RIGHT_TO_LEFT, primary_subtag

from .layout import ACCENT, BODY_SIZE, LINE, MONO, PARAGRAPH_AFTER, SANS, SERIF, STEP, TEXT_WIDTH
from .oxml import W_NS, quoted

MAX_HEADING_LEVEL = 9
"""Word has Heading 1 to Heading 9; deeper headings use Heading 9."""

TOC_LEVELS = 3
"""Headings down to this level appear in the table of contents (``TOC \\o "1-3"``)."""

TITLE = "Title"
HEADINGS = tuple(f"Heading{level}" for level in range(1, MAX_HEADING_LEVEL + 1))
TOC_HEADING = "TOCHeading"
TOC = tuple(f"TOC{level}" for level in range(1, TOC_LEVELS + 1))
BULLET = "ListBullet"
NUMBER = "ListNumber"
CONTINUE = "ListContinue"
QUOTE = "Quote"
ATTRIBUTION = "Attribution"
CODE = "SourceCode"
VERSE = "Verse"
SCENE_BREAK = "SceneBreak"
TABLE = "TableGrid"
TABLE_CONTENTS = "TableContents"
TABLE_HEADING = "TableHeading"
FOOTER = "Footer"
HYPERLINK = "Hyperlink"
CODE_CHARACTERS = "VerbatimChar"

BULLET_NUM_ID, NUMBER_NUM_ID = 1, 2
"""List instances the List Bullet and List Number styles start, for people who
apply those styles by hand; the writer gives each list an instance of its own."""


def _fonts(name: str) -> str:
    return f'<w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:cs="{name}"/>'


def _size(half_points: int) -> str:
    return f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'


def _heading_look(level: int) -> tuple[str, str]:
    size = {1: 32, 2: 28, 3: 24}.get(level, BODY_SIZE)
    before, after = {1: 480, 2: 360, 3: 280}.get(level, 240), {1: 160, 2: 120}.get(level, 80)
    italic = "<w:i/>" if level >= 4 else ""
    ppr = (f'<w:keepNext/><w:keepLines/><w:spacing w:before="{before}" w:after="{after}" w:line="240" '
           f'w:lineRule="auto"/><w:outlineLvl w:val="{level - 1}"/>')
    rpr = f'{_fonts(SANS)}<w:b/><w:bCs/>{italic}<w:color w:val="{ACCENT}"/>{_size(size)}'
    return ppr, rpr


class Style(NamedTuple):
    """One style definition; ``ppr``/``rpr``/``extra`` are WordprocessingML fragments."""

    style_id: str
    name: str
    kind: str = "paragraph"
    based_on: str | None = "Normal"
    custom: bool = False
    ppr: str = ""
    rpr: str = ""
    extra: str = ""

    def xml(self) -> str:
        """The ``w:style`` element, inside a ``w:styles`` that declares the ``w`` prefix."""
        attributes = f'w:type="{self.kind}" w:styleId="{self.style_id}"'
        if self.style_id in ("Normal", "DefaultParagraphFont", "TableNormal", "NoList"):
            attributes += ' w:default="1"'
        if self.custom:
            attributes += ' w:customStyle="1"'
        parts = [f'<w:style {attributes}><w:name w:val="{self.name}"/>']
        if self.based_on:
            parts.append(f'<w:basedOn w:val="{self.based_on}"/>')
        if self.kind == "paragraph" and self.style_id != "Normal":
            parts.append(f'<w:next w:val="{"Normal" if self.style_id in HEADINGS + (TITLE,) else self.style_id}"/>')
        parts.append("<w:qFormat/>")
        if self.ppr:
            parts.append(f"<w:pPr>{self.ppr}</w:pPr>")
        if self.rpr:
            parts.append(f"<w:rPr>{self.rpr}</w:rPr>")
        parts.append(self.extra + "</w:style>")
        return "".join(parts)


_BORDER = 'w:val="single" w:sz="4" w:space="0" w:color="8C8C8C"'

STYLES: tuple[Style, ...] = (
    Style("Normal", "Normal", based_on=None),
    Style("DefaultParagraphFont", "Default Paragraph Font", "character", based_on=None),
    Style("TableNormal", "Normal Table", "table", based_on=None,
          extra='<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
                '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
                '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>'),
    Style("NoList", "No List", "numbering", based_on=None),
    Style(TITLE, "Title", ppr='<w:keepNext/><w:spacing w:before="0" w:after="360" w:line="240" w:lineRule="auto"/>',
          rpr=f'{_fonts(SANS)}<w:color w:val="{ACCENT}"/>{_size(48)}'),
    *(Style(HEADINGS[level - 1], f"heading {level}", ppr=_heading_look(level)[0], rpr=_heading_look(level)[1])
      for level in range(1, MAX_HEADING_LEVEL + 1)),
    Style(TOC_HEADING, "TOC Heading", based_on=HEADINGS[0],
          ppr='<w:spacing w:before="0" w:after="240"/><w:outlineLvl w:val="9"/>'),
    # Entries wrap before the page-number column (right indent) under a hanging
    # indent; the number sits on a right tab at the edge of the text, past the
    # right indent, so it never drops to a line of dots of its own.
    *(Style(TOC[level - 1], f"toc {level}",
            ppr=f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs>'
                f'<w:spacing w:before="{120 if level == 1 else 0}" w:after="60"/>'
                f'<w:ind w:left="{360 * level}" w:right="720" w:hanging="360"/>')
      for level in range(1, TOC_LEVELS + 1)),
    Style(BULLET, "List Bullet",
          ppr=f'<w:numPr><w:numId w:val="{BULLET_NUM_ID}"/></w:numPr><w:spacing w:after="60"/>'),
    Style(NUMBER, "List Number",
          ppr=f'<w:numPr><w:numId w:val="{NUMBER_NUM_ID}"/></w:numPr><w:spacing w:after="60"/>'),
    Style(CONTINUE, "List Continue", ppr=f'<w:spacing w:after="60"/><w:ind w:left="{STEP}"/>'),
    Style(QUOTE, "Quote",
          ppr=f'<w:pBdr><w:left w:val="single" w:sz="12" w:space="8" w:color="BFBFBF"/></w:pBdr>'
              f'<w:ind w:left="{STEP}" w:right="{STEP}"/>',
          rpr='<w:color w:val="3A3A3A"/>'),
    Style(ATTRIBUTION, "Attribution", based_on=QUOTE, custom=True,
          ppr='<w:pBdr><w:left w:val="nil"/></w:pBdr><w:spacing w:after="240"/><w:jc w:val="right"/>',
          rpr="<w:i/><w:iCs/>"),
    Style(CODE, "Source Code", custom=True,
          ppr='<w:shd w:val="clear" w:color="auto" w:fill="F4F4F4"/>'
              '<w:spacing w:before="60" w:after="180" w:line="240" w:lineRule="auto"/>',
          rpr=f"{_fonts(MONO)}<w:noProof/>{_size(18)}"),
    Style(VERSE, "Verse", custom=True, ppr=f'<w:spacing w:before="60" w:after="180"/><w:ind w:left="{STEP}"/>'),
    Style(SCENE_BREAK, "Scene Break", custom=True,
          ppr='<w:keepNext/><w:spacing w:before="240" w:after="240"/><w:jc w:val="center"/>', rpr=_size(28)),
    Style(TABLE, "Table Grid", "table", based_on="TableNormal",
          extra=f'<w:tblPr><w:tblBorders><w:top {_BORDER}/><w:left {_BORDER}/><w:bottom {_BORDER}/>'
                f'<w:right {_BORDER}/><w:insideH {_BORDER}/><w:insideV {_BORDER}/></w:tblBorders></w:tblPr>'),
    Style(TABLE_CONTENTS, "Table Contents", custom=True,
          ppr='<w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/>'),
    Style(TABLE_HEADING, "Table Heading", based_on=TABLE_CONTENTS, custom=True, ppr="<w:keepNext/>",
          rpr="<w:b/><w:bCs/>"),
    Style(FOOTER, "footer", ppr='<w:spacing w:after="0"/><w:jc w:val="center"/>', rpr=f"{_fonts(SANS)}{_size(18)}"),
    Style(HYPERLINK, "Hyperlink", "character", based_on="DefaultParagraphFont",
          rpr=f'<w:color w:val="{ACCENT}"/><w:u w:val="single"/>'),
    Style(CODE_CHARACTERS, "Verbatim Char", "character", based_on="DefaultParagraphFont", custom=True,
          rpr=f"{_fonts(MONO)}<w:noProof/>"),
)
"""Every style of the house style sheet."""

DEFAULT_LANGUAGE = "en-US"
"""The template's language, kept for the script classes a document's language is not in."""


def styles_part(tag: str) -> str:
    """``word/styles.xml`` for a document in language ``tag``: the house style
    sheet under the properties of all text unless a style says otherwise
    (``w:docDefaults``)."""
    attributes, right_to_left = language_attributes(tag)
    bidi = "<w:bidi/>" if right_to_left else ""  # the default paragraph direction
    return (
        f'<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr>{_fonts(SERIF)}{_size(BODY_SIZE)}'
        f"<w:lang {attributes}/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>{bidi}<w:spacing "
        f'w:after="{PARAGRAPH_AFTER}" w:line="{LINE}" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
        f"{_style_sheet()}</w:styles>"
    )


@functools.lru_cache(maxsize=1)
def _style_sheet() -> str:
    return "".join(style.xml() for style in STYLES)


def heading(level: int) -> str:
    """The style id for a heading level (levels past 9 use Heading 9)."""
    return HEADINGS[min(max(level, 1), MAX_HEADING_LEVEL) - 1]


# Primary language subtags whose text Word classes as East Asian, or as complex
# script (w:lang's eastAsia and bidi attributes).
_EAST_ASIAN = frozenset({"ja", "ko", "zh", "yue", "ii"})
_COMPLEX_SCRIPT = frozenset({
    "ar", "he", "iw", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb", "syr",
    "th", "lo", "km", "my", "bo", "hi", "mr", "ne", "sa", "bn", "pa", "gu", "or",
    "ta", "te", "kn", "ml", "si", "am",
})


def language_attributes(tag: str) -> tuple[str, bool]:
    """The attributes of ``w:lang`` (and of the settings' ``w:themeFontLang``)
    that make ``tag`` the language of the document's text (spelling,
    hyphenation, fonts), and whether its paragraphs run right to left."""
    primary = primary_subtag(tag)
    # Word keeps one language per script class; only the matching one is set,
    # so e.g. Latin words in a Japanese text keep the template's language.
    attribute = "eastAsia" if primary in _EAST_ASIAN else "bidi" if primary in _COMPLEX_SCRIPT else "val"
    if attribute == "val":
        return f'w:val="{quoted(tag)}"', primary in RIGHT_TO_LEFT
    return f'w:val="{DEFAULT_LANGUAGE}" w:{attribute}="{quoted(tag)}"', primary in RIGHT_TO_LEFT
