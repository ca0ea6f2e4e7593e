"""One plain text holding the regions model 2.0 was made for (an indented code
block, a ``>`` quoted reply, an a) b) c) list, a URL), converted to EPUB, DOCX
and PDF in one call, and each output read back as its own readers would."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

import epubchecker
from conftest import run_cli
from extract import epub_spine_documents

MANUAL = """A small manual

See https://example.org/manual for the latest version.

    int main(void) {
        return 0;
    }

> I tried it and it worked.
> Thanks for the help.

Steps:

a) open the file
b) edit it
c) save it
"""
URL = "https://example.org/manual"
X = {"x": "http://www.w3.org/1999/xhtml"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("manual")
    source = folder / "manual.txt"
    source.write_text(MANUAL, "utf-8")
    run_cli(source, "--to", "epub", "--to", "docx", "--to", "pdf", "-o", folder / "out", check=True)
    return {fmt: folder / "out" / f"manual.{fmt}" for fmt in ("epub", "docx", "pdf")}


def test_epub_has_pre_blockquote_lettered_list_and_link(outputs):
    bodies = [root.find("x:body", X) for _, root in epub_spine_documents(outputs["epub"].read_bytes())]
    found = {name: [e for body in bodies for e in body.iterfind(f".//x:{name}", X)] for name in ("pre", "blockquote", "ol", "a")}
    assert "".join(found["pre"][0].itertext()) == "int main(void) {\n    return 0;\n}"
    assert "I tried it" in "".join(found["blockquote"][0].itertext())
    assert any(ol.get("type") == "a" and len(ol) == 3 for ol in found["ol"])
    assert URL in [a.get("href") for a in found["a"]]


@pytest.mark.skipif(not epubchecker.available(), reason=epubchecker.SKIP_REASON)
def test_epub_passes_epubcheck(outputs, tmp_path):
    (report,) = epubchecker.reports([outputs["epub"]], tmp_path)
    assert epubchecker.problems(report) == []


def test_docx_has_a_hyperlink_and_a_code_style(outputs):
    import docx

    document = docx.Document(str(outputs["docx"]))
    code = [p for p in document.paragraphs if "int main" in p.text]
    assert code and code[0].style.name == "Source Code"
    archive = zipfile.ZipFile(outputs["docx"])
    rels = etree.fromstring(archive.read("word/_rels/document.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target") for rel in rels if rel.get("TargetMode") == "External"}
    body = etree.fromstring(archive.read("word/document.xml"))
    linked = [targets.get(h.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"))
              for h in body.iter(f"{W}hyperlink")]
    assert URL in linked


def test_pdf_has_a_link_annotation_and_monospaced_code(outputs):
    import pdfplumber
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(outputs["pdf"].read_bytes()))
    uris = [annotation.get_object()["/A"].get("/URI")
            for page in reader.pages for annotation in page.get("/Annots") or ()
            if annotation.get_object().get("/Subtype") == "/Link" and "/A" in annotation.get_object()]
    assert URL in uris
    with pdfplumber.open(str(outputs["pdf"])) as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
    text = "".join(c["text"] for c in chars)
    start = text.index("intmain(void)") if "intmain(void)" in text else text.index("int main(void)")
    code_fonts = {c["fontname"].split("+")[-1] for c in chars[start:start + 4]}
    body_fonts = {c["fontname"].split("+")[-1] for c in chars[text.index("Thanks"):text.index("Thanks") + 6]}
    assert all("Mono" in name for name in code_fonts), code_fonts
    assert not any("Mono" in name for name in body_fonts), body_fonts
