"""Reading outputs back as an outside reader would: the text a person sees,
in reading order, from each built-in format."""

from __future__ import annotations

import io
import json
import posixpath
import zipfile

from lxml import etree

XHTML = "{http://www.w3.org/1999/xhtml}"
OPF = "{http://www.idpf.org/2007/opf}"


def epub_spine_documents(data: bytes) -> list[tuple[str, etree._Element]]:
    """(path, parsed XHTML root) of every spine item, in spine order."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    container = etree.fromstring(archive.read("META-INF/container.xml"))
    opf_path = container.find(".//{*}rootfile").get("full-path")
    opf = etree.fromstring(archive.read(opf_path))
    base = posixpath.dirname(opf_path)
    manifest = {item.get("id"): item.get("href") for item in opf.iter(f"{OPF}item")}
    documents = []
    for itemref in opf.iter(f"{OPF}itemref"):
        path = posixpath.normpath(posixpath.join(base, manifest[itemref.get("idref")]))
        documents.append((path, etree.fromstring(archive.read(path))))
    return documents


def epub_text(data: bytes) -> str:
    """The body text of the spine, in order (navigation documents included if in the spine)."""
    parts = []
    for _, root in epub_spine_documents(data):
        body = root.find(f"{XHTML}body")
        parts.append(" ".join(body.itertext()))
    return "\n".join(parts)


def pdf_text(data: bytes) -> str:
    """The glyphs' text in the order they are drawn.  pypdf's default mode
    re-orders runs of right-to-left letters with a heuristic that moves the
    punctuation after an Arabic or Hebrew word in front of it; layout mode
    keeps the drawn order."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text(extraction_mode="layout") for page in reader.pages)


def docx_text(data: bytes) -> str:
    """The body's paragraphs and tables, in document order; the table of
    contents (a content control repeating the headings) is left out."""
    import docx
    from docx.table import Table

    document = docx.Document(io.BytesIO(data))
    texts = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            texts.extend(cell.text for row in block.rows for cell in row.cells)
        else:
            texts.append(block.text)
    return "\n".join(texts)


def json_text(data: bytes) -> str:
    """The texts of the JSON form, walked as a reader of the format would."""
    document = json.loads(data)
    texts = [document["meta"]["title"]]
    _json_blocks(document["blocks"], texts)
    return "\n".join(texts)


def _json_blocks(blocks: list, texts: list[str]) -> None:
    for block in blocks:
        kind = block["type"]
        if kind == "heading":
            texts.append(f"{block['number']} {block['text']}" if block["number"] else block["text"])
        elif kind in ("paragraph", "verbatim", "line-block"):
            texts.append(block["text"])
        elif kind == "list":
            for item in block["items"]:
                _json_blocks(item["blocks"], texts)
        elif kind == "quotation":
            _json_blocks(block["blocks"], texts)
            if block["attribution"]:
                texts.append(block["attribution"])
        elif kind == "table":
            texts.extend(cell["text"] for row in block["head"] + block["body"] for cell in row)


EXTRACTORS = {"epub": epub_text, "pdf": pdf_text, "docx": docx_text, "json": json_text}
