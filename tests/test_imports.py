"""Start-up stays light: commands that need no writer import no writer library.

Each command runs in a fresh interpreter, exactly as ``python -m convert``
would; the modules loaded by the time it exits are checked afterwards.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_fbb78fa2d04dba80.txt"

WRITER_LIBRARIES = ("reportlab", "ebooklib", "docx", "lxml")

PROBE = """
import json, runpy, sys
sys.argv = ["convert", *json.loads(sys.argv[1])]
try:
    runpy.run_module("convert", run_name="__main__")
except SystemExit as stop:
    code = stop.code
else:
    code = 0
sys.stderr.write("\\nMODULES " + json.dumps([code, sorted(sys.modules)]) + "\\n")
"""


def loaded_modules(arguments: list[str], cwd: Path) -> list[str]:
    result = subprocess.run([sys.executable, "-c", PROBE, json.dumps(arguments)],
                            capture_output=True, text=True, cwd=cwd, timeout=120)
    line = next(line for line in result.stderr.splitlines() if line.startswith("MODULES "))
    code, modules = json.loads(line[len("MODULES "):])
    assert code in (0, None), result.stderr
    return modules


@pytest.mark.parametrize("arguments", [["--help"], ["--list-formats"], ["SEED", "--to", "json", "-o", "out", "-q"]],
                         ids=["help", "list-formats", "to-json"])
def test_command_imports_no_writer_library(arguments, tmp_path):
    arguments = [str(SEED) if argument == "SEED" else argument for argument in arguments]
    modules = loaded_modules(arguments, tmp_path)
    assert "convert" in modules  # the probe did run the command
    heavy = sorted({name.split(".")[0] for name in modules} & set(WRITER_LIBRARIES))
    assert heavy == []
    if "--to" in arguments:
        written = list((tmp_path / "out").iterdir())
        assert [path.suffix for path in written] == [".json"]


def test_probe_sees_a_writer_library_when_one_is_used(tmp_path):
    # the check above can fail: converting to PDF does load reportlab
    modules = loaded_modules([str(SEED), "--to", "pdf", "-o", "out", "-q"], tmp_path)
    assert "reportlab" in modules


# what each plain conversion must not import: click (the command runs without
# it unless something needs its parser), and standard modules a writer only
# seemed to need (uuid imports platform; strptime sets up locale; saxutils
# imports urllib.request, http and ssl; zipfile imports bz2, lzma and shutil;
# the JSON path has no use for datetime); the DOCX writer writes its XML and
# its package itself, without python-docx (``docx``) or lxml
AVOIDED = {
    "docx": {"click", "docx", "lxml", "zipfile", "uuid", "platform", "_strptime", "html"},
    "json": {"click", "_strptime", "uuid", "platform", "difflib", "datetime"},
    "epub": {"click", "uuid", "platform", "_strptime", "importlib.resources", "zipfile"},
    "pdf": {"click", "urllib.request", "http.client", "ssl", "email.parser"},
}


@pytest.mark.parametrize("fmt", sorted(AVOIDED))
def test_plain_conversion_avoids_modules_it_does_not_need(fmt, tmp_path):
    modules = loaded_modules([str(SEED), "--to", fmt, "-o", "out", "-q"], tmp_path)
    assert sorted(AVOIDED[fmt] & set(modules)) == []
    assert [path.suffix for path in (tmp_path / "out").iterdir()] == [f".{fmt}"]


def test_probe_sees_click_when_the_command_needs_its_parser(tmp_path):
    # the check above can fail: an option outside the plain form goes through click
    modules = loaded_modules([str(SEED), "--to", "json", "-o", "out", "-q", "--max-input-size", "1M"], tmp_path)
    assert "click" in modules
