"""Turning a text and its standoff spans into runs, for writers.

Every writer that renders inline markup needs the same things: the text cut
at every span boundary, each piece with the marks that cover it, and for each
link the one address every format may carry (:func:`link_address`).  Formats with
nested markup (XHTML) open and close elements around the pieces; formats with
flat runs (DOCX, reportlab paragraphs) give each piece its formatting.
"""

from __future__ import annotations

import re
from typing import Iterator, NamedTuple
from urllib.parse import quote, urlsplit

from convert.model.nodes import Span


class Run(NamedTuple):
    """A piece of text and the spans covering all of it."""

    text: str
    """The piece, a slice of the node's text."""
    marks: tuple[Span, ...]
    """The spans covering the piece, outermost (earliest start, longest) first."""

    def has(self, kind: str) -> bool:
        """True when a span of ``kind`` covers the piece."""
        return any(span.kind == kind for span in self.marks)

    @property
    def link(self) -> str | None:
        """The target of the link covering the piece, if any."""
        for span in self.marks:
            if span.kind == "link":
                return span.target
        return None


def runs(text: str, spans: tuple[Span, ...]) -> Iterator[Run]:
    """The text as runs, in order; one run with no marks when there are no spans.

    Concatenating the runs' texts gives ``text`` back exactly.
    """
    if not spans:
        if text:
            yield Run(text, ())
        return
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    ordered = sorted(spans, key=lambda s: (s.start, -s.end))
    for start, end in zip(cuts, cuts[1:]):
        if start >= end:
            continue
        marks = tuple(s for s in ordered if s.start <= start and end <= s.end)
        yield Run(text[start:end], marks)


SAFE_SCHEMES = ("http:", "https:", "mailto:", "ftp:", "ftps:", "news:", "irc:", "tel:", "xmpp:")
"""Link schemes a writer may make clickable; anything else (``javascript:``,
``data:``, ``file:``) is printed as text without a link."""


def safe_target(target: str | None) -> str | None:
    """The link target if it is an absolute address with a scheme safe to make
    clickable, else None: ``javascript:``, ``data:`` or ``file:`` addresses,
    and relative references (``#anchor``, ``other.html``), which point at
    nothing in a converted document, are printed as text without a link."""
    if not target:
        return None
    lowered = target.strip().lower()
    return target.strip() if lowered.startswith(SAFE_SCHEMES) else None


LINK_SCHEMES = ("http", "https", "ftp", "ftps", "mailto", "news", "irc", "tel", "xmpp")
"""Schemes a link may keep (see :data:`SAFE_SCHEMES`)."""

_HOST = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.?")
_URL_SAFE = "!$%&'()*+,/:;=?@~"
"""Characters an address keeps as they are (with letters, digits and ``-._``);
everything else is percent-encoded: HTML validators, OOXML relationships and
PDF URI actions all want an ASCII URI."""
_STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def link_address(target: str | None) -> str | None:
    """The address a link may carry in any output, percent-encoded to ASCII, or
    None when the link must be plain text: an unsafe scheme (``javascript:``),
    a relative reference, or an address with a malformed host or port.

    >>> link_address("https://example.org/a b?q=ü")
    'https://example.org/a%20b?q=%C3%BC'
    """
    target = safe_target(target)
    if not target:
        return None
    try:
        parts = urlsplit(target)
        port = parts.port  # raises on a malformed port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in LINK_SCHEMES:
        return None
    if scheme in ("http", "https", "ftp", "ftps"):
        host = parts.hostname or ""
        if not _HOST.fullmatch(host) or parts.netloc.startswith("@") or port == 0:
            return None
    elif not parts.path.strip():
        return None
    # one "#" starts the fragment; a "%" that starts no escape is a percent sign
    address, hash_sign, fragment = target.partition("#")
    encoded = (quote(_STRAY_PERCENT.sub("%25", part), safe=_URL_SAFE) for part in (address, fragment))
    return hash_sign.join(encoded) if hash_sign else next(encoded)
