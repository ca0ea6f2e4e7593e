"""The styles a document uses, and its language.

Styles are looked up by name once per document; the body then refers to them
by style id.  Two kinds of style are added to python-docx's default template:
"Scene Break", a custom style users can restyle, and the built-in "toc 1".."toc 3"
styles Word gives table-of-contents entries (the template only lists them as
latent styles).
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as WordDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from convert.model.languages import RIGHT_TO_LEFT, primary_subtag

from .oxml import insert_in_order, sub, w

MAX_HEADING_LEVEL = 9
"""Word has Heading 1 to Heading 9; deeper headings use Heading 9."""

TOC_LEVELS = 3
"""Headings down to this level appear in the table of contents (``TOC \\o "1-3"``)."""

SCENE_BREAK_STYLE = "Scene Break"

_SCENE_BREAK_XML = f"""<w:style {nsdecls("w")} w:type="paragraph" w:customStyle="1" w:styleId="SceneBreak">
  <w:name w:val="{SCENE_BREAK_STYLE}"/>
  <w:basedOn w:val="Normal"/>
  <w:next w:val="Normal"/>
  <w:qFormat/>
  <w:pPr>
    <w:keepNext/>
    <w:spacing w:before="240" w:after="240"/>
    <w:jc w:val="center"/>
  </w:pPr>
</w:style>"""

_TOC_XML = """<w:style {ns} w:type="paragraph" w:styleId="TOC{level}">
  <w:name w:val="toc {level}"/>
  <w:basedOn w:val="Normal"/>
  <w:next w:val="Normal"/>
  <w:autoRedefine/>
  <w:uiPriority w:val="39"/>
  <w:unhideWhenUsed/>
  <w:pPr>
    <w:spacing w:after="100"/>
    <w:ind w:left="{indent}"/>
  </w:pPr>
</w:style>"""

# Primary language subtags whose text Word classes as East Asian, or as complex
# script (w:lang's eastAsia and bidi attributes).
_EAST_ASIAN = frozenset({"ja", "ko", "zh", "yue", "ii"})
_COMPLEX_SCRIPT = frozenset({
    "ar", "he", "iw", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb", "syr",
    "th", "lo", "km", "my", "bo", "hi", "mr", "ne", "sa", "bn", "pa", "gu", "or",
    "ta", "te", "kn", "ml", "si", "am",
})


@dataclass(frozen=True)
class StyleIds:
    """The style ids the body refers to (None means the default paragraph style)."""

    title: str
    normal: str | None
    headings: tuple[str, ...]
    """Heading 1 .. Heading 9."""
    bullet: str
    number: str
    scene_break: str
    toc: tuple[str, ...]
    """TOC 1 .. TOC 3."""

    def heading(self, level: int) -> str:
        return self.headings[min(max(level, 1), MAX_HEADING_LEVEL) - 1]


def prepare_styles(document: WordDocument) -> StyleIds:
    """Add the styles the writer needs and return the ids of all it uses."""
    styles = document.styles
    root = styles.element
    if SCENE_BREAK_STYLE not in styles:
        root.append(parse_xml(_SCENE_BREAK_XML))
    for level in range(1, TOC_LEVELS + 1):
        if root.get_by_id(f"TOC{level}") is None:
            root.append(parse_xml(_TOC_XML.format(ns=nsdecls("w"), level=level, indent=220 * (level - 1))))
    ident = {name: styles[name].style_id for name in ("Title", "List Bullet", "List Number", SCENE_BREAK_STYLE)}
    return StyleIds(
        title=ident["Title"],
        normal=None,
        headings=tuple(styles[f"Heading {n}"].style_id for n in range(1, MAX_HEADING_LEVEL + 1)),
        bullet=ident["List Bullet"],
        number=ident["List Number"],
        scene_break=ident[SCENE_BREAK_STYLE],
        toc=tuple(f"TOC{level}" for level in range(1, TOC_LEVELS + 1)),
    )


def set_language(document: WordDocument, tag: str) -> None:
    """Make ``tag`` the language of the document's text (spelling, hyphenation,
    fonts): in the default run properties, the theme font language, and, for
    right-to-left languages, the default paragraph direction."""
    primary = primary_subtag(tag)
    # Word keeps one language per script class; only the matching one is set,
    # so e.g. Latin words in a Japanese text keep the template's language.
    attribute = "eastAsia" if primary in _EAST_ASIAN else "bidi" if primary in _COMPLEX_SCRIPT else "val"
    defaults = document.styles.element.find(w("docDefaults"))
    run_defaults = defaults.find(f"{w('rPrDefault')}/{w('rPr')}")
    lang = run_defaults.find(w("lang"))
    if lang is None:
        lang = sub(run_defaults, "lang")
    lang.set(w(attribute), tag)
    theme_lang = document.settings.element.find(w("themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(w(attribute), tag)
    if primary in RIGHT_TO_LEFT:
        _right_to_left(defaults)


def _right_to_left(defaults) -> None:
    paragraph_defaults = defaults.find(w("pPrDefault"))
    if paragraph_defaults is None:
        paragraph_defaults = sub(defaults, "pPrDefault")
    ppr = paragraph_defaults.find(w("pPr"))
    if ppr is None:
        ppr = sub(paragraph_defaults, "pPr")
    if ppr.find(w("bidi")) is None:
        bidi = ppr.makeelement(w("bidi"), {})
        later = ("adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
                 "suppressOverlap", "jc", "textDirection", "textAlignment", "outlineLvl", "rPr")
        insert_in_order(ppr, bidi, later)
