"""The DOCX writer, checked from the outside: the files are reopened with
python-docx, their XML parts parsed with lxml, and, when LibreOffice is
installed, laid out by LibreOffice (contents updated) and read back from the
PDF it prints."""

from __future__ import annotations

import io
import os
import posixpath
import re
import statistics as stats
import subprocess
import sys
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import docx
import pytest

import convert
from convert.errors import UsageError
from lxml import etree

import libreoffice
from conftest import SEED, run_cli, source_words
from convert import Document, Heading, Paragraph
from convert.model.samples import standard_documents
from docx_reading import W, W_VAL, meta, opened, part, render, style_element

EPOCH = "1234567890"  # 2009-02-13T23:31:30Z: neither today, nor python-docx's 2013 default
EPOCH_DATE = datetime(2009, 2, 13, 23, 31, 30, tzinfo=timezone.utc)
SCENE_BREAK = "Scene Break"


def convert_file(source: Path, output: Path, *args: str, env: dict | None = None) -> bytes:
    """Run the CLI on one file and return the DOCX bytes."""
    environment = {"SOURCE_DATE_EPOCH": EPOCH} if env is None else env
    result = run_cli(source, "--to", "docx", "-o", output, *args, env=environment)
    assert result.returncode == 0, result.stderr
    return output.read_bytes()


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory) -> tuple[Path, bytes]:
    """The seed, converted once for the whole module: (source copy, DOCX bytes)."""
    folder = tmp_path_factory.mktemp("docx-seed")
    source = folder / SEED.name
    source.write_bytes(SEED.read_bytes())
    return source, convert_file(source, folder / "seed.docx")


@pytest.fixture(scope="module")
def seed_docx(seed_run) -> bytes:
    return seed_run[1]


def body_words(data: bytes) -> list[str]:
    """Words of the body paragraphs, scene-break ornaments left out (they are markup).
    The table of contents sits in a content control, outside ``paragraphs``."""
    return [
        word
        for paragraph in opened(data).paragraphs
        if paragraph.style.name != SCENE_BREAK
        for word in paragraph.text.split()
    ]



# --- the plugin -------------------------------------------------------------


def test_plugin_module_does_not_import_python_docx():
    code = "import sys, convert_plugins.docx as p; print(p.MODEL_MAJOR, 'docx' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["2", "False"]


def test_registered_with_its_media_type():
    result = run_cli("--list-formats", "--json", check=True)
    assert "application/vnd.openxmlformats-officedocument.wordprocessingml.document" in result.stdout


# --- structure --------------------------------------------------------------


def test_paragraph_styles(seed_docx):
    paragraphs = opened(seed_docx).paragraphs
    styles = [paragraph.style.name for paragraph in paragraphs]
    assert styles[0] == "Title"
    assert paragraphs[0].text == SEED.read_text("utf-8").splitlines()[0].strip()
    assert styles.count("Title") == 1
    assert styles.count("Heading 1") == 12
    assert styles.count("List Bullet") == 3
    assert styles.count(SCENE_BREAK) == 34
    assert styles.count("Normal") == 173
    assert set(styles) == {"Title", "Heading 1", "List Bullet", SCENE_BREAK, "Normal"}
    headings = [p.text for p in paragraphs if p.style.name == "Heading 1"]
    assert headings[0].startswith("3. Layoffs") and headings[-1].startswith("15. Free Ukrainian")
    assert all(p.text == "\u2042" for p in paragraphs if p.style.name == SCENE_BREAK)  # ⁂, as in every format


def test_heading_styles_carry_outline_levels_and_space_around(seed_docx):
    for level in range(1, 10):
        properties = style_element(seed_docx, f"Heading{level}").find(f"{W}pPr")
        assert properties.find(f"{W}outlineLvl").get(W_VAL) == str(level - 1)
        spacing = properties.find(f"{W}spacing")
        assert int(spacing.get(f"{W}before")) > int(spacing.get(f"{W}after")) > 0
        assert properties.find(f"{W}keepNext") is not None


def test_lists_are_numbering_definitions_not_typed_bullets(seed_docx):
    from docx_reading import numbering_level

    items = [p for p in opened(seed_docx).paragraphs if p.style.name == "List Bullet"]
    assert numbering_level(seed_docx, items[0]).find(f"{W}numFmt").get(W_VAL) == "bullet"
    assert items[0].text.startswith("Hands off the towers!")
    assert not any(item.text.startswith(("-", "•", "*")) for item in items)


