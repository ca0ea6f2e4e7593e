"""Every writer gives a link the same address: checked and percent-encoded once,
in :func:`convert.model.inline.link_address`, read back here from each file."""

from __future__ import annotations

import re
import zipfile

from lxml import etree

from convert.model import Document, Meta, Paragraph, Span
from convert.model.json_form import dumps
from conftest import run_cli
from test_pdf_blocks import uris

LINKS = {
    "https://example.org/a b?q=ü": "https://example.org/a%20b?q=%C3%BC",
    "http://exa mple..org/": None,  # malformed host: text, never a link
    "javascript:alert(1)": None,
    "other.html#top": None,  # relative: points at nothing in a converted file
    "mailto:someone@example.org": "mailto:someone@example.org",
}
EXPECTED = sorted(address for address in LINKS.values() if address)
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def document() -> Document:
    words = [f"link{number}" for number in range(len(LINKS))]
    text = " ".join(words)
    spans, start = [], 0
    for word, target in zip(words, LINKS):
        spans.append(Span(start, start + len(word), "link", target))
        start += len(word) + 1
    return Document(Meta(title="Links"), (Paragraph(text, (1, 1), tuple(spans)),))


def test_epub_docx_and_pdf_carry_the_same_checked_addresses(tmp_path):
    source = tmp_path / "links.json"
    source.write_text(dumps(document()), "utf-8")
    run_cli(source, "--to", "epub", "--to", "docx", "--to", "pdf", "-o", tmp_path / "out", check=True)
    out = tmp_path / "out"

    with zipfile.ZipFile(out / "links.epub") as epub:
        xhtml = "".join(epub.read(name).decode() for name in epub.namelist() if name.endswith(".xhtml")
                        and "nav" not in name)
    epub_links = sorted(set(re.findall(r'<a href="([^"#][^"]*)"', xhtml)))

    with zipfile.ZipFile(out / "links.docx") as docx:
        rels = etree.fromstring(docx.read("word/_rels/document.xml.rels"))
        body = etree.fromstring(docx.read("word/document.xml"))
    targets = {rel.get("Id"): rel.get("Target") for rel in rels if rel.get("TargetMode") == "External"}
    docx_links = sorted({targets[h.get(R_ID)] for h in body.iter() if h.get(R_ID) in targets})

    pdf_links = sorted(set(uris((out / "links.pdf").read_bytes())))

    assert epub_links == docx_links == pdf_links == EXPECTED
