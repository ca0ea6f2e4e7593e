"""Batch conversion as a CI job runs it: many inputs, workers, a report,
honest exit codes, no partial files."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest

from convert.model.json_form import schema_text

from conftest import ROOT, make_corpus, run_cli

FORMATS = ["json", "epub", "docx"]


def available(formats):
    listing = json.loads(run_cli("--list-formats", "--json", check=True).stdout)
    names = {item["name"] for item in listing["output_formats"]}
    return [name for name in formats if name in names]


@pytest.fixture(scope="module")
def formats():
    return available(FORMATS)


def outputs_under(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("tree"))


@pytest.fixture(scope="module")
def batch_j2(tree, tmp_path_factory, formats):
    out = tmp_path_factory.mktemp("out-j2")
    report = out.parent / "report-j2.json"
    to = [arg for name in formats for arg in ("--to", name)]
    result = run_cli(tree, *to, "-o", out, "-j", "2", "--report", report,
                     env={"SOURCE_DATE_EPOCH": "1767225600"})
    return result, out, json.loads(report.read_text("utf-8"))


def test_exit_code_and_outputs(batch_j2, formats):
    result, out, _ = batch_j2
    assert result.returncode == 1, result.stderr
    files = outputs_under(out)
    assert len(files) == 50 * len(formats)
    assert all(data for data in files.values()), "no zero-byte outputs"
    assert "group1/deep/doc01.json" in files  # the folder structure is mirrored


def test_report_lists_exactly_the_bad_files(batch_j2, formats):
    _, out, report = batch_j2
    jsonschema.validate(report, json.loads(schema_text("report")))
    failed = {Path(entry["input"]).name: entry["error"] for entry in report["inputs"] if entry["status"] == "failed"}
    assert set(failed) == {"broken.txt", "empty.txt"}
    assert "offset 10" in failed["broken.txt"] and "empty" in failed["empty.txt"]
    assert report["totals"] == {**report["totals"], "inputs": 52, "ok": 50, "failed": 2, "skipped": 0,
                                "outputs": 50 * len(formats)}
    entry = next(e for e in report["inputs"] if e["input"].endswith("doc07.txt"))
    assert {o["format"] for o in entry["outputs"]} == set(formats)
    assert all(len(o["sha256"]) == 64 and o["bytes"] > 0 for o in entry["outputs"])


def test_no_temporary_files_left(batch_j2):
    _, out, _ = batch_j2
    assert not [p for p in out.rglob("*") if "convert-part" in p.name or p.name.startswith(".")]


def test_ci_output_is_concise_and_plain(batch_j2):
    result, _, _ = batch_j2
    lines = result.stderr.strip().splitlines()
    assert len([line for line in lines if line.startswith("convert: error:")]) == 2
    assert lines[-1].startswith("50 converted, 2 failed, 0 skipped in ")
    assert "\x1b" not in result.stderr and "\r" not in result.stderr
    assert result.stdout == ""


def test_same_outputs_with_one_worker(batch_j2, tree, tmp_path, formats):
    _, out_j2, _ = batch_j2
    to = [arg for name in formats for arg in ("--to", name)]
    result = run_cli(tree, *to, "-o", tmp_path, "-j", "1", env={"SOURCE_DATE_EPOCH": "1767225600"})
    assert result.returncode == 1
    assert outputs_under(tmp_path) == outputs_under(out_j2)


def test_name_collisions_are_mirrored(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "notes.txt").write_text(f"Notes {folder}\nText of {folder}.\n", "utf-8")
    out = tmp_path / "out"
    run_cli(tmp_path / "a" / "notes.txt", tmp_path / "b" / "notes.txt", "--to", "json", "-o", out, check=True)
    assert json.loads((out / "a" / "notes.json").read_text())["meta"]["title"] == "Notes a"
    assert json.loads((out / "b" / "notes.json").read_text())["meta"]["title"] == "Notes b"


def test_two_inputs_for_one_output_are_refused(tmp_path):
    (tmp_path / "x.txt").write_text("One\nTwo.\n")
    (tmp_path / "x.text").write_text("One\nTwo.\n")
    result = run_cli(tmp_path / "x.txt", tmp_path / "x.text", "--to", "json")
    assert result.returncode == 2 and "would both be written" in result.stderr


def test_fail_fast_stops_early(tmp_path):
    (tmp_path / "a-bad.txt").write_bytes(b"")
    for index in range(5):
        (tmp_path / f"b{index}.txt").write_text(f"Doc {index}\nText.\n")
    report = tmp_path / "report.json"
    result = run_cli(tmp_path, "--to", "json", "-j", "1", "--fail-fast", "--report", report)
    assert result.returncode == 1
    statuses = [entry["status"] for entry in json.loads(report.read_text())["inputs"]]
    assert statuses == ["failed"] + ["skipped"] * 5
    assert not list(tmp_path.glob("b*.json"))


def test_skip_unchanged(tmp_path):
    for index in range(3):
        (tmp_path / f"d{index}.txt").write_text(f"Doc {index}\nText.\n")
    out = tmp_path / "out"
    first = run_cli(tmp_path, "--to", "json", "-o", out, "--skip-unchanged")
    assert "3 converted, 0 failed, 0 skipped" in first.stderr
    second = run_cli(tmp_path, "--to", "json", "-o", out, "--skip-unchanged")
    assert "0 converted, 0 failed, 3 skipped" in second.stderr
    changed = tmp_path / "d1.txt"
    changed.write_text("Doc 1\nNew text.\n")
    os.utime(changed, (time.time() + 5, time.time() + 5))
    third = run_cli(tmp_path, "--to", "json", "-o", out, "--skip-unchanged", "--report", tmp_path / "r.json")
    assert "1 converted, 0 failed, 2 skipped" in third.stderr
    assert "New text." in (out / "d1.json").read_text()
    other_settings = run_cli(tmp_path, "--to", "json", "-o", out, "--skip-unchanged", "-m", "author=X")
    assert "3 converted" in other_settings.stderr


def test_no_inputs_found_is_a_usage_error(tmp_path):
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    result = run_cli(tmp_path, "--to", "json")
    assert result.returncode == 2 and "no input files found" in result.stderr


def test_glob_selects_files(tmp_path):
    (tmp_path / "keep.md").write_text("Kept\nText.\n")
    (tmp_path / "skip.txt").write_text("Skipped\nText.\n")
    run_cli(tmp_path, "--to", "json", "--glob", "*.md", check=True)
    assert (tmp_path / "keep.json").exists() and not (tmp_path / "skip.json").exists()


def test_ctrl_c_leaves_no_partial_files(tmp_path):
    for index in range(400):
        (tmp_path / f"d{index:03}.txt").write_text(f"Doc {index}\n" + "A line of text.\n" * 200)
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "convert", str(tmp_path), "--to", "json", "-o", str(out), "-j", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, start_new_session=True,
    )
    deadline = time.time() + 20
    while not (out.exists() and any(out.iterdir())) and time.time() < deadline:
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGINT)  # like Ctrl-C: the whole process group
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr
    leftovers = [p.name for p in out.rglob("*") if "convert-part" in p.name]
    assert leftovers == []
    assert all(p.stat().st_size > 0 for p in out.rglob("*.json"))


def test_ci_shell_example(tmp_path):
    """examples/ci/convert-folder.sh: outputs, a report, exit code 1 on a bad input."""
    source = make_corpus(tmp_path / "docs", count=3)
    out = tmp_path / "build"
    env = {**os.environ, "CONVERT_SKIP_INSTALL": "1", "CI": "true",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(["bash", str(ROOT / "examples" / "ci" / "convert-folder.sh"), str(source), str(out)],
                            capture_output=True, text=True, env=env, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "failed: " in result.stderr and "broken.txt" in result.stderr
    report = json.loads((out / "report.json").read_text())
    assert report["totals"]["ok"] == 3 and report["totals"]["failed"] == 2


def test_terminal_gets_a_progress_bar(tmp_path):
    """On an interactive terminal (a pseudo-terminal here) the batch draws a bar."""
    import fcntl
    import pty
    import struct
    import termios

    for index in range(3):
        (tmp_path / f"d{index}.txt").write_text(f"Doc {index}\nText.\n")
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a 100-column terminal
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    process = subprocess.Popen([sys.executable, "-m", "convert", str(tmp_path), "--to", "json", "-j", "1"],
                               stdin=follower, stdout=follower, stderr=follower, env=env, cwd=ROOT)
    os.close(follower)
    output = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed: the process is done
            break
        if not chunk:
            break
        output += chunk
    os.close(leader)
    assert process.wait(timeout=30) == 0
    text = output.decode("utf-8", "replace")
    assert "3/3" in text and "\r" in text  # tqdm redraws the line in place
    assert "3 converted, 0 failed, 0 skipped" in text


def test_quiet_and_verbose(tmp_path):
    for index in range(2):
        (tmp_path / f"d{index}.txt").write_text(f"Doc {index}\n3. Starts at three\nText.\n")
    out = tmp_path / "out"
    quiet = run_cli(tmp_path, "--to", "json", "-o", out, "-q")
    assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == ""
    verbose = run_cli(tmp_path, "--to", "json", "-o", out, "-v", "-j", "1")
    assert sorted(verbose.stdout.split()) == [str(out / "d0.json"), str(out / "d1.json")]
    assert "headline numbering starts at 3" in verbose.stderr  # warnings
    assert "one paragraph per line" in verbose.stderr  # and the reader's decisions
    assert "2 converted, 0 failed, 0 skipped" in verbose.stderr
