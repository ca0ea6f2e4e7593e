"""Embedded fonts and per-character font fallback for the PDF writer.

Every glyph in the PDF comes from an embedded TrueType font: Noto Serif for
body text, Noto Sans for headings, IBM Plex Mono for verbatim text and code,
each in real regular, bold, italic and bold italic cuts
(:mod:`convert_plugins.pdf.fontfiles`); Noto Sans Arabic, Hebrew, Devanagari
and Thai for those scripts; and, for characters none of these has, fonts
installed on the machine (:mod:`convert_plugins.pdf.systemfonts`).  No
Base-14 font (Helvetica, Times) is ever used: they lack ``ğ`` and ``İ`` and
are not embedded.

A :class:`Chain` picks, for each character, the first font that has it.  A
character no font has is reported and printed as the replacement mark �,
while the text layer keeps the real character, so copying or extracting the
text still gives it.
"""

from __future__ import annotations

import functools
import hashlib
from typing import Callable, Iterable, Iterator

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from . import facecache, fixes, systemfonts
from .fontfiles import MONO, SANS, SERIF, Family, script_family

REPLACEMENT = 0xFFFD
"""The glyph printed for a character no font has."""

_MAX_NAMED = 8
"""A warning names at most this many characters."""


class Face:
    """A registered font and the code points it really has glyphs for
    (equal only to itself; a plain class, cheaper to create at import than a dataclass)."""

    __slots__ = ("name", "coverage", "font")

    def __init__(self, name: str, coverage: frozenset[int], font: TTFont) -> None:
        self.name = name
        self.coverage = coverage
        self.font = font

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


def _register(name: str, source: object, **options: object) -> Face:
    fixes.install()
    font = TTFont(name, source, **options)
    return _registered(font)


def _registered(font: TTFont) -> Face:
    """Register a font with reportlab, with the code points it has glyphs for."""
    name = font.fontName
    pdfmetrics.registerFont(font)
    return Face(name, frozenset(font.face.charToGlyph), font)


def face_name(family: Family, bold: bool = False, italic: bool = False) -> str:
    """The registered name of a face (registering it does not happen here)."""
    style = ("Bold" if bold else "") + ("Italic" if italic else "")
    return f"Convert-{family.key}-{style or 'Regular'}"


@functools.lru_cache(maxsize=None)
def face(family: Family, bold: bool = False, italic: bool = False) -> Face:
    """A packaged face, registered with reportlab on first use (once per process)."""
    fixes.install()
    return _registered(facecache.load(face_name(family, bold, italic), family.source(bold, italic)))


@functools.lru_cache(maxsize=None)
def installed_face(font: systemfonts.InstalledFont) -> Face | None:
    """An installed font, or None when reportlab cannot embed it (CFF outlines, bitmaps).

    Its name comes from its file, not from the order fonts were loaded in, so
    that a document's PDF does not depend on what the process printed before.
    """
    digest = hashlib.sha256(f"{font.path}|{font.index}".encode()).hexdigest()[:12]
    try:
        return _register(f"Convert-system-{digest}", font.path, subfontIndex=font.index)
    except Exception:  # reportlab raises assorted errors for fonts it cannot embed
        return None


class Chain:
    """Which font sets each character of text in one family, weight and slant
    (a plain class, cheaper to create at import than a dataclass)."""

    def __init__(self, families: tuple[Family, ...], bold: bool = False, italic: bool = False) -> None:
        self.families = families
        """The main family first, then families that fill its gaps."""
        self.bold = bold
        self.italic = italic
        self._choice: dict[str, Face | None] = {}

    @functools.cached_property
    def primary(self) -> Face:
        return face(self.families[0], self.bold, self.italic)

    @functools.cached_property
    def replacement(self) -> Face:
        """The face that prints the replacement mark for uncovered characters."""
        faces = (face(family, self.bold, self.italic) for family in self.families)
        return next((f for f in faces if REPLACEMENT in f.coverage), self.primary)

    def covers_all(self, text: str) -> bool:
        coverage = self.primary.coverage
        return all(ord(c) in coverage or c.isspace() for c in set(text))

    def face_for(self, character: str) -> Face | None:
        """The face that prints a character; None when no font has it."""
        if character not in self._choice:
            self._choice[character] = self._find(character)
        return self._choice[character]

    def _find(self, character: str) -> Face | None:
        code = ord(character)
        for family in self.families:
            candidate = face(family, self.bold, self.italic)
            if code in candidate.coverage:
                return candidate
        script = script_family(code)
        if script is not None:
            candidate = face(script, self.bold, False)
            if code in candidate.coverage:
                return candidate
        # always fontconfig's ranking (cached per character): the fonts loaded for
        # earlier documents must not decide this one's
        for installed in systemfonts.fonts_with(code):
            candidate = installed_face(installed)
            if candidate is not None and code in candidate.coverage:
                return candidate
        return None

    def runs(self, text: str) -> Iterator[tuple[Face | None, str]]:
        """Split text into runs set in one face; None marks characters no font has."""
        primary = self.primary
        current: Face | None = primary
        start = 0
        for index, character in enumerate(text):
            if ord(character) in primary.coverage or character.isspace():
                choice: Face | None = primary
            else:
                choice = self.face_for(character)
            if choice is not current:
                if index > start:
                    yield current, text[start:index]
                current, start = choice, index
        if start < len(text):
            yield current, text[start:]


@functools.lru_cache(maxsize=None)
def chain(family: Family, bold: bool = False, italic: bool = False) -> Chain:
    """The fallback chain for text in a family: serif and sans fill each
    other's gaps; monospaced text falls back on both."""
    others = {SERIF: (SANS,), SANS: (SERIF,), MONO: (SERIF, SANS)}.get(family, (SERIF, SANS))
    return Chain((family, *others), bold, italic)


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
        message = f"no glyph for {named}{more} in the PDF's fonts; printed there as {chr(REPLACEMENT)}"
        self._pending.append((line or 0, message))

    def flush(self) -> None:
        """Emit the warnings in source order (the contents are set before the body)."""
        for line, message in sorted(self._pending, key=lambda pending: pending[0]):
            self._warn("missing-glyph", message, line or None)
        self._pending.clear()
