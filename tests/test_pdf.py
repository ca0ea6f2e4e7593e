"""The PDF output, examined as a reader or a validator would: open it with
pypdf in strict mode, extract its text, follow its outline and its contents
links, list its fonts; run qpdf, pdftotext and pdffonts when installed."""

from __future__ import annotations

import io
import logging
import os
import re
import shutil
import subprocess
import sys
import time
import warnings
from datetime import datetime, timezone
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from conftest import SEED, run_cli, source_words
from convert import BLOCK_TYPES, Context, Document, Heading, Meta, Paragraph
from convert.errors import UsageError
from convert_plugins.pdf.story import RENDERERS
from convert_plugins.pdf.writer import write_pdf

EPOCH = "1767225600"  # 2026-01-01T00:00:00Z
SEED_HEADINGS = 12
SEED_SCENE_BREAKS = 34
BASE_14 = {
    "Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique", "Helvetica", "Helvetica-Bold",
    "Helvetica-Oblique", "Helvetica-BoldOblique", "Times-Roman", "Times-Bold", "Times-Italic",
    "Times-BoldItalic", "Symbol", "ZapfDingbats",
}
A4 = (595.28, 841.89)
LETTER = (612.0, 792.0)


# -- helpers ------------------------------------------------------------------

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


def drawn_text(reader: PdfReader) -> str:
    """Text in drawn order (pypdf's layout mode keeps right-to-left runs as drawn)."""
    return "\n".join(page.extract_text(extraction_mode="layout") for page in reader.pages)


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


# -- the seed, converted once for the whole module ----------------------------