def test_scene_break_is_a_named_custom_centred_style(seed_docx):
    style = opened(seed_docx).styles[SCENE_BREAK]
    assert style.builtin is False
    assert style.paragraph_format.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER


def test_deep_headings():
    blocks = (Heading(4, "Four"), Heading(12, "Twelve"), Heading(2, "Two", "1.1"))
    data, _ = render(Document(meta(), blocks))
    paragraphs = opened(data).paragraphs
    assert [(p.style.name, p.text) for p in paragraphs[1:]] == [
        ("Heading 4", "Four"), ("Heading 9", "Twelve"), ("Heading 2", "1.1 Two"),
    ]
    assert toc_entries(data) == ["1.1 Two"]  # the TOC lists levels 1-3 only


# --- typography -------------------------------------------------------------


def test_fonts_match_the_pdf(seed_docx):
    """Body in Noto Serif, headings and the title in Noto Sans, as the PDF sets them."""
    defaults = part(seed_docx, "word/styles.xml").find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert defaults.find(f"{W}rFonts").get(f"{W}ascii") == "Noto Serif"
    assert defaults.find(f"{W}sz").get(W_VAL) == "22"  # 11 pt
    for style_id in ("Title", "Heading1", "TOCHeading"):
        fonts = style_element(seed_docx, style_id).find(f"{W}rPr/{W}rFonts")
        assert fonts is None and style_id == "TOCHeading" or fonts.get(f"{W}ascii") == "Noto Sans"
    table = {font.get(f"{W}name"): font for font in part(seed_docx, "word/fontTable.xml")}
    assert set(table) == {"Noto Serif", "Noto Sans", "Consolas"}
    assert table["Consolas"].find(f"{W}pitch").get(W_VAL) == "fixed"


@pytest.mark.parametrize("size", ["a4", "letter"])
def test_the_measure_is_the_same_on_every_paper(size):
    """5 inches of 11-point text: about 69 characters of Noto Serif a line (LibreOffice measures it below)."""
    section = opened(render(Document(meta(), (Paragraph("x"),)), page_size=size)[0]).sections[0]
    assert section.page_width.twips - section.left_margin.twips - section.right_margin.twips == 7200
    assert section.left_margin == section.right_margin


# --- front matter: contents, page numbers -----------------------------------


def toc_entries(data: bytes) -> list[str]:
    """The texts of the contents' entries (field instructions left out)."""
    sdt = part(data, "word/document.xml").find(f"{W}body/{W}sdt")
    return ["".join(t.text for t in link.iter(f"{W}t")) for link in sdt.iter(f"{W}hyperlink")]


def test_contents_follow_the_title(seed_docx):
    body = part(seed_docx, "word/document.xml").find(f"{W}body")
    title, sdt = body[0], body[1]
    assert title.find(f"{W}pPr/{W}pStyle").get(W_VAL) == "Title"
    assert sdt.tag == f"{W}sdt"
    assert sdt.find(f".//{W}docPartGallery").get(W_VAL) == "Table of Contents"
    paragraphs = sdt.findall(f"{W}sdtContent/{W}p")
    heading = paragraphs[0]
    assert heading.find(f"{W}pPr/{W}pStyle").get(W_VAL) == "TOCHeading"
    assert "".join(heading.itertext()) == "Contents"
    instructions = [t.text.strip() for t in sdt.iter(f"{W}instrText")]
    assert instructions[0] == 'TOC \\o "1-3" \\h \\z \\u'
    assert instructions[1:] == [f"PAGEREF _Toc{n:09d} \\h" for n in range(1, 13)]
    marks = [mark.get(f"{W}fldCharType") for mark in sdt.iter(f"{W}fldChar")]
    assert marks == ["begin", "separate", *["begin", "separate", "end"] * 12, "end"]
    # the text starts on a new page
    assert paragraphs[-1].find(f"{W}r/{W}br").get(f"{W}type") == "page"


def test_contents_heading_outside_the_outline(seed_docx):
    style = style_element(seed_docx, "TOCHeading")
    assert style.find(f"{W}name").get(W_VAL) == "TOC Heading"
    assert style.find(f"{W}pPr/{W}outlineLvl").get(W_VAL) == "9"  # body text: not listed in the contents


