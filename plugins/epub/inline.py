"""Text with its standoff spans as XHTML: escaped text inside ``em``,
``strong``, ``code``, ``del`` and ``a`` elements, ``br`` for line breaks.

Spans may cross (emphasis from word 2 to 5, strong from 4 to 7); the text is
cut into runs (:func:`convert.model.inline.runs`) and elements are closed and
re-opened at run boundaries so the markup always nests.
"""

from __future__ import annotations

from typing import Callable

from convert.model import Span
from convert.model.inline import link_address, runs

SPAN_ELEMENTS: dict[str, Callable[[Span], tuple[str, str]]] = {
    "emphasis": lambda span: ("<em>", "</em>"),
    "strong": lambda span: ("<strong>", "</strong>"),
    "code": lambda span: ("<code>", "</code>"),
    "strikethrough": lambda span: ("<del>", "</del>"),
    "link": lambda span: (f'<a href="{escape(span.target or "")}">', "</a>"),
    # a hard line break: <br/> after the space it covers, see _text_of
    "line-break": lambda span: ("", ""),
}
"""Span kind to the opening and closing markup around the text it covers."""



def escape(text: str) -> str:
    """Escape text for XHTML element content or a double-quoted attribute.

    Escaping ``>`` as well keeps ``]]>`` from ever appearing in the output.
    """
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _usable(span: Span, text: str) -> Span | None:
    """The span as it will be rendered: links get their checked address, or
    disappear when they have none or cover only spaces (a link without a
    name is invisible to a screen reader)."""
    if span.kind != "link":
        return span if span.kind in SPAN_ELEMENTS else None
    href = link_address(span.target)
    if href is None or not text[span.start:span.end].strip():
        return None
    return Span(span.start, span.end, "link", href)


def inline(text: str, spans: tuple[Span, ...] = ()) -> str:
    """The text as XHTML, its spans as elements."""
    if not spans:
        return escape(text)
    usable = tuple(span for span in (_usable(span, text) for span in spans) if span is not None)
    parts: list[str] = []
    open_spans: list[Span] = []
    for run in runs(text, usable):
        marks = [span for span in run.marks if span.kind != "line-break"]
        keep = 0
        while keep < min(len(open_spans), len(marks)) and open_spans[keep] is marks[keep]:
            keep += 1
        for span in reversed(open_spans[keep:]):
            parts.append(SPAN_ELEMENTS[span.kind](span)[1])
        for span in marks[keep:]:
            parts.append(SPAN_ELEMENTS[span.kind](span)[0])
        open_spans = marks
        parts.append(_text_of(run.text, run.has("line-break")))
    for span in reversed(open_spans):
        parts.append(SPAN_ELEMENTS[span.kind](span)[1])
    return "".join(parts)


def _text_of(text: str, line_break: bool) -> str:
    """A run's escaped text, followed by ``<br/>`` under a line-break span.

    The space the span covers is kept, so that tools reading the text
    without its markup still see two words."""
    return escape(text) + "<br/>" if line_break else escape(text)


def clip(spans: list[Span], start: int, end: int) -> tuple[Span, ...]:
    """The spans over ``text[start:end]``, cut to it, counted from ``start``
    and sorted as a node's spans are."""
    clipped = (
        Span(max(span.start, start) - start, min(span.end, end) - start, span.kind, span.target)
        for span in spans
        if span.start < end and span.end > start
    )
    return tuple(sorted(clipped, key=lambda span: (span.start, span.end)))
