"""Right-to-left text (Arabic, Hebrew) for reportlab, through python-bidi.

reportlab orders mixed-direction lines with the Unicode bidirectional
algorithm when a module named ``rlbidi`` (its binding to GNU FriBidi) can be
imported; that binding is not published on PyPI.  :func:`install` provides a
module of that name whose one function, ``log2vis``, is written on the
reference implementation of the algorithm in python-bidi.  It must run before
reportlab's text module is first imported, which the PDF writer ensures by
calling it before importing reportlab; :func:`supported` says whether it
took effect.
"""

from __future__ import annotations

import copy
import functools
import sys
import types


def log2vis(text: str, base_direction: str | None = "LTR", clean: bool = True,
            positions_V_to_L: list[int] | None = None) -> str:
    """``text`` in visual order, left to right, for a paragraph of base
    direction ``LTR`` or ``RTL``; ``positions_V_to_L`` receives, for each
    visual position, the logical index of its character."""
    from bidi import algorithm

    storage = algorithm.get_empty_storage()
    direction = (base_direction or "").upper()
    level = 1 if direction == "RTL" else 0 if direction == "LTR" else algorithm.get_base_level(text)
    storage["base_level"] = level
    storage["base_dir"] = ("L", "R")[level]
    algorithm.get_embedding_levels(text, storage)
    for index, character in enumerate(storage["chars"]):
        character["index"] = index
        # a character this Python's Unicode data does not know has no bidi
        # class; the algorithm would stop on it, and UAX #9 treats it as L
        character["type"] = character["type"] or "L"
    algorithm.explicit_embed_and_overrides(storage)
    algorithm.resolve_weak_types(storage, False)
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    algorithm.reorder_resolved_levels(storage, False)
    algorithm.apply_mirroring(storage, False)
    characters = storage["chars"]
    if positions_V_to_L is not None:
        positions_V_to_L[:] = [character["index"] for character in characters]
    return "".join(character["ch"] for character in characters)


def install() -> None:
    """Offer :func:`log2vis` to reportlab as ``rlbidi`` (when no real one is installed)."""
    if "rlbidi" in sys.modules:
        return
    try:
        import rlbidi  # noqa: F401  (a real FriBidi binding, if someone installed one)
        return
    except ImportError:
        pass
    module = types.ModuleType("rlbidi", "The Unicode bidirectional algorithm for reportlab, from python-bidi.")
    module.log2vis = log2vis  # type: ignore[attr-defined]
    sys.modules["rlbidi"] = module


@functools.lru_cache(maxsize=None)
def supported() -> bool:
    """True when reportlab orders right-to-left text (it decided when it was imported)."""
    from reportlab.pdfgen import textobject

    return bool(textobject.rtlSupport)


# -- lines of several fonts ------------------------------------------------------
#
# reportlab orders the words of a paragraph set in one font, but not those of a
# paragraph of several fonts (Latin with Arabic, say): its code for that is
# switched off.  So each such line is put in visual order when it is drawn:
# its runs of right-to-left pieces are reversed, as the bidirectional
# algorithm's rule L2 does, at the granularity of the pieces reportlab draws
# (a word or part of a word in one font; shaping has already put the glyphs
# of each right-to-left piece in visual order).


def install_line_order() -> None:
    """Mark the lines of ordered paragraphs, and draw marked lines in visual order."""
    from reportlab.platypus import paragraph

    if getattr(paragraph.Paragraph.breakLines, "convert_ordered", False):
        return
    break_lines = paragraph.Paragraph.breakLines

    def breakLines(self, width):  # noqa: N802 (reportlab's name)
        para = break_lines(self, width)
        direction = (getattr(self.style, "wordWrap", None) or "").upper()
        if direction in ("LTR", "RTL") and getattr(para, "kind", 0) == 1:
            for line in para.lines:
                line.convert_direction = direction
        return para

    breakLines.convert_ordered = True  # type: ignore[attr-defined]
    paragraph.Paragraph.breakLines = breakLines
    for name in ("_leftDrawParaLineX", "_rightDrawParaLineX", "_centerDrawParaLineX", "_justifyDrawParaLineX"):
        setattr(paragraph, name, _drawing_in_visual_order(getattr(paragraph, name)))


def _drawing_in_visual_order(draw):
    def drawn(tx, offset, line, last=0):
        direction = getattr(line, "convert_direction", None)
        if direction == "RTL":
            # reportlab reversed the pieces of a right-to-left line just before
            # drawing it; the bidirectional algorithm starts from logical order
            line = copy.copy(line)
            line.words = line.words[::-1]
        return draw(tx, offset, visual_line(line, direction) if direction else line, last)

    return drawn


