"""Reading PDFs back as a reader or a validator would, for the PDF tests:
pypdf in strict mode, pdfplumber for character positions, poppler's tools."""

from __future__ import annotations

import io
import logging
import shutil
import subprocess
import warnings
from collections import defaultdict
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from convert import Context, Document, Meta
from convert_plugins.pdf.writer import write_pdf

from extract import rejoin_pdf_lines, without_page_numbers

POPPLER = pytest.mark.skipif(not shutil.which("pdffonts") or not shutil.which("pdftotext"),
                             reason="poppler-utils (pdffonts, pdftotext) is not installed")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def open_strict(data: bytes) -> PdfReader:
    """Open a PDF with pypdf in strict mode and read every page; any pypdf
    warning (raised or logged) fails the test."""
    collect = _Collect()
    logging.getLogger("pypdf").addHandler(collect)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            reader = PdfReader(io.BytesIO(data), strict=True)
            for page in reader.pages:
                page.extract_text()
            outline_entries(reader)
    finally:
        logging.getLogger("pypdf").removeHandler(collect)
    assert collect.messages == [], collect.messages
    return reader


def fidelity(expected: list[str], found: list[str]) -> tuple[float, str | None]:
    """Share of expected words found in order in ``found``, and the first one missing."""
    position, matched, missing = 0, 0, None
    for word in expected:
        try:
            position = found.index(word, position) + 1
            matched += 1
        except ValueError:
            missing = missing or word
    return matched / len(expected), missing


def page_texts(reader: PdfReader) -> list[str]:
    """pypdf's text of each page."""
    return [page.extract_text() for page in reader.pages]


def words_of(text: str) -> list[str]:
    """The words of extracted text: page numbers left out, hyphens the layout
    added at line ends removed."""
    return rejoin_pdf_lines(without_page_numbers(text)).split()


def drawn_text(reader: PdfReader) -> str:
    """Text in drawn order (pypdf's layout mode keeps right-to-left runs as drawn)."""
    return "\n".join(page.extract_text(extraction_mode="layout") for page in reader.pages)


def pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


def pdffonts(path: Path) -> dict[str, bool]:
    """Font name (subset prefix removed) to whether pdffonts reports it embedded."""
    rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    fonts = {}
    for row in rows.splitlines()[2:]:
        fields = row.split()
        fonts[fields[0].split("+")[-1]] = fields[-5] == "yes"
    return fonts


def outline_entries(reader: PdfReader) -> list[tuple[str, int, float]]:
    """(title, 1-based page, top) of every outline entry, depth first."""
    entries = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                entries.append((item.title, reader.get_destination_page_number(item) + 1, float(item["/Top"])))

    walk(reader.outline)
    return entries


def page_of(reader: PdfReader, reference) -> int:
    target = reference.get_object() if isinstance(reference, IndirectObject) else reference
    return next(i for i, page in enumerate(reader.pages) if page.get_object() == target) + 1


def fonts_of(resources, seen: set[int] | None = None):
    """Every font dictionary reachable from a resource dictionary, forms included."""
    seen = set() if seen is None else seen
    resources = resources.get_object() if resources is not None else {}
    for font in (resources.get("/Font") or {}).values():
        yield font.get_object()
    for xobject in (resources.get("/XObject") or {}).values():
        if isinstance(xobject, IndirectObject):
            if xobject.idnum in seen:
                continue
            seen.add(xobject.idnum)
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form":
            yield from fonts_of(xobject.get("/Resources"), seen)


def font_names(reader: PdfReader) -> set[str]:
    """Base names (no subset prefix) of every font the pages use."""
    return {str(f["/BaseFont"]).split("+")[-1] for p in reader.pages for f in fonts_of(p.get("/Resources"))}


def render(document: Document, options: dict | None = None) -> tuple[bytes, list]:
    """Render in-process, collecting the writer's warnings."""
    found: list = []
    stream = io.BytesIO()
    write_pdf(document, stream, Context(options or {}, found.append))
    return stream.getvalue(), found


def meta(**fields) -> Meta:
    base = dict(title="Test document", language="en", source_name="t.txt", modified="2026-01-01T00:00:00Z")
    base.update(fields)
    return Meta(**base)


def body_lines(data: bytes, font: str = "NotoSerif-Regular", size: float = 11) -> list[list[dict]]:
    """The lines of body text (characters of one font and size, grouped by
    baseline, left to right) on every page, from pdfplumber's character positions."""
    import pdfplumber

    lines = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            by_top: dict[float, list[dict]] = defaultdict(list)
            for char in page.chars:
                if char["fontname"].split("+")[-1] == font and abs(char["size"] - size) < 0.05:
                    by_top[round(char["top"], 1)].append(char)
            lines += [sorted(chars, key=lambda c: c["x0"]) for _, chars in sorted(by_top.items())]
    return lines


def widest_word_space(line: list[dict]) -> float | None:
    """The widest gap between two words of a line: from the last letter of a
    word to the first of the next, the space glyph and any stretch included."""
    gaps = [line[i + 1]["x0"] - line[i - 1]["x1"]
            for i in range(1, len(line) - 1) if line[i]["text"] == " " and line[i + 1]["text"] != " "]
    return max(gaps) if gaps else None
