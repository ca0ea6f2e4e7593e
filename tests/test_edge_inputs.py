"""Inputs at the edges: dates no format can hold, folders that cannot be read
or are deeper than the system allows, patterns that try to leave the input
folder, links, file names that are not UTF-8, too long or full of control
characters, language tags and encodings that are not what they claim.  Each
gives a clear one-line error, a failed input, or a valid output; never a
traceback or a stopped batch."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest

from conftest import run_cli
from extract import EXTRACTORS

TEXT = "Title\n\nA paragraph of text.\n"


def write(path: Path, text: str = TEXT) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def one_line_error(result, code: int) -> str:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    return result.stderr


# -- dates -------------------------------------------------------------------

def test_dates_are_held_to_what_iso_8601_can_write(monkeypatch):
    from convert.run.sources import document_date

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert document_date(300_000_000_000) == "9999-12-31T23:59:59Z"  # year 11476
    assert document_date(-100_000_000_000) == "0001-01-01T00:00:00Z"
    assert document_date(0) == "1970-01-01T00:00:00Z"


def test_a_modification_time_past_year_9999_costs_nothing(tmp_path):
    """On a file system that stores such a time (tmpfs does; ext4 stops at 2446)."""
    folder = Path(tempfile.mkdtemp(dir="/dev/shm")) if Path("/dev/shm").is_dir() else tmp_path
    try:
        for index in range(6):
            write(folder / f"d{index}.txt", f"Document {index}\n\nText.\n")
        os.utime(folder / "d3.txt", (300_000_000_000, 300_000_000_000))
        if os.stat(folder / "d3.txt").st_mtime < 253402300800:
            pytest.skip("this file system cannot store a time past year 9999")
        out = tmp_path / "out"
        result = run_cli(folder, "--to", "json", "--to", "epub", "-o", out, "-j", "1", env={"SOURCE_DATE_EPOCH": ""})
        assert result.returncode == 0, result.stderr
        assert result.stderr.strip().startswith("6 converted, 0 failed, 0 skipped")
        assert json.loads((out / "d3.json").read_text())["meta"]["modified"] == "9999-12-31T23:59:59Z"
        with zipfile.ZipFile(out / "d3.epub") as book:
            assert {info.date_time for info in book.infolist()} == {(2107, 12, 31, 23, 59, 58)}
    finally:
        if folder != tmp_path:
            shutil.rmtree(folder)


@pytest.mark.parametrize("epoch", ["99999999999999", "-1", "1e9"])
def test_a_bad_source_date_epoch_is_one_usage_error(tmp_path, epoch):
    for index in range(3):
        write(tmp_path / f"d{index}.txt")
    result = run_cli(tmp_path, "--to", "json", env={"SOURCE_DATE_EPOCH": epoch})
    assert one_line_error(result, 2).startswith(f"convert: error: SOURCE_DATE_EPOCH='{epoch}' ")
    assert not list(tmp_path.glob("*.json"))


@pytest.mark.parametrize("epoch", ["7258118400", "253402300799"])  # 2200-01-01, the last second of 9999
def test_dates_past_2107_give_valid_zip_containers(tmp_path, epoch):
    source = write(tmp_path / "late.txt")
    result = run_cli(source, "--to", "epub", "--to", "docx", env={"SOURCE_DATE_EPOCH": epoch})
    assert result.returncode == 0, result.stderr
    for suffix in (".epub", ".docx"):
        data = (tmp_path / "late").with_suffix(suffix).read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as container:
            assert container.testzip() is None
            assert {info.date_time for info in container.infolist()} == {(2107, 12, 31, 23, 59, 58)}
        assert "A paragraph of text." in EXTRACTORS[suffix[1:]](data)


def test_a_modification_time_in_2108_gives_valid_zip_containers(tmp_path):
    source = write(tmp_path / "late.txt")
    os.utime(source, (4_357_000_000, 4_357_000_000))  # 2108-01-25
    result = run_cli(source, "--to", "epub", "--to", "docx", env={"SOURCE_DATE_EPOCH": ""})
    assert result.returncode == 0, result.stderr
    assert "A paragraph of text." in EXTRACTORS["docx"]((tmp_path / "late.docx").read_bytes())


# -- finding inputs ----------------------------------------------------------

@pytest.mark.parametrize("pattern", ["/etc/*", "../*.txt", "sub/../../*.txt", ""])
def test_glob_patterns_stay_inside_the_input_folder(tmp_path, pattern):
    write(tmp_path / "outside.txt")
    write(tmp_path / "in" / "inside.txt")
    result = run_cli(tmp_path / "in", "--to", "json", "--glob", pattern)
    assert one_line_error(result, 2).startswith(f"convert: error: --glob {pattern!r}: ")
    assert not list(tmp_path.rglob("*.json"))


def test_glob_patterns_still_match_at_any_depth(tmp_path):
    for name in ("a.md", "sub/b.md", "sub/deeper/c.md", "sub/deeper/skip.txt"):
        write(tmp_path / "in" / name)
    run_cli(tmp_path / "in", "--to", "json", "-o", tmp_path / "out", "--glob", "*.md", check=True)
    found = sorted(str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*.json"))
    assert found == ["a.json", "sub/b.json", "sub/deeper/c.json"]
    run_cli(tmp_path / "in", "--to", "json", "-o", tmp_path / "out2", "--glob", "deeper/*.md", check=True)
    assert [p.name for p in (tmp_path / "out2").rglob("*.json")] == ["c.json"]


def test_a_link_inside_the_input_folder_moves_no_output(tmp_path):
    write(tmp_path / "in" / "one" / "a.txt")
    write(tmp_path / "in" / "two" / "b.txt")
    write(tmp_path / "elsewhere" / "far" / "x.txt", "Far\n\nAway.\n")
    (tmp_path / "in" / "one" / "link.txt").symlink_to(tmp_path / "elsewhere" / "far" / "x.txt")
    (tmp_path / "in" / "folder-link").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    out = tmp_path / "out"
    run_cli(tmp_path / "in", "--to", "json", "-o", out, check=True)
    found = sorted(str(p.relative_to(out)) for p in out.rglob("*.json"))
    assert found == ["one/a.json", "one/link.json", "two/b.json"]  # links to folders are not followed
    assert json.loads((out / "one" / "link.json").read_text())["meta"]["title"] == "Far"


@pytest.fixture
def locked_folder(tmp_path):
    """A folder this test's ``convert`` cannot list: by permissions, and as root
    (whom permissions do not stop) by running without the capabilities that bypass them."""
    locked = tmp_path / "in" / "locked"
    write(locked / "hidden.txt")
    locked.chmod(0)
    if os.geteuid() != 0:
        prefix = []
    elif shutil.which("setpriv"):
        caps = "-dac_override,-dac_read_search"
        prefix = ["setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}"]
    else:
        pytest.skip("running as root without setpriv: permissions cannot make a folder unreadable")
    yield locked, prefix
    locked.chmod(0o755)


def test_an_unreadable_folder_is_a_failed_input(tmp_path, locked_folder):
    locked, prefix = locked_folder
    write(tmp_path / "in" / "fine.txt")
    report = tmp_path / "report.json"
    command = [*prefix, sys.executable, "-m", "convert", str(tmp_path / "in"), "--to", "json", "--report", str(report)]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    assert f"convert: error: {locked}: cannot read folder: Permission denied" in result.stderr.splitlines()
    entries = {entry["input"]: entry for entry in json.loads(report.read_text())["inputs"]}
    assert entries[str(locked)]["status"] == "failed" and entries[str(tmp_path / "in" / "fine.txt")]["status"] == "ok"


def make_deep_tree(root: Path, levels: int = 25) -> None:
    """Folders 200 bytes a name, ``levels`` deep: longer than PATH_MAX (4096) as a path.
    Made relative to open folders, since no path can reach the bottom."""
    here = os.open(root, os.O_RDONLY)
    try:
        for _ in range(levels):
            os.mkdir("d" * 200, dir_fd=here)
            below = os.open("d" * 200, os.O_RDONLY, dir_fd=here)
            os.close(here)
            here = below
        handle = os.open("bottom.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=here)
        os.write(handle, TEXT.encode())
        os.close(handle)
    finally:
        os.close(here)


def test_a_tree_deeper_than_path_max_is_a_failed_input_not_a_crash(tmp_path):
    source = tmp_path / "in"
    write(source / "top.txt")
    make_deep_tree(source)
    try:
        result = run_cli(source, "--to", "json", "-o", tmp_path / "out")
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        [error] = [line for line in result.stderr.splitlines() if line.startswith("convert: error:")]
        assert error.endswith(": cannot read folder: File name too long")
        assert result.stderr.splitlines()[-1].startswith("1 converted, 1 failed, 0 skipped")
        assert (tmp_path / "out" / "top.json").exists()
    finally:
        shutil.rmtree(source)  # the session's EPUB sweep walks the temporary folders


# -- names -------------------------------------------------------------------

@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file systems refuse names that are not UTF-8")
def test_a_file_name_that_is_not_utf8(tmp_path):
    source = tmp_path / os.fsdecode(b"caf\xe9 notes.txt")  # Latin-1 é
    write(source)
    report = tmp_path / "report.json"
    result = run_cli(source, "--to", "json", "--to", "epub", "--to", "docx", "-T", "colophon", "-o", tmp_path / "out",
                     "--report", report)
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"
    data = json.loads((out / os.fsdecode(b"caf\xe9 notes.json")).read_text("utf-8"))
    assert data["meta"]["source_name"] == "caf\ufffd notes.txt"
    for fmt in ("epub", "docx"):
        text = EXTRACTORS[fmt]((out / os.fsdecode(b"caf\xe9 notes." + fmt.encode())).read_bytes())
        assert "Converted from caf\ufffd notes.txt" in text
    assert [Path(line).name for line in result.stdout.splitlines()] == [
        "caf\\xe9 notes.json", "caf\\xe9 notes.epub", "caf\\xe9 notes.docx"]
    entry = json.loads(report.read_bytes().decode("utf-8"))["inputs"][0]
    assert entry["input"].endswith("caf\\xe9 notes.txt") and entry["status"] == "ok"
    # EPUBCheck, which checks every EPUB of the session, cannot open a name that is not UTF-8
    (out / os.fsdecode(b"caf\xe9 notes.epub")).rename(out / "cafe-notes.epub")


def test_control_characters_in_names_are_escaped_when_printed(tmp_path):
    forged = "evil\n0 converted, 0 failed, 0 skipped in 0.0 s\n\x1b[2J.txt"
    (tmp_path / forged).write_bytes(b"")  # empty: an error line names it
    write(tmp_path / "good.txt")
    report = tmp_path / "report.json"
    result = run_cli(tmp_path, "--to", "json", "--report", report)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and lines[1].startswith("1 converted, 1 failed, 0 skipped in ")
    assert "evil\\n0 converted, 0 failed, 0 skipped in 0.0 s\\n\\x1b[2J.txt" in lines[0]
    assert "\x1b" not in result.stderr
    names = [Path(entry["input"]).name for entry in json.loads(report.read_text("utf-8"))["inputs"]]
    assert forged in names  # the report, being JSON, keeps the name exactly


def test_output_names_up_to_the_longest_a_file_system_allows(tmp_path):
    stem = "n" * 245 + "é"  # 247 bytes; with .docx, 252 of the 255 a name may have
    source = write(tmp_path / f"{stem}.txt")
    # (no EPUB: the session's EPUBCheck sweep names its report after the book, too long here)
    result = run_cli(source, "--to", "json", "--to", "docx", "-o", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [f"{stem}.docx", f"{stem}.json"]


# -- language tags ---------------------------------------------------------------

WELL_FORMED = ["en", "pt-BR", "zh-Hant-TW", "sr-Latn-RS", "de-CH-1996", "es-419", "x-private", "i-klingon",
               "zh-min-nan", "en-a-bbb-x-a-ccc", "qq", "EN-gb", "sl-rozaj-biske", "hy-Latn-IT-arevela", "und"]
ILL_FORMED = ["qq-abcdefgh-zz", "", "en_US", "en-", "-en", "e", "en\u0000", 'x" onload="a', "../../etc", "en-GB\n",
              "toolongtag", "en-a", "de-419-DE", "a-DE", "ar-a-aaa-b-bbb-a-ccc-x", "\u212aa"]


@pytest.mark.parametrize("tag", WELL_FORMED)
def test_well_formed_language_tags(tag):
    from convert.model.languages import check_language

    assert check_language(tag) == tag


@pytest.mark.parametrize("tag", ILL_FORMED)
def test_ill_formed_language_tags(tag):
    from convert.model.languages import LanguageTagError, check_language

    with pytest.raises(LanguageTagError, match="is not a well-formed BCP 47 language tag"):
        check_language(tag)


def test_an_ill_formed_language_option_is_a_usage_error(tmp_path):
    source = write(tmp_path / "a.txt")
    for option in ("--metadata", "--option"):
        result = run_cli(source, "--to", "epub", option, "language=qq-abcdefgh-zz")
        assert "'qq-abcdefgh-zz' is not a well-formed BCP 47 language tag" in one_line_error(result, 2)
    assert not (tmp_path / "a.epub").exists()


@pytest.mark.parametrize("tag", ["qq-abcdefgh-zz", 'x" onload="a', "../../etc", "en\u0000"])
def test_an_ill_formed_language_in_json_input_is_a_failed_input(tmp_path, tag):
    run_cli(write(tmp_path / "a.txt"), "--to", "json", check=True)
    data = json.loads((tmp_path / "a.json").read_text("utf-8"))
    data["meta"]["language"] = tag
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(data), "utf-8")
    result = run_cli(source, "--to", "epub", "--to", "docx")
    assert "language" in one_line_error(result, 1) and "well-formed BCP 47" in result.stderr
    assert not list(tmp_path.glob("bad.*[!n]"))  # neither bad.epub nor bad.docx


def test_an_unusual_well_formed_language_gives_a_valid_epub(tmp_path):
    """EPUBCheck checks every EPUB the session writes: a tag with variants and extensions passes."""
    source = write(tmp_path / "a.txt")
    run_cli(source, "--to", "epub", "-m", "language=sl-rozaj-biske-x-test", check=True)
    assert (tmp_path / "a.epub").exists()


# -- encodings and standard output ---------------------------------------------

@pytest.mark.parametrize("encoding", ["rot13", "base64", "zlib", "no-such-codec"])
def test_an_encoding_that_is_not_a_text_encoding_is_one_usage_error(tmp_path, encoding):
    for index in range(3):
        write(tmp_path / f"d{index}.txt")
    result = run_cli(tmp_path, "--to", "json", "--encoding", encoding)
    assert one_line_error(result, 2) == f"convert: error: --encoding {encoding!r} is not a text encoding (such as utf-8, cp1252 or latin-1)\n"
    assert not list(tmp_path.glob("*.json"))


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("to_stdout", [True, False], ids=["output", "listing"])
def test_a_full_standard_output_is_one_error(tmp_path, to_stdout):
    source = write(tmp_path / "a.txt")
    arguments = [str(source), "--to", "json"] + (["-o", "-"] if to_stdout else [])
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "convert", *arguments], stdout=full, stderr=subprocess.PIPE,
                                text=True)
    assert one_line_error(result, 1) == "convert: error: cannot write to standard output: No space left on device\n"
