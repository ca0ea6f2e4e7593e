"""Where the PDF writer's font files come from, and static cuts of them.

Every font ships in a PyPI package.  Several ship only as variable fonts
(one file holding every weight), but a PDF embeds TrueType outlines of one
weight, and reportlab embeds a variable font's default instance, which may
not even be the regular weight (Noto Sans Hebrew's default is Thin).  So each
weight used is cut once as a static instance with fontTools' ``instancer``
and kept in a cache folder (:mod:`convert_plugins.pdf.cache`), keyed by
the source file's digest and the fontTools version: later runs read the cut file, which also loads faster
than the variable one.  A cut is deterministic (no timestamp is written),
so a PDF is byte-identical whether its fonts were cut now or earlier.  When
no cache folder is writable the cut is kept in memory for the process.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path
from typing import BinaryIO, NamedTuple

import fontpkg_ibm_plex_mono
import fontpkg_noto_sans
import fontpkg_noto_sans_arabic
import fontpkg_noto_sans_devanagari
import fontpkg_noto_sans_thai
import fontpkg_noto_serif
import pylopdf_fonts_he

from . import cache

REGULAR, BOLD = 400, 700
"""The two weights the writer sets text in."""
CUT_VERSION = 2
"""Changes when cuts are made differently, so that cached cuts are made again."""


# a NamedTuple, not a frozen dataclass, which costs some tenths of a millisecond to create at import
class Family(NamedTuple):
    """A typeface: its upright and italic files, and whether they are variable."""

    key: str
    """Short name, used in registered font names (``serif``, ``arabic``)."""
    upright: Path
    italic: Path | None = None
    """The italic file; None when the family has none (its italic is the upright)."""
    variable: bool = True
    """True when the files are variable fonts to cut; False for static files,
    named ``…-Regular.ttf`` with ``Bold``, ``Italic`` and ``BoldItalic`` siblings."""

    def source(self, bold: bool, italic: bool) -> Path | BinaryIO:
        """A font file (or its bytes) for one weight and slant."""
        slanted = italic and self.italic is not None
        path = self.italic if slanted else self.upright
        assert path is not None
        if not self.variable:
            style = ("Bold" if bold else "") + ("Italic" if slanted else "")
            return path.with_name(path.name.replace("-Regular", f"-{style or 'Regular'}"))
        return static_instance(path, BOLD if bold else REGULAR)


def _files(package: object) -> Path:
    return Path(getattr(package, "ROOT")) / "files"


SERIF = Family("serif", _files(fontpkg_noto_serif) / "NotoSerif[wdth,wght].ttf",
               _files(fontpkg_noto_serif) / "NotoSerif-Italic[wdth,wght].ttf")
SANS = Family("sans", _files(fontpkg_noto_sans) / "NotoSans[wdth,wght].ttf",
              _files(fontpkg_noto_sans) / "NotoSans-Italic[wdth,wght].ttf")
MONO = Family("mono", _files(fontpkg_ibm_plex_mono) / "IBMPlexMono-Regular.ttf",
              _files(fontpkg_ibm_plex_mono) / "IBMPlexMono-Italic.ttf", variable=False)
ARABIC = Family("arabic", _files(fontpkg_noto_sans_arabic) / "NotoSansArabic[wdth,wght].ttf")
HEBREW = Family("hebrew", pylopdf_fonts_he.sans_path())
DEVANAGARI = Family("devanagari", _files(fontpkg_noto_sans_devanagari) / "NotoSansDevanagari[wdth,wght].ttf")
THAI = Family("thai", _files(fontpkg_noto_sans_thai) / "NotoSansThai[wdth,wght].ttf")

SCRIPT_FAMILIES: tuple[tuple[Family, tuple[tuple[int, int], ...]], ...] = (
    (ARABIC, ((0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))),
    (HEBREW, ((0x0590, 0x05FF), (0xFB1D, 0xFB4F))),
    (DEVANAGARI, ((0x0900, 0x097F), (0xA8E0, 0xA8FF), (0x1CD0, 0x1CFF))),
    (THAI, ((0x0E00, 0x0E7F),)),
)
"""Fonts for scripts the text fonts lack, with the Unicode blocks they serve:
a character in a block loads its font only when a document has one."""


def script_family(code: int) -> Family | None:
    """The packaged script font for a code point's Unicode block, if any."""
    for family, blocks in SCRIPT_FAMILIES:
        if any(first <= code <= last for first, last in blocks):
            return family
    return None


@functools.lru_cache(maxsize=None)
def static_instance(path: Path, weight: int) -> Path | BinaryIO:
    """A static instance of a variable font at ``weight`` (other axes at their defaults)."""
    import fontTools

    name = f"{path.stem.split('[')[0]}-{weight}-{cache.digest(path)}-cut{CUT_VERSION}-fonttools{fontTools.version}.ttf"
    cached = cache.folder() / "fonts" / name
    if cached.is_file():
        return cached
    data = _cut(path, weight)
    return cached if cache.store(cached, data) else io.BytesIO(data)


def _cut(path: Path, weight: int) -> bytes:
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    font = TTFont(path, recalcTimestamp=False)
    family = str(font["name"].getDebugName(6) or path.stem).split("-")[0]  # NotoSerif, before any renaming
    axes = {axis.axisTag: axis for axis in font["fvar"].axes}
    location = {tag: axis.defaultValue for tag, axis in axes.items()}
    if "wght" in axes:
        location["wght"] = min(max(weight, axes["wght"].minValue), axes["wght"].maxValue)
    try:
        instancer.instantiateVariableFont(font, location, inplace=True, updateFontNames="STAT" in font)
    except ValueError:
        # names are renamed from the STAT table; a font whose table does not
        # allow it keeps its names, and its weight still changes
        font = TTFont(path, recalcTimestamp=False)
        instancer.instantiateVariableFont(font, location, inplace=True)
    _name_postscript(font, family, weight, italic="Italic" in path.name)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _name_postscript(font: object, family: str, weight: int, italic: bool) -> None:
    """Name the cut as its family and style (``NotoSerif-BoldItalic``): the
    name a PDF shows for its fonts, whatever the renaming above made of it."""
    names = font["name"]  # type: ignore[index]
    style = ("Bold" if weight >= BOLD else "") + ("Italic" if italic else "")
    postscript = f"{family}-{style or 'Regular'}"
    for record in list(names.names):
        if record.nameID == 6:
            names.setName(postscript, 6, record.platformID, record.platEncID, record.langID)

