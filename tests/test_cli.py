"""The command line as a person uses it: outputs, errors and exit codes."""

from __future__ import annotations

import json
import os

from conftest import run_cli


def test_outputs_next_to_the_input_by_default(seed):
    result = run_cli(seed, "--to", "json")
    assert result.returncode == 0
    assert seed.with_suffix(".json").is_file()


def test_repeated_to_and_output_directory(seed, tmp_path):
    out = tmp_path / "new" / "dir"
    result = run_cli(seed, "--to", "json", "--to", "json", "-o", out)
    assert result.returncode == 0, result.stderr
    assert (out / seed.with_suffix(".json").name).is_file()


def test_output_file(seed, tmp_path):
    target = tmp_path / "custom-name.json"
    run_cli(seed, "--to", "json", "-o", target, check=True)
    assert json.loads(target.read_text("utf-8"))["schema"] == "convert-idm"


def test_unknown_format_lists_the_available_ones(seed):
    result = run_cli(seed, "--to", "rtf")
    assert result.returncode == 2
    assert "unknown output format 'rtf'" in result.stderr and "json" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_file(tmp_path):
    result = run_cli(tmp_path / "nope.txt", "--to", "json")
    assert result.returncode == 2 and "no such file" in result.stderr
    assert "Traceback" not in result.stderr


def test_no_format(seed):
    result = run_cli(seed)
    assert result.returncode == 2 and "--to" in result.stderr


def test_bad_metadata_pair(seed):
    result = run_cli(seed, "--to", "json", "--metadata", "title")
    assert result.returncode == 2 and "KEY=VALUE" in result.stderr


def test_title_override_keeps_the_first_line_as_text(seed, tmp_path):
    target = tmp_path / "out.json"
    run_cli(seed, "--to", "json", "-o", target, "-m", "title=My Digest", "-m", "author=A. Writer",
            "-m", "language=en-GB", "-m", "publisher=Press", check=True)
    data = json.loads(target.read_text("utf-8"))
    assert data["meta"]["title"] == "My Digest"
    assert data["meta"]["authors"] == ["A. Writer"] and data["meta"]["language"] == "en-GB"
    assert data["meta"]["extra"] == {"publisher": "Press"}
    assert data["blocks"][0]["text"] == "Headlines at the World Socialist Web Site today:"


def test_invalid_language_is_a_usage_error(seed):
    result = run_cli(seed, "--to", "json", "-m", "language=not a tag")
    assert result.returncode == 2 and "language" in result.stderr


def test_unwritable_output_is_a_clear_error(seed, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run_cli(seed, "--to", "json", "-o", blocker / "sub")
    assert result.returncode == 1 and "cannot write" in result.stderr
    assert "Traceback" not in result.stderr


def test_inspect_shows_structure_and_reasons(seed):
    result = run_cli(seed, "--inspect", check=True)
    out = result.stdout
    assert "one paragraph per line" in out
    assert "totals: 12 headings, 173 paragraphs, 34 scene breaks, 1 list (3 items)" in out
    assert "heading 1: 3. Layoffs by US firms" in out and "numbered line '3.'" in out
    assert "line 189: scene-break marker glued" in out
    assert not seed.with_suffix(".json").exists()


def test_list_formats_and_plugins():
    formats = run_cli("--list-formats", check=True).stdout
    assert "json" in formats and "text" in formats
    plugins = json.loads(run_cli("--list-plugins", "--json", check=True).stdout)
    names = {plugin["name"]: plugin for plugin in plugins["plugins"]}
    assert names["json"]["source"] == "built-in" and names["json"]["version"]


def test_help_explains_exit_codes():
    out = run_cli("--help", check=True).stdout
    assert "Exit codes" in out and "--to" in out


def test_outputs_get_ordinary_permissions(seed):
    run_cli(seed, "--to", "json", check=True)
    mask = os.umask(0)
    os.umask(mask)
    assert seed.with_suffix(".json").stat().st_mode & 0o777 == 0o666 & ~mask


def test_scheduler_without_dask_executor_is_a_usage_error(seed):
    result = run_cli(seed, "--to", "json", "--executor", "local", "--scheduler", "tcp://127.0.0.1:1")
    assert result.returncode == 2 and "--scheduler is for --executor dask" in result.stderr


def test_standard_output(seed):
    result = run_cli(seed, "--to", "json", "-o", "-", check=True)
    assert json.loads(result.stdout)["meta"]["title"].startswith("Headlines")
    assert not seed.with_suffix(".json").exists()


def test_title_override_keeps_a_later_title_line_where_it_stood(tmp_path):
    source = tmp_path / "alice.txt"
    source.write_text(
        "-*- mode: text; coding: utf-8 -*-\n\n                ALICE'S ADVENTURES IN WONDERLAND\n\n"
        "                          Lewis Carroll\n\n"
        "                            CHAPTER I\n\n"
        "Alice was beginning to get very tired of sitting by her sister on the\n"
        "bank, and of having nothing to do.\n", "utf-8")
    target = tmp_path / "out.json"
    run_cli(source, "--to", "json", "-o", target, "-m", "title=Alice", check=True)
    blocks = json.loads(target.read_text("utf-8"))["blocks"]
    assert [block["lines"][0] for block in blocks] == sorted(block["lines"][0] for block in blocks)
    assert blocks[0]["text"].startswith("-*- mode") and blocks[1]["lines"] == [3, 3]
    assert blocks[1]["text"] == "ALICE'S ADVENTURES IN WONDERLAND"
