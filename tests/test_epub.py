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
from extract import css_rules
import convert
from convert import Context, Document, Heading, ListBlock, Meta, Paragraph, SceneBreak, paragraph_item
from convert_plugins.epub.writer import write_epub

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

    def nav_href(self) -> str:
        (item,) = [i for i in self.manifest().values() if "nav" in (i.get("properties") or "").split()]
        return item.get("href")

    def text_documents(self) -> list[str]:
        """The spine without the contents page: the title page and the text."""
        return [href for href in self.spine() if href != self.nav_href()]

    def meta(self, name: str) -> list[str]:
        return [element.text for element in self.opf.findall(f"opf:metadata/{name}", NS)]

    def modified(self) -> str:
        return self.opf.find("opf:metadata/opf:meta[@property='dcterms:modified']", NS).text

    def nav(self) -> etree._Element:
        return self.parse(self.nav_href())

    def toc(self) -> list[tuple[str, str]]:
        """(label, href) of every table-of-contents entry, in order, at any depth."""
        (nav,) = self.nav().xpath("//x:nav[@epub:type='toc']", namespaces=NS)
        return [("".join(a.itertext()), a.get("href")) for a in nav.iterfind(".//x:a", NS)]

    def bodies(self) -> list[etree._Element]:
        """The bodies of the title page and the text documents, in reading order."""
        return [self.parse(href).find("x:body", NS) for href in self.text_documents()]

    def words(self) -> list[str]:
        """The words of the source as the book shows them, in reading order, each
        text node on its own: the title page and the text, without what the
        writer adds (the title page's date, the scene-break ornaments)."""
        return [word for body in self.bodies() for text in _texts(body, ADDED) for word in text.split()]


ADDED = ("date", "scene-break")
"""Classes of the elements whose text the writer adds, not the source."""


def _texts(element: etree._Element, skip: tuple[str, ...] = ()):
    if element.get("class") not in skip:
        yield element.text or ""
        for child in element:
            yield from _texts(child, skip)
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
        ListBlock("decimal", (paragraph_item("first"), paragraph_item("second"))),
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
        assert report["publication"]["nSpines"] == len(books[name].spine()), name
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
    for name in ("seed", "hostile", "outline", "empty"):
        for href in books[name].spine():
            assert "".join(_texts(books[name].parse(href).find("x:body", NS))).strip(), (name, href)


def test_reading_order_is_title_page_contents_then_text(books):
    book = books["seed"]
    spine = book.spine()
    assert spine[:3] == ["title-page.xhtml", book.nav_href(), "section-000.xhtml"]
    assert len(spine) == 2 + 1 + 12  # the opening text, then a document per headline
    title_page = book.parse(spine[0]).find("x:body", NS)
    assert "".join(title_page.find(".//x:h1", NS).itertext()) == book.meta("dc:title")[0]
    assert title_page.find(".//x:time", NS).get("datetime") == "2026-01-01"
    # the opening text follows on a page of its own, under no heading
    opening = book.parse(spine[2]).find("x:body", NS)
    assert opening.find(".//x:h1", NS) is None and opening.find("x:p", NS) is not None


def test_toc_lists_title_and_every_headline(books):
    book = books["seed"]
    lines = SEED.read_text("utf-8-sig").splitlines()
    headlines = [line.strip() for line in lines if re.match(r"\d+\.\s", line)]
    assert len(headlines) == 12
    labels = [label for label, _ in book.toc()]
    assert labels == [book.meta("dc:title")[0], *headlines]
    hrefs = [href for _, href in book.toc()]
    assert hrefs == ["title-page.xhtml", *book.spine()[3:]]
    for (label, href) in book.toc()[1:]:
        assert "".join(book.parse(href).find("x:body/x:h2", NS).itertext()) == label


def test_contents_page_shows_no_list_numbers_and_hides_landmarks(books):
    book = books["seed"]
    nav = book.nav()
    (toc,) = nav.xpath("//x:nav[@epub:type='toc']", namespaces=NS)
    assert toc.get("role") == "doc-toc" and "contents" in toc.get("class").split()
    (landmarks,) = nav.xpath("//x:nav[@epub:type='landmarks']", namespaces=NS)
    assert landmarks.get("hidden") is not None
    css = css_rules(book.read("style.css").decode())
    assert css["nav.contents ol"]["list-style"] == "none"
    assert css["nav[hidden]"]["display"] == "none"
    # a wrapped entry hangs: padding and an equal negative first-line indent
    entry = css["nav.contents li"]
    assert entry["text-indent"] == "-" + entry["padding-left"]


