"""Blocks of ``word/document.xml`` written out as XML text while the rest is
still being built.

A document of many thousands of paragraphs (or a contents of as many
entries) is not held whole: a :class:`Spool` takes the blocks of one stretch
of the body (paragraphs, tables) and, every few hundred blocks, counts them
for the document statistics, writes them out as text, and lets them go
(past its first 256 KiB, the text is kept compressed).  Blocks may still
change until then: a paragraph gets its runs after it is appended.
"""

from __future__ import annotations

import zlib
from typing import Iterator, Protocol, Sequence

from .oxml import WordParagraph
from .properties import TextCounter

SPOOL_SIZE = 256
"""Blocks a spool holds before it is written out."""

KEPT_AS_IS = 1 << 18
"""Bytes of text a spool keeps uncompressed: compressing a small document's
text only to inflate it again took a tenth of its conversion."""


class Block(Protocol):
    """A body element: a paragraph, or a table and the paragraphs of its cells."""

    @property
    def paragraphs(self) -> Sequence[WordParagraph]: ...

    def xml(self) -> str: ...


class Spool:
    """Blocks, written out as XML text every :data:`SPOOL_SIZE` blocks."""

    def __init__(self) -> None:
        self.counter = TextCounter()
        """Statistics of the paragraphs written out."""
        self._blocks: list[Block] = []
        self._parts: list[bytes] = []
        self._compressed: list[bool] = []
        self._kept = 0

    def append(self, block: Block) -> None:
        self._blocks.append(block)

    def spill_if_full(self) -> None:
        """Write out the blocks once there are :data:`SPOOL_SIZE` of them."""
        if len(self._blocks) >= SPOOL_SIZE:
            self.spill()

    def spill(self) -> None:
        """Count, write out and let go of the blocks (complete ones only)."""
        if not self._blocks:
            return
        for block in self._blocks:
            for p in block.paragraphs:
                self.counter.add(p)
        text = "".join([block.xml() for block in self._blocks]).encode("utf-8")
        self._blocks.clear()
        self._kept += len(text)
        compressed = self._kept > KEPT_AS_IS
        # compressed quickly: the archive compresses it again
        self._parts.append(zlib.compress(text, 1) if compressed else text)
        self._compressed.append(compressed)

    def pieces(self) -> Iterator[bytes]:
        """Everything written out, in order."""
        return (zlib.decompress(part) if compressed else part
                for part, compressed in zip(self._parts, self._compressed))
