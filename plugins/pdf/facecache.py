"""Packaged fonts read from their parsed tables rather than parsed again.

reportlab parses a TrueType file (names, metrics, character map, glyph
offsets) each time a font is made: some 3.5 ms for each of the two faces a
document usually needs, more than a tenth of laying out the seed.  What the
parse yields is plain data, so it is kept in the cache
(:mod:`convert_plugins.pdf.cache`) and read back in a quarter of the time.
A face is stored as parsed, before anything adds to its tables, so a face
read back is the face parsed; on any failure the file is parsed as before.
"""

from __future__ import annotations

import pickle
from fnmatch import fnmatch
from pathlib import Path
from typing import Any, BinaryIO, Callable
from weakref import WeakKeyDictionary

import reportlab
from reportlab import rl_config
from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.ttfonts import TTEncoding, TTFont, TTFontFace

from . import cache

_NOT_KEPT = "_pdfScale"
"""A face's one attribute that is not data (a function of ``unitsPerEm``), made again when read."""


def load(name: str, source: Path | BinaryIO) -> TTFont:
    """The font ``name`` from a font file, from the cache when it is there."""
    if not isinstance(source, Path):
        return TTFont(name, source)
    cached = cache.folder() / "faces" / f"{source.stem}-{cache.digest(source)}-reportlab{reportlab.Version}.pickle"
    try:
        state = pickle.loads(cached.read_bytes())
    except (OSError, pickle.PickleError, EOFError, AttributeError, ValueError, TypeError):
        font = TTFont(name, source)
        state = {key: value for key, value in vars(font.face).items() if key != _NOT_KEPT}
        cache.store(cached, pickle.dumps(state, pickle.HIGHEST_PROTOCOL))
        return font
    return _font(name, state)


def _font(name: str, state: dict[str, Any]) -> TTFont:
    """What ``TTFont(name, path)`` makes, with the face's parsed tables given."""
    face = TTFontFace.__new__(TTFontFace)
    face.__dict__.update(state)
    face._pdfScale = _scale(face.unitsPerEm)
    font = TTFont.__new__(TTFont)
    # the rest of TTFont.__init__, with its defaults
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch(name, pattern) for pattern in ttfonts.unShapedFontGlob)
    return font


def _scale(units_per_em: int) -> Callable[[float], float]:
    """Font units to thousandths of an em, computed as reportlab's parser does."""
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor
