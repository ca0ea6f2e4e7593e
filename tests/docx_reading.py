"""Reading DOCX files back in the DOCX tests: python-docx for what a
reader sees, lxml for the parts' XML."""

from __future__ import annotations

import io
import zipfile

import docx
from lxml import etree

from convert import Context, Document, Meta
from convert_plugins.docx.writer import write_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W_VAL = f"{W}val"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def opened(data: bytes):
    return docx.Document(io.BytesIO(data))


def part(data: bytes, name: str) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(name))


def render(document: Document, **options: str) -> tuple[bytes, list]:
    """Call the writer directly, as the pipeline does; returns (bytes, warnings)."""
    warnings: list = []
    stream = io.BytesIO()
    write_docx(document, stream, Context(options, warnings.append))
    return stream.getvalue(), warnings


def meta(**fields) -> Meta:
    return Meta(**{"title": "T", "modified": "2026-01-01T00:00:00Z", **fields})


def style_element(data: bytes, style_id: str) -> etree._Element:
    return part(data, "word/styles.xml").find(f"{W}style[@{W}styleId='{style_id}']")


def numbering_level(data: bytes, paragraph) -> etree._Element:
    """The ``w:lvl`` definition that numbers a paragraph."""
    num_pr = paragraph._p.find(f"{W}pPr/{W}numPr")
    num_id, level = num_pr.find(f"{W}numId").get(W_VAL), num_pr.find(f"{W}ilvl").get(W_VAL)
    numbering = part(data, "word/numbering.xml")
    abstract = numbering.find(f"{W}num[@{W}numId='{num_id}']/{W}abstractNumId").get(W_VAL)
    return numbering.find(f"{W}abstractNum[@{W}abstractNumId='{abstract}']/{W}lvl[@{W}ilvl='{level}']")


def start_override(data: bytes, paragraph) -> int:
    """The number a list item's numbering instance starts its level at."""
    num_pr = paragraph._p.find(f"{W}pPr/{W}numPr")
    num_id, level = num_pr.find(f"{W}numId").get(W_VAL), num_pr.find(f"{W}ilvl").get(W_VAL)
    num = part(data, "word/numbering.xml").find(f"{W}num[@{W}numId='{num_id}']")
    return int(num.find(f"{W}lvlOverride[@{W}ilvl='{level}']/{W}startOverride").get(W_VAL))


def left_indent(paragraph) -> int:
    return int(paragraph._p.find(f"{W}pPr/{W}ind").get(f"{W}left"))
