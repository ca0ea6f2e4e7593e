"""Corrections to reportlab, applied once per process before a PDF is written.

* ToUnicode maps: reportlab writes a code point beyond U+FFFF as bare hex
  (``<1F600>``), which is not UTF-16 and extracts as garbage; a ToUnicode map
  wants the surrogate pair (``<D83DDE00>``).
* Shaped text: a glyph that harfbuzz substitutes (an Arabic letter's initial
  or final form, a conjunct, a ligature) has no code point of its own, so
  reportlab gives it a private-use one, and the PDF's text would extract as
  private-use characters.  Each such glyph is mapped to the characters of the
  cluster it was shaped from instead.  Latin ligatures (``fi``) are not
  formed, so that every word extracts as written.
* Justified lines: a line whose word spaces would stretch to more than twice
  their width (a long word that could not be hyphenated went to the next
  line) is set flush left instead, so justified text shows no rivers.
* A text object that starts with a raised glyph (an Arabic mark shaped at the
  start of a line) made reportlab look at the last instruction of an empty list.
"""

from __future__ import annotations

import functools
import unicodedata
from typing import Any, Sequence

from reportlab.pdfbase import ttfonts

SHAPING_FEATURES = {"kern": True, "liga": False, "dlig": False, "clig": False}
"""OpenType features for shaped text: required script features stay on (they
are not listed), discretionary and standard ligatures off."""

_CLUSTER_TEXT: dict[tuple[str, int], str] = {}
"""(font name, code reportlab gave a shaped glyph) to the characters it stands for."""


def install() -> None:
    """Apply every correction (idempotent)."""
    if getattr(ttfonts.makeToUnicodeCMap, "convert_fixed", False):
        return
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap(ttfonts.makeToUnicodeCMap)
    _wrap_shaping()
    _cap_justification()
    from . import rtl

    rtl.install_line_order()
    from reportlab.pdfgen import textobject  # after rtl.install(): reportlab looks for its bidi module then

    textobject.PDFTextObject.setRise = _safe_set_rise(textobject.PDFTextObject.setRise)


def cluster_text(face_name: str, character: str) -> str:
    """The characters a drawn glyph code stands for (itself, unless shaping recoded it)."""
    return _CLUSTER_TEXT.get((face_name, ord(character)), character)


