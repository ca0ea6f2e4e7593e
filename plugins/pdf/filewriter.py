"""Writing the finished PDF straight to the output stream.

reportlab formats every object into a list of byte strings, joins the list
into one string and writes that: three copies of the file in memory at once,
on top of the objects themselves, which made the peak of a book of many
headings.  :func:`save` formats the same objects in the same order, with the
same cross-reference table and trailer, but writes each object as soon as it
is formatted and lets go of it, so the bytes are identical and the file is
held once, in the stream.

Likewise each page's content is compressed as soon as the page is done
(:func:`compress_page`) rather than kept as text until the end.
"""

from __future__ import annotations

from typing import Any, BinaryIO

from reportlab import rl_config
from reportlab.pdfbase.pdfdoc import (PDFArray, PDFBase85Encode, PDFCrossReferenceTable, PDFDocument,
                                      PDFIndirectObject, PDFName, PDFPage, PDFStream, PDFTrailer, PDFZCompress,
                                      pdfdocEnc)

HEADER = b"\n%\223\214\213\236 ReportLab Generated PDF document (opensource)\n"
"""What reportlab writes after the version line (``pdfdoc.PDFFile``)."""


class _StreamFile:
    """reportlab's ``PDFFile`` (the output collector) writing to a stream:
    it only needs to know each object's offset."""

    def __init__(self, stream: BinaryIO, version: tuple[int, int]) -> None:
        self._stream = stream
        self.offset = 0
        self.add(pdfdocEnc("%%PDF-%s.%s" % version) + HEADER)

    def add(self, data: bytes | str) -> int:
        data = pdfdocEnc(data)
        offset = self.offset
        self.offset = offset + len(data)
        self._stream.write(data)
        return offset


def compress_page(page: PDFPage) -> None:
    """Encode a finished page's content now, as ``PDFPage.check_format``
    would when the file is written: the same filters in the same order, so
    the same bytes, but the page holds them compressed (a sixth of the text)."""
    if page.Override_default_compilation or page.Contents or not page.stream or not page.compression:
        return
    filters = [PDFBase85Encode, PDFZCompress] if rl_config.useA85 else [PDFZCompress]
    content = page.stream
    for encoding in reversed(filters):
        content = encoding.encode(content)
    contents = PDFStream(content=content)
    # a stream with a /Filter entry is written as it is, not encoded again
    contents.dictionary["Filter"] = PDFArray([PDFName(encoding.pdfname) for encoding in filters])
    contents.__Comment__ = "page stream"
    page.Contents = contents
    page.stream = None


def save(document: PDFDocument, canvas: Any, stream: BinaryIO) -> None:
    """What ``PDFDocument.SaveToFile`` does (through ``GetPDFData`` and
    ``format``), writing each object to ``stream`` as it is formatted."""
    if getattr(document, "_savedToFile", False):
        raise RuntimeError("a PDF document can only be saved once")
    document._savedToFile = True
    for font in document.delayedFonts:
        font.addObjects(document)
    document.info.invariant = document.invariant
    document.info.digest(document.signature)
    document.Reference(document.Catalog)
    document.Reference(document.info)
    document.Outlines.prepare(document, canvas)
    if document.Outlines.ready < 0:
        document.Catalog.Outlines = None
    _write_objects(document, stream)


def _write_objects(document: PDFDocument, stream: BinaryIO) -> None:
    """``PDFDocument.format``, writing as it goes."""
    document.encrypt.prepare(document)
    document.Reference(document.Catalog)
    document.Reference(document.info)
    encryption = document.encrypt.info()
    encryption_reference = document.Reference(encryption) if encryption else None
    number_to_id = document.numberToId
    objects = document.idToObject
    offsets = document.idToOffset
    ids = []
    output = document.__accum__ = _StreamFile(stream, document._pdfVersion)
    counter = 0
    # objects may be registered while others are formatted: the loop runs until none is left
    while True:
        counter += 1
        if counter not in number_to_id:
            break
        name = number_to_id[counter]
        obj = objects[name]
        formatted = PDFIndirectObject(name, obj).format(document)
        if not rl_config.invariant and rl_config.pdfComments:
            output.add("%% %s: class %s \n" % (ascii(name), getattr(obj.__class__, "__name__", ascii(obj))[:50]))
        offsets[name] = output.add(formatted)
        ids.append(name)
        objects[name] = None  # written: the name stays registered, the object may go
    del document.__accum__
    if counter - 1 != len(number_to_id):
        raise ValueError(f"object counter {counter} does not match the {len(number_to_id)} objects")
    table = PDFCrossReferenceTable()
    table.addsection(0, ids)
    start = output.add(table.format(document))
    trailer = PDFTrailer(startxref=start, Size=len(number_to_id) + 1, Root=document.Reference(document.Catalog),
                         Info=document.Reference(document.info), Encrypt=encryption_reference, ID=document.ID())
    output.add(trailer.format(document))
