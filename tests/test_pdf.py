"""The PDF output, examined as a reader or a validator would: open it with
pypdf in strict mode, extract its text, follow its outline and its contents
links, list its fonts; run qpdf, pdftotext and pdffonts when installed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import SEED, run_cli, source_words
from extract import pdf_text
from convert import BLOCK_TYPES, Document, Heading, Paragraph
from convert.errors import UsageError
from convert_plugins.pdf import fonts, systemfonts
from convert_plugins.pdf.story import RENDERERS
from convert_plugins.pdf.styles import TEXT_WIDTH

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
BODY_SPACE = 11 * 0.26
"""The natural word space of the body text: Noto Serif's space is 260/1000 em."""

from pdf_helpers import (
    POPPLER, body_lines, drawn_text, fidelity, font_names, fonts_of, meta, open_strict, outline_entries,
    page_of, page_texts, pdffonts, pdftotext, render, widest_word_space, words_of,
)



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
    return page_texts(seed_reader)


@pytest.fixture(scope="module")
def seed_lines(seed_pdf) -> list[list[dict]]:
    """The body text's lines, from the first page of the body on."""
    return body_lines(seed_pdf.read_bytes())


# -- structure of the writer --------------------------------------------------

def test_renderer_table_covers_exactly_the_block_types():
    assert set(RENDERERS) == set(BLOCK_TYPES)


@pytest.fixture
def no_installed_fonts(monkeypatch):
    """Font fallback with the packaged fonts only, whatever the machine has installed."""
    monkeypatch.setattr(systemfonts, "fonts_with", lambda code: ())
    fonts.chain.cache_clear()  # chains remember the fonts they chose
    yield
    fonts.chain.cache_clear()


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
    ratio, missing = fidelity(source_words(SEED), words_of("\n".join(seed_pages)))
    assert ratio == 1.0, f"fidelity {ratio:.4f}, first missing word {missing!r}"


def test_seed_keeps_turkish_letters_quotes_and_euro(seed_pages):
    text = "\n".join(seed_pages)
    for expected in ("İ", "ğ", "ç", "Ö", "€", "“", "”", "’", "—", "–"):
        assert expected in text
    assert "\ufb01" not in text and "\u00ad" not in text  # no ligature, no soft hyphen


@POPPLER
def test_seed_text_fidelity_with_pdftotext(seed_pdf):
    ratio, missing = fidelity(source_words(SEED), words_of(pdftotext(seed_pdf)))
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
    # body text in Noto Serif, headings in a real bold cut of Noto Sans
    assert {str(f["/BaseFont"]).split("+")[-1] for f in fonts} == {"NotoSerif-Regular", "NotoSans-Bold"}


@POPPLER
def test_pdffonts_shows_a_bold_face_and_only_embedded_fonts(seed_pdf):
    found = pdffonts(seed_pdf)
    assert found and all(found.values()), found  # the "emb" column
    assert found.get("NotoSans-Bold") is True


# -- navigation: outline, contents, page numbers ------------------------------

def test_outline_has_one_entry_per_heading_on_its_page(seed_reader, seed_pages):
    entries = outline_entries(seed_reader)
    assert len(entries) == SEED_HEADINGS
    assert [title.split()[0] for title, _, _ in entries] == [f"{n}." for n in (3, *range(5, 16))]
    for title, page, _ in entries:
        flat = " ".join(seed_pages[page - 1].split())
        assert " ".join(title.split()) in flat, f"{title!r} is not on page {page}"
    assert seed_reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def toc_numbers(contents_text: str, titles: list[str]) -> list[int]:
    flat = " ".join(contents_text.split())
    numbers, position = [], 0
    for title in titles:
        position = flat.index(" ".join(title.split()), position) + len(" ".join(title.split()))
        numbers.append(int(re.match(r"[\s.]*(\d+)", flat[position:]).group(1)))  # past the dot leaders
    return numbers


def test_contents_page_numbers_match_the_outline(seed_reader, seed_pages):
    entries = outline_entries(seed_reader)
    assert seed_pages[1].startswith("Contents")
    assert toc_numbers(seed_pages[1], [title for title, _, _ in entries]) == [page for _, page, _ in entries]


def test_contents_entries_link_to_the_headings(seed_reader):
    links = [a.get_object() for a in seed_reader.pages[1].get("/Annots", [])]
    targets = [(page_of(seed_reader, link["/Dest"][0]), float(link["/Dest"][3])) for link in links]
    assert targets == [(page, top) for _, page, top in outline_entries(seed_reader)]