@pytest.fixture(scope="module")
def seed_pdf(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("seed-pdf")
    source = folder / SEED.name
    source.write_bytes(SEED.read_bytes())
    out = folder / "seed.pdf"
    run_cli(source, "--to", "pdf", "-o", out, env={"SOURCE_DATE_EPOCH": EPOCH}, check=True)
    return out


@pytest.fixture(scope="module")
def seed_reader(seed_pdf) -> PdfReader:
    return open_strict(seed_pdf.read_bytes())


@pytest.fixture(scope="module")
def seed_pages(seed_reader) -> list[str]:
    return [page.extract_text() for page in seed_reader.pages]


# -- structure of the writer --------------------------------------------------

def test_renderer_table_covers_exactly_the_block_types():
    assert set(RENDERERS) == set(BLOCK_TYPES)


def test_unknown_block_type_is_an_error():
    class Aside:
        lines = (1, 1)

    with pytest.raises(TypeError, match="Aside"):
        render(Document(meta(), (Paragraph("fine", (1, 1)), Aside())))


def test_plugin_module_does_not_import_reportlab():
    code = "import sys, convert_plugins.pdf; print('reportlab' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


# -- text fidelity ------------------------------------------------------------

def test_seed_opens_strictly(seed_reader):
    assert len(seed_reader.pages) > 10


def test_seed_text_fidelity_with_pypdf(seed_pages):
    ratio, missing = fidelity(source_words(SEED), "\n".join(seed_pages).split())
    assert ratio == 1.0, f"fidelity {ratio:.4f}, first missing word {missing!r}"


def test_seed_keeps_turkish_letters_quotes_and_euro(seed_pages):
    text = "\n".join(seed_pages)
    for expected in ("İ", "ğ", "ç", "Ö", "€", "“", "”", "’", "—", "–"):
        assert expected in text
    assert "\ufb01" not in text and "\u00ad" not in text  # no ligature, no hyphenation


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is not installed")
def test_seed_text_fidelity_with_pdftotext(seed_pdf):
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(seed_pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    ratio, missing = fidelity(source_words(SEED), text.split())
    assert ratio == 1.0, f"fidelity {ratio:.4f}, first missing word {missing!r}"


# -- fonts --------------------------------------------------------------------

def test_every_font_is_embedded_truetype(seed_reader):
    fonts = [font for page in seed_reader.pages for font in fonts_of(page.get("/Resources"))]
    assert fonts
    for font in fonts:
        name = str(font["/BaseFont"]).lstrip("/")
        assert name.split("+")[-1] not in BASE_14, name
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"{name} is not embedded"
    assert {str(f["/BaseFont"]).split("+")[-1] for f in fonts} == {"NotoSerif-Regular", "NotoSans-Regular"}


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="pdffonts (poppler-utils) is not installed")
def test_pdffonts_lists_only_embedded_fonts(seed_pdf):
    lines = subprocess.run(["pdffonts", str(seed_pdf)], capture_output=True, text=True, check=True).stdout
    rows = lines.splitlines()[2:]
    assert rows
    for row in rows:
        assert row.split()[-5] == "yes", row  # the "emb" column


# -- navigation: outline, contents, page numbers ------------------------------

def test_outline_has_one_entry_per_heading_on_its_page(seed_reader, seed_pages):
    entries = outline_entries(seed_reader)
    assert len(entries) == SEED_HEADINGS
    assert [title.split()[0] for title, _, _ in entries] == [f"{n}." for n in (3, *range(5, 16))]
    for title, page, _ in entries:
        flat = " ".join(seed_pages[page - 1].split())
        assert " ".join(title.split()) in flat, f"{title!r} is not on page {page}"
    assert seed_reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def toc_numbers(first_page_text: str, titles: list[str]) -> list[int]:
    flat = " ".join(first_page_text.split())
    numbers, position = [], 0
    for title in titles:
        position = flat.index(" ".join(title.split()), position) + len(" ".join(title.split()))
        numbers.append(int(re.match(r"[\s.]*(\d+)", flat[position:]).group(1)))  # past the dot leaders
    return numbers


def test_contents_page_numbers_match_the_outline(seed_reader, seed_pages):
    entries = outline_entries(seed_reader)
    assert "Contents" in seed_pages[0]
    assert toc_numbers(seed_pages[0], [title for title, _, _ in entries]) == [page for _, page, _ in entries]


def test_contents_entries_link_to_the_headings(seed_reader):
    links = [a.get_object() for a in seed_reader.pages[0].get("/Annots", [])]
    targets = [(page_of(seed_reader, link["/Dest"][0]), float(link["/Dest"][3])) for link in links]
    assert targets == [(page, top) for _, page, top in outline_entries(seed_reader)]


def test_every_page_shows_its_number_and_the_total(seed_pages):
    total = len(seed_pages)
    for number, text in enumerate(seed_pages, 1):
        footer = re.search(r"(\d+)\s*/\s*(\d+)\s*$", text)
        assert footer and footer.groups() == (str(number), str(total)), f"page {number}: {text[-30:]!r}"


# -- typesetting --------------------------------------------------------------

def test_scene_breaks_are_ornaments_and_the_list_has_bullets(seed_pages):
    text = "\n".join(seed_pages)
    assert text.count("\u2042") == SEED_SCENE_BREAKS
    assert text.count("\u2022") == 3


def test_title_block_comes_first(seed_pages):
    first = " ".join(seed_pages[0].split())
    assert first.startswith("Headlines at the World Socialist Web Site today:")
    assert first.index("Contents") < first.index("3. Layoffs")


def test_page_size_defaults_to_a4(seed_reader):
    box = seed_reader.pages[0].mediabox
    assert (round(float(box.width), 2), round(float(box.height), 2)) == A4


def test_letter_page_size_option(tmp_path):
    out = tmp_path / "letter.pdf"
    run_cli(SEED, "--to", "pdf", "--option", "page_size=letter", "-o", out, check=True)
    box = open_strict(out.read_bytes()).pages[0].mediabox
    assert (float(box.width), float(box.height)) == LETTER


def test_page_size_from_metadata():
    document = Document(meta(extra=(("page_size", "Letter"),)), (Paragraph("text", (1, 1)),))
    box = open_strict(render(document)[0]).pages[0].mediabox
    assert (float(box.width), float(box.height)) == LETTER


def test_unknown_page_size_is_refused_clearly(tmp_path):
    with pytest.raises(UsageError, match="page_size='b5' is not one of: a4, letter"):
        render(Document(meta(), (Paragraph("text", (1, 1)),)), {"page_size": "b5"})
    out = tmp_path / "b5.pdf"
    result = run_cli(SEED, "--to", "pdf", "--option", "page_size=b5", "-o", out)
    assert result.returncode == 2 and "is not one of: a4, letter" in result.stderr
    assert not out.exists()


# -- document information -----------------------------------------------------

def test_document_information_of_the_seed(seed_reader):
    import convert

    info = seed_reader.metadata
    assert info.title == "Headlines at the World Socialist Web Site today:"
    assert info.author is None and info.subject is None and info.keywords is None
    assert f"convert {convert.__version__}" in info.creator
    assert f"convert {convert.__version__}" in info.producer
    epoch = datetime.fromtimestamp(int(EPOCH), timezone.utc)
    assert info.creation_date == info.modification_date == epoch
    assert seed_reader.trailer["/Root"]["/Lang"] == "en"


def test_author_subject_keywords_and_language(tmp_path):
    source = tmp_path / "meta.txt"
    source.write_text("Başlık\n1. Giriş\nMetin.\n", "utf-8")
    out = tmp_path / "meta.pdf"
    run_cli(source, "--to", "pdf", "-o", out, "--metadata", "author=Ayşe Öz", "--metadata", "subject=Deneme",
            "--metadata", "keywords=pdf, test", "--metadata", "language=tr", check=True)
    reader = open_strict(out.read_bytes())
    info = reader.metadata
    assert (info.author, info.subject, info.keywords) == ("Ayşe Öz", "Deneme", "pdf, test")
    assert reader.trailer["/Root"]["/Lang"] == "tr"
    assert "Ayşe Öz" in reader.pages[0].extract_text()


# -- hostile and uncovered text -----------------------------------------------

def test_hostile_text_prints_literally(hostile, tmp_path):
    out = tmp_path / "hostile.pdf"
    result = run_cli(hostile, "--to", "pdf", "-o", out)
    assert result.returncode == 0, result.stderr
    reader = open_strict(out.read_bytes())
    text = "\n".join(page.extract_text() for page in reader.pages)
    for literal in ("<script>alert(1)</script> &", "&amp;", "]]>", "<!-- comment -->", "<b>bold</b>",
                    "{{ x }}", "%s", "a<b.", "<tags>", "item <one> & more", "İğçÖ"):
        assert literal in text, literal
    ratio, missing = fidelity(source_words(hostile), drawn_text(reader).split())
    assert ratio == 1.0, f"fidelity {ratio:.4f}, first missing word {missing!r}"
    assert "line 4: no glyph for U+1F600 😀" in result.stderr
    assert [t for t, _, _ in outline_entries(reader)] == ["1. A heading with & and <tags>", "2. Second heading"]


def test_uncovered_characters_are_reported_once_and_kept_in_the_text():
    document = Document(meta(), (
        Heading(1, "Smile 😀", "1.", (3, 3)),  # set twice: in the contents and in the body
        Paragraph("CJK 漢字 and 😀 again", (5, 5)),
    ))
    data, found = render(document)
    messages = [(d.code, d.line, d.message) for d in found]
    assert messages == [
        ("missing-glyph", 3, "no glyph for U+1F600 😀; printed as \ufffd"),
        ("missing-glyph", 5, "no glyph for U+6F22 漢, U+5B57 字, U+1F600 😀; printed as \ufffd"),
    ]
    text = drawn_text(open_strict(data))
    assert "Smile 😀" in text and "CJK 漢字 and 😀 again" in text


def test_second_packaged_font_fills_gaps_without_warning():
    data, found = render(Document(meta(), (Paragraph("Hindi नमस्ते here", (2, 2)),)))
    assert found == []
    reader = open_strict(data)
    assert "नमस्ते" in drawn_text(reader)
    fonts = {str(f["/BaseFont"]).split("+")[-1] for p in reader.pages for f in fonts_of(p.get("/Resources"))}
    assert "NotoSans-Regular" in fonts  # the body font has no Devanagari; the fallback does


def test_same_heading_text_gets_distinct_bookmarks():
    document = Document(meta(), (
        Heading(1, "Same", None, (2, 2)), Paragraph("one", (3, 3)),
        Heading(1, "Same", None, (4, 4)), Paragraph("two", (5, 5)),
        Heading(2, "Deeper", None, (6, 6)), Heading(4, "Skips a level", None, (7, 7)),
    ))
    reader = open_strict(render(document)[0])
    entries = outline_entries(reader)
    assert [title for title, _, _ in entries] == ["Same", "Same", "Deeper", "Skips a level"]
    assert len({(page, top) for _, page, top in entries}) == 4


def test_huge_single_line_paragraph_is_laid_out(tmp_path):
    words = [f"w{n}" for n in range(40_000)]
    document = Document(meta(), (Paragraph(" ".join(words), (2, 2)), Paragraph("x" * 30_000, (3, 3))))
    started = time.perf_counter()
    data, _ = render(document)
    assert time.perf_counter() - started < 30
    text = drawn_text(open_strict(data))
    ratio, missing = fidelity(words, text.split())
    assert ratio == 1.0, f"fidelity {ratio:.4f}, first missing word {missing!r}"


# -- validity and reproducibility ---------------------------------------------

@pytest.mark.skipif(not shutil.which("qpdf"), reason="qpdf is not installed")
def test_qpdf_check_passes(seed_pdf, hostile, tmp_path):
    hostile_pdf = tmp_path / "hostile.pdf"
    run_cli(hostile, "--to", "pdf", "-o", hostile_pdf, check=True)
    for path in (seed_pdf, hostile_pdf):
        result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_byte_identical_with_source_date_epoch(seed_pdf, tmp_path):
    again = tmp_path / "again.pdf"
    run_cli(SEED, "--to", "pdf", "-o", again, env={"SOURCE_DATE_EPOCH": EPOCH}, check=True)
    assert again.read_bytes() == seed_pdf.read_bytes()


def test_byte_identical_by_default(tmp_path):
    source = tmp_path / "doc.txt"
    source.write_text("A title\n1. One\nSome text – with “quotes”.\n", "utf-8")
    os.utime(source, (1700000000, 1700000000))
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    outputs = []
    for name in ("a.pdf", "b.pdf"):
        subprocess.run([sys.executable, "-m", "convert", str(source), "--to", "pdf", "-o", str(tmp_path / name)],
                       env=env, capture_output=True, check=True)
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]
    assert open_strict(outputs[0]).metadata.creation_date == datetime.fromtimestamp(1700000000, timezone.utc)
