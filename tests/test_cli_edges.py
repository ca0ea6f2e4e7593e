"""The command line's edges, as a newcomer meets them: standard input, what
``-o`` names, where ``--report`` may go, binary data and terminals, one-line
usage errors, warnings in batches, ``--help`` against the README, and
``--version``."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT, run_cli
from convert.model.json_form import schema_text

GAPPY = "Doc {n}\n\n3. Starts at three\n\nText.\n"
"""A document whose headline numbering starts at 3: one warning."""


def run_with_stdin(*args, stdin, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """``convert`` with standard input from bytes or an open file."""
    kwargs = {"input": stdin} if isinstance(stdin, bytes) else {"stdin": stdin}
    return subprocess.run([sys.executable, "-m", "convert", *map(str, args)], cwd=cwd, capture_output=True,
                          timeout=120, **kwargs)


def one_error_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("convert: error: "), stderr
    assert "Traceback" not in stderr and "Usage:" not in stderr
    return lines[0]


# --- standard input ---------------------------------------------------------

def test_standard_input_gives_the_same_document_as_the_file(seed, tmp_path):
    from_file = tmp_path / "from-file.json"
    run_cli(seed, "--to", "json", "-o", from_file, check=True)
    result = run_with_stdin("-", "--to", "json", "-o", "from-stdin.json", stdin=seed.read_bytes(), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().split() == ["from-stdin.json"]
    assert b"headline numbering starts at 3" in result.stderr  # the warnings, named after -
    file_data = json.loads(from_file.read_text("utf-8"))
    stdin_data = json.loads((tmp_path / "from-stdin.json").read_text("utf-8"))
    assert stdin_data["blocks"] == file_data["blocks"]
    assert stdin_data["meta"]["title"] == file_data["meta"]["title"]
    assert stdin_data["meta"]["source_sha256"] == file_data["meta"]["source_sha256"]


def test_standard_input_to_standard_output(seed):
    result = run_with_stdin("-", "--to", "json", "-o", "-", stdin=seed.read_bytes())
    assert result.returncode == 0
    assert json.loads(result.stdout)["meta"]["title"].startswith("Headlines")


def test_standard_input_named_by_its_title(seed, tmp_path):
    result = run_with_stdin("-", "--to", "json", "--to", "epub", "-o", "out", "-q",
                            "-m", "title=My Notes: Part 2", stdin=seed.read_bytes(), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == ["my-notes-part-2.epub", "my-notes-part-2.json"]
    assert json.loads((tmp_path / "out" / "my-notes-part-2.json").read_text("utf-8"))["meta"]["title"] == "My Notes: Part 2"


def test_standard_input_without_a_name_is_a_usage_error(seed, tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    result = run_with_stdin("-", "--to", "json", stdin=seed.read_bytes(), cwd=work)
    assert result.returncode == 2
    line = one_error_line(result.stderr.decode())
    assert "-o" in line and "--metadata title" in line
    assert list(work.iterdir()) == []


def test_standard_input_over_the_limit_is_refused(tmp_path):
    result = run_with_stdin("-", "--to", "json", "-o", "x.json", "--max-input-size", "1K",
                            stdin=b"a" * 1025, cwd=tmp_path)
    assert result.returncode == 1
    assert "over the --max-input-size limit of 1024 bytes" in result.stderr.decode()
    assert list(tmp_path.iterdir()) == []
    exactly = run_with_stdin("-", "--to", "json", "-o", "x.json", "--max-input-size", "1K",
                             stdin=b"a" * 1024, cwd=tmp_path)
    assert exactly.returncode == 0, exactly.stderr


def test_endless_standard_input_is_read_only_up_to_the_limit(tmp_path):
    """/dev/zero never ends: reading it whole would never finish."""
    with open("/dev/zero", "rb") as endless:
        result = run_with_stdin("-", "--to", "json", "-o", "x.json", "--max-input-size", "64K",
                                stdin=endless, cwd=tmp_path)
    assert result.returncode == 1 and b"over the --max-input-size limit" in result.stderr


def test_standard_input_is_the_only_input(seed, tmp_path):
    result = run_with_stdin("-", seed, "--to", "json", "-o", tmp_path / "out", stdin=b"Title\n\nText.\n")
    assert result.returncode == 2
    assert "must be the only input" in one_error_line(result.stderr.decode())


def test_inspect_standard_input(seed):
    result = run_with_stdin("-", "--inspect", stdin=seed.read_bytes())
    assert result.returncode == 0
    assert b"totals: 12 headings, 173 paragraphs" in result.stdout


# --- what -o names ----------------------------------------------------------

@pytest.mark.parametrize("extra, problem", [
    (["--to", "epub", "-o", "wrong.pdf"], "--to epub writes .epub files"),
    (["--to", "json", "--to", "epub", "-o", "one.json"], "there are 2 --to formats"),
])
def test_output_file_must_fit_the_format(seed, tmp_path, extra, problem):
    result = run_cli(seed, *extra, cwd=tmp_path)
    assert result.returncode == 2
    line = one_error_line(result.stderr)
    assert problem in line and "-o NAME.ext is a file only for one input and one --to format" in line
    assert sorted(path.name for path in tmp_path.iterdir()) == [seed.name]


def test_output_file_with_two_inputs_is_a_usage_error(seed, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("Other\n\nText.\n", "utf-8")
    result = run_cli(seed, other, "--to", "json", "-o", tmp_path / "one.json")
    assert result.returncode == 2 and "there are 2 inputs" in one_error_line(result.stderr)
    assert not (tmp_path / "one.json").exists()


def test_two_inputs_into_an_existing_file_is_a_usage_error(seed, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("Other\n\nText.\n", "utf-8")
    existing = tmp_path / "existing.json"
    existing.write_text("keep me", "utf-8")
    result = run_cli(seed, other, "--to", "json", "-o", existing)
    assert result.returncode == 2, result.stderr
    one_error_line(result.stderr)
    assert existing.read_text("utf-8") == "keep me"


def test_an_existing_file_without_extension_is_not_a_folder(seed, tmp_path):
    existing = tmp_path / "book"
    existing.write_text("keep me", "utf-8")
    result = run_cli(seed, "--to", "json", "-o", existing)
    assert result.returncode == 2 and "a name without an extension is a folder" in one_error_line(result.stderr)
    assert existing.read_text("utf-8") == "keep me"


def test_a_name_without_extension_is_a_folder(seed, tmp_path):
    run_cli(seed, "--to", "json", "-o", tmp_path / "book", check=True)
    assert (tmp_path / "book" / seed.with_suffix(".json").name).is_file()


def test_a_trailing_slash_makes_a_folder_whatever_the_name(seed, tmp_path):
    run_cli(seed, "--to", "json", "-o", f"{tmp_path / 'v1.2'}/", check=True)
    assert (tmp_path / "v1.2" / seed.with_suffix(".json").name).is_file()


def test_a_matching_extension_names_the_file_in_any_case(seed, tmp_path):
    run_cli(seed, "--to", "json", "-o", tmp_path / "Book.JSON", check=True)
    assert json.loads((tmp_path / "Book.JSON").read_text("utf-8"))["schema"] == "convert-idm"


# --- where --report may go --------------------------------------------------

def test_report_to_standard_output(seed, tmp_path):
    result = run_cli(seed, "--to", "json", "-o", tmp_path / "out", "--report", "-")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)  # nothing else on standard output
    jsonschema.validate(report, json.loads(schema_text("report")))
    assert report["inputs"][0]["status"] == "ok"
    assert str(tmp_path / "out" / seed.with_suffix(".json").name) in result.stderr  # the path, moved aside


def test_report_of_standard_output_run(seed, tmp_path):
    report = tmp_path / "report.json"
    result = run_cli(seed, "--to", "json", "-o", "-", "--report", report)
    assert result.returncode == 0
    entry = json.loads(report.read_text("utf-8"))["inputs"][0]
    assert entry["outputs"][0]["path"] == "-" and entry["outputs"][0]["bytes"] == len(result.stdout.encode())


def test_report_and_output_cannot_both_be_standard_output(seed):
    result = run_cli(seed, "--to", "json", "-o", "-", "--report", "-")
    assert result.returncode == 2 and "--report" in one_error_line(result.stderr)
    assert result.stdout == ""


def _refused_report(seed: Path, tmp_path: Path, report, *extra) -> str:
    out = tmp_path / "out"
    result = run_cli(seed, "--to", "json", "-o", out, "--report", report, *extra)
    assert result.returncode == 2, result.stderr
    assert not out.exists(), "nothing is converted before the report path is checked"
    line = one_error_line(result.stderr)
    assert f"--report {report}" in line
    return line


def test_report_onto_the_input_is_refused(seed, tmp_path):
    before = seed.read_bytes()
    assert "is an input" in _refused_report(seed, tmp_path, seed)
    assert seed.read_bytes() == before


def test_report_onto_an_output_is_refused(seed, tmp_path):
    target = tmp_path / "out" / seed.with_suffix(".json").name
    assert "one of the outputs" in _refused_report(seed, tmp_path, target)


def test_report_onto_a_folder_is_refused(seed, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    assert "is a folder" in _refused_report(seed, tmp_path, folder)
    assert "names a folder" in _refused_report(seed, tmp_path, f"{tmp_path / 'new'}/")
    assert not (tmp_path / "new").exists()


def test_report_onto_a_device_or_pipe_is_refused(seed, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert "not a regular file" in _refused_report(seed, tmp_path, fifo)
    assert "not a regular file" in _refused_report(seed, tmp_path, "/dev/null")


def test_report_onto_another_file_is_refused_but_an_old_report_is_replaced(seed, tmp_path):
    notes = tmp_path / "notes.json"
    notes.write_text('{"mine": true}\n', "utf-8")
    assert "is not a convert report" in _refused_report(seed, tmp_path, notes)
    assert notes.read_text("utf-8") == '{"mine": true}\n'
    report = tmp_path / "report.json"
    run_cli(seed, "--to", "json", "-o", tmp_path / "a", "--report", report, check=True)
    first = json.loads(report.read_text("utf-8"))
    run_cli(seed, "--to", "json", "-o", tmp_path / "b", "--report", report, check=True)
    second = json.loads(report.read_text("utf-8"))
    assert first["inputs"][0]["outputs"][0]["path"] != second["inputs"][0]["outputs"][0]["path"]


# --- binary data and terminals ----------------------------------------------

def _on_a_terminal(*args) -> tuple[int, str, bytes]:
    """Run convert with standard output on a pseudo-terminal; (exit code, stderr, what the terminal got)."""
    leader, follower = pty.openpty()
    with subprocess.Popen([sys.executable, "-m", "convert", *map(str, args)], stdout=follower,
                          stderr=subprocess.PIPE, text=True) as process:
        os.close(follower)
        shown = b""
        while True:  # drain the terminal, or a long output blocks the writer
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the last writer closed it
                break
            if not chunk:
                break
            shown += chunk
        os.close(leader)
        stderr = process.stderr.read()
        code = process.wait(timeout=120)
    return code, stderr, shown


@pytest.mark.parametrize("fmt", ["epub", "pdf", "docx"])
def test_binary_formats_are_not_written_onto_a_terminal(seed, fmt):
    code, stderr, shown = _on_a_terminal(seed, "--to", fmt, "-o", "-")
    assert code == 2 and shown == b""
    line = one_error_line(stderr)
    assert f"--to {fmt}" in line and "pipe" in line and "redirect" in line


def test_text_formats_are_written_onto_a_terminal(seed):
    code, stderr, shown = _on_a_terminal(seed, "--to", "json", "-o", "-", "-q")
    assert code == 0, stderr
    assert b'"schema": "convert-idm"' in shown


def test_binary_formats_go_to_a_pipe(seed, tmp_path):
    result = subprocess.run([sys.executable, "-m", "convert", str(seed), "--to", "epub", "-o", "-", "-q"],
                            capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr
    book = tmp_path / "piped.epub"  # kept, so that EPUBCheck sees it too
    book.write_bytes(result.stdout)
    with zipfile.ZipFile(book) as archive:
        assert archive.read("mimetype") == b"application/epub+zip"


# --- one-line usage errors --------------------------------------------------

@pytest.mark.parametrize("args, names", [
    (["--foo"], "--foo"),
    (["-j", "0", "SEED", "--to", "json"], "--jobs"),
    (["--print-schema", "bogus"], "--print-schema"),
    (["SEED", "--to", "json", "--max-input-size", "abc"], "--max-input-size"),
    (["SEED", "--to"], "--to"),
    (["SEED", "--executor", "ray", "--to", "json"], "--executor"),
    (["SEED", "--to", "json", "-m", "title"], "--metadata"),
    (["SEED", "--to", "json", "-o", "x.epub"], "-o x.epub"),
    (["SEED", "--to", "json", "--report", "SEED"], "--report"),
])
def test_usage_errors_are_one_line_naming_the_option(seed, args, names):
    result = run_cli(*[seed if arg == "SEED" else arg for arg in args])
    assert result.returncode == 2
    assert names in one_error_line(result.stderr)
    assert result.stdout == ""


def test_help_is_still_click_help():
    result = run_cli("--help", check=True)
    assert result.stdout.startswith("Usage: convert [OPTIONS] [INPUT]...")
    assert "Environment:" in result.stdout and "SOURCE_DATE_EPOCH" in result.stdout


# --- warnings in batches ----------------------------------------------------

def test_batches_print_warnings_grouped_per_input(tmp_path):
    for index in range(2):
        (tmp_path / f"d{index}.txt").write_text(GAPPY.format(n=index), "utf-8")
    (tmp_path / "clean.txt").write_text("Clean\n\n1. First\n\nText.\n", "utf-8")
    result = run_cli(tmp_path, "--to", "json", "-o", tmp_path / "out", "-j", "1")
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    for index in range(2):
        heading = lines.index(f"convert: 1 warning in {tmp_path / f'd{index}.txt'}:")
        assert lines[heading + 1] == "  line 3: headline numbering starts at 3"
    assert "clean.txt" not in result.stderr
    assert lines[-1].startswith("3 converted, 0 failed, 0 skipped")
    quiet = run_cli(tmp_path, "--to", "json", "-o", tmp_path / "out2", "-q")
    assert quiet.returncode == 0 and quiet.stderr == ""


# --- --help, the README and --version ---------------------------------------

def _readme_options() -> set[str]:
    """Every option named in the first cell of the README's option tables."""
    names = set()
    for line in (ROOT / "README.md").read_text("utf-8").splitlines():
        if line.startswith("| `-"):
            first_cell = re.split(r"(?<!\\)\|", line)[1]  # cells split at unescaped bars
            names.update(re.findall(r"`[^`]*`", first_cell))
    return {match for cell in names for match in re.findall(r"(?<![\w-])(--?[A-Za-z][\w-]*)", cell)}


