"""Fonts installed on the machine, found through fontconfig, for characters
that no packaged font has (CJK ideographs, emoji, rarer scripts).

``fc-list ':charset=XXXX'`` lists the installed fonts holding a character.
Only TrueType-outline fonts can be embedded by reportlab; others (CFF-based
OpenType, colour-bitmap emoji) are skipped.  Without fontconfig, or without a
suitable font, the character stays uncovered and is reported.  A PDF then
depends on the fonts installed, but is still identical from run to run on
one machine, whatever other documents the process converted before it: each
character's font is fontconfig's first choice, never a font loaded earlier.
"""

from __future__ import annotations

import functools
import shutil
from typing import NamedTuple


# a NamedTuple, not a frozen dataclass, which costs some tenths of a millisecond to create at import
class InstalledFont(NamedTuple):
    """One face of an installed font file."""

    path: str
    index: int
    """Face index inside a collection (``.ttc``); 0 otherwise."""
    style: str


_PREFERRED_STYLES = ("regular", "book", "normal", "medium", "roman")


@functools.lru_cache(maxsize=None)
def fonts_with(code: int) -> tuple[InstalledFont, ...]:
    """Installed fonts that have a glyph for code point ``code``, best first:
    TrueType files before others, regular styles before bold or italic, then
    by path so that the choice is stable."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return ()
    import subprocess  # only a character no bundled font has pays for it

    try:
        result = subprocess.run(
            [fc_list, "--format", "%{file}|%{index}|%{style[0]}\n", f":charset={code:x}"],
            capture_output=True, text=True, timeout=20, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ()
    found = set()
    for line in result.stdout.splitlines():
        path, _, rest = line.partition("|")
        index, _, style = rest.partition("|")
        if path and index.isdigit():
            found.add(InstalledFont(path, int(index), style))
    return tuple(sorted(found, key=_rank))


def _rank(font: InstalledFont) -> tuple:
    truetype = font.path.lower().endswith((".ttf", ".ttc"))
    regular = font.style.lower() in _PREFERRED_STYLES
    return (not truetype, not regular, font.path, font.index)