def test_navigation_has_landmarks_ncx_and_no_page_list(books):
    book = books["seed"]
    nav = book.nav()
    landmarks = nav.xpath("//x:nav[@epub:type='landmarks']//x:a", namespaces=NS)
    assert [a.get(f"{{{NS['epub']}}}type") for a in landmarks] == ["titlepage", "toc", "bodymatter"]
    assert [a.get("href") for a in landmarks] == ["title-page.xhtml", book.nav_href(), "section-000.xhtml"]
    assert not nav.xpath("//x:nav[@epub:type='page-list']", namespaces=NS)
    spine = book.opf.find("opf:spine", NS)
    ncx = etree.fromstring(book.read(book.manifest()[spine.get("toc")].get("href")))
    points = ncx.findall(".//ncx:navPoint", NS)
    assert len(points) == 13
    assert [p.find("ncx:content", NS).get("src") for p in points] == [href for _, href in book.toc()]
    assert ncx.find("ncx:head/ncx:meta[@name='dtb:uid']", NS).get("content") == book.meta("dc:identifier")[0]


def test_title_paragraphs_list_and_scene_breaks(books):
    book = books["seed"]
    bodies = book.bodies()
    lines = SEED.read_text("utf-8-sig").splitlines()
    breaks = sum(1 for line in lines if line.strip().endswith("***"))
    marks = [p for body in bodies for p in body.iterfind(".//x:p[@class='scene-break']", NS)]
    assert len(marks) == breaks == 34
    # visible without CSS: a character, not generated content; a separator to assistive technology
    assert {(p.text, p.get("role")) for p in marks} == {("\u2042", "separator")}
    assert not any(body.findall(".//x:hr", NS) for body in bodies)
    lists = [ul for body in bodies for ul in body.iterfind(".//x:ul", NS)]
    assert [len(ul.findall("x:li", NS)) for ul in lists] == [3]
    assert sum(len(body.findall("x:p", NS)) for body in bodies) - len(marks) == 173
    css = css_rules(book.read("style.css").decode())
    assert css["p.scene-break"]["text-align"] == "center"
    assert not [selector for selector, rule in css.items() if "content" in rule]  # no generated content
    assert all(b"style.css" in book.read(href) for href in book.spine())


def test_metadata(books):
    seed, hostile = books["seed"], books["hostile"]
    digest = hashlib.sha256(SEED.read_bytes()).hexdigest()
    expected = uuid.uuid5(uuid.NAMESPACE_URL, f"urn:sha256:{digest}")
    assert seed.meta("dc:identifier") == [f"urn:uuid:{expected}"]
    assert seed.meta("dc:title") == ["Headlines at the World Socialist Web Site today:"]
    assert seed.meta("dc:language") == ["en"]
    assert seed.opf.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert seed.modified() == "2026-01-01T00:00:00Z"
    assert seed.meta("dc:date") == ["2026-01-01"]
    assert seed.meta("dc:creator") == []
    (generator,) = seed.opf.findall("opf:metadata/opf:meta[@name='generator']", NS)
    assert generator.get("content") == f"convert {convert.__version__}"
    assert hostile.meta("dc:language") == ["tr"]
    assert hostile.opf.get("{http://www.w3.org/XML/1998/namespace}lang") == "tr"
    assert hostile.meta("dc:publisher") == ["Yayınevi & <Co>"]
    assert hostile.parse(hostile.spine()[0]).get("lang") == "tr"
    assert hostile.nav().find(".//x:nav/x:h1", NS).text == "İçindekiler"
    stamp = datetime.fromtimestamp(HOSTILE_MTIME, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert hostile.modified() == stamp
    assert hostile.meta("dc:date") == [stamp[:10]]
    outline = books["outline"]
    assert outline.meta("dc:creator") == ["Ada Lovelace", "Charles Babbage"]
    assert "Ada Lovelace, Charles Babbage" in "".join(outline.bodies()[0].itertext())


def test_author_from_the_command_line(seed, tmp_path):
    book = _convert(seed, tmp_path / "a.epub", "--metadata", "author=Jane Roe", env={"SOURCE_DATE_EPOCH": EPOCH})
    assert book.meta("dc:creator") == ["Jane Roe"]
    (role,) = book.opf.findall("opf:metadata/opf:meta[@property='role']", NS)
    assert (role.get("refines"), role.text) == (f"#{book.opf.find('opf:metadata/dc:creator', NS).get('id')}", "aut")
    assert book.bodies()[0].find(".//x:p[@class='authors']", NS).text == "Jane Roe"


def test_accessibility_metadata(books):
    seed = books["seed"]
    properties: dict[str, list[str]] = {}
    for meta in seed.opf.findall("opf:metadata/opf:meta[@property]", NS):
        properties.setdefault(meta.get("property"), []).append(meta.text)
    assert properties["schema:accessMode"] == ["textual"]
    assert properties["schema:accessModeSufficient"] == ["textual"]
    assert set(properties["schema:accessibilityFeature"]) >= {"structuralNavigation", "tableOfContents", "readingOrder"}
    assert properties["schema:accessibilityHazard"] == ["none"]
    assert properties["schema:accessibilitySummary"][0].strip()
    assert properties["dcterms:conformsTo"] == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]
    # the summary is English; a book in another language says so
    (summary,) = books["hostile"].opf.findall("opf:metadata/opf:meta[@property='schema:accessibilitySummary']", NS)
    assert summary.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


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
    assert book.opf.get("dir") == "rtl"
    bodies = book.bodies()
    assert all(body.getparent().get("dir") == "rtl" for body in bodies)
    headings = [etree.QName(e).localname for body in bodies[2:] for e in body]
    # the heading without words is left out of the text (the contents page names it)
    assert [tag for tag in headings if re.fullmatch(r"h[1-6]", tag)] == ["h3", "h4", "h4"]
    assert [li.text for li in bodies[3].iterfind(".//x:ol/x:li", NS)] == ["first", "second"]
    assert book.words()[:4] == ["Kitāb", "Ada", "Lovelace,", "Charles"]
    assert "مرحبا" in book.words()


