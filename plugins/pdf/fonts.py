"""Embedded fonts and per-character font fallback for the PDF writer.

Every glyph in the PDF comes from a TrueType font shipped in a PyPI package
(``fontpkg-noto-serif`` and ``fontpkg-noto-sans``), embedded as a subset, so
the output prints the same everywhere and its text can be extracted again.
No Base-14 font (Helvetica, Times) is ever used: they lack ``ğ`` and ``İ``
and are not embedded.

Text is turned into reportlab paragraph markup here, in one place: it is
escaped (so ``<script>`` and ``a<b`` print literally), and runs of characters
the main font lacks are set in the next font of a fallback chain that has
them.  A character no packaged font has (emoji, CJK, Arabic, ...) is
reported and printed as the replacement mark �, while the text layer keeps
the real character, so copying or extracting the text still gives it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence
from xml.sax.saxutils import escape

import fontpkg_noto_sans
import fontpkg_noto_serif
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

SERIF = "ConvertNotoSerif"
"""Registered name of the body font."""
SANS = "ConvertNotoSans"
"""Registered name of the heading font."""

_FILES = {
    SERIF: Path(fontpkg_noto_serif.ROOT) / "files" / "NotoSerif[wdth,wght].ttf",
    SANS: Path(fontpkg_noto_sans.ROOT) / "files" / "NotoSans[wdth,wght].ttf",
}

REPLACEMENT = 0xFFFD
"""The glyph printed for a character no font has."""

_MAX_NAMED = 8
"""A warning names at most this many characters."""


@dataclass(frozen=True, eq=False)
class Face:
    """A registered font and the code points it really has glyphs for."""

    name: str
    coverage: frozenset[int]
    font: TTFont

    def covers(self, character: str) -> bool:
        return ord(character) in self.coverage

    def stand_in(self, character: str) -> None:
        """Let the font print ``character`` with its replacement glyph.

        The PDF text layer (the font's ToUnicode map) still says
        ``character``; only the drawn shape is the replacement mark.  The
        mapping is the same for every document, so sharing it is harmless.
        """
        code, tables = ord(character), self.font.face
        if code not in tables.charToGlyph:
            tables.charToGlyph[code] = tables.charToGlyph[REPLACEMENT]
            tables.charWidths[code] = tables.charWidths[REPLACEMENT]


@functools.lru_cache(maxsize=None)
def face(name: str) -> Face:
    """Register one of the packaged fonts with reportlab (once per process)."""
    _fix_astral_to_unicode()
    font = TTFont(name, str(_FILES[name]))
    pdfmetrics.registerFont(font)
    return Face(name, frozenset(font.face.charToGlyph), font)


def chain(*names: str) -> tuple[Face, ...]:
    """A fallback chain: the first font sets the text, the others fill gaps."""
    return tuple(face(name) for name in names)


def _fix_astral_to_unicode() -> None:
    """Make reportlab's ToUnicode maps right for characters beyond U+FFFF.

    reportlab writes such a code point as bare hex (``<1F600>``), which is
    not UTF-16 and extracts as garbage; a ToUnicode map wants the surrogate
    pair (``<D83DDE00>``).  Characters up to U+FFFF are written as before.
    """
    original = ttfonts.makeToUnicodeCMap
    if getattr(original, "handles_astral", False):
        return

    def to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
        cmap = original(fontname, subset)
        for index, code in enumerate(subset):
            if code > 0xFFFF:
                utf16 = chr(code).encode("utf-16-be").hex().upper()
                cmap = cmap.replace(f"<{index:02X}> <{code:04X}>", f"<{index:02X}> <{utf16}>", 1)
        return cmap

    to_unicode_cmap.handles_astral = True  # type: ignore[attr-defined]
    ttfonts.makeToUnicodeCMap = to_unicode_cmap


Warn = Callable[[str, str, "int | None"], None]


class MissingGlyphs:
    """Collects the characters no font has, once per character and source line.

    Headings are set twice (contents and body), and a huge paragraph in
    several chunks, so each character is reported only the first time it is
    seen on its line; the new characters of one text share one warning.
    """

    def __init__(self, warn: Warn) -> None:
        self._warn = warn
        self._seen: set[tuple[str, int | None]] = set()
        self._pending: list[tuple[int, str]] = []

    def report(self, characters: Iterable[str], line: int | None) -> None:
        new = [c for c in dict.fromkeys(characters) if (c, line) not in self._seen]
        if not new:
            return
        self._seen.update((c, line) for c in new)
        named = ", ".join(f"U+{ord(c):04X} {c}" for c in new[:_MAX_NAMED])
        more = f" and {len(new) - _MAX_NAMED} more" if len(new) > _MAX_NAMED else ""
        self._pending.append((line or 0, f"no glyph for {named}{more}; printed as {chr(REPLACEMENT)}"))

    def flush(self) -> None:
        """Emit the warnings in source order (the contents are set before the body)."""
        for line, message in sorted(self._pending, key=lambda pending: pending[0]):
            self._warn("missing-glyph", message, line or None)
        self._pending.clear()


def _runs(text: str, fonts: Sequence[Face]) -> Iterator[tuple[Face | None, str]]:
    """Split text into runs set in one font; None marks characters no font has."""
    current: Face | None = fonts[0]
    start = 0
    for index, character in enumerate(text):
        if fonts[0].covers(character) or character.isspace():
            choice: Face | None = fonts[0]
        else:
            choice = next((f for f in fonts[1:] if f.covers(character)), None)
        if choice is not current:
            if index > start:
                yield current, text[start:index]
            current, start = choice, index
    if start < len(text):
        yield current, text[start:]


def markup(text: str, fonts: Sequence[Face], missing: MissingGlyphs, line: int | None) -> str:
    """Escape text for reportlab's paragraph markup and apply font fallback.

    Characters no font covers are reported and set in the main font with a
    stand-in glyph (see :meth:`Face.stand_in`), so nothing is dropped and
    nothing prints as an unexplained box.
    """
    if all(fonts[0].covers(c) or c.isspace() for c in set(text)):
        return escape(text)  # the common case: one font, no per-character work
    parts = []
    uncovered: list[str] = []
    for font, run in _runs(text, fonts):
        if font is None:
            uncovered.extend(run)
            for character in set(run):
                fonts[0].stand_in(character)
            parts.append(escape(run))
        elif font is fonts[0]:
            parts.append(escape(run))
        else:
            parts.append(f'<font face="{font.name}">{escape(run)}</font>')
    missing.report(uncovered, line)
    return "".join(parts)
