"""Hostile and unusual input, through the command line and the library API,
for every built-in output format: clear errors or safe output, never a crash,
an invalid file, lost text or a partial file."""

from __future__ import annotations

import codecs
import io
import zipfile

import pytest

import convert
from convert.errors import InputError

from conftest import run_cli
from extract import EXTRACTORS

FORMATS = ["json", "epub", "pdf", "docx"]
TO = [arg for name in FORMATS for arg in ("--to", name)]
SAMPLE = "Sample “quoted” title\nPrices in € – café – naïve.\n1. A headline\nText under it.\n"


def convert_all(path, *extra):
    out = path.parent / "out"
    result = run_cli(path, *TO, "-o", out, *extra)
    assert "Traceback" not in result.stderr
    return result, out


def outputs(out):
    return sorted(p.name for p in out.rglob("*")) if out.exists() else []


def texts(out, stem):
    return {fmt: EXTRACTORS[fmt]((out / f"{stem}.{fmt}").read_bytes()) for fmt in FORMATS}


# -- encodings -------------------------------------------------------------

@pytest.mark.parametrize("encode", [
    lambda text: text.encode("utf-8"),
    lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    lambda text: codecs.BOM_UTF16_BE + text.replace("\n", "\r\n").encode("utf-16-be"),
    lambda text: text.encode("cp1252"),
], ids=["utf8", "utf8-bom", "utf16le", "utf16be-crlf", "cp1252"])
def test_encodings_convert_to_every_format(tmp_path, encode):
    path = tmp_path / "sample.txt"
    path.write_bytes(encode(SAMPLE))
    result, out = convert_all(path)
    assert result.returncode == 0, result.stderr
    for fmt, text in texts(out, "sample").items():
        assert "“quoted”" in text and "€ – café – naïve." in text, fmt
    guessed = "decoded as Windows-1252" in result.stderr
    assert guessed == (encode(SAMPLE) == SAMPLE.encode("cp1252"))