def _utf16(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def _to_unicode_cmap(original: Any) -> Any:
    def to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
        cmap = original(fontname, subset)
        face_name = fontname.split("+", 1)[-1]
        for index, code in enumerate(subset):
            text = _CLUSTER_TEXT.get((face_name, code))
            if text is None and code <= 0xFFFF:
                continue
            cmap = cmap.replace(f"<{index:02X}> <{code:04X}>", f"<{index:02X}> <{_utf16(chr(code) if text is None else text)}>", 1)
        return cmap

    to_unicode_cmap.convert_fixed = True  # type: ignore[attr-defined]
    return to_unicode_cmap


def _wrap_shaping() -> None:
    """Shape with :data:`SHAPING_FEATURES`, one font and direction at a time,
    and give substituted glyphs codes whose text is what they stand for."""
    from reportlab.platypus import paragraph

    original = ttfonts.shapeFragWord
    if not getattr(original, "__defaults__", None):
        return  # uharfbuzz is missing: reportlab's stand-in does no shaping

    @functools.wraps(original)
    def shape(word: Any, features: Any = None, force: bool = False) -> Any:
        if any(isinstance(text, ttfonts.ShapedStr) for _, text in word[1:]):
            return word  # shaped already: the part of a paragraph split across pages or cells
        if isinstance(word, ttfonts.ShapedFragWord) or any(hasattr(f, "cbDefn") for f, _ in word[1:]):
            return original(word, features=features or SHAPING_FEATURES, force=force)
        segments = _segments(word)
        if len(segments) == 1:
            shaped = original(word, features=features or SHAPING_FEATURES, force=force)
            return shaped if shaped is word else _relabel(word, shaped)
        # reportlab shapes a word with the font of its first part: shape each part alone
        parts = [_relabel(segment, original(segment, features=features or SHAPING_FEATURES, force=True))
                 for segment in segments]
        joined = ttfonts.makeShapedFragWord(word)([sum(part[0] for part in parts)])
        for part in parts:
            joined.extend(part[1:])
        return joined

    ttfonts.shapeFragWord = shape
    paragraph.shapeFragWord = shape


def _direction(character: str) -> str | None:
    kind = unicodedata.bidirectional(character)
    return "R" if kind in ("R", "AL") else "L" if kind == "L" else None


def _segments(word: Any) -> list[Any]:
    """A frag word cut where its font or its writing direction changes."""
    pieces: list[tuple[Any, str, str | None]] = []
    for frag, text in word[1:]:
        start, current = 0, None
        for index, character in enumerate(text):
            direction = _direction(character)
            if direction and current and direction != current:
                pieces.append((frag, text[start:index], current))
                start = index
            current = direction or current
        pieces.append((frag, text[start:], current))
    segments: list[list[Any]] = []
    font, direction = None, None
    for frag, text, piece_direction in pieces:
        if not text:
            continue
        if segments and frag.fontName == font and piece_direction in (None, direction) or (
                segments and frag.fontName == font and direction is None):
            segments[-1].append((frag, text))
            direction = direction or piece_direction
        else:
            segments.append([0, (frag, text)])
            font, direction = frag.fontName, piece_direction
    return [word.__class__(segment) for segment in segments] or [word]


def _relabel(word: Any, shaped: Any) -> Any:
    """The shaped word with each glyph coded by the text it stands for: the
    first glyph of a cluster by the cluster's characters, the others (a dot
    drawn apart from its letter) by nothing."""
    text = "".join(piece for frag, piece in word[1:])
    pieces = [(frag, piece) for frag, piece in shaped[1:]]
    clusters = sorted({sd.cluster for _, piece in pieces if hasattr(piece, "__shapeData__")
                       for sd in piece.__shapeData__ if sd.cluster >= 0})
    ends = dict(zip(clusters, clusters[1:] + [len(text)]))
    seen: set[int] = set()
    relabelled = shaped.__class__([shaped[0]])
    for frag, piece in pieces:
        if not hasattr(piece, "__shapeData__"):
            relabelled.append((frag, piece))
            continue
        font = ttfonts.pdfmetrics.getFont(frag.fontName)
        characters, data = [], []
        for character, sd in zip(piece, piece.__shapeData__):
            meant = text[sd.cluster:ends[sd.cluster]] if sd.cluster in ends and sd.cluster not in seen else ""
            if sd.cluster in ends:
                seen.add(sd.cluster)
            if font.face.charToGlyph.get(ord(character)) == 0 and 0xFFFD in font.face.charToGlyph:
                # harfbuzz found no glyph (no font has the character): the replacement mark, at its width
                width = font.face.charWidths[0xFFFD]
                relabelled[0] += (width - sd.x_advance) * frag.fontSize / 1000
                sd = sd._replace(x_advance=width, width=width)
            characters.append(character if meant == character else _code_for(font, character, meant))
            data.append(sd)
        relabelled.append((frag, ttfonts.ShapedStr("".join(characters), shapeData=data)))
    return relabelled


_CODES: dict[tuple[str, int, str], str] = {}
_NEXT_CODE = [0xF0000]


def _code_for(font: Any, character: str, meant: str) -> str:
    """A private code drawing the glyph of ``character`` whose text is ``meant``."""
    face = font.face
    glyph, width = face.charToGlyph[ord(character)], face.charWidths[ord(character)]
    if glyph == 0 and 0xFFFD in face.charToGlyph:  # see _relabel
        glyph, width = face.charToGlyph[0xFFFD], face.charWidths[0xFFFD]
    key = (font.fontName, glyph, meant)
    if key not in _CODES:
        code = _NEXT_CODE[0]
        _NEXT_CODE[0] += 1
        face.charToGlyph[code] = glyph
        face.charWidths[code] = width
        _CLUSTER_TEXT[(face.name.decode("latin-1"), code)] = meant
        _CODES[key] = chr(code)
    return _CODES[key]


MAX_STRETCH = 1.0
"""The most a justified word space may grow, in widths of a space (so at most
twice its natural width)."""


def _cap_justification() -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import paragraph

    def too_loose(font: str, size: float, extra: float, spaces: int) -> bool:
        return spaces > 0 and extra / spaces > MAX_STRETCH * stringWidth(" ", font, size)

    simple, frags = paragraph._justifyDrawParaLine, paragraph._justifyDrawParaLineX

    def justify(tx: Any, offset: float, extraspace: float, words: list, last: int = 0) -> Any:
        if not last and too_loose(tx._fontname, tx._fontsize, extraspace, len(words) - 1):
            return paragraph._leftDrawParaLine(tx, offset, extraspace, words, last)
        return simple(tx, offset, extraspace, words, last)

    def justify_frags(tx: Any, offset: float, line: Any, last: int = 0) -> Any:
        first = next((w for w in line.words if hasattr(w, "fontName")), None)
        if (not last and not line.lineBreak and first is not None
                and too_loose(first.fontName, first.fontSize, line.extraSpace, line.wordCount - 1)):
            return paragraph._leftDrawParaLineX(tx, offset, line, last)
        return frags(tx, offset, line, last)

    paragraph._justifyDrawParaLine = justify
    paragraph._justifyDrawParaLineX = justify_frags


def _safe_set_rise(original: Any) -> Any:
    def set_rise(self: Any, rise: float) -> None:
        if not self._code:
            self._code.append("")
        original(self, rise)

    return set_rise
