"""The EPUB output, examined as a reading system or a validator would: open
the ZIP, follow container.xml to the package document, parse the XHTML in
spine order, and run EPUBCheck on every EPUB these tests write."""

from __future__ import annotations

import hashlib
import io
import os
import posixpath
import re
import subprocess
import sys
import uuid
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pytest
from lxml import etree

import epubchecker
from conftest import HOSTILE_TEXT, ROOT, SEED, run_cli, source_words
from convert import BLOCK_TYPES, Context, Document, Heading, ListBlock, ListItem, Meta, Paragraph, SceneBreak
from convert_plugins.epub.writer import write_epub
from convert_plugins.epub.xhtml import RENDERERS

NS = {
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
}
EPOCH = "1767225600"  # 2026-01-01T00:00:00Z
HOSTILE_MTIME = 1700000000  # 2023-11-14T22:13:20Z


class Epub:
    """An EPUB file opened the way a reading system opens it."""

    def __init__(self, path: Path):
        self.path = path
        self.data = path.read_bytes()
        self.zip = zipfile.ZipFile(io.BytesIO(self.data))
        container = etree.fromstring(self.zip.read("META-INF/container.xml"))
        self.opf_path = container.find(".//c:rootfile", NS).get("full-path")
        self.base = posixpath.dirname(self.opf_path)
        self.opf = etree.fromstring(self.zip.read(self.opf_path))

    def read(self, href: str) -> bytes:
        return self.zip.read(posixpath.join(self.base, href))

    def parse(self, href: str) -> etree._Element:
        """Parse a document strictly as XML: a malformed one fails here."""
        return etree.fromstring(self.read(href))

    def manifest(self) -> dict[str, etree._Element]:
        return {item.get("id"): item for item in self.opf.findall("opf:manifest/opf:item", NS)}

    def spine(self) -> list[str]:
        """Hrefs of the documents in reading order (linear spine items)."""
        manifest = self.manifest()
        return [
            manifest[ref.get("idref")].get("href")
            for ref in self.opf.findall("opf:spine/opf:itemref", NS)
            if ref.get("linear", "yes") == "yes"
        ]

    def meta(self, name: str) -> list[str]:
        return [element.text for element in self.opf.findall(f"opf:metadata/{name}", NS)]

    def modified(self) -> str:
        return self.opf.find("opf:metadata/opf:meta[@property='dcterms:modified']", NS).text

    def nav(self) -> etree._Element:
        (item,) = [i for i in self.manifest().values() if "nav" in (i.get("properties") or "").split()]
        return self.parse(item.get("href"))

    def toc(self) -> list[tuple[str, str]]:
        """(label, href) of every table-of-contents entry, in order, at any depth."""
        (nav,) = self.nav().xpath("//x:nav[@epub:type='toc']", namespaces=NS)
        return [("".join(a.itertext()), a.get("href")) for a in nav.iterfind(".//x:a", NS)]

    def bodies(self) -> list[etree._Element]:
        return [self.parse(href).find("x:body", NS) for href in self.spine()]

    def words(self) -> list[str]:
        """The words of the spine in reading order, each text node on its own."""
        return [word for body in self.bodies() for text in _texts(body) for word in text.split()]


def _texts(element: etree._Element):
    yield element.text or ""
    for child in element:
        yield from _texts(child)
        yield child.tail or ""


def _convert(source: Path, out: Path, *args: str, env: dict | None = None) -> Epub:
    run_cli(source, "--to", "epub", "-o", out, *args, env=env, check=True)
    return Epub(out)


def _write(document: Document, out: Path) -> tuple[Epub, list]:
    """Call the writer directly, as the API does."""
    warnings: list = []
    with out.open("wb") as stream:
        write_epub(document, stream, Context({}, warnings.append))
    return Epub(out), warnings


OUTLINE = Document(
    Meta(title="Kitāb", language="ar", authors=("Ada Lovelace", "Charles Babbage"), source_name="kitab.txt"),
    (
        Paragraph("مرحبا بالعالم"),
        Heading(2, "Part one", "I."),
        Paragraph("The first part."),
        Heading(3, "Chapter A", "1.1"),
        ListBlock(True, (ListItem("first"), ListItem("second"))),
        Heading(3, "Chapter B"),
        SceneBreak(),
        Paragraph("After the break."),
        Heading(2, ""),
        Paragraph("Under a heading without words."),
    ),
)
EMPTY = Document(Meta(title="  ", language=""))