def test_contents_entries_hang_and_their_leaders_reach_the_numbers(seed_pdf):
    """Each entry: its number in a column, its text (and the text's second
    line) to the right of it, dots from the end of the text up to the page
    number at the right margin."""
    import pdfplumber

    with pdfplumber.open(seed_pdf) as pdf:
        page = pdf.pages[1]
        right = (page.width + TEXT_WIDTH) / 2
        lines: dict[float, list[dict]] = {}
        for word in page.extract_words():
            if word["top"] > 100 and word["bottom"] < page.height - 60:  # below "Contents", above the footer
                lines.setdefault(round(word["bottom"], 1), []).append(word)
    entries = [sorted(words, key=lambda w: w["x0"]) for _, words in sorted(lines.items())]
    numbered = [words for words in entries if re.fullmatch(r"\.*\d+", words[-1]["text"])]
    assert len(numbered) == SEED_HEADINGS
    for words in numbered:
        leader_and_number = words[-1]["text"]
        assert leader_and_number.startswith(".."), words  # every entry has dots ...
        assert words[-1]["x1"] == pytest.approx(right, abs=0.5)  # ... up to its number at the margin
        assert words[-2]["x1"] < words[-1]["x0"]
    starts = {round(words[1 if re.fullmatch(r"\d+\.", words[0]["text"]) else 0]["x0"], 1) for words in entries}
    assert len(starts) == 1, starts  # second lines hang under the text, not under the number


def test_title_page_has_title_and_date_and_no_page_number(seed_pages):
    title_page = " ".join(seed_pages[0].split())
    assert title_page == "Headlines at the World Socialist Web Site today: 1 January 2026"


def test_every_page_after_the_title_shows_its_number_and_the_total(seed_pages):
    total = len(seed_pages)
    for number, text in enumerate(seed_pages[1:], 2):
        footer = re.search(r"(\d+)\s*/\s*(\d+)\s*$", text)
        assert footer and footer.groups() == (str(number), str(total)), f"page {number}: {text[-30:]!r}"


def test_viewer_shows_the_document_title(seed_reader):
    assert seed_reader.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712 (a PDF boolean)


# -- typesetting --------------------------------------------------------------

def test_scene_breaks_are_ornaments_and_list_markers_are_as_written(seed_pages):
    text = "\n".join(seed_pages)
    assert text.count("\u2042") == SEED_SCENE_BREAKS
    assert len(re.findall(r"^- (Hands off|For a massive|Housing is)", text, re.MULTILINE)) == 3


def test_body_starts_on_the_page_after_the_contents(seed_pages):
    assert "3. Layoffs" not in seed_pages[2] and "Contents" not in seed_pages[2]
    assert seed_pages[2].startswith("New York City police arrested")


def test_measure_is_60_to_75_characters(seed_lines):
    """Measured from character positions: the lines that fill the measure
    hold 60 to 75 characters on average."""
    full = [line for line in seed_lines if line[-1]["x1"] - line[0]["x0"] > 0.97 * TEXT_WIDTH]
    assert len(full) > 500
    average = sum(len(line) for line in full) / len(full)
    assert 60 <= average <= 75, average


def test_word_spaces_over_twice_normal_in_at_most_1_percent_of_lines(seed_lines):
    widest = [gap for gap in map(widest_word_space, seed_lines) if gap is not None]
    assert len(widest) > 500
    loose = [gap for gap in widest if gap > 2 * BODY_SPACE]
    assert len(loose) <= 0.01 * len(widest), (len(loose), len(widest))


def test_scene_break_ornament_never_ends_a_page(seed_pdf):
    import pdfplumber

    with pdfplumber.open(seed_pdf) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            ornaments = [c for c in page.chars if c["text"] == "\u2042"]
            body = [c for c in page.chars if c["fontname"].endswith("NotoSerif-Regular") and c["size"] > 10]
            for ornament in ornaments:
                assert any(c["top"] > ornament["bottom"] for c in body), f"page {number} ends with the ornament"


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
    ratio, missing = fidelity(source_words(hostile), words_of(pdf_text(out.read_bytes())))
    assert ratio == 1.0, f"fidelity {ratio:.4f}, first missing word {missing!r}"
    if not systemfonts.fonts_with(0x6F22):  # no installed font has the CJK characters
        assert re.search(r"line 4: no glyph for .*U\+6F22 漢, U\+5B57 字 in the PDF's fonts", result.stderr)
    assert [t for t, _, _ in outline_entries(reader)] == ["1. A heading with & and <tags>", "2. Second heading"]