def test_help_and_readme_list_the_same_options():
    from convert.cli.command import cli

    help_text = run_cli("--help", check=True).stdout
    options = {name for param in cli.params for name in param.opts if name.startswith("-")}
    options |= {"-h", "--help"}
    readme = _readme_options()
    assert options - readme == set(), "in --help, not in the README's option tables"
    assert readme - options == set(), "in the README's option tables, not in --help"
    assert all(re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", help_text) for name in options)


def test_version():
    result = run_cli("--version", check=True)
    from convert import __version__

    assert result.stdout == f"convert, version {__version__}\n"
    assert run_cli("-V", check=True).stdout == result.stdout


def test_verbose_version_lists_every_loaded_plugin():
    from convert import MODEL_VERSION

    result = run_cli("--version", "-v", check=True)
    plugins = json.loads(run_cli("--list-plugins", "--json", check=True).stdout)["plugins"]
    assert f"document model {MODEL_VERSION}" in result.stdout
    assert len(plugins) >= 6
    for plugin in plugins:
        assert f"  {plugin['name']} {plugin['version']} ({plugin['package']}, " in result.stdout


def test_bash_completion_offers_choices():
    env = {**os.environ, "_CONVERT_COMPLETE": "bash_complete", "COMP_WORDS": "convert --executor ", "COMP_CWORD": "2"}
    result = subprocess.run([sys.executable, "-m", "convert"], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert result.stdout.split() == ["plain,local", "plain,dask"]
    script = subprocess.run([sys.executable, "-m", "convert"], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "_CONVERT_COMPLETE": "bash_source"})
    assert "complete " in script.stdout and "_CONVERT_COMPLETE=bash_complete" in script.stdout


@pytest.mark.parametrize("content", [b"", b"  \n\t\n", b"\x89PNG\r\n\x1a\n" + bytes(range(256))])
def test_the_readme_quotes_the_refusals_of_unusual_input(tmp_path, content):
    path = tmp_path / "unusual.txt"
    path.write_bytes(content)
    result = run_cli(path, "--to", "json")
    assert result.returncode == 1
    message = one_error_line(result.stderr).split(f"{path}: ", 1)[1]
    readme = (ROOT / "README.md").read_text("utf-8")
    assert f"`{message}`" in readme, f"the README's table of unusual input does not quote {message!r}"