def visual_line(line, direction: str):
    """A copy of a frag line with its pieces in visual order (or the line itself)."""
    pieces = []
    for frag in line.words:
        text = getattr(frag, "text", None)
        if text is None or hasattr(frag, "cbDefn"):
            pieces.append((frag, None))
            continue
        for word in _split_spaces(text):
            kind = _piece_direction(frag, word)
            if kind == "R":  # right-to-left shaped text is in visual order already, and cut only at spaces
                pieces.append((frag.clone(text=word), kind))
                continue
            for piece in _punctuation_apart(word):
                pieces.append((frag.clone(text=piece), kind if piece is word else _piece_direction(frag, piece)))
    if not any(kind == "R" for _, kind in pieces) and direction == "LTR":
        return line
    base = "R" if direction == "RTL" else "L"
    levels = _levels([kind for _, kind in pieces], base)
    order = _reorder(levels)
    ordered = copy.copy(line)
    ordered.words = [_turned(*pieces[i]) if levels[i] % 2 else pieces[i][0] for i in order]
    ordered.convert_direction = None  # in visual order now: not to be reordered again
    return ordered


def _split_spaces(text):
    """Text cut into words and the spaces between them, slices of the original
    (so that shaped text keeps its glyph positions)."""
    parts, start = [], 0
    for index in range(1, len(text) + 1):
        if index == len(text) or (text[index] == " ") != (text[start] == " "):
            parts.append(text[start:index])
            start = index
    return parts


def _punctuation_apart(word: str) -> list[str]:
    """A word with the punctuation at its ends cut off (``1.`` gives ``1`` and
    ``.``, ``(2)`` gives ``(``, ``2`` and ``)``): the algorithm gives such
    punctuation the direction around the word, not the word's own, so a
    heading's ``1.`` reads ``.1`` in Arabic."""
    start, end = 0, len(word)
    while start < end and _detached(word[start]):
        start += 1
    while end > start and _detached(word[end - 1]):
        end -= 1
    if start == end or end - start == len(word):
        return [word]  # all punctuation, or none to cut off
    return [part for part in (word[:start], word[start:end], word[end:]) if part]


def _detached(character: str) -> bool:
    """Punctuation that is neutral at a word's end; not ``%`` or ``$``, which keep to their number."""
    import unicodedata

    return unicodedata.bidirectional(character) in ("CS", "ON", "ES")


def _turned(frag, kind: str | None):
    """A neutral piece drawn right to left: its characters reversed and its
    brackets mirrored (rules L2 and L4), so that ``).`` after a right-to-left
    aside is drawn ``.(``.  Right-to-left text is left alone: shaping put it
    in visual order and mirrored it already."""
    text = getattr(frag, "text", None)
    if kind == "R" or not text or hasattr(frag, "cbDefn") or len(text) == 1 and text.isalnum():
        return frag
    from bidi.mirror import MIRRORED

    turned = "".join(MIRRORED.get(character, character) for character in reversed(text))
    if turned == text:
        return frag
    if hasattr(text, "__shapeData__"):  # the glyphs' positions, in the same reversed order
        turned = type(text)(turned, shapeData=text.__shapeData__[::-1])
    return frag.clone(text=turned)


def _piece_direction(frag, piece) -> str | None:
    """R, L or None (neutral) for a piece, from the characters its glyphs stand for."""
    import unicodedata

    from reportlab.pdfbase.pdfmetrics import getFont

    from .fixes import cluster_text

    font = getFont(frag.fontName)
    face = getattr(getattr(font, "face", None), "name", b"")
    face_name = face.decode("latin-1") if isinstance(face, bytes) else str(face)
    for character in piece:
        for meant in cluster_text(face_name, character):
            kind = unicodedata.bidirectional(meant)
            if kind in ("R", "AL"):
                return "R"
            if kind in ("L", "EN", "AN"):
                return "L"
    return None


def _levels(kinds: list, base: str) -> list[int]:
    """Embedding levels: right-to-left pieces odd, left-to-right ones even, and
    neutral pieces those of their neighbours when both agree, else the base's."""
    base_level = 1 if base == "R" else 0
    strong = [None if kind is None else (1 if kind == "R" else (2 if base == "R" else 0)) for kind in kinds]
    levels = []
    for index, level in enumerate(strong):
        if level is None:
            before = next((s for s in reversed(strong[:index]) if s is not None), base_level)
            after = next((s for s in strong[index + 1:] if s is not None), base_level)
            level = before if before == after else base_level
        levels.append(level)
    return levels


def _reorder(levels: list[int]) -> list[int]:
    """Rule L2: from the highest level down to the lowest odd one, reverse every
    run of pieces at that level or higher.  Returns the logical indices in visual order."""
    order = list(range(len(levels)))
    if not levels:
        return order
    lowest_odd = min((level for level in levels if level % 2), default=None)
    if lowest_odd is None:
        return order
    for level in range(max(levels), lowest_odd - 1, -1):
        index = 0
        while index < len(order):
            if levels[order[index]] >= level:
                end = index
                while end < len(order) and levels[order[end]] >= level:
                    end += 1
                order[index:end] = reversed(order[index:end])
                index = end
            else:
                index += 1
    return order