def test_empty_document_still_has_title_language_and_toc(books, tmp_path):
    book, warnings = _write(EMPTY, tmp_path / "empty.epub")
    assert book.data == books["empty"].data
    assert [w.code for w in warnings] == ["epub-title"]
    assert book.meta("dc:title") == ["Untitled"]
    assert book.meta("dc:language") == ["en"]
    assert book.meta("dc:date") == []  # a document without a date gets none
    assert book.toc() == [("Untitled", "title-page.xhtml")]
    assert book.spine() == ["title-page.xhtml", book.nav_href()]


def test_unknown_node_type_is_an_error():
    class Figure:
        lines = (1, 1)

    document = Document(Meta(title="T"), (Paragraph("text"), Figure()))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Figure"):
        write_epub(document, io.BytesIO(), Context())


def test_plugin_module_imports_no_writer_code():
    code = ("import sys, convert_plugins.epub as p; assert p.MODEL_MAJOR == 2; "
            "print(any(name.startswith('convert_plugins.epub.') for name in sys.modules))")
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


def test_a_book_of_many_sections_lists_each_once_in_order():
    # the package, the NCX and the contents page are written in chunks, their entries made on demand
    count = 1500
    blocks = [Paragraph("Opening words.")]
    for n in range(1, count + 1):
        blocks += [Heading(1 + n % 2, f"Part {n}"), Paragraph(f"Text {n}.")]
    data = convert.render(Document(Meta("Many", source_sha256="1" * 64), tuple(blocks)), "epub")
    archive = zipfile.ZipFile(io.BytesIO(data))
    sections = [f"section-{n:03d}.xhtml" for n in range(count + 1)]
    opf = etree.fromstring(archive.read("EPUB/content.opf"))
    manifest = [item.get("href") for item in opf.findall("opf:manifest/opf:item", NS)]
    spine = [ref.get("idref") + ".xhtml" for ref in opf.findall("opf:spine/opf:itemref", NS)]
    assert manifest[-len(sections):] == sections and spine[-len(sections):] == sections
    ncx = etree.fromstring(archive.read("EPUB/toc.ncx"))
    ncx_targets = [c.get("src") for c in ncx.iter("{http://www.daisy.org/z3986/2005/ncx/}content")]
    nav = etree.fromstring(archive.read("EPUB/nav.xhtml"))
    toc = nav.find(".//x:nav[@id='toc']", NS)
    nav_targets = [a.get("href") for a in toc.iter("{http://www.w3.org/1999/xhtml}a")]
    listed = ["title-page.xhtml"] + sections[1:]  # the opening text has no entry
    assert ncx_targets == nav_targets == listed
    assert [text for a in toc.iter("{http://www.w3.org/1999/xhtml}a") for text in a.itertext()][-1] == f"Part {count}"
