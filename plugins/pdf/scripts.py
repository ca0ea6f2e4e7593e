"""Which paragraphs need complex-script shaping and right-to-left ordering.

Shaping (harfbuzz, through reportlab's ``shaping`` style attribute) joins
Arabic letters, forms Indic conjuncts and places marks; ordering (reportlab's
``wordWrap`` of ``LTR`` or ``RTL``, see :mod:`convert_plugins.pdf.rtl`)
lays out right-to-left runs.  Both cost time, so they are switched on only
for paragraphs whose text needs them: most documents never pay for either.
"""

from __future__ import annotations

import re

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from convert.model.languages import first_strong_direction, has_right_to_left

from . import rtl

COMPLEX = re.compile(
    "[\u0590-\u08ff\u0900-\u0dff\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff"
    "\ua8e0-\ua8ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
"""Characters of scripts that need shaping: Hebrew, Arabic and their relatives,
the Indic scripts, Thai, Lao, Tibetan, Myanmar, Khmer."""


def base_direction(text: str, document_rtl: bool) -> str:
    """``RTL`` or ``LTR``: the direction of the text's first strong character
    (the Unicode rule), or the document language's when it has none."""
    found = first_strong_direction(text)
    return found.upper() if found else "RTL" if document_rtl else "LTR"


class Variants:
    """Style variants for shaped and right-to-left text, made once per style."""

    def __init__(self, document_rtl: bool) -> None:
        self.document_rtl = document_rtl
        self._made: dict[tuple[str, bool, str], ParagraphStyle] = {}

    def right_to_left(self, text: str) -> bool:
        """Whether ``text`` is set right to left (its first strong character, or the document's language)."""
        return rtl.supported() and base_direction(text, self.document_rtl) == "RTL"

    def for_text(self, style: ParagraphStyle, text: str) -> ParagraphStyle:
        """The style to set ``text`` in: ``style`` itself for plain left-to-right text."""
        shaped = COMPLEX.search(text) is not None
        ordered = "" if not rtl.supported() else base_direction(text, self.document_rtl)
        if ordered == "LTR" and not has_right_to_left(text):
            ordered = ""  # nothing to reorder
        if not shaped and not ordered:
            return style
        key = (style.name, shaped, ordered)
        if key not in self._made:
            attributes: dict[str, object] = {"shaping": int(shaped)}
            if ordered:
                attributes["wordWrap"] = ordered
            if ordered == "RTL" and style.alignment == TA_LEFT:
                attributes["alignment"] = TA_RIGHT
            self._made[key] = ParagraphStyle(f"{style.name}-{int(shaped)}{ordered}", parent=style, **attributes)
        return self._made[key]
