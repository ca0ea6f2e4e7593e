"""The canvas the PDF is drawn on: document information and deferred numbers.

reportlab's own information dictionary always writes every field, filling
gaps with placeholders ("anonymous", "unspecified") and dating the file with
the clock or a fixed 2000-01-01.  :class:`DocumentInfo` writes only the fields
the document has, dated with the document's own date, so that two conversions
of one source are byte-identical.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Mapping

from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFInfo, PDFString
from reportlab.pdfgen.canvas import Canvas

from . import filewriter
from .toc import PageNumbers


def pdf_date(when: datetime) -> str:
    """A PDF date string (``D:20260101000000+00'00'``) in UTC."""
    return when.astimezone(timezone.utc).strftime("D:%Y%m%d%H%M%S+00'00'")


class DocumentInfo(PDFInfo):
    """The ``/Info`` dictionary: the given fields only, and a fixed date."""

    def __init__(self, entries: Mapping[str, str], when: datetime) -> None:
        super().__init__()
        self.entries = {key: value for key, value in entries.items() if value}
        self.date = pdf_date(when)

    def digest(self, md5object: Any) -> None:
        # the file identifier derives from these, so equal inputs give equal IDs
        for key, value in sorted(self.entries.items()):
            md5object.update(f"{key}={value}".encode("utf-8"))

    def format(self, document: Any) -> bytes:
        fields: dict[str, Any] = {key: PDFString(value) for key, value in self.entries.items()}
        fields["CreationDate"] = fields["ModDate"] = PDFString(self.date)
        return PDFDictionary(fields).format(document)


class PdfCanvas(Canvas):
    """A canvas with our document information that, before saving, draws the
    page-number forms the pages refer to (see :mod:`convert_plugins.pdf.toc`)."""

    def __init__(self, *args: Any, numbers: PageNumbers, info: DocumentInfo, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._numbers = numbers
        self._doc.info = info
        # viewers show the title instead of the file name
        self.setViewerPreference("DisplayDocTitle", "true")

    def showPage(self) -> None:
        super().showPage()
        filewriter.compress_page(self._doc.Pages.pages[-1])

    def save(self) -> None:
        self._numbers.define_forms(self)
        if self._numbers.pages:
            self.showOutline()  # open the bookmarks panel, since there are bookmarks
        if len(self._code):
            self.showPage()
        filewriter.save(self._doc, self, self._filename)