def test_contents_title_follows_the_language_or_the_option():
    document = Document(meta(language="fr"), (Heading(1, "Un"),))
    for options, title in (({}, "Table des matières"), ({"toc_title": "Sommaire"}, "Sommaire")):
        sdt = part(render(document, **options)[0], "word/document.xml").find(f"{W}body/{W}sdt")
        assert "".join(sdt.find(f".//{W}p").itertext()) == title


def test_contents_entries_have_leaders_to_right_aligned_numbers(seed_docx):
    for level in (1, 2, 3):
        properties = style_element(seed_docx, f"TOC{level}").find(f"{W}pPr")
        tab = properties.find(f"{W}tabs/{W}tab")
        assert (tab.get(W_VAL), tab.get(f"{W}leader"), tab.get(f"{W}pos")) == ("right", "dot", "7200")
        indent = properties.find(f"{W}ind")
        # wrapped lines hang; text stops short of the number's column
        assert int(indent.get(f"{W}hanging")) > 0 and int(indent.get(f"{W}right")) >= 720


def test_toc_entries_link_to_the_headings(seed_docx):
    document = part(seed_docx, "word/document.xml")
    headings = [p.text for p in opened(seed_docx).paragraphs if p.style.name == "Heading 1"]
    assert toc_entries(seed_docx) == headings
    bookmarks = {b.get(f"{W}name") for b in document.iter(f"{W}bookmarkStart")}
    anchors = [link.get(f"{W}anchor") for link in document.iter(f"{W}hyperlink")]
    assert len(set(anchors)) == 12 and set(anchors) <= bookmarks


def test_fields_update_on_open(seed_docx):
    settings = part(seed_docx, "word/settings.xml")
    update = settings.find(f"{W}updateFields")
    assert update is not None and update.get(W_VAL) == "true"
    names = [child.tag for child in settings]
    assert names.index(f"{W}updateFields") < names.index(f"{W}compat")  # schema order


def test_footer_holds_a_page_field(seed_docx):
    section = opened(seed_docx).sections[0]
    footer = section.footer._element
    instructions = [t.text.strip() for t in footer.iter(f"{W}instrText")]
    assert instructions == ["PAGE"]
    assert [m.get(f"{W}fldCharType") for m in footer.iter(f"{W}fldChar")] == ["begin", "separate", "end"]
    # the first page (title and contents) has no number
    assert section.different_first_page_header_footer
    assert section.first_page_footer.is_linked_to_previous  # no first-page footer part: an empty one


def test_no_toc_without_headings_or_when_disabled():
    for data, _ in (
        render(Document(meta(), (Paragraph("Just text."),))),
        render(Document(meta(), (Heading(1, "H"), Paragraph("p"))), toc="no"),
    ):
        assert part(data, "word/document.xml").find(f".//{W}sdt") is None
        assert part(data, "word/settings.xml").find(f"{W}updateFields") is None
        section = opened(data).sections[0]
        assert not section.different_first_page_header_footer  # page 1 is text: numbered
        assert section.footer._element.find(f".//{W}instrText") is not None


# --- metadata ---------------------------------------------------------------


def test_core_properties(seed_docx):
    properties = opened(seed_docx).core_properties
    assert properties.title == "Headlines at the World Socialist Web Site today:"
    assert properties.author == ""
    assert properties.language == "en"
    assert properties.created == properties.modified == EPOCH_DATE
    assert properties.last_printed is None
    assert properties.revision == 1
    assert properties.comments == "" and properties.last_modified_by == ""


def test_no_python_docx_traces(seed_docx):
    archive = zipfile.ZipFile(io.BytesIO(seed_docx))
    for name in archive.namelist():
        assert b"python-docx" not in archive.read(name), name
    core = archive.read("docProps/core.xml").decode()
    assert "2013" not in core
    assert datetime.now(timezone.utc).strftime("%Y-%m-%d") not in core


def test_author_language_and_extra_metadata(hostile, tmp_path):
    args = ("-m", "author=Ada Lovelace", "-m", "author=Zeynep Çelik", "-m", "language=tr", "-m", "subject=Test")
    data = convert_file(hostile, tmp_path / "h.docx", *args)
    properties = opened(data).core_properties
    assert properties.author == "Ada Lovelace; Zeynep Çelik"
    assert properties.language == "tr"
    assert properties.subject == "Test"
    lang = part(data, "word/styles.xml").find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(W_VAL) == "tr"