def test_explicit_encoding(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Título\nAçúcar e €.\n".encode("iso-8859-15"))  # € is byte 0xA4 here
    result = run_cli(path, "--to", "json", "--encoding", "iso-8859-15", "-o", "-")
    assert "Açúcar e €." in result.stdout and result.stderr == ""


# -- refused inputs --------------------------------------------------------

REFUSED = {
    "undecodable.txt": (b"Title\nbad \x81\x8d bytes\n", "offset 10"),
    "image.txt": (b"\x89PNG\r\n\x1a\n" + bytes(200), "not a text file (looks like a PNG image)"),
    "archive.txt": (b"PK\x03\x04" + bytes(100), "not a text file (looks like a ZIP archive"),
    "nuls.txt": (bytes(4096), "not a text file"),
    "empty.txt": (b"", "is empty"),
    "blank.txt": (b"  \n\t\r\n   \n", "contains only whitespace"),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_inputs_fail_cleanly(tmp_path, name):
    data, message = REFUSED[name]
    path = tmp_path / name
    path.write_bytes(data)
    result, out = convert_all(path)
    assert result.returncode == 1
    assert message in result.stderr and name in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, "one line per failed input"
    assert outputs(out) == [], "nothing written, not even a temporary file"
    with pytest.raises(InputError, match=message.split(" (")[0]):
        convert.read_bytes(data, name)


def test_too_large_input_is_refused(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("Title\n" + "word " * 300 + "\n")
    result = run_cli(path, "--to", "json", "--max-input-size", "1K")
    assert result.returncode == 1 and "over the --max-input-size limit of 1024 bytes" in result.stderr
    assert not path.with_suffix(".json").exists()


# -- repaired and literal text ---------------------------------------------

def test_control_characters_are_removed_with_a_warning(tmp_path):
    path = tmp_path / "controls.txt"
    path.write_bytes(
        "Title\nNUL\x00here, escape\x1b[31mred, noncharacter\ufffe end.\nform\x0cfeed splits words.\n".encode("utf-8")
    )
    result, out = convert_all(path)
    assert result.returncode == 0, result.stderr
    assert "line 2: replaced or removed control/invalid characters U+0000, U+FFFE" in result.stderr
    assert "removed terminal formatting: 1 ANSI escape sequence" in result.stderr  # ESC [ 3 1 m, whole
    assert "line 3:" in result.stderr
    for fmt, text in texts(out, "controls").items():
        assert "NULhere, escapered, noncharacter end." in text, fmt
        assert "form feed splits words." in text, fmt


@pytest.mark.parametrize("bom, encoding", [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")])
def test_a_byte_order_mark_that_lies_is_refused_with_the_offset(tmp_path, bom, encoding):
    """A lone surrogate after a UTF-16 mark: refused like invalid UTF-8, not read as CJK noise."""
    path = tmp_path / "surrogate.txt"
    surrogate = "\ud800".encode(encoding, "surrogatepass")
    path.write_bytes(bom + "Title\nbefore".encode(encoding) + surrogate + " after\n".encode(encoding))
    result, out = convert_all(path)
    assert result.returncode == 1, result.stderr
    assert f"cannot decode as {encoding}: invalid bytes {surrogate.hex(' ').upper()}" in result.stderr
    assert "at offset 26" in result.stderr  # 2 bytes of mark, 12 characters of 2 bytes
    assert outputs(out) == []
    noise = tmp_path / "noise.txt"
    noise.write_bytes(b"\xff\xfe\x00\xd8" + bytes(range(0x41, 0x61)))  # the mark, then no UTF-16 at all
    result = run_cli(noise, "--to", "json", "-o", "-")
    assert result.returncode == 1 and "at offset 2" in result.stderr and result.stdout == ""


def test_a_truncated_utf16_file_is_refused(tmp_path):
    path = tmp_path / "odd.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "Title\nText.".encode("utf-16-le") + b"x")
    result = run_cli(path, "--to", "json", "-o", "-")
    assert result.returncode == 1 and "cannot decode as utf-16-le" in result.stderr and "offset 24" in result.stderr


def test_markup_is_literal_in_every_output(hostile):
    result, out = convert_all(hostile)
    assert result.returncode == 0, result.stderr
    for fmt, text in texts(out, "hostile").items():
        for literal in ("<script>alert(1)</script>", "&amp;", "]]>", "<!--", "<b>bold</b>", "{{", "%s", "a<b."):
            assert literal in text, (fmt, literal)


def test_unicode_is_kept(hostile):
    result, out = convert_all(hostile)
    extracted = texts(out, "hostile")
    for fmt in ("json", "epub", "docx"):
        for word in ("😀", "𝄞", "e\u0301", "مرحبا", "שלום", "漢字", "İğçÖ"):
            assert word in extracted[fmt], (fmt, word)
    assert "missing-glyph" in result.stderr or "no glyph" in result.stderr  # the PDF says what it cannot show


# -- paths -----------------------------------------------------------------

def test_output_names_come_from_input_names(tmp_path):
    path = tmp_path / "plain-name.txt"
    path.write_text("../../etc/passwd <title>\nText.\n")
    result, out = convert_all(path)
    assert result.returncode == 0
    assert outputs(out) == [f"plain-name.{fmt}" for fmt in sorted(FORMATS)]


def test_never_overwrites_the_input(tmp_path):
    path = tmp_path / "doc.json"
    run_cli(tmp_path / "doc.json", "--to", "json")  # missing: usage error, nothing written
    path.write_text(convert.render(convert.read_bytes(b"T\nx.\n", "d.txt").document, "json").decode())
    before = path.read_bytes()
    result = run_cli(path, "--to", "json")
    assert result.returncode == 2 and path.read_bytes() == before


# -- size ------------------------------------------------------------------

def test_a_one_megabyte_line(tmp_path):
    path = tmp_path / "long.txt"
    words = [f"w{index}" for index in range(150_000)]
    path.write_text("Long line\n" + " ".join(words) + "\n")
    assert path.stat().st_size > 1_000_000
    result, out = convert_all(path)
    assert result.returncode == 0, result.stderr
    for fmt, text in texts(out, "long").items():
        found = text.split()
        assert found.count("w149999") == 1 and found.index("w0") < found.index("w149999"), fmt


def test_many_tiny_paragraphs(tmp_path):
    path = tmp_path / "tiny.txt"
    path.write_text("Tiny\n" + "".join(f"p{index}\n" for index in range(100_000)))
    result = run_cli(path, "--to", "json", "--to", "epub", "-o", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    archive = zipfile.ZipFile(io.BytesIO((tmp_path / "out" / "tiny.epub").read_bytes()))
    assert archive.testzip() is None