@pytest.fixture(scope="module")
def books(tmp_path_factory) -> dict[str, Epub]:
    """Every EPUB this module examines (and EPUBCheck validates)."""
    folder = tmp_path_factory.mktemp("epub")
    seed = folder / SEED.name
    seed.write_bytes(SEED.read_bytes())
    hostile = folder / "hostile.txt"
    hostile.write_text(HOSTILE_TEXT, "utf-8")
    os.utime(hostile, (HOSTILE_MTIME, HOSTILE_MTIME))
    result = {"seed": _convert(seed, folder / "seed.epub", env={"SOURCE_DATE_EPOCH": EPOCH})}
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        result["hostile"] = _convert(
            hostile, folder / "hostile.epub",
            "--metadata", "language=tr", "--metadata", "publisher=Yayınevi & <Co>",
            "--option", "toc_title=İçindekiler",
        )
    result["outline"], _ = _write(OUTLINE, folder / "outline.epub")
    result["empty"], _ = _write(EMPTY, folder / "empty.epub")
    return result


def test_epubcheck_reports_no_errors_and_no_warnings(books, tmp_path):
    if not epubchecker.available():
        pytest.skip(epubchecker.SKIP_REASON)
    reports = dict(zip(books, epubchecker.reports([book.path for book in books.values()], tmp_path)))
    assert len(reports) == 4
    for name, report in reports.items():
        assert epubchecker.problems(report) == [], name
        counts = {key: report["checker"][key] for key in ("nFatal", "nError", "nWarning")}
        assert counts == {"nFatal": 0, "nError": 0, "nWarning": 0}, name
        # a file EPUBCheck could not open also has no messages, but no spine
        assert report["publication"]["nSpines"] == len(books[name].spine()) + 1, name
        assert str(report["publication"]["ePubVersion"]).startswith("3"), name


def test_spine_holds_every_source_word_in_order(books):
    assert books["seed"].words() == source_words(SEED)


def test_hostile_text_is_literal_and_intact(books, hostile):
    book = books["hostile"]
    assert book.words() == source_words(hostile)
    text = " ".join(" ".join(_texts(body)) for body in book.bodies())
    literals = ("<script>alert(1)</script>", "&amp;", "]]>", "<!-- comment -->", "<tags>", "😀", "𝄞", "e\u0301")
    assert [literal for literal in literals if literal not in text] == []
    for body in book.bodies():
        assert body.find(".//x:script", NS) is None and body.find(".//x:b", NS) is None


def test_every_spine_document_has_text(books):
    # ebooklib writes a document it cannot parse as an empty one
    for name in ("seed", "hostile", "outline", "empty"):
        for body in books[name].bodies():
            assert "".join(_texts(body)).strip()


def test_toc_lists_opening_section_and_every_headline(books):
    book = books["seed"]
    lines = SEED.read_text("utf-8-sig").splitlines()
    headlines = [line.strip() for line in lines if re.match(r"\d+\.\s", line)]
    assert len(headlines) == 12
    labels = [label for label, _ in book.toc()]
    assert labels == [book.meta("dc:title")[0], *headlines]
    spine = book.spine()
    assert [href for _, href in book.toc()] == spine
    for (label, _), body in zip(book.toc()[1:], book.bodies()[1:]):
        assert "".join(body.find("x:h2", NS).itertext()) == label


def test_navigation_has_landmarks_ncx_and_no_page_list(books):
    book = books["seed"]
    nav = book.nav()
    landmarks = nav.xpath("//x:nav[@epub:type='landmarks']//x:a", namespaces=NS)
    assert [a.get(f"{{{NS['epub']}}}type") for a in landmarks] == ["toc", "bodymatter"]
    assert not nav.xpath("//x:nav[@epub:type='page-list']", namespaces=NS)
    spine = book.opf.find("opf:spine", NS)
    ncx = etree.fromstring(book.read(book.manifest()[spine.get("toc")].get("href")))
    points = ncx.findall(".//ncx:navPoint", NS)
    assert len(points) == 13
    assert ncx.find("ncx:head/ncx:meta[@name='dtb:uid']", NS).get("content") == book.meta("dc:identifier")[0]


def test_title_paragraphs_list_and_scene_breaks(books):
    book = books["seed"]
    bodies = book.bodies()
    title = book.meta("dc:title")[0]
    assert "".join(bodies[0].find(".//x:h1", NS).itertext()) == title
    lines = SEED.read_text("utf-8-sig").splitlines()
    breaks = sum(1 for line in lines if line.strip().endswith("***"))
    assert sum(len(body.findall(".//x:hr", NS)) for body in bodies) == breaks == 34
    lists = [ul for body in bodies for ul in body.iterfind(".//x:ul", NS)]
    assert [len(ul.findall("x:li", NS)) for ul in lists] == [3]
    assert sum(len(body.findall("x:p", NS)) for body in bodies) > 150
    css = book.read("style.css").decode()
    assert re.search(r"hr\.scene-break\s*\{[^}]*text-align:\s*center", css)
    assert all(b"style.css" in book.read(href) for href in book.spine())


