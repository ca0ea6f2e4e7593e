"""Inline Markdown to text and standoff spans.

markdown-it gives the children of an ``inline`` token: text, breaks, code,
and open/close pairs for emphasis, strong, strikethrough and links.  They
become one text, exactly as it reads, and :class:`~convert.model.Span`
records over it.  What the model cannot hold is turned into text with a
warning: an image becomes its alt text, raw HTML stays literal.
"""

from __future__ import annotations

import re

from convert.model import Span
from convert.model.inline import safe_target

from convert_plugins.markdown.findings import Findings, shorten

_OPENERS = {"em_open": "emphasis", "strong_open": "strong", "s_open": "strikethrough", "link_open": "link"}
_CLOSERS = {"em_close": "emphasis", "strong_close": "strong", "s_close": "strikethrough", "link_close": "link"}
_GFM_AUTOLINK = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:|www\.", re.ASCII)
"""GitHub autolinks text that starts with a scheme or ``www.`` (or is an
e-mail address); markdown-it's linkify also links bare ``setup.py``."""
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
UNSAFE_SCHEMES = frozenset({"javascript", "vbscript", "data", "file"})
"""Schemes whose links are dropped with a warning: they run code or reach
into the reader's machine.  Other schemes no writer makes clickable
(``xref:``, ``ssh:``) are kept as text with a note."""
_COMMENT = re.compile(r"<!--(?:(?!-->).)*-->", re.DOTALL)  # ends at the first "-->"


class InlineBuilder:
    """Builds one text and its spans from an inline token's children."""

    def __init__(self, findings: Findings, line: int | None) -> None:
        self.findings = findings
        self.line = line
        """Source line being read (advanced at each line break)."""
        self.parts: list[str] = []
        self.length = 0
        self.spans: list[Span] = []
        self.open: list[tuple[str, int, int, str | None, str]] = []
        """Marks begun and not yet ended: kind, start, index into parts, link target, link markup."""
        self.html: list[str] = []

    def add(self, piece: str) -> None:
        if piece:
            self.parts.append(piece)
            self.length += len(piece)

    def mark(self, start: int, kind: str, target: str | None = None) -> None:
        if self.length > start:
            self.spans.append(Span(start, self.length, kind, target))

    def child(self, token) -> None:
        kind = token.type
        if kind in ("text", "text_special"):
            self.add(token.content)
        elif kind == "softbreak":
            self.add(" ")
            self.line = self.line and self.line + 1
        elif kind == "hardbreak":
            self.add(" ")
            self.mark(self.length - 1, "line-break")
            self.line = self.line and self.line + 1
        elif kind == "code_inline":
            start = self.length
            self.add(token.content)
            self.mark(start, "code")
        elif kind in _OPENERS:
            target = token.attrGet("href") if kind == "link_open" else None
            self.open.append((_OPENERS[kind], self.length, len(self.parts), target, token.markup))
        elif kind in _CLOSERS:
            self.close(_CLOSERS[kind])
        elif kind == "image":
            self.image(token)
        elif kind == "html_inline":
            self.raw_html(token.content)
        else:  # a rule this reader does not know: keep whatever text it has
            self.add(token.content)

    def close(self, kind: str) -> None:
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == kind:
                _, start, first_part, target, markup = self.open.pop(index)
                break
        else:
            return
        if kind == "link":
            target = self.link_target(target, "".join(self.parts[first_part:]), markup)
            if target is None:
                return
        self.mark(start, kind, target)

    def link_target(self, href: str | None, shown: str, markup: str) -> str | None:
        """The target to keep for a link, or None to keep only its text."""
        if not href:
            return None
        if markup == "linkify" and not (_GFM_AUTOLINK.match(shown) or "@" in shown):
            return None
        scheme = _SCHEME.match(href)
        if scheme is None or "/" in scheme.group(1):
            self.findings.relative_links += 1
            return None
        if safe_target(href) is None:
            name = scheme.group(1).lower()
            if name in UNSAFE_SCHEMES:
                self.findings.warn(
                    "unsafe-link", f"link to {shorten(href, 40)!r} dropped ({name}: links are unsafe); its text is kept", self.line
                )
            else:
                self.findings.other_schemes[name] += 1
            return None
        address, hash_sign, fragment = href.partition("#")
        return address + hash_sign + fragment.replace("#", "%23")  # one "#" per URL (RFC 3986)

    def image(self, token) -> None:
        alt = plain_text(token.children or ())
        source = shorten(token.attrGet("src") or "", 80)
        if alt.strip():
            self.add(alt)
            message = f"image {source} shown as its alt text {shorten(alt, 40)!r} (the document model has no images)"
        else:
            message = f"image {source} left out: it has no alt text (the document model has no images)"
        self.findings.warn("image", message, self.line)

    def raw_html(self, html: str) -> None:
        if _COMMENT.fullmatch(html):
            self.findings.comments += 1
            return
        self.html.append(html)
        self.add(html.replace("\n", " "))

    def result(self) -> tuple[str, tuple[Span, ...]]:
        for kind, start, _, _, _ in reversed(self.open):  # never left open by markdown-it; be safe
            if kind != "link":
                self.mark(start, kind)
        if self.html:
            more = f" (and {len(self.html) - 1} more)" if len(self.html) > 1 else ""
            self.findings.warn("raw-html", f"raw HTML kept as text: {shorten(self.html[0], 40)}{more}", self.line)
        return trim("".join(self.parts), normalise(self.spans))


def inline_text(token, findings: Findings) -> tuple[str, tuple[Span, ...]]:
    """The text and spans of an ``inline`` token; warnings go to ``findings``."""
    line = token.map[0] + 1 if token.map else None
    builder = InlineBuilder(findings, line)
    for child in token.children or ():
        builder.child(child)
    return builder.result()


def plain_text(children) -> str:
    """The text an image's alt shows: its children's text, markup dropped."""
    parts = []
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(plain_text(child.children or ()))
        elif child.type in ("text", "text_special", "code_inline"):
            parts.append(child.content)
    return "".join(parts).replace("\n", " ")


def normalise(spans: list[Span]) -> tuple[Span, ...]:
    """Sorted by (start, end), with spans of one kind that overlap merged
    (``*a *b* c*`` is emphasis inside emphasis; the model keeps the outer one)."""
    merged: list[Span] = []
    last_of_kind: dict[str, int] = {}
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        index = last_of_kind.get(span.kind)
        if index is not None and span.start < merged[index].end:
            previous = merged[index]
            if span.end > previous.end:
                merged[index] = Span(previous.start, span.end, span.kind, previous.target)
            continue
        last_of_kind[span.kind] = len(merged)
        merged.append(span)
    return tuple(sorted(merged, key=lambda s: (s.start, s.end)))


def trim(text: str, spans: tuple[Span, ...]) -> tuple[str, tuple[Span, ...]]:
    """Text without leading or trailing whitespace (left by a dropped comment
    or image), its spans moved and clipped to match; line breaks become spaces."""
    if "\n" in text:
        text = text.replace("\n", " ")
    stripped = text.strip()
    if len(stripped) == len(text):
        return text, spans
    lead = len(text) - len(text.lstrip())
    kept = []
    for span in spans:
        start, end = max(span.start - lead, 0), min(span.end - lead, len(stripped))
        if end > start:
            kept.append(Span(start, end, span.kind, span.target))
    return stripped, tuple(kept)
