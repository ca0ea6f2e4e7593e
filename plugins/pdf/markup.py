"""Text and its spans as reportlab paragraph markup, in one place.

Text is escaped (so ``<script>`` and ``a<b`` print literally); each run of
characters is set in the face its marks ask for (bold for ``strong``, italic
for ``emphasis``, monospaced for ``code``) or, for characters that face
lacks, in the next font of its fallback chain; links become ``<a href>``
(a link annotation) when their target is safe, struck text ``<strike>``, and
the space a ``line-break`` span covers a ``<br/>``.
"""

from __future__ import annotations

from typing import NamedTuple
from html import escape as escape_html

from convert.model import Span
from convert.model.inline import Run, link_address, runs

from .fontfiles import MONO, Family
from .fonts import Chain, MissingGlyphs, chain

LINK_COLOR = "#1f3a5f"


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities (as xml.sax.saxutils.escape, which would import urllib.request)."""
    return escape_html(text, quote=False)


# a NamedTuple, not a frozen dataclass, which costs some tenths of a millisecond to create at import
class Setting(NamedTuple):
    """What a text is set in before its own marks apply."""

    family: Family
    bold: bool = False
    italic: bool = False

    def chain(self) -> Chain:
        return chain(self.family, self.bold, self.italic)

    def font_name(self) -> str:
        """The registered name of the face paragraph styles in this setting use."""
        return self.chain().primary.name


def clip(spans: tuple[Span, ...], start: int, end: int) -> tuple[Span, ...]:
    """The spans over ``text[start:end]``, cut to it and shifted to start at 0."""
    clipped = []
    for span in spans:
        low, high = max(span.start, start), min(span.end, end)
        if low < high:
            clipped.append(Span(low - start, high - start, span.kind, span.target))
    return tuple(clipped)


class Markup:
    """Builds markup for one document, reporting characters no font has."""

    def __init__(self, missing: MissingGlyphs) -> None:
        self.missing = missing

    def __call__(self, text: str, setting: Setting, spans: tuple[Span, ...] = (), line: int | None = None) -> str:
        if not spans:
            base = setting.chain()
            if base.covers_all(text):
                return escape(text)  # the common case: one font, no marks
            return self._fonted(text, base, base.primary.name, line)
        style_font = setting.font_name()
        return "".join(self._run(run, setting, style_font, line) for run in runs(text, spans))

    def _run(self, run: Run, setting: Setting, style_font: str, line: int | None) -> str:
        if run.has("line-break"):
            # the span covers the one space that stands for the break
            return escape(run.text.strip()) + "<br/>"
        family = MONO if run.has("code") else setting.family
        bold = setting.bold or run.has("strong")
        italic = setting.italic != run.has("emphasis")  # emphasis inside italic is upright
        text = self._fonted(run.text, chain(family, bold, italic), style_font, line)
        if run.has("strikethrough"):
            text = f"<strike>{text}</strike>"
        target = link_address(run.link)
        if target is not None:
            text = f'<a href="{escape(target).replace(chr(34), "&quot;")}" color="{LINK_COLOR}">{text}</a>'
        return text

    def _fonted(self, text: str, fonts: Chain, style_font: str, line: int | None) -> str:
        """Escaped text with a font tag around each run not in the style's font."""
        parts = []
        uncovered: list[str] = []
        for font, piece in fonts.runs(text):
            if font is None:
                uncovered.extend(piece)
                font = fonts.replacement
                for character in set(piece):
                    font.stand_in(character)
            if font.name == style_font:
                parts.append(escape(piece))
            else:
                parts.append(f'<font face="{font.name}">{escape(piece)}</font>')
        if uncovered:
            self.missing.report(uncovered, line)
        return "".join(parts)
