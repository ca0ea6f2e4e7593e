"""The plain command, ``convert INPUT --to FORMAT [-o OUT] [-q] [-v] [-j N]``,
parsed without click, behaves exactly as the click command does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from convert.cli.conversion import parse_size
from convert.cli.simple import simple_arguments

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_fbb78fa2d04dba80.txt"


@pytest.mark.parametrize("arguments, expected", [
    (["a.txt", "--to", "epub"], {"inputs": ["a.txt"], "formats": ["epub"]}),
    (["a.txt", "b.txt", "-t", "epub", "--to=pdf", "-o", "out/", "-q", "-v", "-j", "2"],
     {"inputs": ["a.txt", "b.txt"], "formats": ["epub", "pdf"], "output": "out/", "quiet": True, "verbose": True,
      "workers": 2}),
    (["--output=book.epub", "--jobs", "1", "--to", "epub", "a=b.txt"],
     {"inputs": ["a=b.txt"], "formats": ["epub"], "output": "book.epub", "workers": 1}),
])
def test_plain_commands_are_parsed(arguments, expected):
    found = simple_arguments(arguments)
    defaults = {"inputs": [], "formats": [], "output": None, "workers": None, "quiet": False, "verbose": False}
    assert found == {**defaults, **expected}


@pytest.mark.parametrize("arguments", [
    [],                                          # nothing to convert: click says so
    ["a.txt"],                                   # no format
    ["--to", "epub"],                            # no input
    ["-", "--to", "epub"],                       # standard input
    ["a.txt", "--to"],                           # a missing value
    ["a.txt", "--to", "-q"],                     # a value that looks like an option
    ["a.txt", "--to", "epub", "-o", "x", "-o", "y"],  # repeated -o: click keeps the last
    ["a.txt", "--to", "epub", "-j", "0"],        # out of range
    ["a.txt", "--to", "epub", "-j", "two"],
    ["a.txt", "-tepub"],                         # attached short values
    ["a.txt", "--to", "epub", "-qv"],            # grouped flags
    ["a.txt", "--to", "epub", "--quiet=yes"],
    ["a.txt", "--to", "epub", "--inspect"],      # any other option
    ["a.txt", "--to", "epub", "--help"],
    ["a.txt", "--to", "epub", "--"],
])
def test_anything_else_is_left_to_click(arguments):
    assert simple_arguments(arguments) is None


def test_shell_completion_is_left_to_click(monkeypatch):
    monkeypatch.setenv("_CONVERT_COMPLETE", "bash_source")
    assert simple_arguments(["a.txt", "--to", "epub"]) is None


def test_sizes():
    assert parse_size("100M") == 100 * 1024**2
    assert parse_size(" 2kb ") == 2048
    assert parse_size("500000") == 500000
    assert parse_size("1.5M") is None and parse_size("M") is None


def run(arguments: list[str], cwd: Path) -> tuple[int, str, str, dict[str, bytes]]:
    result = subprocess.run([sys.executable, "-m", "convert", *arguments], capture_output=True, text=True,
                            cwd=cwd, timeout=120)
    outputs = {str(path.relative_to(cwd)): path.read_bytes() for path in sorted(cwd.rglob("*")) if path.is_file()}
    return result.returncode, result.stdout, result.stderr, outputs


@pytest.mark.parametrize("arguments", [
    ["seed.txt", "--to", "json", "-o", "out"],                    # warnings and the written path
    ["seed.txt", "--to", "epub", "--to", "json", "-o", "out/", "-v"],
    ["seed.txt", "--to", "json", "-o", "book.json", "-q", "-j", "1"],
    ["seed.txt", "--to", "jsn"],                                  # unknown format: exit 2
    ["missing.txt", "--to", "json"],                              # no such file
    ["seed.txt", "--to", "pdf", "-o", "book.json"],               # -o names another format
], ids=["warnings", "two-formats-verbose", "named-output", "unknown-format", "missing-input", "wrong-extension"])
def test_same_result_as_the_click_command(arguments, tmp_path):
    results = []
    for extra in ([], ["--max-input-size", "100M"]):  # the default, given: the command goes through click
        folder = tmp_path / ("click" if extra else "plain")
        folder.mkdir()
        (folder / "seed.txt").write_bytes(SEED.read_bytes())
        os.utime(folder / "seed.txt", (1_700_000_000, 1_700_000_000))  # the date stamped on the outputs
        results.append(run(arguments + extra, folder))
    plain, through_click = results
    assert plain == through_click