def test_metadata(books):
    seed, hostile = books["seed"], books["hostile"]
    digest = hashlib.sha256(SEED.read_bytes()).hexdigest()
    expected = uuid.uuid5(uuid.NAMESPACE_URL, f"urn:sha256:{digest}")
    assert seed.meta("dc:identifier") == [f"urn:uuid:{expected}"]
    assert seed.meta("dc:title") == ["Headlines at the World Socialist Web Site today:"]
    assert seed.meta("dc:language") == ["en"]
    assert seed.modified() == "2026-01-01T00:00:00Z"
    assert hostile.meta("dc:language") == ["tr"]
    assert hostile.meta("dc:publisher") == ["Yayınevi & <Co>"]
    assert hostile.parse(hostile.spine()[0]).get("lang") == "tr"
    assert hostile.nav().find(".//x:nav/x:h2", NS).text == "İçindekiler"
    stamp = datetime.fromtimestamp(HOSTILE_MTIME, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert hostile.modified() == stamp
    outline = books["outline"]
    assert outline.meta("dc:creator") == ["Ada Lovelace", "Charles Babbage"]
    assert "Ada Lovelace, Charles Babbage" in "".join(outline.bodies()[0].itertext())


def test_same_input_gives_identical_bytes(books, tmp_path):
    seed = tmp_path / SEED.name
    seed.write_bytes(SEED.read_bytes())
    again = _convert(seed, tmp_path / "again.epub", env={"SOURCE_DATE_EPOCH": EPOCH})
    assert again.data == books["seed"].data
    infos = again.zip.infolist()
    assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
    assert again.zip.read("mimetype") == b"application/epub+zip"
    assert {info.date_time for info in infos} == {(2026, 1, 1, 0, 0, 0)}


def test_nested_outline_and_right_to_left(books):
    book = books["outline"]
    toc = [label for label, _ in book.toc()]
    assert toc == ["Kitāb", "I. Part one", "1.1 Chapter A", "Chapter B", "Section 4"]
    nested = book.nav().xpath("//x:nav[@epub:type='toc']/x:ol/x:li/x:ol/x:li/x:a", namespaces=NS)
    assert ["".join(a.itertext()) for a in nested] == ["1.1 Chapter A", "Chapter B"]
    assert book.opf.find("opf:spine", NS).get("page-progression-direction") == "rtl"
    bodies = book.bodies()
    assert bodies[0].getparent().get("dir") == "rtl"
    headings = [etree.QName(e).localname for body in bodies[1:] for e in body]
    assert [tag for tag in headings if re.fullmatch(r"h[1-6]", tag)] == ["h3", "h4", "h4", "h3"]
    assert [li.text for li in bodies[2].iterfind(".//x:ol/x:li", NS)] == ["first", "second"]
    assert book.words()[:4] == ["Kitāb", "Ada", "Lovelace,", "Charles"]
    assert "مرحبا" in book.words()


def test_empty_document_still_has_title_language_and_toc(books, tmp_path):
    book, warnings = _write(EMPTY, tmp_path / "empty.epub")
    assert book.data == books["empty"].data
    assert [w.code for w in warnings] == ["epub-title"]
    assert book.meta("dc:title") == ["Untitled"]
    assert book.meta("dc:language") == ["en"]
    assert book.toc() == [("Untitled", book.spine()[0])]


def test_renderer_table_covers_exactly_the_block_types():
    assert set(RENDERERS) == set(BLOCK_TYPES)


def test_unknown_node_type_is_an_error():
    class Figure:
        lines = (1, 1)

    document = Document(Meta(title="T"), (Paragraph("text"), Figure()))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Figure"):
        write_epub(document, io.BytesIO(), Context())


def test_plugin_module_does_not_import_ebooklib():
    code = "import sys, convert_plugins.epub as p; assert p.MODEL_MAJOR == 2; print('ebooklib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_write_errors_are_raised():
    class FullDisk(io.RawIOBase):
        def writable(self) -> bool:
            return True

        def write(self, data) -> int:
            raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        write_epub(OUTLINE, FullDisk(), Context())
