"""Parts of ``word/document.xml`` written out as XML text while the rest is
still being built.

A paragraph costs a few dozen lxml elements, so a document of many
thousands of paragraphs (or a contents of as many entries) held as one tree
takes gigabytes.  A :class:`Spool` is a placeholder element in the tree: what
is appended to it is, every few hundred blocks, counted for the document
statistics, serialised exactly as it would be serialised in place (the
placeholder declares the namespaces, so its children do not), and removed
(past its first 256 KiB, the text is kept compressed).  Once the rest of the part is serialised,
:func:`spliced` puts the text where the emptied placeholder stands.
"""

from __future__ import annotations

import zlib
from typing import Iterable, Iterator

from lxml import etree

from .oxml import new
from .properties import TextCounter

SPOOL_SIZE = 256
"""Elements a spool holds before it is written out."""

KEPT_AS_IS = 1 << 18
"""Bytes of text a spool keeps uncompressed: compressing a small document's
text only to inflate it again took a tenth of its conversion."""


class Spool:
    """A placeholder element whose children are written out as XML text."""

    def __init__(self, anchor: etree._Element, name: str) -> None:
        self.element = new(anchor, name)
        """The placeholder: put it where the text belongs, and append to it."""
        self.placeholder = f"<w:{name}/>".encode("utf-8")
        """How the emptied placeholder appears in the saved XML."""
        self.counter = TextCounter()
        """Statistics of the paragraphs written out."""
        self._parts: list[bytes] = []
        self._compressed: list[bool] = []
        self._kept = 0

    def spill_if_full(self) -> None:
        """Write out the children once there are :data:`SPOOL_SIZE` of them."""
        if len(self.element) >= SPOOL_SIZE:
            self.spill()

    def spill(self, count: bool = True) -> None:
        """Count (unless told not to), serialise and remove the children (complete elements only)."""
        if not len(self.element):
            return
        if count:
            self.counter.add_all(self.element)
        xml = etree.tostring(self.element, encoding="UTF-8")
        start = xml.index(b">") + 1  # after the placeholder's own start tag with its namespaces
        end = -len(f"</w:{self.element.tag.rpartition('}')[2]}>")
        self._kept += len(xml)
        compressed = self._kept > KEPT_AS_IS
        # compressed quickly: the archive compresses it again (the slice is not kept
        # in a variable: holding it beside xml raised the peak memory by megabytes)
        self._parts.append(zlib.compress(xml[start:end], 1) if compressed else xml[start:end])
        self._compressed.append(compressed)
        self.element.clear()

    def pieces(self) -> Iterator[bytes]:
        """Everything written out, in order."""
        return (zlib.decompress(part) if compressed else part
                for part, compressed in zip(self._parts, self._compressed))


def spliced(pieces: Iterable[bytes], placeholder: bytes, insert: Iterable[bytes]) -> Iterator[bytes]:
    """``pieces`` with the first ``placeholder`` (whole in one piece) replaced by ``insert``."""
    found = False
    for piece in pieces:
        at = -1 if found else piece.find(placeholder)
        if at < 0:
            yield piece
            continue
        found = True
        yield piece[:at]
        yield from insert
        yield piece[at + len(placeholder):]
    if not found:
        raise ValueError(f"no placeholder {placeholder!r} in the document")