def test_uncovered_characters_are_reported_once_and_kept_in_the_text(no_installed_fonts):
    document = Document(meta(), (
        Heading(1, "Smile 😀", "1.", (3, 3)),  # set twice: in the contents and in the body
        Paragraph("CJK 漢字 and 😀 again", (5, 5)),
    ))
    data, found = render(document)
    messages = [(d.code, d.line, d.message) for d in found]
    assert messages == [
        ("missing-glyph", 3, "no glyph for U+1F600 😀 in the PDF's fonts; printed there as \ufffd"),
        ("missing-glyph", 5, "no glyph for U+6F22 漢, U+5B57 字, U+1F600 😀 in the PDF's fonts; printed there as \ufffd"),
    ]
    text = drawn_text(open_strict(data))
    assert "Smile 😀" in text and "CJK 漢字 and 😀 again" in text


def test_second_packaged_font_fills_gaps_without_warning(no_installed_fonts):
    data, found = render(Document(meta(), (Paragraph("Hindi नमस्ते here", (2, 2)),)))
    assert found == []
    reader = open_strict(data)
    assert "नमस्ते" in drawn_text(reader)
    assert "NotoSans-Regular" in font_names(reader)  # the body font has no Devanagari; the fallback does


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


@POPPLER
def test_contents_entries_alike_share_one_number_form(tmp_path):
    """Empty sections on one page have contents entries with equal leaders
    and numbers: the file holds one form for them, and each entry still
    shows its heading's page."""
    headings = tuple(Heading(1, "x", None, (n, n)) for n in range(2, 202))
    path = tmp_path / "empty-sections.pdf"
    path.write_bytes(render(Document(meta(), headings))[0])
    reader = open_strict(path.read_bytes())
    forms = set()
    for page in reader.pages:
        for name, reference in page["/Resources"].get("/XObject", {}).items():
            if name.startswith("/FormXob.Pageh"):
                forms.add(reference.idnum)
    entries = outline_entries(reader)
    assert len(entries) == 200
    assert len(forms) == len({page for _, page, _ in entries}) < 20
    body_start = entries[0][1]  # the page number printed on the body's first page
    contents = pdftotext(path).split("\f")[1:body_start - 1]  # poppler draws each use of a form
    assert toc_numbers("".join(contents), ["x"] * 200) == [page for _, page, _ in entries]


def test_huge_single_line_paragraph_is_laid_out(tmp_path):
    words = [f"w{n}" for n in range(40_000)]
    document = Document(meta(), (Paragraph(" ".join(words), (2, 2)), Paragraph("x" * 30_000, (3, 3))))
    started = time.perf_counter()
    data, _ = render(document)
    assert time.perf_counter() - started < 30
    text = drawn_text(open_strict(data))
    ratio, missing = fidelity(words, words_of(text))
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


def test_a_pdf_does_not_depend_on_the_documents_converted_before_it(tmp_path):
    # "↜" and "⟨" are in no packaged font; fontconfig ranks DejaVu Sans first
    # for "↜" and another installed font first for "⟨". Loading DejaVu Sans for
    # the first document must not make it the second document's font for "⟨".
    from convert_plugins.pdf import systemfonts

    first_choice = {char: [font.path for font in systemfonts.fonts_with(ord(char))][:1] for char in "↜⟨"}
    if not all(first_choice.values()) or first_choice["↜"] == first_choice["⟨"]:
        pytest.skip("needs two installed fonts ranked differently for ↜ and ⟨ (DejaVu Sans and DejaVu Math)")
    first = tmp_path / "a.txt"
    first.write_text("Arrows\n\nA wave arrow ↜ and a lightning arrow ↯ in the first book.\n", "utf-8")
    second = tmp_path / "b.txt"
    second.write_text("Brackets\n\nAngle brackets ⟨name⟩ around a word in the second book.\n", "utf-8")
    run_cli(first, second, "--to", "pdf", "-o", tmp_path / "both", "-j", "1", check=True)
    run_cli(second, "--to", "pdf", "-o", tmp_path / "alone", check=True)
    assert (tmp_path / "both" / "b.pdf").read_bytes() == (tmp_path / "alone" / "b.pdf").read_bytes()
