"""Parts of ``word/document.xml`` written out as XML text while the rest is
still being built.

A paragraph costs a few dozen lxml elements and python-docx proxies, so a
document of many thousands of paragraphs (or a contents of as many entries)
held as one tree takes gigabytes.  A :class:`Spool` is a placeholder element
in the tree: what is appended to it is, every few hundred blocks, counted for
the document statistics, serialised exactly as python-docx would serialise it
in place (the placeholder declares the namespaces, so its children do not),
and removed.  Once python-docx has saved the package, :func:`fill` puts the
text where the emptied placeholder stands.
"""

from __future__ import annotations

from lxml import etree

from .oxml import new
from .properties import TextCounter

SPOOL_SIZE = 256
"""Elements a spool holds before it is written out."""


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
        self._parts.append(xml[start:-len(f"</w:{self.element.tag.rpartition('}')[2]}>")])
        self.element.clear()

    def text(self) -> bytes:
        """Everything written out, in order."""
        return b"".join(self._parts)


def fill(xml: bytes, spool: Spool, text: bytes | None = None) -> bytes:
    """``xml`` with the spool's emptied placeholder replaced by ``text`` (its own by default)."""
    found = xml.find(spool.placeholder)
    if found < 0:
        raise ValueError(f"no placeholder {spool.placeholder!r} in the document")
    return b"".join((xml[:found], spool.text() if text is None else text, xml[found + len(spool.placeholder):]))
