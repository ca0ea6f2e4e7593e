"""Reading outputs back as an outside reader would: the text a person sees,
in reading order, from each built-in format."""

from __future__ import annotations

import io
import json
import posixpath
import re
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


INLINE = {f"{XHTML}{tag}" for tag in ("a", "abbr", "b", "cite", "code", "del", "em", "i", "ins", "kbd", "mark",
                                       "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var")}
"""Elements that are part of running text; every other element (and ``br``) separates text."""


def _element_text(element: etree._Element, parts: list[str]) -> None:
    inline = element.tag in INLINE
    if not inline:
        parts.append("\n")
    parts.append(element.text or "")
    for child in element:
        _element_text(child, parts)
        parts.append(child.tail or "")
    if not inline:
        parts.append("\n")


def epub_text(data: bytes) -> str:
    """The body text of the spine, in order (navigation documents included if in
    the spine), as a reader sees it: inline markup inside words does not split
    them, block elements and line breaks do."""
    parts: list[str] = []
    for _, root in epub_spine_documents(data):
        _element_text(root.find(f"{XHTML}body"), parts)
    return "".join(parts)


def css_rules(css: str) -> dict[str, dict[str, str]]:
    """A stylesheet as selector to declarations (plain rules only: no @-rules)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    rules: dict[str, dict[str, str]] = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", css):
        declarations = dict(
            (name.strip(), value.strip()) for name, _, value in
            (part.partition(":") for part in body.split(";") if ":" in part)
        )
        for selector in selectors.split(","):
            rules.setdefault(" ".join(selector.split()), {}).update(declarations)
    return rules


def pdf_text(data: bytes) -> str:
    """The text of each line, lines in the order they are drawn (so a table's
    cells one after the other), each line in reading order, and lines
    rejoined where the layout broke a word.

    A PDF draws right-to-left text in visual order; pypdf turns each run of
    it back into reading order, but takes the punctuation and space after the
    run into it (", Hebrew" comes out as " ,Hebrew"), which is undone here.
    (pypdf's layout mode keeps the visual order instead.)"""
    from pypdf import PdfReader

    lines: list[str] = []
    for page in PdfReader(io.BytesIO(data)).pages:
        page_lines: list[str] = []
        last_y: list[float] = []
        new_object = [False]

        def visit(text: str, cm: list, tm: list, font: object, size: object) -> None:
            text = text.replace("\n", "")  # pypdf ends text objects with one; lines come from positions
            if not text:
                return
            y = tm[5] * cm[3] + cm[5]
            if not page_lines or abs(y - last_y[0]) > LINE_TOLERANCE:
                page_lines.append(text)
            else:
                # another text object on the same line (the next cell of a table row) is another word
                gap = new_object[0] and not page_lines[-1][-1:].isspace() and not text[:1].isspace()
                page_lines[-1] += " " + text if gap else text
            last_y[:] = [y]
            new_object[0] = False

        def operator(op: bytes, args: list, cm: list, tm: list) -> None:
            if op == b"BT":
                new_object[0] = True

        page.extract_text(visitor_text=visit, visitor_operand_before=operator)
        lines.extend(reading_order(line) for line in page_lines)
    return rejoin_pdf_lines(without_page_numbers("\n".join(lines)))


LINE_TOLERANCE = 2.0
"""Text drawn within this many points of the last baseline continues its line
(shaped marks and raised glyphs move a little)."""
PUNCTUATION_TAKEN_INTO_RTL = re.compile(r"(?<=[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]) ([,.;:!?])(?=\S)")


def reading_order(line: str) -> str:
    """A line as pypdf gives it, with the punctuation after right-to-left runs put back."""
    return PUNCTUATION_TAKEN_INTO_RTL.sub(r"\1 ", line)


HYPHEN_AT_LINE_END = re.compile(r"(\w)-[ \t]*[\n\f]\s*(?=[^\W\d_])")
"""A hyphen at a line end, before a letter on the next line (or page)."""
CONTINUATION = re.compile(r"\n[ \t]*\u21aa ?")


PAGE_NUMBER = re.compile(r"\n\s*\d+\s*/\s*\d+\s*(?=\n|\f|$)")


def without_page_numbers(text: str) -> str:
    """Text without the "3 / 28" page numbers, which may fall inside a word
    hyphenated across two pages."""
    return PAGE_NUMBER.sub("", text)


def rejoin_pdf_lines(text: str) -> str:
    """Undo what a reader of the page undoes without thinking: a hyphen that
    breaks a word at a line end, and a verbatim line continued after ↪."""
    return HYPHEN_AT_LINE_END.sub(r"\1", CONTINUATION.sub("", text))


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