def test_long_core_properties_are_cut_at_255_characters(tmp_path):
    """A long title and twenty authors: the DOCX is written, each core property
    is cut to 255 characters, and the whole title is still the first paragraph."""
    title = "A very long title with an accent e\u0301 " * 20
    authors = tuple(f"Author Number {n} of Many Contributors" for n in range(20))
    data, _ = render(Document(meta(title=title, authors=authors), (Paragraph("text"),)))
    properties = opened(data).core_properties
    assert len(properties.title) == len(properties.author) == 255
    assert properties.title.endswith("…") and title.startswith(properties.title[:-1])
    assert not properties.title[-2] == "e"  # never split from its combining accent
    assert opened(data).paragraphs[0].text == title


def test_long_title_through_the_cli(tmp_path):
    source = tmp_path / "long.txt"
    source.write_text("Words of a text long enough to be one.\n", "utf-8")
    args = ["-m", "title=" + "T" * 100_000, *[arg for n in range(20) for arg in ("-m", f"author=Author {n}")]]
    result = run_cli(source, "--to", "docx", "-o", tmp_path / "long.docx", *args, env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.returncode == 0 and len(result.stderr) < 1000, result.stderr[:1000]
    assert len(opened((tmp_path / "long.docx").read_bytes()).core_properties.title) == 255


def test_app_properties_name_convert_and_count_the_text(seed_docx):
    app = part(seed_docx, "docProps/app.xml")
    values = {element.tag.split("}")[1]: element.text for element in app}
    assert values["Application"] == f"convert {convert.__version__}"
    assert "Microsoft" not in zipfile.ZipFile(io.BytesIO(seed_docx)).read("docProps/app.xml").decode()
    # counted as a reader counts: every paragraph of the body, contents and tables included
    texts = []
    for p in part(seed_docx, "word/document.xml").find(f"{W}body").iter(f"{W}p"):
        texts.append("".join(
            t.text if t.tag == f"{W}t" else "\t" if t.tag == f"{W}tab" else "\n"
            for t in p.iter(f"{W}t", f"{W}tab", f"{W}br") if t.getparent().tag == f"{W}r"
        ))
    texts = [text for text in texts if text.strip()]
    assert int(values["Words"]) == sum(len(text.split()) for text in texts) > 10_000
    assert int(values["Characters"]) == sum(len("".join(text.split())) for text in texts)
    assert int(values["CharactersWithSpaces"]) == sum(len(text) for text in texts)
    assert int(values["Paragraphs"]) == len(texts)
    assert int(values["Lines"]) >= len(texts) and int(values["Pages"]) > 1  # estimates; LibreOffice checks pages


def test_a_document_of_many_blocks_keeps_every_paragraph_entry_and_count():
    # more blocks than the writer holds as elements at once (it writes them out as it goes)
    count = 700
    blocks = []
    for n in range(count):
        blocks += [Heading(1 + n % 2, f"Part {n}"), Paragraph(f"Text of part {n}.")]
    data, _ = render(Document(meta(title="Many"), tuple(blocks)))
    word = opened(data)
    texts = [p.text for p in word.paragraphs]
    expected = ["Many"] + [text for n in range(count) for text in (f"Part {n}", f"Text of part {n}.")]
    assert texts == expected
    body = word.element.body
    bookmarks = {b.get(f"{W}name") for b in body.iter(f"{W}bookmarkStart")}
    anchors = [link.get(f"{W}anchor") for link in body.find(f"{W}sdt").iter(f"{W}hyperlink")]
    assert len(anchors) == len(set(anchors)) == count and set(anchors) <= bookmarks
    values = {element.tag.split("}")[1]: element.text for element in part(data, "docProps/app.xml")}
    with_text = [p for p in body.iter(f"{W}p") if "".join(t.text or "" for t in p.iter(f"{W}t")).strip()]
    assert int(values["Paragraphs"]) == len(with_text) == 1 + 1 + count + 2 * count  # title, contents, entries


def test_right_to_left_and_east_asian_languages():
    hebrew, _ = render(Document(meta(language="he"), (Paragraph("שלום"),)))
    defaults = part(hebrew, "word/styles.xml").find(f"{W}docDefaults")
    assert defaults.find(f"{W}rPrDefault/{W}rPr/{W}lang").get(f"{W}bidi") == "he"
    assert defaults.find(f"{W}pPrDefault/{W}pPr/{W}bidi") is not None
    japanese, _ = render(Document(meta(language="ja"), (Paragraph("漢字"),)))
    lang = part(japanese, "word/styles.xml").find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(f"{W}eastAsia") == "ja"


def test_page_size_option():
    twips = [
        (section.page_width.twips, section.page_height.twips)
        for size in ("a4", "letter")
        for section in opened(render(Document(meta(), ()), page_size=size)[0]).sections
    ]
    assert twips == [(11906, 16838), (12240, 15840)]
    with pytest.raises(UsageError, match="page_size='folio' is not one of: a4, letter"):
        render(Document(meta(), ()), page_size="folio")


# --- text -------------------------------------------------------------------


def test_every_word_of_the_seed_in_order(seed_docx):
    assert body_words(seed_docx) == source_words(SEED)


def test_markup_appears_literally(hostile, tmp_path):
    data = convert_file(hostile, tmp_path / "hostile.docx")
    text = "\n".join(p.text for p in opened(data).paragraphs)
    for literal in ("<script>alert(1)</script>", "&amp;", "]]>", "<!-- comment -->", "{{ x }}", "😀", "İğçÖ"):
        assert literal in text
    assert body_words(data) == source_words(hostile)


def test_invalid_characters_through_the_cli(tmp_path):
    source = tmp_path / "controls.txt"
    filler = "Enough ordinary text that the file still reads as text, not as binary data. " * 4
    source.write_text(f"Title line\n\nA\x00b c\x0cd e\x1bf g\ufffeh and\ttab.\n\n{filler}\n", "utf-8")
    result = run_cli(source, "--to", "docx", "-o", tmp_path / "c.docx", env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.returncode == 0, result.stderr
    assert "line 3" in result.stderr and "U+0000" in result.stderr
    data = (tmp_path / "c.docx").read_bytes()
    texts = [p.text for p in opened(data).paragraphs]
    assert texts == ["Title line", "Ab c d ef gh and\ttab.", filler.strip()]
    all_parts_parse(data)


def test_library_api_cleans_documents_built_by_hand():
    dirty = Document(meta(title="Bad\x00title"), (Paragraph("one\x0btwo\nthree\x1f\ufffffour", (5, 5)),))
    data, warnings = convert.render_with_warnings(dirty, "docx")
    texts = [p.text for p in opened(data).paragraphs]
    assert texts == ["Badtitle", "one two three four"]
    assert {w.code for w in warnings} == {"control-character"} and 5 in {w.line for w in warnings}


def test_paragraph_over_ten_megabytes_reopens():
    """libxml2 refuses text nodes over 10,000,000 bytes: long text is cut into
    several w:t in one paragraph."""
    text = ("word " * 2_200_000).strip()  # 11 MB
    data, _ = render(Document(meta(), (Paragraph(text),)))
    paragraph = opened(data).paragraphs[1]
    assert paragraph.text == text
    assert len(paragraph._p.findall(f"{W}r/{W}t")) >= 11


# --- package ----------------------------------------------------------------


def all_parts_parse(data: bytes) -> None:
    archive = zipfile.ZipFile(io.BytesIO(data))
    for name in archive.namelist():
        if name.endswith((".xml", ".rels")):
            etree.fromstring(archive.read(name))  # raises on a malformed part


def test_package_is_consistent(seed_docx):
    archive = zipfile.ZipFile(io.BytesIO(seed_docx))
    names = archive.namelist()
    assert len(names) == len(set(names)) and names[0] == "[Content_Types].xml"
    all_parts_parse(seed_docx)
    types = etree.fromstring(archive.read("[Content_Types].xml"))
    defaults = {d.get("Extension").lower() for d in types if d.tag.endswith("Default")}
    overrides = {o.get("PartName").lstrip("/") for o in types if o.tag.endswith("Override")}
    assert overrides <= set(names), "a content type names a missing part"
    parts = [n for n in names if n != "[Content_Types].xml"]
    for name in parts:
        assert name in overrides or name.rsplit(".", 1)[-1].lower() in defaults, f"{name} has no content type"
    reached = set()
    for rels in (n for n in names if n.endswith(".rels")):
        source_dir = posixpath.dirname(posixpath.dirname(rels))
        for rel in etree.fromstring(archive.read(rels)):
            if rel.get("TargetMode") == "External":
                continue
            target = posixpath.normpath(posixpath.join(source_dir, rel.get("Target"))).lstrip("/")
            assert target in names, f"{rels}: {rel.get('Target')} is missing"
            reached.add(target)
    unreferenced = {n for n in parts if not n.endswith(".rels")} - reached
    assert not unreferenced, f"parts nothing refers to: {unreferenced}"
    # only what the document uses: no thumbnail of an empty page, no customXml
    # bibliography store, no second copy of the styles, no theme or web settings
    assert sorted(names) == [
        "[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml",
        "word/_rels/document.xml.rels", "word/document.xml", "word/fontTable.xml", "word/footer1.xml",
        "word/numbering.xml", "word/settings.xml", "word/styles.xml",
    ]
    used = {element.get(W_VAL) for element in part(seed_docx, "word/document.xml").iter(f"{W}pStyle")}
    defined = {style.get(f"{W}styleId") for style in part(seed_docx, "word/styles.xml").iter(f"{W}style")}
    assert len(defined) < 40 and used <= defined


@pytest.mark.parametrize("name", sorted(standard_documents()))
def test_parts_are_as_python_docx_saves_them(name):
    # the writer builds the package itself; python-docx, opening the file and
    # saving it again, must find nothing to rewrite: same parts, same order,
    # same bytes (core.xml's empty properties come back as <x/> for <x></x>)
    data = convert.render(standard_documents()[name], "docx", {"toc_title": "Inhalt & <Index>"})
    resaved = io.BytesIO()
    docx.Document(io.BytesIO(data)).save(resaved)
    ours, theirs = zipfile.ZipFile(io.BytesIO(data)), zipfile.ZipFile(resaved)
    assert ours.namelist() == theirs.namelist()
    for entry in ours.namelist():
        if entry == "docProps/core.xml":
            assert etree.tostring(part(data, entry), method="c14n") == \
                etree.tostring(etree.fromstring(theirs.read(entry)), method="c14n")
        else:
            assert ours.read(entry) == theirs.read(entry), entry


def test_reproducible(seed_run, tmp_path):
    source, first = seed_run
    copy = tmp_path / source.name
    copy.write_bytes(source.read_bytes())
    os.utime(copy, (1_600_000_000, 1_600_000_000))  # a different mtime must not matter
    assert convert_file(copy, tmp_path / "again.docx") == first
    stamps = {info.date_time for info in zipfile.ZipFile(io.BytesIO(first)).infolist()}
    assert stamps == {EPOCH_DATE.timetuple()[:6]}


def test_dates_come_from_the_file_without_source_date_epoch(hostile, tmp_path):
    os.utime(hostile, (1_600_000_000, 1_600_000_000))  # 2020-09-13T12:26:40Z
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    result = subprocess.run(
        [sys.executable, "-m", "convert", hostile, "--to", "docx", "-o", tmp_path / "h.docx"],
        env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    properties = opened((tmp_path / "h.docx").read_bytes()).core_properties
    assert properties.created == properties.modified == datetime(2020, 9, 13, 12, 26, 40, tzinfo=timezone.utc)


# --- LibreOffice ------------------------------------------------------------


@pytest.fixture(scope="module")
def laid_out(seed_docx, tmp_path_factory) -> dict[str, Path]:
    """The seed and the every-node sample as LibreOffice prints them, contents updated."""
    if libreoffice.soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed; the DOCX was not opened by an office suite")
    folder = tmp_path_factory.mktemp("libreoffice")
    (folder / "seed.docx").write_bytes(seed_docx)
    (folder / "every-node-type.docx").write_bytes(render(standard_documents()["every-node-type"])[0])
    pdfs = libreoffice.updated_pdfs([folder / "seed.docx", folder / "every-node-type.docx"], folder)
    for pdf in pdfs:
        assert pdf.exists(), f"LibreOffice could not convert {pdf.stem}.docx"
    return {pdf.stem: pdf for pdf in pdfs}


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page, as laid out (``pdftotext -layout``)."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def test_libreoffice_prints_every_word_in_order(laid_out):
    from pypdf import PdfReader

    from convert.model.walk import words

    for name, expected in (("seed", source_words(SEED)), ("every-node-type", words(standard_documents()["every-node-type"]))):
        # Line breaks may fall inside a word (after a dash), so whitespace is ignored.
        found = "".join("".join(page.extract_text() for page in PdfReader(laid_out[name]).pages).split())
        position = 0
        for word in expected:
            index = found.find(word, position)
            assert index >= 0, f"{name}: {word!r} missing or out of order in LibreOffice's rendering"
            position = index + len(word)


def test_libreoffice_contents_have_leaders_and_page_numbers(laid_out):
    pages = pdf_pages(laid_out["seed"])
    front = [line.strip() for line in pages[0].splitlines() if line.strip()]
    assert front[2] == "Contents"
    numbers = [int(match[1]) for line in front if (match := re.search(r"\.{5,}\s*(\d+)$", line))]
    assert len(numbers) == 12, "every entry ends in a leader and its page number"
    assert numbers == sorted(numbers) and numbers[0] > 1
    assert len(pages) >= numbers[-1]
    # the number is where the heading is
    assert any("3. Layoffs by US firms" in line for line in pages[numbers[0] - 1].splitlines())


def test_libreoffice_numbers_pages_from_the_second(laid_out):
    pages = pdf_pages(laid_out["seed"])
    last_lines = [[line.strip() for line in page.splitlines() if line.strip()][-1] for page in pages]
    assert not last_lines[0].isdigit()  # title and contents: no number
    assert last_lines[1:4] == ["2", "3", "4"]


def test_libreoffice_measure_and_page_estimate(laid_out, seed_docx):
    """About 60-75 characters a line on average (body pages, full lines), and
    the page count app.xml estimates within 15% of LibreOffice's."""
    fonts = subprocess.run(["pdffonts", str(laid_out["seed"])], capture_output=True, text=True).stdout
    if "NotoSerif" not in fonts:
        pytest.skip("LibreOffice did not find Noto Serif; the measure depends on the font")
    lines = [line.strip() for page in pdf_pages(laid_out["seed"])[1:] for line in page.splitlines()]
    full = [len(line) for line in lines if len(line) >= 40]  # last lines of paragraphs left out
    assert 60 <= stats.mean(full) <= 75 and max(full) <= 85
    estimate = int(part(seed_docx, "docProps/app.xml").findtext(
        "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}Pages"))
    actual = len(pdf_pages(laid_out["seed"]))
    assert abs(estimate - actual) <= 0.15 * actual


def test_a_paragraph_against_the_documents_direction_gets_its_own():
    """Word takes a paragraph's direction from ``w:bidi`` alone: a Hebrew line
    in an English document says it runs right to left, an English line in a
    Hebrew one that it runs left to right, as Unicode's paragraph rule has it."""
    from convert import Cell, ListBlock, Table, paragraph_item

    def directions(language: str) -> dict[str, str | None]:
        blocks = (Paragraph("English words."), Paragraph("שלום עולם, hello."), Heading(1, "מבוא"),
                  ListBlock("bullet", (paragraph_item("Item one", "-"),), 1), Paragraph("2024"),
                  Table((), ((Cell("עמודה"), Cell("column")),)))
        body = part(render(Document(meta(language=language), blocks))[0], "word/document.xml").find(f"{W}body")
        # a right-to-left document's tables put their first column at the right
        found = {"table": "rtl" if body.find(f"{W}tbl/{W}tblPr/{W}bidiVisual") is not None else "ltr"}
        for p in body.iter(f"{W}p"):
            shown = "".join(p.itertext())
            bidi = p.find(f"{W}pPr/{W}bidi")
            found[shown] = None if bidi is None else bidi.get(W_VAL, "1")
        return found

    english = directions("en")
    assert english["שלום עולם, hello."] == "1" and english["מבוא"] == "1" and english["עמודה"] == "1"
    assert english["English words."] is None and english["2024"] is None and english["column"] is None
    assert english["table"] == "ltr"
    hebrew = directions("he")
    assert hebrew["English words."] == "0" and hebrew["Item one"] == "0" and hebrew["column"] == "0"
    assert hebrew["שלום עולם, hello."] is None and hebrew["2024"] is None  # the styles' direction
    assert hebrew["table"] == "rtl"
